#!/bin/sh
# summary.sh LOG...: after Automake's test driver, the suite's closing
# lines: the slowest tests (from tests/timed.sh's "# time:" comments), the
# CPU time of all and the most costly ("# cpu:"), and
# "N passed, N failed, N skipped", counting TAP test points in the .trs
# files the driver wrote (a test that crashed, ERROR, counts as a failure).
for log in "$@"; do
	t=$(sed -n 's/^# time: \([0-9.]*\) s$/\1/p' "$log" 2>/dev/null | tail -1)
	[ -n "$t" ] && echo "$t $log"
done | sort -rn | head -5 | awk 'NR == 1 { printf "slowest:" } { printf " %s (%.1f s)", $2, $1 } END { if (NR) print "" }'
# CPU: what two jobs at a time cannot overlap.
for log in "$@"; do
	t=$(sed -n 's/^# cpu: \([0-9.]*\) s .*/\1/p' "$log" 2>/dev/null | tail -1)
	[ -n "$t" ] && echo "$t $log"
done | sort -rn | awk '{ all += $1 } NR <= 5 { top = top sprintf(" %s (%.1f s)", $2, $1) }
	END { if (NR) printf "cpu: %.1f s in all; most:%s\n", all, top }'
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
