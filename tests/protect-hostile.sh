# protect-hostile: protect patterns against a command line a local user
# controls (issue 11, finding 11).  The hog's command line is 8 KB of
# letters and a '!'; it is the would-be victim of its own memory cgroup,
# so audit and check match the patterns against it.  On main glibc took
# 40 s and more for ([a-z]+ ?){1,100}$ (its unanchored search restarts at
# every offset) and minutes with a backreference; now the backreference
# is refused and the pattern is matched in one pass.  Times are only
# bounded generously (a hang detector): the figures are in bench/regex.c.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/cgroup-lib.sh"
need_root
memcg_mount >/dev/null || skip_all "no memory cgroup controller mounted"

tmp=$(mktemp -d)
hogs=
cleanup() { memcg_destroy; [ -n "$hogs" ] && kill $hogs 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
memcg_create "oomrisk-protect-$$" 268435456 || skip_all "cannot create a memory cgroup here"
long=$(head -c 8000 /dev/zero | tr '\0' a)!
"$MEMHOG" -g "$cg_dir" -m 8 -n rxhog -r "$tmp/ready" "$long" &
hogs=$!
wait_ready "$tmp/ready"
hog=$(cat "$tmp/ready")
[ "$(wc -c <"/proc/$hog/cmdline")" -gt 8000 ]
ok $? "the hog runs with an 8 KB argument"

hostile='([a-z]+ ?){1,100}$'
timeout 30 "$OOMRISK" audit -p "$hostile" -p 'rxhog' --format=json >"$tmp/audit.json" 2>"$tmp/err"
is "$?" 0 "audit with $hostile finishes (30 s allowed; main took 40 s and more)"
jq -r '.findings[] | select(.id == "protected-victim") | .pids[]' "$tmp/audit.json" | grep -qx "$hog"
ok $? "and still reports the hog, the cgroup's victim, as protected (it matches rxhog)"

printf '[check]\ncgroup_warn = off\ncgroup_crit = off\n[protect]\npattern = %s\n' "$hostile" \
	>"$tmp/c.conf"
timeout 30 "$OOMRISK" check -c "$tmp/c.conf" -s "$tmp/st" -g "$cg_path" >/dev/null 2>"$tmp/err"
st=$?
[ "$st" -ne 124 ]
ok $? "check with it in [protect] finishes too (exit $st)"

timeout 30 "$OOMRISK" audit -p '(.*)\1b' >/dev/null 2>"$tmp/err"
is "$?" 1 "a backreference is refused (main: minutes of backtracking)"
is "$(head -1 "$tmp/err")" "oomrisk: audit: --protect: '(.*)\\\\1b': backreference \\1: glibc matches it by backtracking, which takes minutes on a long command line" \
	"saying why"
printf '[protect]\npattern = (a{1,255}){1,255}\n' >"$tmp/big.conf"
timeout 30 "$OOMRISK" check -c "$tmp/big.conf" -s "$tmp/st" >"$tmp/out" 2>&1
is "$?" 3 "a pattern that expands past 4096 parts: UNKNOWN, naming file:line"
grep -q "big.conf:2: pattern: '(a{1,255}){1,255}': its repetitions expand to more than 4096 parts" "$tmp/out"
ok $? "$(head -1 "$tmp/out")"
done_testing
