# rank-scopes: two sibling memory cgroups with different limits and mixed
# oom_score_adj, each pushed over its limit in turn (issue 13).  In each
# scope rank's SCORE (JSON oom_score) must equal the score of the kernel's
# own numbers in that cgroup's OOM report: its task dump (rss, swapents,
# pgtables_bytes, oom_score_adj) against the limit the report prints
# (kernels from 5.1 print no score line; this is the score of 5.9+,
# (1000 + points * 1000 / totalpages) * 2 / 3), and the kernel's victim
# must be rank 1.  Negative adj where this process may set it (it needs
# CAP_SYS_RESOURCE below its own minimum), else positive values only.
# Root only; runs on cgroup v1 and v2 (the test VM runs it too).
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/cgroup-lib.sh"
need_root
set -- $(memcg_mount) || skip_all "no memory cgroup controller mounted"
version=$1 mnt=$2
command -v jq >/dev/null || skip_all "needs jq"
dmesg >/dev/null 2>&1 || skip_all "dmesg not readable"
page=$(getconf PAGESIZE)

tmp=$(mktemp -d)
top=oomrisk-scopes-$$
pids=
cleanup() {
	[ -n "$pids" ] && kill -9 $pids 2>/dev/null
	wait 2>/dev/null
	for c in s1 s2 ""; do
		cg_dir=$mnt/$top${c:+/$c}
		memcg_destroy 2>/dev/null
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
mkdir "$mnt/$top" || skip_all "cannot create a memory cgroup here"
if [ "$version" = 2 ]; then
	grep -qw memory "$mnt/cgroup.subtree_control" || echo +memory >"$mnt/cgroup.subtree_control"
	echo +memory >"$mnt/$top/cgroup.subtree_control"
fi
mkdir "$mnt/$top/s1" "$mnt/$top/s2"
if sh -c 'echo -1 >/proc/self/oom_score_adj' 2>/dev/null; then
	neg=-300
else
	neg=150	# no CAP_SYS_RESOURCE: positive adj only
fi

# limit CGROUP BYTES: its memory limit (v1 or v2).
limit() {
	if [ "$version" = 1 ]; then
		echo "$2" >"$mnt/$top/$1/memory.limit_in_bytes"
	else
		echo "$2" >"$mnt/$top/$1/memory.max"
		echo 0 >"$mnt/$top/$1/memory.swap.max" 2>/dev/null
	fi
	true
}
usage() {
	if [ "$version" = 1 ]; then cat "$mnt/$top/$1/memory.usage_in_bytes"; else cat "$mnt/$top/$1/memory.current"; fi
}

# kernel_rows LOG: "pid points-base adj" for each row of the task dump of
# the report in LOG (rss + swapents + pgtables_bytes / page size), and
# "T pages" from its "memory: usage ..., limit ..." line; the dump's
# columns are found by their names (6.8+ adds rss_anon, rss_file, rss_shmem).
kernel_rows() {
	awk -v page="$page" '
		{ sub(/^\[[ 0-9.]*\] /, "") }
		/^memory: usage [0-9]+kB, limit [0-9]+kB/ {
			l = $0; sub(/.*limit /, "", l); sub(/kB.*/, "", l); print "T", int(l * 1024 / page)
		}
		/^\[ *pid *\]/ {
			h = $0; sub(/^[^]]*\]/, "", h); n = split(h, col, " ")
			for (i = 1; i <= n; i++) idx[col[i]] = i
			next
		}
		/^\[ *[0-9]+\] / && ("rss" in idx) {
			pid = $0; sub(/^\[ */, "", pid); sub(/\].*/, "", pid)
			r = $0; sub(/^[^]]*\]/, "", r); split(r, f, " ")
			print pid, f[idx["rss"]] + f[idx["swapents"]] + int(f[idx["pgtables_bytes"]] / page),
			    f[idx["oom_score_adj"]]
		}' "$1"
}

# score T BASE ADJ: 5.9+, (1000 + points * 1000 / T) * 2 / 3, C division.
score() {
	awk -v T="$1" -v b="$2" -v a="$3" 'function t(x) { return x < 0 ? -int(-x) : int(x) }
		BEGIN { p = b + a * int(T / 1000); q = t(p * 1000 / T); print t((1000 + q) * 2 / 3) }'
}

# scope NAME SPEC...: hogs "comm:MiB:adj" in /TOP/NAME; the limit set to
# their usage + 8 MiB; rank; a 16 MiB push; compare.
scope() {
	name=$1
	shift
	hogs=
	for spec in "$@"; do
		IFS=: read -r comm mib adj <<EOF
$spec
EOF
		"$MEMHOG" -g "$mnt/$top/$name" -m "$mib" -a "$adj" -n "$comm" -r "$tmp/$comm" &
		pids="$pids $!"
		hogs="$hogs $tmp/$comm"
	done
	wait_ready $hogs
	cur=$(usage "$name")
	lim=$(((cur + (8 << 20)) / page * page))
	limit "$name" "$lim"
	"$OOMRISK" rank --cgroup "/$top/$name" --format=json >"$tmp/$name.json"
	ok $? "$name: rank --cgroup succeeds"
	is "$(jq -r .totalpages "$tmp/$name.json")" $((lim / page)) \
		"$name: totalpages = the limit in pages ($lim bytes)"
	pred=$(jq -r '.tasks[0].pid' "$tmp/$name.json")
	# Needs less than any victim frees: one kill per round.
	"$MEMHOG" -g "$mnt/$top/$name" -m 16 -n "push$$$name" -x >/dev/null 2>&1
	sleep 1
	# The report of our push (a unique name): from its last "invoked" line
	# to the next report's (another OOM on the machine meanwhile).
	dmesg | awk -v p="push$$$name" 'index($0, p " invoked oom-killer") { n = 0; on = 1 }
		/ invoked oom-killer: / && !index($0, p " invoked oom-killer") { on = 0 }
		on { l[n++] = $0 } END { for (i = 0; i < n; i++) print l[i] }' >"$tmp/$name.log"
	kill=$(sed -n 's/.*Killed process \([0-9]*\) .*/\1/p' "$tmp/$name.log" | head -1)
	[ -n "$kill" ]
	ok $? "$name: the push brought an OOM kill in /$top/$name"
	is "$kill" "$pred" "$name: the kernel's victim is rank 1 ($pred)"
	kernel_rows "$tmp/$name.log" >"$tmp/$name.rows"
	T=$(awk '$1 == "T" { print $2 }' "$tmp/$name.rows")
	is "$T" $((lim / page)) "$name: the report's limit is rank's totalpages"
	jq -r '.tasks[] | "\(.pid) \(.oom_score) \(.breakdown.base_pages)"' "$tmp/$name.json" \
		>"$tmp/$name.rank"
	# join by pid (busybox, in the test VM, has no join(1))
	awk 'NR == FNR { r[$1] = $2 " " $3; next } $1 != "T" && ($1 in r) { print $0, r[$1] }' \
		"$tmp/$name.rank" "$tmp/$name.rows" >"$tmp/$name.both"
	[ "$(wc -l <"$tmp/$name.both")" -eq "$#" ]
	ok $? "$name: every hog is in the kernel's dump and in rank ($(wc -l <"$tmp/$name.both") of $#)"
	# pid, dump pages, dump adj, rank score, rank pages -> the kernel's score,
	# and the kernel's formula on rank's pages.
	exact=0 near=0 off=0 formula=0 notes=
	while read -r pid kb adj rs rb; do
		ks=$(score "$T" "$kb" "$adj")
		xs=$(score "$T" "$rb" "$adj")
		[ "$xs" = "$rs" ] || formula=$((formula + 1))
		# What the page difference alone can move the score by: the
		# formula floors twice (points to q, q to the score), and each
		# floor can widen a difference by one.
		room=$(awk -v d="$((kb - rb))" -v T="$T" 'BEGIN { if (d < 0) d = -d; print int((int(d * 1000 / T) + 1) * 2 / 3) + 1 }')
		if [ "$ks" = "$rs" ]; then
			exact=$((exact + 1))
		elif [ "$kb" != "$rb" ] && [ $((ks - rs)) -ge $((-room)) ] && [ $((ks - rs)) -le "$room" ]; then
			near=$((near + 1))
		else
			off=$((off + 1))
		fi
		notes="$notes $pid: kernel $ks ($kb pages, adj $adj), rank $rs ($rb pages);"
	done <"$tmp/$name.both"
	echo "# $name (T $T):$notes"
	is "$formula" 0 "$name: rank's SCORE is the score against the report's limit with the dump's adj"
	is "$off" 0 "$name: rank's SCORE = the dump's score ($exact equal; $near apart by no more than the dump's other page count explains)"
	if [ "$near" -gt 0 ]; then
		echo "# $name: $near of $# dump rows differ from /proc/PID/status by some pages: since 6.2 the OOM killer reads per-CPU approximations of the rss counters and /proc/PID/status the exact sums (82241a83cd15), so in a small cgroup's scale the score can move by what that difference weighs"
	fi
	for p in $(cat $hogs); do kill -9 "$p" 2>/dev/null; done
	wait 2>/dev/null
}

# Different limits (each the usage + 8 MiB), adj mixed; victims of 40 MiB
# or more (tests/vm/README.md: smaller ones can cost a second kill on 6.1).
scope s1 "scA$$:40:700" "scB$$:64:0" "scC$$:48:$neg"
scope s2 "scD$$:44:0" "scE$$:40:400" "scF$$:72:$neg"
done_testing
