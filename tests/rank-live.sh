# rank-live: our oom_score equals /proc/PID/oom_score for every killable
# task, read right after `rank --all --format=json`.  A task may differ
# only if it exited or its memory/adj changed between the two reads, or,
# on 6.2 and later, by one point: the OOM killer reads each rss counter's
# percpu_counter .count, /proc/PID/status the exact sum, and the per-CPU
# residue (up to nr_cpus x batch pages) can tip a score by one (kernel
# reference, "Per-CPU counters, measured").  The BPF backend reads .count
# itself and has no such excuse (tests/bpf-agree.sh).
. "$srcdir/tests/lib.sh"

tmp=$(mktemp -d)
pids=
cleanup() { [ -n "$pids" ] && kill $pids 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
# A spread of sizes and (raised) oom_score_adj values, so scores differ.
i=0
for spec in "64 0" "32 500" "8 999" "128 100" "16 0"; do
	set -- $spec
	"$MEMHOG" -m "$1" -a "$2" -n "live$$-$i" -r "$tmp/ready$i" &
	pids="$pids $!"
	i=$((i + 1))
done
wait_ready "$tmp/ready0" "$tmp/ready1" "$tmp/ready2" "$tmp/ready3" "$tmp/ready4"

"$OOMRISK" rank --all --format=json >"$tmp/rank.json"
ok $? "rank --all --format=json succeeds"
jq -r '.tasks[] | select(.killable) | "\(.pid) \(.oom_score) \(.kernel_oom_score) \(.oom_score_adj) \(.rss_anon_kb) \(.rss_file_kb) \(.rss_shmem_kb) \(.swap_kb) \(.pgtables_kb)"' \
	"$tmp/rank.json" >"$tmp/pairs"
compared=0 same=0 changed=0 bad=0 residue=0 samekernel=0
# 6.2+: rss_stat is a percpu_counter array (f1a7941243c1).
percpu=$(uname -r | awk -F. '{ print ($1 > 6 || ($1 == 6 && $2 >= 2)) ? 1 : 0 }')
while read -r pid ours kernel adj anon file shmem swap pte; do
	now=$(cat "/proc/$pid/oom_score" 2>/dev/null) || { changed=$((changed + 1)); continue; }
	compared=$((compared + 1))
	[ "$kernel" = "$ours" ] && samekernel=$((samekernel + 1))
	if [ "$now" = "$ours" ]; then
		same=$((same + 1))
		continue
	fi
	# Did the task change since rank read it?
	cur=$(awk -v a="$(cat /proc/$pid/oom_score_adj 2>/dev/null)" '
		/^RssAnon:/ {an=$2} /^RssFile:/ {fi=$2} /^RssShmem:/ {sh=$2}
		/^VmSwap:/ {sw=$2} /^VmPTE:/ {pt=$2}
		END {print a, an, fi, sh, sw, pt}' "/proc/$pid/status" 2>/dev/null)
	if [ "$cur" != "$adj $anon $file $shmem $swap $pte" ]; then
		changed=$((changed + 1))
	elif [ "$percpu" = 1 ] && [ $((now - ours)) -le 1 ] && [ $((ours - now)) -le 1 ]; then
		residue=$((residue + 1))
	else
		bad=$((bad + 1))
		echo "# pid $pid: ours $ours, /proc now $now, status unchanged ($cur)"
	fi
done <"$tmp/pairs"
echo "# compared $compared killable tasks: $same equal, $changed changed or exited, $residue one point off (per-CPU counter residue), $bad wrong"
[ "$compared" -ge 10 ]
ok $? "compared at least 10 killable tasks ($compared)"
is "$bad" 0 "no unchanged task scores differently from the kernel (beyond the per-CPU residue)"
[ "$same" -ge $((compared * 9 / 10)) ]
ok $? "at least 90% equal outright ($same of $compared)"
[ "$samekernel" -ge $((compared * 9 / 10)) ]
ok $? "kernel_oom_score read during rank agrees too ($samekernel of $compared)"

# The memhogs' rows: exact rss and the top of the ranking.
# Among our memhogs (other suites may run big adj-999 tasks at the same time).
top=$(jq -r --arg p "live$$-" '[.tasks[] | select(.comm | startswith($p))][0].comm' \
	"$tmp/rank.json")
is "$top" "live$$-2" "the adj 999 task is the would-be victim"
anon=$(jq -r '.tasks[] | select(.comm == "live'"$$"'-4") | .rss_anon_kb' "$tmp/rank.json")
[ "$anon" -ge 16384 ] && [ "$anon" -le $((16384 + 8192)) ]
ok $? "16 MiB touched shows as ~16384 kB anon ($anon)"

# Default top-10 (prefiltered) agrees with --all on the first ten.
"$OOMRISK" rank --format=json >"$tmp/top.json"
is "$(jq '.prefiltered' "$tmp/top.json")" true "default rank uses the oom_score prefilter"
# Compared on our memhogs only: other suites' tasks come and go meanwhile.
ours='[.tasks[] | select(.comm | startswith($p)) | .pid]'
a=$(jq -c --arg p "live$$-" "$ours" "$tmp/top.json")
b=$(jq -c --arg p "live$$-" "$ours | .[:($a | length)]" --argjson a "$a" "$tmp/rank.json")
is "$a" "$b" "prefiltered top 10 orders our memhogs as --all does"
[ "$(echo "$a" | jq length)" -ge 1 ]
ok $? "the adj 999 memhog at least is in the top 10 ($a)"
done_testing
