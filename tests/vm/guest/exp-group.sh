# group: memory.oom.group.  After choosing the victim the kernel walks from
# the victim's cgroup up to the OOM's domain (the limited cgroup, or the
# root in a machine-wide OOM) and kills every task of the highest cgroup
# with the flag set, except adj -1000 (and init).  Four places for the flag,
# each compared with `rank --blast-radius` made before the OOM:
#   limited  /ga (limited, flag)                  -> all of /ga but the guard
#   child    /gb (limited) > /gb/c (flag), /gb/d  -> all of /gb/c, not /gb/d
#   above    /gc (flag) > /gc/c (limited), /gc/s  -> the victim alone
#   global   /gd (flag), a machine-wide OOM       -> all of /gd but the guard

# blast_set FILE: the pids rank says the kill takes, sorted.
blast_set() {
	jq -r 'if .blast_radius.group_kill
		then [.blast_radius.members[] | select(.killed) | .pid]
		else [.tasks[0].pid] end | sort | map(tostring) | join(" ")' "$1"
}

# gone PID...: those no longer running, sorted.
gone() {
	for _p in "$@"; do alive "$_p" || echo "$_p"; done | sorted
}

# group_round NAME RANK-ARGS PUSH-CGROUP PUSH-MIB HOG...: predict, OOM, compare.
group_round() {
	_n=$1 _args=$2 _pcg=$3 _pmib=$4
	shift 4
	_pids=
	for _h in "$@"; do _pids="$_pids $(pid "$_h")"; done
	# shellcheck disable=SC2086
	oomrisk rank $_args --blast-radius -n 10 >"$D/rank-$_n.txt"
	# shellcheck disable=SC2086
	oomrisk rank $_args --blast-radius -n 10 --format=json >"$D/rank-$_n.json"
	_pred=$(blast_set "$D/rank-$_n.json")
	_pv=$(predict "$D/rank-$_n.json")
	push "$_pcg" "$_pmib"
	# shellcheck disable=SC2086
	settle $_pids
	klog_take "$D/kernel-$_n.log"
	_kv=$(killed "$D/kernel-$_n.log" | head -n 1)
	vs "group/$_n" "$_kv" "$_pv"
	# shellcheck disable=SC2086
	is "$(gone $_pids)" "$_pred" "group/$_n: the kernel killed {$(gone $_pids)} vs rank --blast-radius {$_pred}"
	is "$(killed "$D/kernel-$_n.log" | cut -d' ' -f1 | sorted | tr ' ' '\n' | uniq | sorted)" \
		"$_pred" "group/$_n: the pids in its 'Killed process' lines are that set"
}

exp_group() {
	D=$OUT/group
	klog_mark

	cg_make ga
	hog gaA ga 48 0
	hog gaB ga 40 0
	hog gaK ga 16 -1000
	ready gaA gaB gaK || return
	echo 1 >"$CG/ga/memory.oom.group"
	cg_room ga $((8 << 20))
	group_round limited "--cgroup /ga" ga 16 gaA gaB gaK
	alive "$(pid gaK)"
	tap $? "group/limited: the adj -1000 guard survived"
	cg_clean

	cg_make gb && cg_make gb/c && cg_make gb/d
	hog gbC1 gb/c 48 0
	hog gbC2 gb/c 40 0
	hog gbD gb/d 44 0
	ready gbC1 gbC2 gbD || return
	echo 1 >"$CG/gb/c/memory.oom.group"
	cg_room gb $((8 << 20))
	group_round child "--cgroup /gb" gb/d 16 gbC1 gbC2 gbD
	cg_clean

	cg_make gc && cg_make gc/c && cg_make gc/s
	hog gcE1 gc/c 48 0
	hog gcE2 gc/c 40 0
	hog gcF gc/s 40 0
	ready gcE1 gcE2 gcF || return
	echo 1 >"$CG/gc/memory.oom.group"
	cg_room gc/c $((8 << 20))
	group_round above "--cgroup /gc/c" gc/c 16 gcE1 gcE2 gcF
	cg_clean

	# Machine-wide: no limit anywhere; the push (outside /gd, adj -1000)
	# needs 32M more than is free, less than the group frees.
	cg_make gd
	hog gdG1 gd 128 0
	hog gdG2 gd 64 0
	hog gdK gd 16 -1000
	ready gdG1 gdG2 gdK || return
	echo 1 >"$CG/gd/memory.oom.group"
	avail=$(awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo)
	diag "group/global: MemAvailable ${avail}M before the push"
	group_round global "" - $((avail + 32)) gdG1 gdG2 gdK
	alive "$(pid gdK)"
	tap $? "group/global: the adj -1000 guard survived"
}
