# bpf: the BPF backend on Debian's 6.1, where mm->rss_stat is still one
# atomic counter per type (6.2 made them percpu_counters), the cgroup
# iterator is new, and the skeletons are relocated by the kernel (5.17+).
# 300 sleepers, hogs in a cgroup and a grower: every stable killable
# task's score from `rank --backend=bpf --all` must equal
# /proc/PID/oom_score read before and after; the iterator's members and
# limit of the cgroup must be the /proc backend's; a memcg OOM's victim
# must be the one rank --backend=bpf predicted, and the kernel's task dump
# must show the very pages the iterator read.

exp_bpf() {
	D=$OUT/bpf
	[ -r /sys/kernel/btf/vmlinux ]
	tap $? "bpf: the kernel has BTF (/sys/kernel/btf/vmlinux, CONFIG_DEBUG_INFO_BTF)"
	if ! probe --load-only >"$D/probe.txt" 2>"$D/probe.err"; then
		tap 1 "bpf: the task iterator loads ($(cat "$D/probe.err"))"
		# The verifier's log, for tests/vm-out/bpf/probe-debug.txt.
		OOMRISK_BPF_DEBUG=1 probe --load-only >"$D/probe-debug.txt" 2>&1
		return
	fi
	tap 0 "bpf: the task iterator loads"
	probe --memcg-root "$CG" >>"$D/probe.txt" 2>&1
	diag "$(grep -v '^task ' "$D/probe.txt" | tr '\n' ';')"
	is "$(sed -n 's/^layout: //p' "$D/probe.txt" | head -1)" "atomic_long_t (before 6.2)" \
		"bpf: the rss counters' pre-6.2 layout, found by CO-RE"

	sleepers 300 "$W/sleepers"
	cg_make bp
	hog bpA bp 40 500
	hog bpB bp 48 0
	ready bpA bpB || return
	a=$(pid bpA) b=$(pid bpB)
	memhog -n bpgrow -m 64 -s 1 -t 20 &
	grow=$!
	sleep 0.2

	oomscores >"$W/before"
	oomrisk rank --backend=bpf --all --format=json >"$D/rank-all.json" 2>"$D/rank-all.err"
	oomscores >"$W/after"
	is "$(jq -r .backend "$D/rank-all.json"):$(cat "$D/rank-all.err")" "bpf:" \
		"bpf: rank --backend=bpf --all runs on the iterator, quietly"
	jq -r '.tasks[] | select(.killable) | "\(.pid) \(.oom_score)"' "$D/rank-all.json" |
	awk '
		FILENAME == ARGV[1] { b[$1] = $2; next }
		FILENAME == ARGV[2] { a[$1] = $2; next }
		!($1 in b) || !($1 in a) || b[$1] != a[$1] { moving++; next }
		{ stable++; if ($2 == b[$1]) equal++; else print "# pid " $1 ": ours " $2 ", kernel " b[$1] }
		END { print stable + 0, equal + 0, moving + 0 }
	' "$W/before" "$W/after" - >"$W/agree"
	grep '^#' "$W/agree"
	set -- $(tail -1 "$W/agree")
	diag "bpf: $2 of $1 stable killable tasks equal, $3 moving or gone"
	[ "$1" -ge 300 ]
	tap $? "bpf: at least 300 stable killable tasks compared ($1)"
	is "$2" "$1" "bpf: every one's score is the kernel's (100 %)"
	kill "$grow" 2>/dev/null
	wait "$grow" 2>/dev/null

	for be in bpf proc; do
		oomrisk rank --backend=$be --cgroup /bp --all --format=json >"$D/rank-bp-$be.json"
	done
	is "$(jq -c '[.tasks[].pid] | sort' "$D/rank-bp-bpf.json")" \
		"$(jq -c '[.tasks[].pid] | sort' "$D/rank-bp-proc.json")" \
		"bpf: /bp's members, by cgroup id, are the /proc backend's"
	is "$(jq -c '[.scope.limit_kb, .scope.usage_kb > 0, .totalpages]' "$D/rank-bp-bpf.json")" \
		"$(jq -c '[.scope.limit_kb, .scope.usage_kb > 0, .totalpages]' "$D/rank-bp-proc.json")" \
		"bpf: /bp's limit and totalpages from the cgroup iterator, as from its files"

	# A memcg OOM predicted on the iterator.
	klog_mark
	cg_room bp $((8 << 20))
	oomrisk rank --backend=bpf --cgroup /bp --format=json >"$D/predict.json"
	push bp 16
	settle "$a" "$b"
	klog_take "$D/kernel.log"
	vs "bpf" "$(kills "$D/kernel.log")" "$(predict "$D/predict.json")"
	fidelity "bpf" "$D/predict.json" "$D/kernel.log" "$a" "$b"

	oomrisk top --batch -n 2 -d 0.2 -r 3 >"$D/top.txt" 2>"$D/top.err"
	is "$(grep -c '^victim .* via bpf$' "$D/top.txt"):$(cat "$D/top.err")" "2:" \
		"bpf: top (auto) on the iterator, said in its header"
	xargs kill -9 <"$W/sleepers" 2>/dev/null
}
