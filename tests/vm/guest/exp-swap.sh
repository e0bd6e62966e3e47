# swap: a cgroup v2 memcg OOM with swap.  The kernel's totalpages for it is
# memory.max + min(memory.swap.max, total swap) (mem_cgroup_get_max), and
# totalpages scales the adj points; so three tasks are sized to make the
# victim tell which totalpages the kernel used.  memory.max 32M, the swap
# disk 64M (SwapTotal 65532 kB = 16383 pages), pages of 4K:
#
#   task  size  adj   points = pages + adj * (totalpages / 1000)
#                      no swap term (8)   swap.max 32M (16)   swap.max max (24)
#   swA   29M     0        ~7600 *            ~7600                 ~7600
#   swB   24M   100        ~7100              ~7900 *               ~8700
#   swC    8M   300        ~4600              ~7000                 ~9400 *
#
# Case limited: swap.max 32M < SwapTotal, totalpages 8192 + 8192 = 16384:
# the kernel must take swB.  Case max: swap.max max, totalpages 8192 +
# 16383 = 24575: swC.  A kernel that left swap out would take swA.

# swap_case NAME SWAP-MAX WANT-HOG: one cgroup, three tasks, one OOM.
swap_case() {
	_n=$1 _sm=$2 _want=$3 _cg=sw$1
	cg_make "$_cg"
	echo $((32 << 20)) >"$CG/$_cg/memory.max"
	echo "$_sm" >"$CG/$_cg/memory.swap.max"
	hog swA "$_cg" 29 0
	hog swB "$_cg" 24 100
	hog swC "$_cg" 8 300
	ready swA swB swC || return
	_a=$(pid swA) _b=$(pid swB) _c=$(pid swC)
	oomrisk rank --cgroup "/$_cg" -n 10 >"$D/rank-$_n.txt"
	oomrisk rank --cgroup "/$_cg" -n 10 --format=json >"$D/rank-$_n.json"
	_swt=$(awk '/^SwapTotal:/ { print $2 }' /proc/meminfo)
	_swmax=$(cat "$CG/$_cg/memory.swap.max")
	[ "$_swmax" = max ] && _swmax=$((_swt * 1024))
	[ "$_swmax" -gt $((_swt * 1024)) ] && _swmax=$((_swt * 1024))
	is "$(jq -r .totalpages "$D/rank-$_n.json")" $((((32 << 20) + _swmax) / PAGE)) \
		"swap/$_n: rank's totalpages = (memory.max + min(swap.max, SwapTotal)) / page size"
	_pred=$(predict "$D/rank-$_n.json")
	diag "swap/$_n: rank's points: A $(rank_points "$D/rank-$_n.json" "$_a"), B $(rank_points "$D/rank-$_n.json" "$_b"), C $(rank_points "$D/rank-$_n.json" "$_c"); swap in use $(cat "$CG/$_cg/memory.swap.current") bytes"
	# Memory + swap full, and 4M more.
	_cap=$(((32 << 20) + $(cat "$CG/$_cg/memory.swap.max" | sed "s/^max$/$((_swt * 1024))/")))
	_used=$(($(cat "$CG/$_cg/memory.current") + $(cat "$CG/$_cg/memory.swap.current")))
	push "$_cg" $(((_cap - _used) / 1048576 + 4))
	settle "$_a" "$_b" "$_c"
	klog_take "$D/kernel-$_n.log"
	_kill=$(killed "$D/kernel-$_n.log" | head -n 1)
	vs "swap/$_n" "$_kill" "$_pred"
	is "$_kill" "$(pid "$_want") ($_want)" \
		"swap/$_n: the kernel took $_want, as only totalpages = memory.max + min(swap.max, SwapTotal) ranks first"
	# rank's inputs against the kernel's.  Under swap they move between the
	# two reads: 6.1 keeps up to 64 of a task's own page events in the task
	# (SPLIT_RSS_COUNTING) and clamps a counter that reclaim drives below 0
	# to 0, so rss + swap jumps by that residue once all of a task's anon
	# pages are swapped out (tests/vm/README.md).  Hence a bound here.
	_d=
	for _p in "$_a" "$_b" "$_c"; do
		_rb=$(rank_base "$D/rank-$_n.json" "$_p") _kb=$(dump_base "$D/kernel-$_n.log" "$_p")
		_d="$_d $((_kb - _rb))"
	done
	echo "$_d" | awk '{ for (i = 1; i <= NF; i++) if ($i < -128 || $i > 128) exit 1 }'
	tap $? "swap/$_n: the kernel's task dump minus rank's rss + swap + page tables, per task:$_d pages (within 128)"
	oomrisk rank --cgroup "/$_cg" -n 10 --format=json >"$D/rank-$_n-after.json"
	for _p in "$_a" "$_b" "$_c"; do
		alive "$_p" && diag "swap/$_n: survivor $_p: rank after the OOM $(rank_base "$D/rank-$_n-after.json" "$_p"), kernel dump $(dump_base "$D/kernel-$_n.log" "$_p")"
	done
	cg_clean
}

exp_swap() {
	D=$OUT/swap
	klog_mark
	if ! [ -b /dev/vda ] || ! mkswap /dev/vda >"$D/mkswap.txt" 2>&1 || ! swapon /dev/vda; then
		tap 1 "swap: a swap device on /dev/vda (the host's 64M disk)"
		return
	fi
	tap 0 "swap: swapon /dev/vda, SwapTotal $(awk '/^SwapTotal:/ { print $2 }' /proc/meminfo) kB"
	swap_case limited $((32 << 20)) swB
	swap_case max max swC
	swapoff /dev/vda
}
