# explain-live: provoke a real memcg OOM in a throwaway cgroup (like
# rank-memcg.sh) and explain it from the kernel's own log, read without
# arguments (/dev/kmsg or klogctl): the report must be found, its limit and
# victim must be what we set up, and the replay must agree with the kernel.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/cgroup-lib.sh"
need_root
command -v jq >/dev/null || skip_all "needs jq"
memcg_mount >/dev/null || skip_all "no memory cgroup controller mounted"

tmp=$(mktemp -d)
name=oomrisk-explain-$$
cleanup() { memcg_destroy; rm -rf "$tmp"; }
trap cleanup EXIT
memcg_create "$name" 67108864 || skip_all "cannot create a memory cgroup here"

# A holds 30 MiB at oom_score_adj 500; B grows past the 64 MiB limit.
"$MEMHOG" -g "$cg_dir" -a 500 -m 30 -n oomxA -r "$tmp/A" &
wait_ready "$tmp/A"
A=$(cat "$tmp/A")
"$MEMHOG" -g "$cg_dir" -m 48 -s 4 -t 20 -n oomxB -r "$tmp/B" -x
wait_gone "$A"
kill -0 "$A" 2>/dev/null
ok $((! $?)) "A was killed"
sleep 0.5

"$OOMRISK" explain --format=json >"$tmp/all.json"
ok $? "explain with no argument reads the kernel log"
jq --arg m "/$name" '[.reports[] | select(.memcg == $m)] | first' "$tmp/all.json" >"$tmp/r.json"
is "$(jq -r '.kind' "$tmp/r.json")" memcg "our report: kind memcg"
is "$(jq -r '.memcg_limits.limit_kb' "$tmp/r.json")" 65536 "limit 64 MiB as printed"
is "$(jq -r '.victim.pid' "$tmp/r.json")" "$A" "victim is A"
is "$(jq -r '.victim.comm' "$tmp/r.json")" oomxA "victim comm"
is "$(jq -r '.victim.oom_score_adj' "$tmp/r.json")" 500 "victim oom_score_adj 500"
is "$(jq -r '.invoker.comm' "$tmp/r.json")" oomxB "the invoker is B, a bystander"
is "$(jq -r '.replay.agrees' "$tmp/r.json")" true "replay reproduces the kernel's choice"
is "$(jq -r '.replay.victim_pid' "$tmp/r.json")" "$A" "replay picks A"
is "$(jq -r '.cause.class' "$tmp/r.json")" memcg-limit "cause: memcg limit"
is "$(jq -r '.complete' "$tmp/r.json")" true "the report is complete"

# Live-log honesty: kmsg records are named by sequence number, times are
# estimated from the boot time, and --since filters on those times.
if [ "$(jq -r '.source' "$tmp/r.json")" = kmsg ]; then
	jq -e '.line == null and (.kmsg_seq | type) == "number" and .time_estimated == true' \
		"$tmp/r.json" >/dev/null
	ok $? "kmsg: a record number, no line number; the time is estimated"
	"$OOMRISK" explain >"$tmp/all.txt"
	grep -q "^OOM report [0-9]* at kmsg record [0-9]*$" "$tmp/all.txt"
	ok $? "text: 'at kmsg record N'"
	grep -q "(estimated from the boot time)" "$tmp/all.txt"
	ok $? "text: the wall-clock time is said to be estimated"
else
	skip "kmsg record numbers" "the kernel log was read with klogctl"
	skip "kmsg: text names records"
	skip "kmsg: estimated times"
fi
"$OOMRISK" explain --since=-10min --format=json |
	jq --arg m "/$name" --argjson a "$A" \
		'[.reports[] | select(.memcg == $m and .victim.pid == $a)] | length' >"$tmp/n"
is "$(cat "$tmp/n")" 1 "--since=-10min: our report is in"
"$OOMRISK" explain --since=now --format=json |
	jq --arg m "/$name" '[.reports[] | select(.memcg == $m)] | length' >"$tmp/n"
is "$(cat "$tmp/n")" 0 "--since=now: our report is out"

# --follow: a second OOM, provoked while following, comes out at once.
"$OOMRISK" explain --follow --format=json >"$tmp/follow.json" 2>"$tmp/follow.err" &
fpid=$!
sleep 1
"$MEMHOG" -g "$cg_dir" -a 600 -m 20 -n oomxC -r "$tmp/C" &
wait_ready "$tmp/C"
C=$(cat "$tmp/C")
"$MEMHOG" -g "$cg_dir" -m 60 -s 4 -t 20 -n oomxD -r "$tmp/D" -x
for n in $(seq 50); do grep -q "\"pid\": $C," "$tmp/follow.json" && break; sleep 0.1; done
grep -q "\"pid\": $C," "$tmp/follow.json"
ok $? "--follow printed the new report while running"
kill -INT "$fpid"
wait "$fpid"
is $? 0 "--follow ends cleanly on SIGINT"
jq -e '.reports | length > 0' "$tmp/follow.json" >/dev/null
ok $? "--follow output is complete JSON after SIGINT"
jq -e --argjson a "$A" '[.reports[] | select(.victim.pid == $a)] | length == 0' "$tmp/follow.json" >/dev/null
ok $? "--follow shows only new reports (not A's, logged before it started)"

# The same report read from dmesg's own text on standard input.
if dmesg >"$tmp/dmesg.txt" 2>/dev/null; then
	"$OOMRISK" explain --format=json - <"$tmp/dmesg.txt" |
		jq --arg m "/$name" '[.reports[] | select(.memcg == $m)] | first | .victim.pid' >"$tmp/pid"
	is "$(cat "$tmp/pid")" "$A" "dmesg | oomrisk explain - finds it too"
else
	skip "dmesg | oomrisk explain -" "dmesg not readable"
fi
done_testing
