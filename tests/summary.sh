#!/bin/sh
# summary.sh LOG...: after Automake's test driver, the suite's closing
# lines: the slowest tests (from tests/timed.sh's "# time:" comments) and
# "N passed, N failed, N skipped", counting TAP test points in the .trs
# files the driver wrote (a test that crashed, ERROR, counts as a failure).
for log in "$@"; do
	t=$(sed -n 's/^# time: \([0-9.]*\) s$/\1/p' "$log" 2>/dev/null | tail -1)
	[ -n "$t" ] && echo "$t $log"
done | sort -rn | head -5 | awk 'NR == 1 { printf "slowest:" } { printf " %s (%.1f s)", $2, $1 } END { if (NR) print "" }'
for log in "$@"; do
	trs=${log%.log}.trs
	[ -f "$trs" ] && cat "$trs"
done | awk '
	/^:test-result: PASS/ { p++ }
	/^:test-result: (FAIL|ERROR|XPASS)/ { f++ }
	/^:test-result: SKIP/ { s++ }
	/^:test-result: XFAIL/ { x++ }
	END {
		if (x) printf "%d known failures (TAP TODO) are not counted below\n", x
		printf "%d passed, %d failed, %d skipped\n", p, f, s
	}'
