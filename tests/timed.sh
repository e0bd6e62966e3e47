#!/bin/sh
# timed.sh: run one test (a test binary, or "sh script.sh") for Automake's
# TAP driver and add its wall time as a TAP comment, "# time: 1.23 s", so
# that tests/summary.sh can list the slow ones, and the CPU time of all it
# ran, "# cpu: 0.80 s (user 0.50, sys 0.30)": what make -j2 check cannot
# overlap.
start=$(date +%s.%N)
"$@"
status=$?
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "# time: %.2f s\n", e - s }'
# The children's CPU time from the kernel (cutime, cstime: fields 16 and
# 17 of stat), read by the shell itself: a subshell would count its own.
read -r stat </proc/$$/stat
echo "${stat##*) }" | awk -v hz="$(getconf CLK_TCK)" '{
	u = $14 / hz; s = $15 / hz
	printf "# cpu: %.2f s (user %.2f, sys %.2f)\n", u + s, u, s }'
exit $status
