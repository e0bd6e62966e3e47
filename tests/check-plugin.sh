# check-plugin: what check's monitoring output gives away to a local user,
# and what it owns up to (issue 11, findings 4 and 9).
#  4: a process named "x|'fake'=99" put a second '|' into the status line
#     (Nagios and Icinga take perfdata from the first '|' on any line), so
#     any user could inject perfdata; cgroup paths in perfdata labels too.
#  9: a state that cannot be saved gave "state": {"status": "ok"} and exit 0.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/cgroup-lib.sh"

tmp=$(mktemp -d)
hogs=
cleanup() { memcg_destroy; [ -n "$hogs" ] && kill $hogs 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
off() {	# a [check] with every level off, then the given lines
	echo "[check]"
	for m in mem_available swap_free zone psi_some_avg10 psi_some_avg60 psi_full_avg10 \
	    psi_full_avg60 commit top_share oom_kills growth cgroup; do
		echo "${m}_warn = off"
		echo "${m}_crit = off"
	done | grep -v "^\($1\)_"
	shift
	for l in "$@"; do echo "$l"; done
}
pipes() { head -1 "$1" | tr -cd '|' | wc -c; }

# ---- 4. a name and a cgroup path with '|', "'" and "=" ----------------------
hogname="x|'fake'=99"
if [ "$(id -u)" -eq 0 ] && memcg_mount >/dev/null &&
    memcg_create "oomrisk|'cg'=1-$$" 268435456; then
	"$MEMHOG" -g "$cg_dir" -m 16 -n "$hogname" -r "$tmp/ready" &
	hogs="$hogs $!"
	wait_ready "$tmp/ready"
	hog=$(cat "$tmp/ready")
	off cgroup "cgroup_warn = 0%" >"$tmp/c.conf"
	"$OOMRISK" check -c "$tmp/c.conf" -s "$tmp/st" -g "$cg_path" >"$tmp/out" 2>"$tmp/err"
	is "$?" 1 "a cgroup over its warning level: WARNING"
	grep -q "its top candidate $hog (x\\\\x7c'fake'=99)" "$tmp/out"
	ok $? "the name is in the status line with its '|' escaped"
	grep -q "^OOMRISK WARNING - cgroup /oomrisk\\\\x7c'cg'=1-$$ " "$tmp/out"
	ok $? "and so is the cgroup path's"
	is "$(pipes "$tmp/out")" 1 "the status line has exactly one '|'"
	perf=$(head -1 "$tmp/out" | sed 's/^[^|]*| //')
	echo "$perf" | grep -q "^'cgroup /oomrisk\\\\x7c\\\\x27cg\\\\x27\\\\x3d1-$$'=[0-9.]*%;0.00;98.00;0;100"
	ok $? "the perfdata label escapes '|', ' and = ($(echo "$perf" | cut -c1-60))"
	"$OOMRISK" check -c "$tmp/c.conf" -s "$tmp/st" -g "$cg_path" -v >"$tmp/outv" 2>&1
	is "$(grep -c '|' "$tmp/outv")" 1 "-v: no '|' on the long output lines either"
	"$OOMRISK" check -c "$tmp/c.conf" -s "$tmp/st" -g "$cg_path" --format=json >"$tmp/json"
	is "$(jq -r '.checks[] | select(.check == "cgroup") | .label' "$tmp/json")" \
		"cgroup /oomrisk|'cg'=1-$$" "JSON keeps the label as it is (JSON escapes it)"
else
	for i in 1 2 3 4 5 6 7; do skip "a cgroup with '|' in its path" "needs root and a memory cgroup"; done
fi

# Whoever the top candidate is, the status line has one '|'.  A hog with
# the same name and adj 1000 is likely to be it.
"$MEMHOG" -a 1000 -m 64 -n "$hogname" -r "$tmp/ready2" &
hogs="$hogs $!"
wait_ready "$tmp/ready2"
off top_share "top_share_warn = 0%" >"$tmp/t.conf"
"$OOMRISK" check -c "$tmp/t.conf" -s "$tmp/st2" >"$tmp/out" 2>&1
is "$?" 1 "top_share over 0%: WARNING"
is "$(pipes "$tmp/out")" 1 "the status line has one '|' whoever the top candidate is"
grep -q "top candidate $(cat "$tmp/ready2") " "$tmp/out" &&
	{ grep -q "(x\\\\x7c'fake'=99)" "$tmp/out"; ok $? "our hog, escaped"; } ||
	skip "our hog, escaped" "another task is the top candidate"

# ---- 9. a state that cannot be saved ----------------------------------------
# Its temporary's name would be too long (a name of 250 bytes + ".tmp.XXXXXX").
long=$tmp/$(printf 's%.0s' $(seq 250))
off mem_available "mem_available_warn = off" >"$tmp/q.conf"
"$OOMRISK" check -c "$tmp/q.conf" -s "$long" >"$tmp/out" 2>"$tmp/err"
is "$?" 1 "a state that cannot be saved: WARNING (exit 1), not OK"
grep -q "^OOMRISK WARNING - state not saved: $long: cannot create a temporary file next to it: File name too long; " "$tmp/out"
ok $? "the status line says so"
"$OOMRISK" check -c "$tmp/q.conf" -s "$long" --format=json >"$tmp/json" 2>/dev/null
is "$(jq -r '.status, .state.saved, (.state.save_error | test("File name too long")), ([.checks[] | select(.check == "state")][0].status)' "$tmp/json" | tr '\n' ' ')" \
	"WARNING false true WARNING " "JSON: status WARNING, state.saved false, save_error, a 'state' check"
# The issue's case: a directory the user may no longer write to.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
	mkdir "$tmp/ro"
	chmod 711 "$tmp"
	cp "$tmp/q.conf" "$tmp/ro/q.conf"
	chown -R nobody "$tmp/ro"
	run() { setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups \
		env HOME=/nonexistent "$OOMRISK" check -c "$tmp/ro/q.conf" -s "$tmp/ro/state" "$@"; }
	run >/dev/null 2>&1
	is "$?" 0 "nobody: a first run saves its state"
	chmod 555 "$tmp/ro"
	run --format=json >"$tmp/json" 2>/dev/null
	is "$?" 1 "the directory read-only: WARNING"
	is "$(jq -r '.state.status, .state.saved' "$tmp/json" | tr '\n' ' ')" "ok false " \
		"JSON: the old state was read (ok), this one not saved"
	jq -r .summary "$tmp/json" | grep -q "state not saved: .*Permission denied"
	ok $? "the summary says why"
	chmod 755 "$tmp/ro"
else
	for i in 1 2 3 4; do skip "a read-only state directory" "needs root, setpriv and user nobody"; done
fi
done_testing
