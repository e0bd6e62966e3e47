# top-adj: top's 'a' key sets oom_score_adj only on the process it was
# pressed on (issue 11, finding 6).  In tmux: 'a' on our hog, a value,
# Enter; then, at the confirmation, the hog is killed and another process
# takes its pid (memhog -P, clone3 with set_tid: root only); 'y' must be
# refused and the newcomer keep its oom_score_adj.  On main the newcomer
# got the value.
. "$srcdir/tests/lib.sh"
need_root

tmp=$(mktemp -d)
pids=
cleanup() {
	tmux_cleanup
	[ -n "$pids" ] && kill $pids 2>/dev/null
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
. "$srcdir/tests/tmux-lib.sh"
name=adjhog$$

"$MEMHOG" -m 8 -n "$name" -r "$tmp/ready1" &
hog=$!
pids="$pids $hog"
wait_ready "$tmp/ready1"

tmux_start 120 30 "$OOMRISK top -d 0.5; sleep 600"
wait_for '^ *RANK ' 10
ok $? "the screen comes up"
keys / "$name" Enter
# (Its rows, not the status line: another test's task that was selected
# may die meanwhile and take that line.)
wait_cond '[ "$(rows | grep -c "^ *[-0-9]")" -eq 1 ] && rows | grep -q "^ *[0-9]* *$hog "' 5
ok $? "the filter keeps the hog alone"
keys Home a 500 Enter
wait_for "adj of $hog: 0 -> 500? y/n" 5
ok $? "a asks to confirm, naming $hog"

# The process shown exits; a newcomer takes its pid, same name.
kill -9 "$hog"
wait "$hog" 2>/dev/null
"$MEMHOG" -P "$hog" -m 8 -n "$name" -r "$tmp/ready2" 2>"$tmp/err" &
pids="$pids $! $hog"
if ! wait_ready "$tmp/ready2"; then
	keys Escape
	skip "the newcomer is refused" "could not start a process at pid $hog: $(cat "$tmp/err")"
	skip "and keeps its oom_score_adj" "no newcomer"
	done_testing
fi
is "$(cat "$tmp/ready2")" "$hog" "a new process has pid $hog"
keys y
wait_for "refused: .*$hog.*oom_score_adj unchanged" 5
ok $? "y is refused: $(screen | grep -o "refused: .*" | head -1)"
is "$(cat /proc/$hog/oom_score_adj)" 0 "the newcomer keeps oom_score_adj 0"

# The same key on the newcomer itself still works.
sleep 1
keys a 300 Enter
wait_for "adj of $hog: 0 -> 300? y/n" 5
keys y
wait_for "oom_score_adj of $hog set to 300" 5
ok $? "on the process shown, y sets it"
is "$(cat /proc/$hog/oom_score_adj)" 300 "the kernel has 300"
keys q
done_testing
