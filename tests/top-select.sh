# top-select: the selection follows its task, at 80x24, 120x40, 200x50 and
# 40x12.  Three tasks of ours, kept alone on screen by a filter: A (24M),
# B growing to 40M once selected, C (in a throwaway memory cgroup, root only).
# With B selected, B overtakes A: the selection moves up with B.  B is
# killed: the status line names it and the selection is on the task now at
# B's place (not on B's zombie among the unkillable rows).  C selected and
# OOM-killed by its cgroup's limit: "died: OOM kills +1".  Selected rows
# are found by their reverse video (NO_COLOR).  The four sizes run at the
# same time (in_parallel, tests/lib.sh), each with tasks and a cgroup of
# its own.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/cgroup-lib.sh"

tmp=$(mktemp -d)
cleanup() {
	tmux_cleanup
	# shellcheck disable=SC2046
	kill -9 $(cat "$tmp"/par*/started.pids 2>/dev/null) 2>/dev/null
	wait 2>/dev/null
	# Each size's cgroup (oomrisk-tsel-PID-SIZE), if it is left.
	if [ "$can_memcg" = yes ]; then
		for cg_dir in "$(memcg_mount | cut -d' ' -f2)"/oomrisk-tsel-$$-*; do
			memcg_destroy
		done
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
. "$srcdir/tests/tmux-lib.sh"

esc=$(printf '\033')
# The pid on the selected row (reverse video: SGR 7, alone or as in "0;7"), or nothing.
selected() {
	screen -e | awk -v e="$esc" 'match($0, e "\\[([0-9]*;)*7(;[0-9]+)*m") { s = $0; gsub(e "\\[[0-9;]*m", "", s)
		if (s ~ /^ *[-0-9]+ +[0-9]+ /) { split(s, f, " "); print f[2]; exit } }'
}
# The row (0-based, among the rows shown) of a pid.
row_of() { rows | awk -v p="$1" '$2 == p { print NR - 1; exit }'; }

can_memcg=no
[ "$(id -u)" -eq 0 ] && memcg_mount >/dev/null && can_memcg=yes

run_size() {	# run_size COLS LINES (in_parallel: $par, $tmp of its own)
	cols=$1 lines=$2
	n=tsel$$s$par
	"$MEMHOG" -m 24 -a 1000 -n "${n}a" -r "$tmp/ready-a" &
	a=$!
	"$MEMHOG" -m 40 -s 1 -t 150 -a 1000 -n "${n}b" -r "$tmp/ready-b" &
	b=$!
	echo "$a $b" >>"$tmp/started.pids"
	# B holds still until it is selected: on a busy machine top may take
	# longer to come up than B takes to pass A.  It has its name and adj
	# before it touches memory.
	wait_cond '[ "$(cat /proc/$b/comm 2>/dev/null)" = "${n}b" ]' 5
	kill -STOP "$b"
	wait_ready "$tmp/ready-a"
	tmux_start "$cols" "$lines" "NO_COLOR=1 $OOMRISK top -d 0.4; sleep 600"
	wait_for '^ *RANK ' 10
	keys /
	keys -l "$n"
	keys Enter
	wait_cond '[ "$(rows | grep -c "$n")" -eq 2 ]' 10
	ok $? "${cols}x$lines: the filter shows our two tasks"
	# B starts smaller: the second row.  Select it.
	wait_cond '[ "$(row_of $b)" = 1 ]' 5
	keys Down
	wait_cond '[ "$(selected)" = "$b" ]' 5
	ok $? "${cols}x$lines: B ($b) selected on the second row"
	kill -CONT "$b"
	# B grows past A's 24M: its row moves up, the selection with it.
	wait_cond '[ "$(row_of $b)" = 0 ]' 20
	ok $? "${cols}x$lines: B overtook A (now the first row)"
	wait_cond '[ "$(selected)" = "$b" ]' 3
	ok $? "${cols}x$lines: the selection moved up with B, not stayed on the row"
	# B dies: the status line names it; the selection is on the task at B's rank.
	kill -9 "$b"
	# The capture that shows the death is kept: its rows are those of the
	# frame that reported it.
	wait_cond 'screen >"$tmp/death"; tail -1 "$tmp/death" | grep -q "$b (${n}b) \(exited\|died\)"' 5
	ok $? "${cols}x$lines: the status line says B ($b) died"
	wait_cond '[ "$(selected)" = "$a" ]' 5
	ok $? "${cols}x$lines: the selection is on A, now first ($(selected))"
	# The line says where the selection went, and A's rank in the frame of
	# the death (other tasks, such as the other sizes', move A later).  A
	# line too long for the terminal keeps its first clause, who died:
	# under 80 columns, or under 120 when an OOM kill elsewhere (another
	# size's cgroup) made it "died: OOM kills +N since the last refresh".
	ra=$(awk -v p="$a" '/^ *RANK +PID /{ r = 1; next } r && $2 == p { print $1; exit }' \
		"$tmp/death")
	status=$(tail -1 "$tmp/death")
	case $status in
	*"; now on $a (${n}a), rank ${ra:-1}") r=0 ;;
	*"; now on "*) r=1 ;;
	*" died: OOM kills +"*) [ "$cols" -lt 120 ]; r=$? ;;
	*) [ "$cols" -lt 80 ]; r=$? ;;
	esac
	ok $r "${cols}x$lines: and the status line says where it went"
	[ $r -eq 0 ] || echo "# status line: $status (A's row: rank $ra)"
	# Reaped, B leaves the list at the next refresh.
	wait "$b" 2>/dev/null
	wait_cond '! rows | grep -q "^ *[-0-9]* *$b "' 5
	ok $? "${cols}x$lines: B is not listed any more, zombie or not"

	# A memcg OOM kill of the selected task (root, a memory controller).
	if [ "$can_memcg" = yes ] && memcg_create "oomrisk-tsel-$$-$par" $((48 << 20)); then
		"$MEMHOG" -g "$cg_dir" -m 32 -a 1000 -n "${n}c" -r "$tmp/ready-c" &
		c=$!
		echo "$c" >>"$tmp/started.pids"
		wait_ready "$tmp/ready-c"
		wait_cond '[ "$(row_of $c)" = 0 ]' 5
		keys Home
		wait_cond '[ "$(selected)" = "$c" ]' 5
		ok $? "${cols}x$lines: C ($c, in a cgroup with a 48M limit) selected"
		# A push needs 24M more: the kernel kills C (adj 1000 weighs 48M
		# in a 48M scope: 80M of points against the push's 24M).  adj
		# -1000 for the push would need CAP_SYS_RESOURCE.
		"$MEMHOG" -g "$cg_dir" -m 24 -n "${n}p" -x 2>/dev/null
		wait_for "$c (${n}c) died: OOM kills +[0-9]*" 5
		ok $? "${cols}x$lines: OOM-killed: the status line says so" ||
			screen | tail -1 | sed 's/^/# /'
		wait_cond '[ "$(selected)" = "$a" ]' 5
		ok $? "${cols}x$lines: the selection is on the task now first (A)"
		wait_gone "$c" || kill -9 "$c" 2>/dev/null
		memcg_destroy
	else
		skip "${cols}x$lines: an OOM-killed selection" "needs root and a memory controller"
		skip "${cols}x$lines: the selection after the OOM kill" "needs root and a memory controller"
		skip "${cols}x$lines: the status line after the OOM kill" "needs root and a memory controller"
	fi
	keys q
	tm kill-server 2>/dev/null
	kill -9 "$a" 2>/dev/null
	wait "$a" 2>/dev/null
}

in_parallel run_size "80 24" "120 40" "200 50" "40 12"
done_testing
