# tests/cgroup-lib.sh: make and remove throwaway memory cgroups (v1 or v2).
# Source after lib.sh.  memcg_create NAME LIMIT_BYTES sets $cg_dir (the
# directory) and $cg_path (the cgroup path); memcg_destroy kills what is
# left in it and removes it.  Only cgroups made here are ever touched.

memcg_mount() {	# prints "VERSION DIR" of the memory controller, or fails
	awk '$0 ~ / - cgroup / && $NF ~ /(^|,)memory(,|$)/ { print 1, $5; found=1; exit }
	     END { if (!found) exit 1 }' /proc/self/mountinfo && return 0
	d=$(awk '$0 ~ / - cgroup2 / { print $5; exit }' /proc/self/mountinfo)
	[ -n "$d" ] && grep -qw memory "$d/cgroup.controllers" 2>/dev/null || return 1
	echo 2 "$d"
}

memcg_create() {
	set -- "$1" "$2" $(memcg_mount) || return 1
	[ -n "$4" ] || return 1
	cg_version=$3
	cg_dir=$4/$1
	cg_path=/$1
	mkdir "$cg_dir" || return 1
	if [ "$cg_version" = 1 ]; then
		echo "$2" >"$cg_dir/memory.limit_in_bytes"
	else
		grep -qw memory "$4/cgroup.subtree_control" || echo +memory >"$4/cgroup.subtree_control"
		echo "$2" >"$cg_dir/memory.max" && echo 0 >"$cg_dir/memory.swap.max" 2>/dev/null
		true
	fi
}

memcg_destroy() {
	[ -n "${cg_dir:-}" ] && [ -d "$cg_dir" ] || return 0
	for i in $(seq 50); do
		pids=$(cat "$cg_dir/cgroup.procs" 2>/dev/null)
		[ -z "$pids" ] && break
		kill -9 $pids 2>/dev/null
		sleep 0.1
	done
	rmdir "$cg_dir"
}
