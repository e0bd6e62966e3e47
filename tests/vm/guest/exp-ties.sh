# ties: two identical tasks (equal points: same static binary, same size,
# no ASLR) where the kernel's scan order and pid order (and, for siblings,
# the order of the names) disagree.  From 5.3
# the OOM killer keeps the later-scanned task on equal points; in a memcg
# OOM mem_cgroup_scan_tasks walks the subtree in pre-order (a sibling
# created earlier first) and each cgroup's tasks in the order they joined
# (cgroup.procs order).  rank follows the same order (core/rank.h, enum
# tie_scan) and must name the kernel's victim in both cases.

# tie_round NAME CGROUP LOW HIGH: rank, the OOM, the kernel's victim.  LOW
# is the lower-pid task, the one the kernel must take; HIGH the other.
tie_round() {
	_n=$1 _cg=$2 _lo=$3 _hi=$4
	oomrisk rank --cgroup "/$_cg" -n 10 >"$D/rank-$_n.txt"
	oomrisk rank --cgroup "/$_cg" -n 10 --format=json >"$D/rank-$_n.json"
	is "$(rank_points "$D/rank-$_n.json" "$_lo")" "$(rank_points "$D/rank-$_n.json" "$_hi")" \
		"ties/$_n: rank sees equal points for $_lo and $_hi"
	pred=$(predict "$D/rank-$_n.json")
	cg_room "$_cg" $((8 << 20))
	push "$_cg/push" 16
	settle "$_lo" "$_hi"
	klog_take "$D/kernel-$_n.log"
	kill=$(kills "$D/kernel-$_n.log")
	is "$(dump_base "$D/kernel-$_n.log" "$_lo")" "$(dump_base "$D/kernel-$_n.log" "$_hi")" \
		"ties/$_n: the kernel's task dump shows equal rss + swap + page tables for $_lo and $_hi"
	is "$kill" "$_lo ($(comm_of "$_lo"))" \
		"ties/$_n: the kernel killed the task it scanned last, $_lo, though its pid is lower"
	vs "ties/$_n" "$kill" "$pred"
	is "$(jq -r '.tie_break.kernel_keeps + " / " + .tie_break.scan_order' "$D/rank-$_n.json")" \
		"last scanned / memcg walk" "ties/$_n: rank's tie_break names the kernel's rule"
}

comm_of() { cat "$W/comm.$1"; }

exp_ties() {
	D=$OUT/ties
	klog_mark

	# Sibling cgroups, created b first, then a: the walk scans b, then a,
	# against the names' order.  ta starts first (lower pid) in a, tb in b.
	cg_make t1 && cg_make t1/b && cg_make t1/a && cg_make t1/push
	diag "ties/siblings: created /t1/b (inode $(stat -c %i "$CG/t1/b")), then /t1/a (inode $(stat -c %i "$CG/t1/a")); readdir order: $(find "$CG/t1" -mindepth 1 -maxdepth 1 -type d | sed 's|.*/||' | tr '\n' ' ')"
	hog tiea t1/a 48 0
	ready tiea || return
	hog tieb t1/b 48 0
	ready tieb || return
	a=$(pid tiea) b=$(pid tieb)
	echo tieb >"$W/comm.$b"
	echo tiea >"$W/comm.$a"
	[ "$a" -lt "$b" ]
	tap $? "ties/siblings: ta (pid $a, in /t1/a, created second) is older than tb (pid $b, in /t1/b)"
	tie_round siblings t1 "$a" "$b"
	diag "ties/siblings: the kernel's task dump order: $(dump_order "$D/kernel-siblings.log")"
	cg_clean

	# One cgroup: p1 forks first (lower pid) but joins /t2/x after p2.
	cg_make t2 && cg_make t2/x && cg_make t2/push
	mkfifo "$W/go"
	rm -f "$W/tiep1.pid" "$W/tiep2.pid"
	# shellcheck disable=SC2016
	sh -c 'read _ <"$1"; echo $$ >"$2"; exec memhog -n tiep1 -m 48 -a 0 -r "$3"' \
		sh "$W/go" "$CG/t2/x/cgroup.procs" "$W/tiep1.pid" &
	# shellcheck disable=SC2016
	sh -c 'echo $$ >"$1"; exec memhog -n tiep2 -m 48 -a 0 -r "$2"' \
		sh "$CG/t2/x/cgroup.procs" "$W/tiep2.pid" &
	ready tiep2 || return
	echo go >"$W/go"
	ready tiep1 || return
	p1=$(pid tiep1) p2=$(pid tiep2)
	echo tiep1 >"$W/comm.$p1"
	echo tiep2 >"$W/comm.$p2"
	is "$(tr '\n' ' ' <"$CG/t2/x/cgroup.procs")" "$p2 $p1 " \
		"ties/one-cgroup: cgroup.procs lists p2 ($p2) before p1 ($p1), the order they joined"
	[ "$p1" -lt "$p2" ]
	tap $? "ties/one-cgroup: p1 ($p1) is older than p2 ($p2)"
	tie_round one-cgroup t2 "$p1" "$p2"
	diag "ties/one-cgroup: the kernel's task dump order: $(dump_order "$D/kernel-one-cgroup.log")"
}
