# rank-memcg: a real memcg OOM in a throwaway cgroup.  A holds ~20 MiB at
# oom_score_adj 800, B ~60 MiB at adj 0, limit 128 MiB: `rank --cgroup`
# must put A first; then C allocates 48 MiB, the cgroup goes over its limit
# once, and the victim the kernel reports must be A.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/cgroup-lib.sh"
need_root
memcg_mount >/dev/null || skip_all "no memory cgroup controller mounted"

tmp=$(mktemp -d)
name=oomrisk-test-$$
cleanup() { memcg_destroy; rm -rf "$tmp"; }
trap cleanup EXIT
memcg_create "$name" 134217728 || skip_all "cannot create a memory cgroup here"
since=$(date '+%Y-%m-%d %H:%M:%S')

"$MEMHOG" -g "$cg_dir" -a 800 -m 20 -n oomtestA -r "$tmp/A" &
"$MEMHOG" -g "$cg_dir" -m 60 -n oomtestB -r "$tmp/B" &
wait_ready "$tmp/A" "$tmp/B"
A=$(cat "$tmp/A") B=$(cat "$tmp/B")

"$OOMRISK" rank --cgroup "$cg_dir" --format=json >"$tmp/rank.json"
ok $? "rank --cgroup DIR succeeds"
is "$(jq -r '.scope.kind' "$tmp/rank.json")" memcg "scope is memcg"
is "$(jq -r '.totalpages' "$tmp/rank.json")" $((134217728 / $(getconf PAGESIZE))) \
	"totalpages = the 128 MiB limit in pages (no swap)"
is "$(jq -r '.tasks | length' "$tmp/rank.json")" 2 "only the cgroup's two tasks"
is "$(jq -r '.tasks[0].pid' "$tmp/rank.json")" "$A" "A (20 MiB, adj 800) ranks first"
is "$(jq -r '.tasks[1].pid' "$tmp/rank.json")" "$B" "B (60 MiB, adj 0) second"
adjpts=$(jq -r '.tasks[0].breakdown.adj_points' "$tmp/rank.json")
is "$adjpts" $((800 * (134217728 / $(getconf PAGESIZE) / 1000))) "A's adj term: 800 x (T/1000)"

"$OOMRISK" rank --cgroup "$cg_path" -n 1 --format=json >"$tmp/rank2.json"
is "$(jq -r '.tasks[0].pid' "$tmp/rank2.json")" "$A" "a cgroup path (/$name) works too"
"$OOMRISK" rank --cgroup "4:memory:$cg_path" -n 1 >/dev/null
ok $? "a /proc/PID/cgroup line form works"
"$OOMRISK" rank --cgroup "$cg_dir" | grep -q "^scope: memory cgroup /$name "
ok $? "text output names the scope"

# Push the cgroup over its limit once.
"$MEMHOG" -g "$cg_dir" -m 48 -s 4 -t 20 -n oomtestC -r "$tmp/C" -x
wait_gone "$A"
kill -0 "$A" 2>/dev/null
ok $((! $?)) "A was killed"
[ -s "$tmp/C" ]
ok $? "C completed its allocation after the kill"
# The kernel's own account: the oom-kill summary lines for this cgroup.
dmesg 2>/dev/null | grep "oom-kill:.*oom_memcg=/$name,.*task=oomtest" |
	sed 's/.*,task=\([^,]*\),pid=\([0-9]*\),.*/\2 \1/' >"$tmp/kills"
first=$(head -1 "$tmp/kills")
is "$first" "$A oomtestA" "the kernel's victim is A, as rank predicted"
if [ "$(wc -l <"$tmp/kills")" -gt 1 ]; then
	# Seen now and then on 6.18: the allocator retries before the first
	# victim's pages are uncharged and the OOM killer takes a second task.
	echo "# note: the kernel also killed: $(tail -n +2 "$tmp/kills" | tr '\n' ' ')"
fi
done_testing
