# top-tmux: drive the full-screen `oomrisk top` in tmux at 80x24 and
# 200x50: the zones panel shows every zone of /proc/zoneinfo with its
# min/low/high, the first row is rank's first, the keys do what they say,
# and q leaves the terminal as it was.
. "$srcdir/tests/lib.sh"
command -v tmux >/dev/null || skip_all "needs tmux (build-aux/debian-packages)"

tmp=$(mktemp -d)
# Sockets in our temporary directory: tmux leaves socket files behind.
sock=$tmp/tmux
pids=
cleanup() {
	for s in "$tmp"/tmux*; do
		[ -S "$s" ] && tmux -S "$s" kill-server 2>/dev/null
	done
	[ -n "$pids" ] && kill $pids 2>/dev/null
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
pk=$(( $(getconf PAGESIZE) / 1024 ))

tm() { tmux -S "$sock" -f /dev/null "$@"; }
screen() { tm capture-pane -p -t top "$@"; }
# wait_for REGEX [SECONDS]: until the screen shows it.
wait_for() {
	i=0
	while [ $i -lt $(( ${2:-10} * 10 )) ]; do
		screen | grep -q -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# wait_cond SHELL-CONDITION [SECONDS]: poll until it holds (the screen
# refreshes on its own clock; a loaded machine is slow to redraw).
wait_cond() {
	i=0
	while [ $i -lt $(( ${2:-5} * 10 )) ]; do
		eval "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
keys() { tm send-keys -t top "$@"; }

# The adj 1000 hog is the kernel's first choice.
"$MEMHOG" -m 16 -a 1000 -n "tuihog$$" -r "$tmp/ready" &
hog=$!
pids="$pids $hog"
wait_ready "$tmp/ready"

# fmt_kb() in awk: the sizes the zone panel prints.
expected_zones() {
	awk -v pk="$pk" '
	function fmt(kb,  v, u) {
		if (kb == 0) return "0"
		v = kb; u = 0
		while (v >= 1024 && u < 6) { v /= 1024; u++ }
		if (u == 0) return sprintf("%dK", kb)
		if (v < 9.95) return sprintf("%.1f%s", v, substr("KMGTPEZ", u + 1, 1))
		return sprintf("%.0f%s", v, substr("KMGTPEZ", u + 1, 1))
	}
	function out() { if (z != "") printf "%s min %5s low %5s high %5s\n", z, fmt(min), fmt(low), fmt(high) }
	/^Node/ { out(); n = $2; sub(",", "", n); z = n " " $4 }
	$1 == "min" { min = $2 * pk }
	$1 == "low" { low = $2 * pk }
	$1 == "high" { high = $2 * pk }
	END { out() }' /proc/zoneinfo
}

run_size() {	# run_size COLS LINES
	cols=$1 lines=$2
	sock=$tmp/tmux-$cols
	tm new-session -d -s top -x "$cols" -y "$lines" \
		"stty -g >$tmp/stty.before; echo BEFORE-MARK; $OOMRISK top -d 0.5; echo EXIT=\$?; stty -g >$tmp/stty.after; sleep 600"
	wait_for '^RANK ' 10
	ok $? "${cols}x$lines: the screen comes up"
	sleep 1.2
	# Other tasks may come and go: rank's first right before and after.
	rank1=$("$OOMRISK" rank -n 1 --format=json | jq '.tasks[0].pid')
	screen >"$tmp/s1"
	rank2=$("$OOMRISK" rank -n 1 --format=json | jq '.tasks[0].pid')

	# Zones: each zone's line with min/low/high as /proc/zoneinfo says.
	expected_zones >"$tmp/zones"
	missing=0
	while read -r node name rest; do
		grep -q "^$node $name *\[.*\] *[0-9.]*[KMGT]* $rest " "$tmp/s1" || {
			missing=$((missing + 1)); echo "# not on screen: $node $name ... $rest"; }
	done <"$tmp/zones"
	is "$missing" 0 "${cols}x$lines: every zone ($(wc -l <"$tmp/zones")) with its min/low/high"
	first=$(awk '/^RANK /{getline; print $2; exit}' "$tmp/s1")
	[ "$first" = "$rank1" ] || [ "$first" = "$rank2" ]
	ok $? "${cols}x$lines: first row is rank's first ($first; rank: $rank1, $rank2)"
	is "$(head -1 "$tmp/s1" | cut -c1-12)" "oomrisk top " "${cols}x$lines: header on line 1"
	tail -1 "$tmp/s1" | grep -q '^q quit  h help  space pause'
	ok $? "${cols}x$lines: key hints on the last line"
	is "$(wc -l <"$tmp/s1")" "$lines" "${cols}x$lines: the screen is exactly $lines lines"
	awk -v c="$cols" 'length($0) > c {bad = 1} END {exit bad}' "$tmp/s1"
	ok $? "${cols}x$lines: no line wider than the terminal"

	# s cycles the sort: rss (descending), growth, pid (ascending), score.
	keys s
	wait_for 'sort rss' 5
	ok $? "${cols}x$lines: s: sort rss"
	sleep 0.7
	screen | awk '/^RANK /{r=1; next} r && /^ *[-0-9]+ +[0-9]+ /{
		v = $6; u = substr(v, length(v)); k = v + 0
		if (u == "M") k *= 1024; else if (u == "G") k *= 1048576
		print k }' >"$tmp/sizes"
	sort -g -r -c "$tmp/sizes" && [ -s "$tmp/sizes" ]
	ok $? "${cols}x$lines: rows by RSS, largest first"
	keys s
	wait_for 'sort growth' 5
	ok $? "${cols}x$lines: s: sort growth"
	keys s
	wait_for 'sort pid' 5
	ok $? "${cols}x$lines: s: sort pid"
	sleep 0.7
	screen | awk '/^RANK /{r=1; next} r && /^ *[-0-9]+ +[0-9]+ /{print $2}' >"$tmp/pids"
	sort -n -c "$tmp/pids" && [ -s "$tmp/pids" ]
	ok $? "${cols}x$lines: rows by pid, ascending"
	keys s
	wait_for 'sort score' 5
	ok $? "${cols}x$lines: s: back to score"

	# / filters by command.
	keys / "tuihog$$" Enter
	wait_for "filter tuihog$$" 5
	ok $? "${cols}x$lines: /: the filter is shown"
	sleep 0.7
	screen | awk '/^RANK /{r=1; next} r && /^ *[-0-9]+ +[0-9]+ /' >"$tmp/rows"
	[ "$(wc -l <"$tmp/rows")" -eq 1 ] && grep -q "^ *[0-9]* *$hog " "$tmp/rows"
	ok $? "${cols}x$lines: only the matching task is listed"

	# a sets the selected task's oom_score_adj, after a confirmation.  The
	# filter keeps our own task the only one selectable.
	keys Home a 500 Enter
	if wait_for "set oom_score_adj of $hog from [0-9-]* to 500? (y/n)" 5; then
		ok 0 "${cols}x$lines: a asks to confirm, naming the task"
		keys y
		wait_for "oom_score_adj of $hog set to 500" 5
		ok $? "${cols}x$lines: confirmed"
		is "$(cat /proc/$hog/oom_score_adj)" 500 "${cols}x$lines: the kernel has 500"
		keys a -5 Enter
		if wait_for "set oom_score_adj of $hog from 500 to -5? (y/n)" 5; then
			keys y
			wait_cond '[ "$(cat /proc/$hog/oom_score_adj)" = -5 ] ||
			    screen | grep -q "refused: lowering oom_score_adj of $hog"'
			if [ "$(cat /proc/$hog/oom_score_adj)" = -5 ]; then
				screen | grep -q "oom_score_adj of $hog set to -5"
				ok $? "${cols}x$lines: lowering below 0 allowed here (CAP_SYS_RESOURCE)"
			else
				screen | grep -q "refused: lowering oom_score_adj of $hog needs CAP_SYS_RESOURCE"
				ok $? "${cols}x$lines: lowering below 0 refused, and said why"
			fi
		else
			keys Escape
			ok 1 "${cols}x$lines: second prompt"
		fi
		echo 1000 >/proc/$hog/oom_score_adj
		keys a 7 Escape
		sleep 0.3
		is "$(cat /proc/$hog/oom_score_adj)" 1000 "${cols}x$lines: Esc cancels"
	else
		keys Escape Escape
		ok 1 "${cols}x$lines: a asks to confirm, naming the task"
		screen | tail -1 | sed 's/^/# status: /'
	fi

	keys / BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace Enter
	wait_cond '! screen | grep -q "filter tuihog" &&
	    [ "$(screen | awk "/^RANK /{r=1; next} r && /^ *[-0-9]+ +[0-9]+ /" | wc -l)" -gt 1 ]'
	ok $? "${cols}x$lines: an empty filter shows every task again"

	# space pauses: [paused], the clock stops; space resumes.
	keys Space
	wait_for '\[paused\]' 5
	ok $? "${cols}x$lines: space: [paused]"
	c1=$(screen | head -1 | awk '{print $3}')
	sleep 1.6
	c2=$(screen | head -1 | awk '{print $3}')
	is "$c2" "$c1" "${cols}x$lines: paused: no refresh"
	keys Space
	sleep 1.6
	c3=$(screen | head -1 | awk '{print $3}')
	! screen | grep -q '\[paused\]' && [ "$c3" != "$c1" ]
	ok $? "${cols}x$lines: space again: refreshing ($c1 -> $c3)"

	# h shows the help; any key returns.
	keys h
	wait_for '^oomrisk top: who the OOM killer takes next' 5
	ok $? "${cols}x$lines: h: help"
	keys x
	wait_for '^RANK ' 5
	ok $? "${cols}x$lines: a key returns from help"

	# z hides and shows the zones panel.
	keys z
	sleep 0.5
	! screen | grep -q '^ZONE  *free against'
	ok $? "${cols}x$lines: z hides the zones"
	keys z
	wait_for '^ZONE  *free against' 5
	ok $? "${cols}x$lines: z shows them again"

	# A resize redraws the whole screen at the new size.
	tm resize-window -t top -x $((cols - 5)) -y $((lines - 2)) 2>/dev/null
	sleep 1
	screen >"$tmp/s2"
	head -1 "$tmp/s2" | grep -q '^oomrisk top ' && tail -1 "$tmp/s2" | grep -q '^q quit' &&
		[ "$(wc -l <"$tmp/s2")" -eq $((lines - 2)) ]
	ok $? "${cols}x$lines: resized to $((cols - 5))x$((lines - 2)): redrawn"

	# q quits and leaves the terminal as it was.
	keys q
	wait_for '^EXIT=0$' 5
	ok $? "${cols}x$lines: q exits 0"
	screen | grep -q '^BEFORE-MARK$'
	ok $? "${cols}x$lines: the screen before top is back"
	sleep 0.3
	cmp -s "$tmp/stty.before" "$tmp/stty.after"
	ok $? "${cols}x$lines: terminal modes restored"
	tm kill-server 2>/dev/null
}

run_size 80 24
run_size 200 50

# Colour: zone bars are coloured, unless NO_COLOR.
tm kill-server 2>/dev/null
sock=$tmp/tmux-colour
tm new-session -d -s top -x 100 -y 30 "$OOMRISK top -d 0.5; sleep 600"
wait_for '^RANK ' 10
sleep 0.6
screen -e | grep '^[0-9]' | grep -q "$(printf '\033')\[3[1-7]m"
ok $? "zone bars are coloured"
tm kill-server 2>/dev/null
sock=$tmp/tmux-nocolour
tm new-session -d -s top -x 100 -y 30 "NO_COLOR=1 $OOMRISK top -d 0.5; sleep 600"
wait_for '^RANK ' 10
sleep 0.6
! screen -e | grep -q "$(printf '\033')\[3[1-7]m"
ok $? "NO_COLOR=1: no colour"
screen | grep -q '^0 [A-Za-z0-9]* *\[[#mlh ]*\]'
ok $? "NO_COLOR=1: the bars are still drawn"
done_testing
