# top-tmux: drive the full-screen `oomrisk top` in tmux at 80x24, 120x40,
# 200x50 and 40x12, on this machine: every element at every size.  The
# header never cuts a number or word (paused, the same frame is drawn 250
# columns wide and every token of the narrow one must be a whole token of
# the wide one); each populated zone has its bar with m, l, h apart; the
# columns line up and RANK, PID are as wide as their data; the keys (sort,
# the filter as you type with Ctrl-U and Esc, the tree, left/right scroll,
# oom_score_adj, pause, help, zones, resize) do what they say; q leaves
# the terminal as it was.  The selection, colour and the zone panel's
# goldens have their own tests (top-select.sh, top-colour.sh, top-zones.sh).
# The four sizes run at the same time (in_parallel, tests/lib.sh), each
# with tasks of its own.
. "$srcdir/tests/lib.sh"

tmp=$(mktemp -d)
cleanup() {
	tmux_cleanup
	# shellcheck disable=SC2046
	kill $(cat "$tmp"/par*/started.pids 2>/dev/null) 2>/dev/null
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
. "$srcdir/tests/tmux-lib.sh"

# start_tasks: this size's tasks.  The adj 1000 hog is the kernel's
# first choice; a parent with a name of its own (a script's name is its
# comm) and its child, for the tree.  Sets hog, par, kid, their names
# hogname and parname, and tag: a word of the hog's command line (-r
# $tmp/ready) that its name does not hold.
start_tasks() {
	hogname=tuihog$$s$par parname=tuipar$$s$par
	# Sizes apart (18, 20, 22, 24M): no two hogs tie for first place.
	"$MEMHOG" -m $((16 + 2 * par)) -a 1000 -n "$hogname" -r "$tmp/ready" &
	hog=$!
	echo "$hog" >>"$tmp/started.pids"
	printf '#!/bin/sh\n"%s" -m 4 -a 900 -n "%sk" -r "%s/kidready" &\necho $! >"%s/kid"\nwait\n' \
		"$MEMHOG" "$parname" "$tmp" "$tmp" >"$tmp/$parname"
	chmod +x "$tmp/$parname"
	"$tmp/$parname" &
	par_pid=$!
	echo "$par_pid" >>"$tmp/started.pids"
	wait_ready "$tmp/ready" "$tmp/kidready" "$tmp/kid"
	kid=$(cat "$tmp/kid")
	echo "$kid" >>"$tmp/started.pids"
	tag=${tmp%/*}
	tag=${tag##*/}
	# Every size's tasks in place before any size compares with rank.
	for _p in $(seq "$par_n"); do
		wait_ready "${tmp%/*}/par$_p/ready" "${tmp%/*}/par$_p/kidready"
	done
}

# Header lines by their first word: "oomrisk", "Mem", "PSI", "victim", "deciding", "at".
header() { screen | awk '/^ZONE |^ *RANK +PID /{exit} {print}'; }

# tokens_whole NARROW WIDE: every token of each NARROW line is a whole token
# of the WIDE line with the same first word (a dropped field or a clause
# cut may leave a trailing ',' or ';').
tokens_whole() {
	awk 'function key(s) { split(s, w, " "); return w[1] }
	     FNR == NR { wide[key($0)] = " " $0 " "; next }
	     $0 != "" {
		k = key($0)
		if (!(k in wide)) { print "no wide line for: " $0; bad++; next }
		n = split($0, t, " ")
		for (i = 1; i <= n; i++) {
			s = t[i]; sub(/[,;]$/, "", s)
			if (index(wide[k], " " s " ") == 0 && index(wide[k], " " s ",") == 0 &&
			    index(wide[k], " " s ";") == 0) {
				print "cut token \"" t[i] "\" in: " $0; bad++
			}
		}
	     }
	     END { exit bad > 0 }' "$2" "$1"
}

run_size() {	# run_size COLS LINES (in_parallel: $par, $tmp of its own)
	cols=$1 lines=$2
	start_tasks
	tmux_start "$cols" "$lines" \
		"stty -g >$tmp/stty.before; echo BEFORE-MARK; $OOMRISK top -d 0.5; echo EXIT=\$?; stty -g >$tmp/stty.after; sleep 600"
	wait_for '^ *RANK ' 10
	ok $? "${cols}x$lines: the screen comes up"
	sleep 1.2
	# Other tasks may come and go: rank's first right before and after.
	# The screen is top's last refresh (up to a second old): when two tasks
	# trade first place meanwhile (top-select.sh's growing hog, run beside
	# this test by make -j2 check), top may show the second of either.
	rank1=$("$OOMRISK" rank -n 2 --format=json | jq -r '[.tasks[0:2][].pid] | join(" ")')
	screen >"$tmp/s1"
	rank2=$("$OOMRISK" rank -n 2 --format=json | jq -r '[.tasks[0:2][].pid] | join(" ")')

	is "$(head -1 "$tmp/s1" | cut -c1-12)" "oomrisk top " "${cols}x$lines: header on line 1"
	# The hints, or what replaces them for a while: the selected task's
	# death (a task of another test, on a busy machine).
	tail -1 "$tmp/s1" | grep -q -e '^q quit  h help' -e '^[0-9]* (.*) \(exited\|died: \)'
	r=$?
	ok $r "${cols}x$lines: key hints (or the selected task's death) on the last line"
	[ $r -eq 0 ] || tail -1 "$tmp/s1" | sed 's/^/# status line: /'
	is "$(wc -l <"$tmp/s1")" "$lines" "${cols}x$lines: the screen is exactly $lines lines"
	awk -v c="$cols" 'length($0) > c {bad = 1} END {exit bad}' "$tmp/s1"
	ok $? "${cols}x$lines: no line wider than the terminal"

	# Never a number or word cut in the header: the same frame, paused, 250 wide.
	keys Space
	wait_for '\[paused\]' 5
	header >"$tmp/narrow"
	tm resize-window -t top -x 250 -y "$lines" 2>/dev/null
	# Redrawn when a line is wider than before (the zone bars grow; the
	# header's first line may fit in 120 columns already).
	wait_cond 'screen | awk -v c="$cols" "length(\$0) > c { f = 1 } END { exit !f }" ||
		[ "$cols" -ge 200 ]'
	sleep 0.3
	header >"$tmp/wide"
	tm resize-window -t top -x "$cols" -y "$lines" 2>/dev/null
	keys Space
	tokens_whole "$tmp/narrow" "$tmp/wide" >"$tmp/cuts"
	ok $? "${cols}x$lines: header: no number or word cut ($(wc -l <"$tmp/narrow") lines)"
	sed 's/^/# /' "$tmp/cuts" | head -5
	grep -q '^victim ' "$tmp/narrow"
	ok $? "${cols}x$lines: the victim line is kept"

	# Zones: every populated zone, or the panel says how many it shows.
	populated=$(awk '/^Node/ { n = $2 $4 } $1 == "managed" && $2 > 0 { c++ } END { print c }' \
		/proc/zoneinfo)
	shown=$(grep -c '^[0-9][0-9]* [A-Za-z0-9]* *\[[#mlh. ]*\]' "$tmp/s1")
	if [ "$shown" -lt "$populated" ]; then
		grep -q "^ZONE .*($shown of $populated zones, the closest to min)" "$tmp/s1"
		ok $? "${cols}x$lines: $shown of $populated zones, and the title says so"
	else
		is "$shown" "$populated" "${cols}x$lines: every populated zone has its bar"
	fi
	awk '/^[0-9]+ [A-Za-z0-9]+ *\[/ {
		b = substr($0, index($0, "[") + 1); b = substr(b, 1, index(b, "]") - 1)
		m = index(b, "m"); l = index(b, "l"); h = index(b, "h")
		if (!(m > 2 && l >= m + 2 && h >= l + 2)) { print "marks: " $0; bad = 1 } }
		END { exit bad }' "$tmp/s1"
	ok $? "${cols}x$lines: in every bar m, l and h at least two cells apart, in order"
	grep -q '^ZONE .*TO LOW *TO MIN' "$tmp/s1"
	ok $? "${cols}x$lines: headroom to low and to min in numbers"

	# Rows: rank's first on top; columns from the data, COMMAND in one column.
	first=$(awk '/^ *RANK +PID /{getline; print $2; exit}' "$tmp/s1")
	case " $rank1 $rank2 " in *" $first "*) r=0 ;; *) r=1 ;; esac
	ok $r "${cols}x$lines: first row is among rank's first two ($first; rank: $rank1; $rank2)"
	[ $r -eq 0 ] || awk '/^ *RANK +PID /{n = 3} n-- > 0' "$tmp/s1" | sed 's/^/# /'
	awk -v last="$(wc -l <"$tmp/s1")" '/^ *RANK +PID /{ c = index($0, "COMMAND"); p = index($0, "PID") + 2; r = 1; next }
		r && NR == last { exit }
		r { if (substr($0, c - 1, 1) != " " || substr($0, c, 1) == " " ||
		        substr($0, p, 1) !~ /[0-9]/ || substr($0, p + 1, 1) != " ") bad = 1; n++ }
		END { exit bad || n == 0 }' "$tmp/s1"
	ok $? "${cols}x$lines: PID right-aligned to its title, COMMAND in one column"
	maxpid=$(awk '/^ *RANK +PID /{r = 1; next} r && /^ *[-0-9]+ +[0-9]+ / { if (length($2) > m) m = length($2) }
		END { print m }' "$tmp/s1")
	pidw=$(awk '/^ *RANK +PID /{ print index($0, "PID") + 2 - length($1) - 1; exit }' "$tmp/s1")
	[ "$pidw" -eq "$((maxpid > 3 ? maxpid : 3))" ] || [ "$pidw" -gt "$maxpid" ]
	ok $? "${cols}x$lines: the PID column as wide as its widest pid ($pidw for $maxpid digits)"

	# s cycles the sort: rss (descending), growth, pid (ascending), score.
	keys s
	wait_for 'sort rss' 5
	ok $? "${cols}x$lines: s: sort rss"
	sleep 0.7
	rss_col=$(screen | awk '/^ *RANK +PID /{ for (i = 1; i <= NF; i++) if ($i == "RSS") print i; exit }')
	screen | awk -v f="$rss_col" '/^ *RANK +PID /{r=1; next} r && /^ *[-0-9]+ +[0-9]+ /{
		v = $f; u = substr(v, length(v)); k = v + 0
		if (u == "M") k *= 1024; else if (u == "G") k *= 1048576
		print k }' >"$tmp/sizes"
	[ -n "$rss_col" ] && sort -g -r -c "$tmp/sizes" && [ -s "$tmp/sizes" ]
	ok $? "${cols}x$lines: rows by RSS, largest first"
	keys s
	wait_for 'sort growth' 5
	ok $? "${cols}x$lines: s: sort growth"
	keys s
	wait_for 'sort pid' 5
	ok $? "${cols}x$lines: s: sort pid"
	sleep 0.7
	rows | awk '/^ *[-0-9]+ +[0-9]+ /{print $2}' >"$tmp/shown-pids"
	sort -n -c "$tmp/shown-pids" && [ -s "$tmp/shown-pids" ]
	ok $? "${cols}x$lines: rows by pid, ascending"
	keys s
	wait_for 'sort score' 5
	ok $? "${cols}x$lines: s: back to score"

	# / filters as you type, on the name and the command line.
	keys /
	wait_for '^/_' 5
	ok $? "${cols}x$lines: /: the status line takes the filter"
	keys -l "$hogname"
	wait_cond '[ "$(rows | grep -c "^ *[-0-9]")" -eq 1 ] && rows | grep -q "^ *[0-9]* *$hog "' 5
	ok $? "${cols}x$lines: as you type, before Enter: only the hog"
	wait_cond 'screen | tail -1 | grep -q "^/${hogname}_"' 5
	ok $? "${cols}x$lines: the filter as typed in the status line"
	keys C-u
	wait_cond '[ "$(rows | grep -c "^ *[-0-9]")" -gt 1 ] && screen | tail -1 | grep -q "^/_"' 5
	ok $? "${cols}x$lines: Ctrl-U clears it: every task again"
	keys -l "$tag"
	wait_cond 'rows | grep -q "^ *[0-9]* *$hog "' 5
	ok $? "${cols}x$lines: a command-line word finds the hog (its name does not hold '$tag')"
	keys C-u
	keys -l "$hogname"
	keys Enter
	wait_cond 'screen | tail -1 | grep -q "^filter \"$hogname\": 1 of [0-9]* tasks"' 5
	ok $? "${cols}x$lines: Enter keeps it, and the status line shows it"
	keys /
	keys -l zzzz
	wait_cond '[ "$(rows | grep -c "^ *[-0-9]")" -eq 0 ]' 5
	keys Escape
	wait_cond 'screen | tail -1 | grep -q "^filter \"$hogname\"" && rows | grep -q "^ *[0-9]* *$hog "' 5
	ok $? "${cols}x$lines: Esc cancels: the filter before '/' is back"

	# a sets the selected task's oom_score_adj, after a confirmation.  The
	# filter keeps our own task the only one selectable.
	keys Home a 500 Enter
	if wait_for "^adj of $hog: [0-9-]* -> 500? y/n" 5; then
		ok 0 "${cols}x$lines: a asks to confirm, naming the task"
		keys y
		wait_cond '[ "$(cat /proc/$hog/oom_score_adj)" = 500 ]'
		is "$(cat /proc/$hog/oom_score_adj)" 500 "${cols}x$lines: the kernel has 500"
		echo 1000 >/proc/$hog/oom_score_adj
		keys a 7 Escape
		sleep 0.3
		is "$(cat /proc/$hog/oom_score_adj)" 1000 "${cols}x$lines: Esc cancels"
	else
		keys Escape Escape
		ok 1 "${cols}x$lines: a asks to confirm, naming the task"
		screen | tail -1 | sed 's/^/# status: /'
	fi

	# t: the tree; the kid under its parent, which the filter keeps too.
	keys /
	keys C-u
	keys -l "$parname"
	keys Enter t
	wait_for 'tree' 5
	ok $? "${cols}x$lines: t: the tree"
	wait_cond 'rows | awk -v p="$par_pid" -v k="$kid" "\$2 == p { s = 1; next } s && \$2 == k && /\`- tuipar/ { f = 1 } { s = 0 } END { exit !f }"' 5
	ok $? "${cols}x$lines: the kid ($kid) right under its parent ($par_pid), with its guide"
	keys t / C-u Enter
	wait_cond '! screen | head -1 | grep -q tree && [ "$(rows | grep -c "^ *[-0-9]")" -gt 1 ]' 5
	ok $? "${cols}x$lines: t again: the flat list; the filter cleared"

	# g: rows are groups (rank --group-by's), cycling cgroup, unit,
	# container and back to tasks; the tree is of tasks only.
	# The status line says so, unless the selected task's death (another
	# test's task) took it: then the header's "by cgroup" says it.
	keys g
	wait_cond 'screen | grep -q "^ *RANK TASKS " && { screen | tail -1 | grep -q "grouped by cgroup" ||
	    { screen | tail -1 | grep -q " \(exited\|died\)" && screen | head -1 | grep -q " by cgroup "; }; }' 5
	r=$?
	ok $r "${cols}x$lines: g: grouped by cgroup, the group rows' title"
	[ $r -eq 0 ] || screen | sed -n '1p;$p' | sed 's/^/# header, status: /'
	# The selected task's death (another test's task) may take the status
	# line first: then t once more.
	keys t
	wait_cond 'screen | tail -1 | grep -q "^t: the tree is of tasks"' 5 ||
		{ screen | tail -1 | grep -q ' \(exited\|died\)' && keys t &&
		  wait_cond 'screen | tail -1 | grep -q "^t: the tree is of tasks"' 5; }
	ok $? "${cols}x$lines: t on groups says why not"
	keys g
	wait_cond 'screen | tail -1 | grep -q "grouped by unit"' 5
	ok $? "${cols}x$lines: g: by unit"
	keys g
	wait_cond 'screen | tail -1 | grep -q "grouped by container"' 5
	ok $? "${cols}x$lines: g: by container"
	keys g
	wait_cond 'screen | grep -Eq "^ *RANK +PID " && screen | tail -1 | grep -q "^not grouped"' 5
	ok $? "${cols}x$lines: g: back to tasks"

	# Left/right scroll COMMAND (command lines here: long enough), paused so
	# that the rows stay put: the first row's text starts 8 columns later.
	keys c
	wait_for 'COMMAND LINE' 5
	keys Space
	wait_for '\[paused\]' 5
	cmd_at=$(screen | awk '/^ *RANK +PID /{ print index($0, "COMMAND"); exit }')
	before=$(rows | head -1 | cut -c"$cmd_at"-)
	keys Right
	wait_cond '[ "$(rows | head -1 | cut -c"$cmd_at"-)" != "$before" ]' 5
	after=$(rows | head -1 | cut -c"$cmd_at"-)
	rest=$(printf '%s' "$before" | cut -c9-)
	case $after in "$rest"*) r=0 ;; *) r=1 ;; esac
	ok $r "${cols}x$lines: Right: COMMAND's text 8 columns on ('$before' -> '$after')"
	[ "$cols" -lt 60 ] || screen | grep -q 'COMMAND LINE +8'
	ok $? "${cols}x$lines: and the title says so (from 60 columns)"
	keys Left c Space
	wait_cond '! screen | grep -q "COMMAND LINE" && ! screen | grep -q "\[paused\]"' 5
	ok $? "${cols}x$lines: Left, c, space: back"

	# space pauses: [paused], the clock stops; space resumes.
	keys Space
	wait_for '\[paused\]' 5
	ok $? "${cols}x$lines: space: [paused]"
	c1=$(screen | head -1 | awk '{print $3}')
	sleep 1.6
	c2=$(screen | head -1 | awk '{print $3}')
	is "$c2" "$c1" "${cols}x$lines: paused: no refresh"
	keys Space
	wait_cond '[ "$(screen | head -1 | awk "{print \$3}")" != "$c1" ]' 5
	! screen | grep -q '\[paused\]'
	ok $? "${cols}x$lines: space again: refreshing"

	# h shows the help; any key returns.
	keys h
	wait_for '^oomrisk top: who the OOM' 5
	ok $? "${cols}x$lines: h: help"
	keys x
	wait_for '^ *RANK ' 5
	ok $? "${cols}x$lines: a key returns from help"

	# z hides and shows the zones panel.
	keys z
	wait_gone_re '^ZONE ' 5
	ok $? "${cols}x$lines: z hides the zones"
	keys z
	wait_for '^ZONE ' 5
	ok $? "${cols}x$lines: z shows them again"

	# A resize redraws the whole screen at the new size.
	tm resize-window -t top -x $((cols - 5)) -y $((lines - 2)) 2>/dev/null
	sleep 1
	screen >"$tmp/s2"
	head -1 "$tmp/s2" | grep -q '^oomrisk top ' && tail -1 "$tmp/s2" | grep -q '^q quit' &&
		[ "$(wc -l <"$tmp/s2")" -eq $((lines - 2)) ] &&
		awk -v c=$((cols - 5)) 'length($0) > c {bad = 1} END {exit bad}' "$tmp/s2"
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

in_parallel run_size "80 24" "120 40" "200 50" "40 12"
done_testing
