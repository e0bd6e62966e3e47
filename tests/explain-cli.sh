# explain-cli: options, inputs (files, several files, stdin), errors and
# exit statuses, the 80-column text, and hostile text from a log.
. "$srcdir/tests/lib.sh"
command -v jq >/dev/null || skip_all "needs jq"

logs=$srcdir/tests/oom-logs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$OOMRISK" explain --help >"$tmp/help"
ok $? "--help exits 0"
for opt in --format --follow --journal --since --boot; do
	grep -q -- "$opt" "$tmp/help"
	ok $? "--help names $opt"
done
"$OOMRISK" help explain | cmp -s - "$tmp/help"
ok $? "'oomrisk help explain' is --help"
"$OOMRISK" --help | grep -q "^  explain "
ok $? "explain is listed in oomrisk --help"

"$OOMRISK" explain --bogus 2>"$tmp/err" </dev/null
is $? 1 "unknown option: exit 1"
grep -q "^oomrisk: explain: unknown option '--bogus'" "$tmp/err"
ok $? "unknown option: clear message"
"$OOMRISK" explain --format=csv "$logs/050-seed-3.10-rocketmq-java-global-noswap.log" 2>"$tmp/err" >/dev/null
is $? 1 "--format=csv: exit 1 (no table)"
"$OOMRISK" explain --follow "$logs/050-seed-3.10-rocketmq-java-global-noswap.log" 2>/dev/null >/dev/null
is $? 1 "--follow with a FILE: exit 1"
for opt in --journal --since=-2h --boot; do
	"$OOMRISK" explain "$opt" "$logs/050-seed-3.10-rocketmq-java-global-noswap.log" 2>"$tmp/err" >/dev/null
	is $? 1 "$opt with a FILE: exit 1"
done
"$OOMRISK" explain --since=whenever 2>"$tmp/err" >/dev/null
is $? 1 "--since with no time in it: exit 1"
grep -q "^oomrisk: explain: --since: expected a time" "$tmp/err"
ok $? "--since: says what it takes"
"$OOMRISK" explain --boot=-1 2>"$tmp/err" >/dev/null
is $? 1 "--boot=-1 without --journal: exit 1 (the kernel log holds this boot only)"

# --journal: journalctl -k -o json, found on PATH; a clear message without it.
mkdir "$tmp/nobin"
PATH=$tmp/nobin "$OOMRISK" explain --journal 2>"$tmp/err" >/dev/null
is $? 2 "--journal without journalctl: exit 2"
grep -q "^oomrisk: explain: journalctl not found" "$tmp/err"
ok $? "--journal without journalctl: said so"
mkdir "$tmp/bin"
{
	echo '#!/bin/sh'
	echo "echo \"\$*\" >\"$tmp/journal-args\""
	echo "cat \"$logs/064-local-6.18-memcg-v1-journalctl-k-json.log\""
} >"$tmp/bin/journalctl"
chmod +x "$tmp/bin/journalctl"
PATH=$tmp/bin:$PATH "$OOMRISK" explain --journal --since=yesterday --boot=-1 --format=json >"$tmp/j.json"
ok $? "--journal reads what journalctl writes"
is "$(cat "$tmp/journal-args")" "-k -o json --no-pager --since yesterday --boot -1" \
	"journalctl -k -o json, with --since and --boot passed on"
is "$(jq -r '[.reports[0].file, .reports[0].victim.pid, .reports[0].time] | join(" ")' "$tmp/j.json")" \
	"journal 30120 2026-12-03 07:40:19.903218 UTC" "the journal's report: victim and time"

"$OOMRISK" explain "$tmp/missing.log" 2>"$tmp/err" >/dev/null
is $? 2 "a missing file: exit 2"
grep -q "^oomrisk: explain: .*missing.log: No such file or directory" "$tmp/err"
ok $? "a missing file: oomrisk: explain: PATH: reason"
"$OOMRISK" explain "$tmp/missing.log" "$logs/052-seed-mips-3.10-highmem-root-bonus.log" \
	--format=json 2>/dev/null >"$tmp/one.json"
is $? 2 "a missing file among others: exit 2"
is "$(jq '.reports | length' "$tmp/one.json")" 1 "... and the readable one is still explained"

# Standard input and several files.
"$OOMRISK" explain --format=json - <"$logs/050-seed-3.10-rocketmq-java-global-noswap.log" >"$tmp/stdin.json"
ok $? "'-' reads standard input"
is "$(jq -r '.reports[0].file' "$tmp/stdin.json")" "-" "file is '-'"
is "$(jq -r '.reports[0].replay.score' "$tmp/stdin.json")" 800 "stdin: same result (score 800)"
"$OOMRISK" explain --format=json "$logs/050-seed-3.10-rocketmq-java-global-noswap.log" \
	"$logs/023-amzn2-4.14-docker-memcg-dmesgT-grep-filtered.log" >"$tmp/two.json"
is "$(jq '.reports | length' "$tmp/two.json")" 3 "two files: 1 + 2 reports"
is "$(jq -r '[.reports[].victim.pid] | join(" ")' "$tmp/two.json")" "5424 31117 7030" \
	"reports in file order"
is "$(jq -r '.reports[1].file | sub(".*/"; "")' "$tmp/two.json")" \
	"023-amzn2-4.14-docker-memcg-dmesgT-grep-filtered.log" "each report names its file"
cat "$logs/050-seed-3.10-rocketmq-java-global-noswap.log" \
	"$logs/052-seed-mips-3.10-highmem-root-bonus.log" | "$OOMRISK" explain --format=json - >"$tmp/cat.json"
is "$(jq -r '[.reports[].victim.pid] | join(" ")' "$tmp/cat.json")" "5424 118" \
	"two logs concatenated: two reports"

# Nothing found.
printf 'hello\nworld\n' | "$OOMRISK" explain - >"$tmp/none.txt"
ok $? "no report: exit 0"
grep -q "^no OOM report" "$tmp/none.txt"
ok $? "no report: said so"
printf 'hello\n' | "$OOMRISK" explain --format=json - | jq -e '.reports == []' >/dev/null
ok $? "no report: JSON has an empty list"

# Text fits 80 columns, for every real log; no report says it has no kill
# line and then that the kernel's choice was reproduced.
wide=0 contra=0
for log in "$logs"/*.log; do
	"$OOMRISK" explain "$log" >"$tmp/t.txt" || wide=1
	awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$tmp/t.txt" || {
		wide=1
		echo "# wider than 80: $log"
	}
	tr -s ' \n' '  ' <"$tmp/t.txt" | sed 's/OOM report /\n/g' |
		grep "no kill line" | grep -q "choice, reproduced" && {
		contra=1
		echo "# no kill line, yet reproduced: $log"
	}
done
ok $wide "text output is at most 80 columns for every log"
ok $contra "never 'no kill line' and then 'the kernel's choice, reproduced'"

# A score above 1000 per mille (oom_score_adj pushed it past totalpages) is said so.
{
	echo "[    1.000000] y invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=1000"
	echo "[    1.000001] CPU: 0 PID: 7 Comm: y Not tainted 6.1.0 #1"
	echo "[    1.000002] memory: usage 4096kB, limit 4096kB, failcnt 1"
	echo "[    1.000003] swap: usage 0kB, limit 0kB, failcnt 0"
	echo "[    1.000006] Tasks state (memory values in pages):"
	echo "[    1.000007] [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name"
	echo "[    1.000008] [      7]     0     7     1000     1000     4096        0          1000 y"
	echo "[    1.000009] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/t,task_memcg=/t,task=y,pid=7,uid=0"
	echo "[    1.000010] Memory cgroup out of memory: Killed process 7 (y) total-vm:4000kB, anon-rss:4000kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:1000"
} >"$tmp/adj.log"
"$OOMRISK" explain "$tmp/adj.log" | tr -s ' \n' '  ' >"$tmp/adj.txt"
grep -q "2001 points, 1954 per mille of totalpages: more than all of totalpages (oom_score_adj)" "$tmp/adj.txt"
ok $? "points above totalpages: 'more than all of totalpages (oom_score_adj)'"

# Hostile text in a log: escapes in comm, host and paths.
esc=$(printf '\033')
bel=$(printf '\007')
{
	printf 'Jun  4 17:19:10 h%s]0;x%s kernel: ev%s[31mil invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n' "$esc" "$bel" "$esc"
	printf 'Jun  4 17:19:10 h%s]0;x%s kernel: Task in /a%sb killed as a result of limit of /a%sb\n' "$esc" "$bel" "$esc" "$esc"
	printf 'Jun  4 17:19:10 h%s]0;x%s kernel: memory: usage 1024kB, limit 1024kB, failcnt 1\n' "$esc" "$bel"
	printf 'Jun  4 17:19:10 h%s]0;x%s kernel: Memory cgroup out of memory: Killed process 7 (ev%s[31mil) total-vm:8kB, anon-rss:4kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0\n' "$esc" "$bel" "$esc"
} >"$tmp/evil.log"
"$OOMRISK" explain "$tmp/evil.log" >"$tmp/evil.txt"
grep -q "$esc" "$tmp/evil.txt"
ok $((! $?)) "no raw ESC in text"
grep -q "$bel" "$tmp/evil.txt"
ok $((! $?)) "no raw BEL in text"
grep -qF 'ev\e[31mil' "$tmp/evil.txt"
ok $? "the comm is shown escaped"
"$OOMRISK" explain --format=json "$tmp/evil.log" >"$tmp/evil.json"
jq -e . "$tmp/evil.json" >/dev/null
ok $? "JSON stays valid"
is "$(jq -r '.reports[0].victim.comm' "$tmp/evil.json" | od -An -c | tr -s ' ' | head -1)" \
	"$(printf 'ev\033[31mil\n' | od -An -c | tr -s ' ' | head -1)" "comm round-trips through JSON"
done_testing
