# man: the man pages pass mandoc -Tlint and groff -ww; every option of every command's
# --help is in that command's section of oomrisk(1) and in its SYNOPSIS
# line, and the man page names no option the command lacks; the [protect]
# example of oomrisk.conf(5) matches a real postgres command line, as an
# extended regular expression and in `oomrisk check`.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/help-lib.sh"
. "$srcdir/tests/cgroup-lib.sh"

MAN1=$srcdir/man/oomrisk.1
MAN5=$srcdir/man/oomrisk.conf.5
tmp=$(mktemp -d)
cg_dir='' hogpid=''
cleanup() {
	[ -n "$hogpid" ] && kill "$hogpid" 2>/dev/null && wait "$hogpid" 2>/dev/null
	memcg_destroy
	rm -rf "$tmp"
}
trap cleanup EXIT

if command -v mandoc >/dev/null; then
	for page in "$MAN1" "$MAN5"; do
		mandoc -Tlint -Wall "$page" >"$tmp/lint" 2>&1
		st=$?
		sed 's/^/# /' "$tmp/lint"
		[ $st -eq 0 ] && [ ! -s "$tmp/lint" ]
		ok $? "mandoc -Tlint: ${page##*/} without a message"
	done
else
	skip "mandoc -Tlint" "mandoc not installed (build-aux/debian-packages-tests)"
fi
if command -v groff >/dev/null; then
	for page in "$MAN1" "$MAN5"; do
		groff -man -ww -z "$page" >"$tmp/groff" 2>&1
		st=$?
		sed 's/^/# /' "$tmp/groff"
		[ $st -eq 0 ] && [ ! -s "$tmp/groff" ]
		ok $? "groff -ww: ${page##*/} without a warning"
	done
else
	skip "groff -ww" "groff not installed"
fi

# The option words of roff lines: \- is -, fonts and quotes go, VALUE after
# = goes.
roff_options() {
	sed 's/\\-/-/g; s/\\f[BIRP]//g; s/\\(bv/ /g; s/["[]/ /g; s/]/ /g' | tr ' ' '\n' |
		grep -E '^--?[A-Za-z?]' | sed 's/=.*//' | LC_ALL=C sort -u
}
man_section() {	# man_section CMD: the lines of .SS CMD
	awk -v cmd="$1" '$0 == ".SS " cmd { on = 1; next } on && /^\.S[SH] / { exit } on' "$MAN1"
}
man_tags() {	# man_tags CMD: the options in the .TP tags of its section
	man_section "$1" | awk 'tp { print; tp = 0; next } /^\.TP/ { tp = 1 }' | roff_options
}
man_synopsis() {	# man_synopsis CMD: the options of its SYNOPSIS line
	awk -v cmd="$1" '/^\.SH SYNOPSIS/ { on = 1; next } on && /^\.SH / { exit }
		on && /^\.br/ { this = 0; next } on && $0 == ".B oomrisk " cmd { this = 1; next }
		this' "$MAN1" | roff_options
}
flat() { tr '\n' ' ' | sed 's/ $//'; }

for cmd in $(help_commands); do
	help_option_pairs "$cmd" | grep -v -e ' --help$' >"$tmp/pairs"
	want=$(tr ' ' '\n' <"$tmp/pairs" | grep -v '^-$' | LC_ALL=C sort | flat)
	is "$(man_tags "$cmd" | flat)" "$want" "oomrisk.1 $cmd: the options of its --help, no other"
	man_synopsis "$cmd" >"$tmp/syn"
	[ -s "$tmp/syn" ]
	ok $? "SYNOPSIS has a line for $cmd"
	missing=$(while read -r s l; do grep -qx -e "$s" -e "$l" "$tmp/syn" || echo "$l"; done <"$tmp/pairs" | flat)
	is "$missing" "" "SYNOPSIS $cmd: every option of its --help"
	extra=$(tr ' ' '\n' <"$tmp/pairs" | LC_ALL=C sort | LC_ALL=C comm -13 - "$tmp/syn" | flat)
	is "$extra" "" "SYNOPSIS $cmd: no option it lacks"
done
is "$(help_option_pairs | flat)" "-h --help -V --version" "oomrisk --help: -h and -V"
man_synopsis_top=$(awk '/^\.SH SYNOPSIS/ { on = 1; next } on && /^\.SH / { exit } on' "$MAN1" |
	awk '/^\.br/ { n++ } n == 1' | roff_options | flat)
is "$man_synopsis_top" "-V -h" "SYNOPSIS: oomrisk [-h|-V]"
awk '/^\.SH DESCRIPTION/ { on = 1; next } on && /^\.SH / { exit } on' "$MAN1" | roff_options >"$tmp/desc"
is "$(flat <"$tmp/desc")" "--help --version -V -h" "DESCRIPTION: every command's -h, --help; -V, --version"

# oomrisk.conf(5)'s [protect] example against a postgres postmaster's real
# command line (Debian's postgresql-15).
sed -n '/^\.SH EXAMPLE/,/^\.SH /p' "$MAN5" | sed -n 's/^pattern = //p' | sed 's/\\-/-/g; s/\\e/\\/g' \
	>"$tmp/patterns"
pg=$(grep postgres "$tmp/patterns")
[ -n "$pg" ]
ok $? "the example protects postgres: $pg"
pgcmd="/usr/lib/postgresql/15/bin/postgres -D /var/lib/postgresql/15/main -c config_file=/etc/postgresql/15/main/postgresql.conf"
printf '%s\n' "$pgcmd" | grep -Eq -- "$pg"
ok $? "as an ERE it matches the postmaster's command line"
for other in "postgres: 15/main: checkpointer" "/usr/lib/postgresql/15/bin/postgresx -D x" \
    "/usr/lib/postgresql/15/bin/pg_ctl -D x"; do
	printf '%s\n' "$other" | grep -Eq -- "$pg"
	is $? 1 "and not '$other'"
done
printf '%s\n' "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups" |
	grep -Eq -- "$(grep sshd "$tmp/patterns")"
ok $? "the sshd example matches sshd's listener"

# The same through oomrisk: a task with the postmaster's command line,
# alone in a memory cgroup, is that cgroup's top candidate; check names it.
if [ "$(id -u)" -ne 0 ] || ! command -v bash >/dev/null || ! memcg_mount >/dev/null; then
	skip "check reports the protected postmaster" "needs root, bash and a memory cgroup controller"
	done_testing
fi
memcg_create "oomrisk-man-$$" 268435456
ok $? "made memory cgroup $cg_path"
# bash's exec -a sets argv[0]; memhog stops at -- and ignores the rest.
bash -c 'exec -a "$0" "$@"' /usr/lib/postgresql/15/bin/postgres "$MEMHOG" -g "$cg_dir" -m 8 \
	-r "$tmp/ready" -- -D /var/lib/postgresql/15/main -c config_file=/etc/postgresql/15/main/postgresql.conf &
hogpid=$!
wait_ready "$tmp/ready"
ok $? "the pretend postmaster is running"
{ echo "[protect]"; sed 's/^/pattern = /' "$tmp/patterns"; } >"$tmp/protect.conf"
"$OOMRISK" check -c "$tmp/protect.conf" -s "$tmp/state" -g "$cg_dir" -f json >"$tmp/check.json" 2>"$tmp/err"
jq -r '.checks[] | select(.check == "protect") | .message' "$tmp/check.json" >"$tmp/protect"
sed 's/^/# /' "$tmp/protect"
grep -q "^protect: $hogpid (memhog) is the top candidate in $cg_path (matches \[protect\] pattern on line 2)$" \
	"$tmp/protect"
ok $? "check: the postmaster is the protected top candidate of its cgroup"
done_testing
