# tests/vm/guest/lib.sh: what the experiments share, inside the guest.
# TAP (numbered here; the host renumbers), throwaway cgroups, memhogs, the
# kernel log cut into one piece per OOM event, and the victim comparison
# every experiment prints: "NAME: kernel victim K vs predicted P".

CG=/sys/fs/cgroup
OUT=/out
W=/tmp/vm
PAGE=$(getconf PAGESIZE 2>/dev/null || echo 4096)
mkdir -p "$W"
tap_n=0

tap() {	# tap STATUS DESCRIPTION [TODO-REASON]
	tap_n=$((tap_n + 1))
	_r=ok
	[ "$1" -eq 0 ] || _r="not ok"
	if [ -n "${3:-}" ]; then
		echo "$_r $tap_n - $2 # TODO $3"
	else
		echo "$_r $tap_n - $2"
	fi
}

is() {	# is GOT WANT DESCRIPTION [TODO-REASON]
	[ "$1" = "$2" ]
	_s=$?
	tap $_s "$3" "${4:-}"
	[ $_s -eq 0 ] || printf '#   got:  %s\n#   want: %s\n' "$1" "$2"
	return $_s
}

diag() { echo "# $*"; }

# vs NAME KERNEL PREDICTED [TODO-REASON]: the line every experiment reports.
vs() {
	is "$2" "$3" "$1: kernel victim ${2:-none} vs predicted ${3:-none}" "${4:-}"
}

# ---- cgroups -------------------------------------------------------------

# cg_make PATH: a cgroup under $CG, with the memory controller enabled for
# it in its parent.  Every cgroup made here is listed for cg_clean.
cg_make() {
	_parent=$(dirname "$CG/$1")
	grep -qw memory "$_parent/cgroup.subtree_control" ||
		echo +memory >"$_parent/cgroup.subtree_control"
	mkdir "$CG/$1" && echo "$1" >>"$W/cgroups"
}

# cg_room PATH BYTES: memory.max = what the cgroup holds now + BYTES.
cg_room() {
	_cur=$(cat "$CG/$1/memory.current")
	echo $(((_cur + $2) / PAGE * PAGE)) >"$CG/$1/memory.max"
}

# cg_clean: kill what is left in our cgroups and remove them, deepest first.
cg_clean() {
	[ -f "$W/cgroups" ] || return 0
	for _c in $(sort -r "$W/cgroups"); do
		[ -d "$CG/$_c" ] || continue
		for _i in $(seq 50); do
			_p=$(cat "$CG/$_c/cgroup.procs")
			[ -z "$_p" ] && break
			kill -9 $_p 2>/dev/null
			sleep 0.1
		done
		rmdir "$CG/$_c"
	done
	rm -f "$W/cgroups"
	wait 2>/dev/null
}

# ---- tasks -------------------------------------------------------------------

# hog NAME CGROUP MIB ADJ: a memhog holding MIB MiB; its pid lands in
# $W/NAME.pid once the memory is touched.
hog() {
	rm -f "$W/$1.pid"
	memhog -g "$CG/$2" -a "$4" -n "$1" -m "$3" -r "$W/$1.pid" &
}

# ready NAME...: up to 120 s until every hog is ready.
ready() {
	for _i in $(seq 1200); do
		_all=1
		for _h in "$@"; do [ -s "$W/$_h.pid" ] || _all=0; done
		[ $_all = 1 ] && return 0
		sleep 0.1
	done
	diag "not ready after 120 s: $*"
	return 1
}

pid() { cat "$W/$1.pid"; }

alive() {	# alive PID: running (not gone, not a zombie)
	[ -r "/proc/$1/stat" ] && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null
}

# push CGROUP MIB: a task that needs MIB MiB more in CGROUP (or, with
# CGROUP "-", where it is) and exits.  At adj -1000 it is never the victim.
# MIB must be less than the smallest victim frees, or one round kills twice.
push() {
	if [ "$1" = - ]; then
		timeout 300 memhog -a -1000 -n push -m "$2" -x
	else
		timeout 300 memhog -g "$CG/$1" -a -1000 -n push -m "$2" -x
	fi
}

# settle PID...: reap those of PID that were killed and give the oom_reaper
# time to log its line.
settle() {
	for _p in "$@"; do
		alive "$_p" || wait "$_p" 2>/dev/null
	done
	sleep 0.5
}

# ---- the kernel log ------------------------------------------------------

# klog_mark: start a new piece (what came before goes to the whole log).
klog_mark() { dmesg -c >>"$OUT/kernel.log"; }

# klog_take FILE: the piece since klog_mark into FILE (and the whole log).
klog_take() {
	dmesg -c >"$1"
	cat "$1" >>"$OUT/kernel.log"
}

# killed FILE: "PID (comm)" per "Killed process" line, in log order.
killed() {
	sed -n 's/.*Killed process \([0-9]*\) (\(.*\)) total-vm:.*/\1 (\2)/p' "$1"
}

# kills FILE: the same on one line, ", " between (a TAP description holds
# no newline; a second kill shows up as a mismatch).
kills() { killed "$1" | sed ':a;N;$!ba;s/\n/, /g'; }

# dump_base FILE PID: rss + swapents + pgtables_bytes / page size of PID in
# the first task dump of FILE (6.1 layout: "[  pid  ]   uid  tgid total_vm
# rss pgtables_bytes swapents oom_score_adj name").
dump_base() {
	awk -v pid="$2" -v page="$PAGE" '
		{ sub(/^\[[ 0-9.]*\] /, "") }
		/^\[ *[0-9]+\] / {
			gsub(/[][]/, " ")
			if ($1 == pid) { print $5 + $7 + int($6 / page); exit }
		}' "$1"
}

# dump_order FILE: the pids of the first task dump, in the kernel's order.
dump_order() {
	awk '{ sub(/^\[[ 0-9.]*\] /, "") }
		/Tasks state/ { n++ }
		n == 1 && /^\[ *[0-9]+\] / { gsub(/[][]/, " "); printf "%s ", $1 }' "$1"
}

# ---- oomrisk -------------------------------------------------------------

# predict FILE: "PID (comm)" of the top task in rank JSON FILE.
predict() { jq -r '.tasks[0] | "\(.pid) (\(.comm))"' "$1"; }

# rank_base FILE PID: our base pages (rss + swap + page tables) for PID.
rank_base() { jq -r --argjson p "$2" '.tasks[] | select(.pid == $p) | .breakdown.base_pages' "$1"; }

# rank_points FILE PID
rank_points() { jq -r --argjson p "$2" '.tasks[] | select(.pid == $p) | .points' "$1"; }

# fidelity NAME RANKJSON KLOG PID...: the kernel's task dump and rank agree
# on every task's base pages (rank read /proc before the OOM, the kernel
# its counters during it; idle hogs do not change in between).
fidelity() {
	_name=$1 _rj=$2 _kl=$3
	shift 3
	_got= _want=
	for _p in "$@"; do
		_got="$_got $_p:$(dump_base "$_kl" "$_p")"
		_want="$_want $_p:$(rank_base "$_rj" "$_p")"
	done
	is "$_got" "$_want" "$_name: the kernel's task dump and rank agree on rss + swap + page tables (pid:pages)"
}

sorted() { tr ' ' '\n' | grep . | sort -n | tr '\n' ' ' | sed 's/ $//'; }

# ---- the runner ----------------------------------------------------------

ALL_EXPERIMENTS="order ties group check top suite swap capture bpf explain"

run_experiments() {
	diag "kernel $(uname -r) ($(uname -v))"
	diag "guest up $(cut -d' ' -f1 /proc/uptime) s when the experiments start"
	diag "MemTotal $(awk '/^MemTotal/ { print $2 }' /proc/meminfo) kB, $(nproc) CPUs, cgroup2 controllers: $(cat $CG/cgroup.controllers)"
	for _e in "$@"; do
		_t0=$(cut -d' ' -f1 /proc/uptime)
		diag "---- experiment $_e"
		mkdir -p "$OUT/$_e"
		"exp_$_e"
		cg_clean
		diag "experiment $_e took $(awk -v a="$_t0" '{ printf "%.1f", $1 - a }' /proc/uptime) s"
	done
	diag "guest up $(cut -d' ' -f1 /proc/uptime) s at the end"
	echo "1..$tap_n"
}
