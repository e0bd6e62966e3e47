# check-interrupt: SIGKILL `check` at many different instants of its run
# (reading, evaluating, writing the state); after every kill the next run
# must read the state file without complaint.  The state is replaced by
# rename(2) after fsync, and temporary files of killed runs are removed by
# the next run, which holds the lock.
. "$srcdir/tests/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
st=$tmp/state
"$OOMRISK" check -c /dev/null -s "$st" >/dev/null 2>&1
test -s "$st"
ok $? "a first run writes the state"
runs=${CHECK_INTERRUPTS:-60}
bad=0 killed=0
i=0
while [ $i -lt $runs ]; do
	# Delays from 0 to ~150 ms, spread over a run (about 0.1 s here).
	delay=$(printf '0.%03d' $(( (i * 37) % 150 )))
	"$OOMRISK" check -c /dev/null -s "$st" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
	wait "$pid" 2>/dev/null
	"$OOMRISK" check -c /dev/null -s "$st" >/dev/null 2>"$tmp/err"
	if grep -q "state unusable" "$tmp/err"; then
		bad=$((bad + 1))
		sed 's/^/# /' "$tmp/err"
	fi
	i=$((i + 1))
done
echo "# $killed of $runs runs were killed before they finished"
is "$bad" 0 "after every interrupted run the state is readable"
ok $((killed == 0)) "some runs were really interrupted"
set -- "$st".tmp.*
test ! -e "$1"
ok $? "no temporary file is left behind"
done_testing
