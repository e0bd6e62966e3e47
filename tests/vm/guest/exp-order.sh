# order: victims in order across one cgroup with mixed oom_score_adj.
# Six memhogs in /ord (sizes chosen so that no two tie); each round gives
# the cgroup 8M of room, asks rank for the victim, then a 16M push brings
# the OOM; the kernel takes one, the push completes.  Every hog holds more
# than 38 MiB: see "one round kills twice" in tests/vm/README.md.  The room, so totalpages, changes every round, and with it
# the adj points: the prediction is made fresh each round.

exp_order() {
	D=$OUT/order
	klog_mark
	cg_make ord
	hog ord1000 ord 40 1000
	hog ord500 ord 44 500
	hog ord0a ord 48 0
	hog ord0b ord 42 0
	hog ordm300 ord 52 -300
	hog ordm500 ord 56 -500
	left="ord1000 ord500 ord0a ord0b ordm300 ordm500"
	ready $left || { tap 1 "order: six memhogs in /ord"; return; }
	pids=
	for h in $left; do pids="$pids $(pid $h)"; done
	r=1
	while [ -n "$left" ]; do
		cg_room ord $((8 << 20))
		oomrisk rank --cgroup /ord -n 10 >"$D/rank-$r.txt"
		oomrisk rank --cgroup /ord -n 10 --format=json >"$D/rank-$r.json"
		pred=$(predict "$D/rank-$r.json")
		alive_before=
		for h in $left; do alive_before="$alive_before $(pid $h)"; done
		push ord 16
		settle $alive_before
		klog_take "$D/kernel-$r.log"
		kill=$(kills "$D/kernel-$r.log")
		vs "order round $r (memory.max $(cat $CG/ord/memory.max))" "$kill" "$pred"
		fidelity "order round $r" "$D/rank-$r.json" "$D/kernel-$r.log" $alive_before
		still=
		for h in $left; do alive "$(pid $h)" && still="$still $h"; done
		left=${still# }
		n_left=$(echo $left | wc -w)
		n_before=$(echo $alive_before | wc -w)
		is "$n_left" "$((n_before - 1))" "order round $r: exactly one task killed"
		[ "$n_left" -lt "$n_before" ] || break
		r=$((r + 1))
	done
}
