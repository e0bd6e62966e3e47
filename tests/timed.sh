#!/bin/sh
# timed.sh: run one test (a test binary, or "sh script.sh") for Automake's
# TAP driver and add its wall time as a TAP comment, "# time: 1.23 s", so
# that tests/summary.sh can list the slow ones.
start=$(date +%s.%N)
"$@"
status=$?
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "# time: %.2f s\n", e - s }'
exit $status
