# files-hostile: what check and export read and write, tried as a hostile
# local user would (issue 11, findings 1, 2, 3 and 8).  As root: symbolic
# links planted by user nobody in a directory nobody owns at every name
# oomrisk may use as a temporary, a private character device given to
# check -s and export -o; /dev/zero, a FIFO and a 3 GiB file as config and
# state (bounded time and memory, a clear error); export's leftovers.
# Everything it writes is under its own temporary directory.
. "$srcdir/tests/lib.sh"

base=$(mktemp -d)
chmod 755 "$base"
pids=
cleanup() { [ -n "$pids" ] && kill $pids 2>/dev/null; wait 2>/dev/null; rm -rf "$base"; }
trap cleanup EXIT
root=$([ "$(id -u)" -eq 0 ] && echo 1)
nobody=$(command -v setpriv >/dev/null && id nobody >/dev/null 2>&1 && [ -n "$root" ] && echo 1)
as_nobody() { setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups "$@"; }
# timed SECONDS CMD...: run with a deadline and, unless the binary is built
# with ASan (which reserves terabytes of address space), at most 1 GiB of
# it: a binary that reads /dev/zero whole must not take the machine with
# it.  Peak RSS (kB, 0 unknown) in $rss.
asan=$(ldd "$OOMRISK" 2>/dev/null | grep -c libasan)
timed() {
	t=$1
	shift
	echo 0 >"$base/rss"
	(
		[ "$asan" -eq 0 ] && ulimit -v 1048576
		if [ -x /usr/bin/time ]; then
			exec timeout "$t" /usr/bin/time -o "$base/rss" -f %M "$@"
		else
			exec timeout "$t" "$@"
		fi
	)
	_st=$?
	rss=$(tail -1 "$base/rss")
	return $_st
}
conf=$base/c.conf
printf '[check]\nmem_available_warn = off\nmem_available_crit = off\n' >"$conf"

# ---- 1. check -s / export -o on what is not theirs to replace -------------
# Never the machine's /dev/null: on main, check -s /dev/null replaced it
# with a regular file.  A private null device in our directory instead.
if [ -n "$root" ] && mknod -m 666 "$base/null" c 1 3 2>/dev/null; then
	"$OOMRISK" check -c "$conf" -s "$base/null" >"$base/out" 2>"$base/err"
	is "$?" 3 "check -s on a null device: UNKNOWN (3)"
	is "$(head -1 "$base/out")" "OOMRISK UNKNOWN - $base/null: is a character device, not a regular file" \
		"saying why"
	test -c "$base/null" && [ ! -e "$base/null.lock" ]
	ok $? "it is still a device, and no null.lock was made beside it"
else
	for i in 1 2 3; do skip "check -s on a null device" "needs root (mknod)"; done
fi

cp "$srcdir/etc/oomrisk.conf" "$base/copy.conf"
"$OOMRISK" check -c "$conf" -s "$base/copy.conf" >"$base/out" 2>&1
is "$?" 3 "check -s on a copy of oomrisk.conf: UNKNOWN, not 'state unusable, rebuilt'"
cmp -s "$srcdir/etc/oomrisk.conf" "$base/copy.conf"
ok $? "the configuration is unchanged"
grep -q "is not an oomrisk state file" "$base/out"
ok $? "saying it is not a state file"

mkfifo "$base/fifo"
timed 10 "$OOMRISK" check -c "$conf" -s "$base/fifo" >"$base/out" 2>&1
is "$?" 3 "check -s FIFO: UNKNOWN at once, no hang holding the lock"
grep -q "is a FIFO, not a regular file" "$base/out"
ok $? "saying it is a FIFO"

if [ -n "$root" ] && mknod "$base/chr" c 1 3 2>/dev/null; then
	"$OOMRISK" check -c "$conf" -s "$base/chr" >"$base/out" 2>&1
	is "$?" 3 "check -s on a private character device: UNKNOWN"
	"$OOMRISK" export -c "$conf" -o "$base/chr" >"$base/out" 2>&1
	is "$?" 2 "export -o on it: exit 2"
	is "$(cat "$base/out")" "oomrisk: export: $base/chr: is a character device; oomrisk replaces only a regular file" \
		"saying why"
	test -c "$base/chr"
	ok $? "the device is still a device"
else
	for i in 1 2 3 4; do skip "a private character device" "needs root (mknod)"; done
fi
"$OOMRISK" export -c "$conf" -o /proc/self/fd/1 >/dev/null 2>"$base/err"
is "$?" 2 "export -o /proc/self/fd/1: exit 2, the link is not replaced"
"$OOMRISK" export -c "$conf" -o "$base/fifo" >/dev/null 2>&1
is "$?" 2 "export -o FIFO: exit 2"
test -p "$base/fifo"
ok $? "the FIFO is still a FIFO"

# ---- 2. symbolic links planted at the temporaries' names -------------------
# main made FILE.tmp.PID with O_CREAT|O_TRUNC and followed a link there.
# In a new pid namespace oomrisk is pid 1, so those names are known; the
# names it makes now are random and opened with O_EXCL|O_NOFOLLOW
# (test-fileio plants a link at every name it tries).
if [ -n "$nobody" ] && unshare --pid --fork --mount-proc true 2>/dev/null; then
	# nobody's home, and in it the directory root writes to (a textfile
	# collector directory a service user owns).
	mkdir "$base/nb" "$base/nb/shared"
	chown nobody "$base/nb" "$base/nb/shared"
	printf 'root only\n' >"$base/secret"
	chmod 600 "$base/secret"
	planted=0
	for p in $(seq 1 20); do
		for f in oomrisk.prom state; do
			as_nobody ln -s "$base/secret" "$base/nb/shared/$f.tmp.$p" &&
				planted=$((planted + 1))
		done
	done
	is "$planted" 40 "nobody planted 40 links (PIDs 1-20) in a directory it owns"
	for i in 1 2 3; do
		unshare --pid --fork --mount-proc "$OOMRISK" export -c "$conf" \
			-o "$base/nb/shared/oomrisk.prom" >/dev/null 2>"$base/err"
		unshare --pid --fork --mount-proc "$OOMRISK" check -c "$conf" \
			-s "$base/nb/shared/state" >/dev/null 2>>"$base/err"
	done
	is "$(cat "$base/secret")" "root only" "root's export and check wrote nothing through them"
	test -f "$base/nb/shared/oomrisk.prom" && [ ! -L "$base/nb/shared/oomrisk.prom" ] &&
		head -1 "$base/nb/shared/oomrisk.prom" | grep -q '^# HELP oomrisk_'
	ok $? "oomrisk.prom is a regular file of metrics, not a link to the secret"
	test -f "$base/nb/shared/state" && [ ! -L "$base/nb/shared/state" ] &&
		head -1 "$base/nb/shared/state" | grep -qx 'oomrisk-state 1'
	ok $? "the state is a regular state file"
	# nobody swaps the directory itself for a link to one root owns.
	mkdir "$base/etc"
	printf 'keep\n' >"$base/etc/oomrisk.prom"
	as_nobody mv "$base/nb/shared" "$base/nb/shared.old" &&
		as_nobody ln -s "$base/etc" "$base/nb/shared"
	ok $? "nobody replaced its directory with a link to root's"
	"$OOMRISK" export -c "$conf" -o "$base/nb/shared/oomrisk.prom" >/dev/null 2>"$base/err"
	is "$?" 2 "root's export -o through that link: exit 2"
	is "$(cat "$base/etc/oomrisk.prom")" "keep" "and nothing written there"
	grep -q "another user could have made" "$base/err"
	ok $? "saying why: $(cat "$base/err")"
else
	for i in 1 2 3 4 5 6 7 8; do
		skip "links planted by nobody" "needs root, setpriv, user nobody and unshare"
	done
fi

# ---- 3. configuration and state that would hang or eat memory --------------
for what in "check -c" "export -c" "audit -c" "top -b -n 1 -C" "env" "check -s" "export -s"; do
	for f in /dev/zero "$base/fifo"; do
		case $what in
		env) set -- env OOMRISK_CONFIG="$f" "$OOMRISK" export ;;
		"check -s") set -- "$OOMRISK" check -c "$conf" -s "$f" ;;
		"export -s") set -- "$OOMRISK" export -c "$conf" -s "$f" ;;
		*) set -- "$OOMRISK" $what "$f" ;;
		esac
		timed 10 "$@" >"$base/out" 2>&1
		st=$?
		[ "$st" -ne 124 ] && [ "$st" -ne 0 ] && grep -q "$f: is a \(character device\|FIFO\), not a regular file" "$base/out" &&
			[ "$rss" -lt 200000 ]
		ok $? "$what $f: refused at once (exit $st, $rss kB): $(head -1 "$base/out")"
	done
done
truncate -s 3G "$base/big"
timed 10 "$OOMRISK" check -s "$base/st" -c "$base/big" >"$base/out" 2>&1
st=$?
is "$st" 3 "a 3 GiB configuration: UNKNOWN"
[ "$rss" -lt 200000 ] && grep -q "big: larger than 1048576 bytes" "$base/out"
ok $? "without reading it ($rss kB peak)"
timed 10 "$OOMRISK" export -c "$conf" -s "$base/big" >/dev/null 2>"$base/err"
is "$?" 2 "a 3 GiB state file for export: exit 2"
[ "$rss" -lt 200000 ]
ok $? "and it was not read ($rss kB peak)"

# ---- 8. export removes its own leftovers -----------------------------------
mkdir "$base/tf"
for s in Ab3dE9 4242 x7Y2qQ; do printf 'half\n' >"$base/tf/oomrisk.prom.tmp.$s"; done
touch -d '1 hour ago' "$base/tf/oomrisk.prom.tmp.Ab3dE9" "$base/tf/oomrisk.prom.tmp.4242"
ln -s "$base/secret" "$base/tf/oomrisk.prom.tmp.link"
"$OOMRISK" export -c "$conf" -o "$base/tf/oomrisk.prom" >/dev/null
is "$?" 0 "export -o with leftovers of killed runs"
set -- "$base"/tf/oomrisk.prom.tmp.*
is "$*" "$base/tf/oomrisk.prom.tmp.link $base/tf/oomrisk.prom.tmp.x7Y2qQ" \
	"the old ones are gone; a young one (a run may be writing it) and a link stay"
# Killed runs, for real: what they leave has the same names.
killed=0
for i in $(seq 1 40); do
	"$OOMRISK" export -c "$conf" -o "$base/tf/oomrisk.prom" >/dev/null 2>&1 &
	p=$!
	sleep "0.0$((i % 10))"
	kill -9 "$p" 2>/dev/null && killed=$((killed + 1))
	wait "$p" 2>/dev/null
done
left=$(ls "$base/tf" | grep -c '^oomrisk\.prom\.tmp\.[A-Za-z0-9]*$')
echo "# $killed of 40 export runs killed; $left temporaries left (x7Y2qQ among them)"
touch -h -d '1 hour ago' "$base"/tf/oomrisk.prom.tmp.*
"$OOMRISK" export -c "$conf" -o "$base/tf/oomrisk.prom" >/dev/null
set -- "$base"/tf/oomrisk.prom.tmp.*
is "$*" "$base/tf/oomrisk.prom.tmp.link" "after them, the next run leaves none of its own"
done_testing
