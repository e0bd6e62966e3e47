# tests/tmux-lib.sh: drive the full-screen `oomrisk top` in tmux, for the
# top-*.sh tests.  Source after lib.sh.  Each session has its own socket in
# $tmp (tmux leaves socket files behind), made by tmux_start; tmux_cleanup
# (called by the test's EXIT trap) ends every server started here.
#
#   tmux_start COLS LINES COMMAND   a new server and session "top" running
#                                   COMMAND (through sh) at that size
#   screen [-e]                     the pane as text (-e: with attributes)
#   keys KEY...                     send-keys (tmux key names: Up, C-u, ...)
#   wait_for REGEX [SECONDS]        until the screen shows it (10 s)
#   wait_gone_re REGEX [SECONDS]    until it does not (10 s)
#   wait_cond SHELL-COND [SECONDS]  until the condition holds (5 s)
#                                   (each says so in a TAP comment when it
#                                   gives up: a wait that always times out
#                                   costs its whole timeout)
#   rows                            the process panel's rows, as shown
#   header_col NAME                 the 1-based column NAME's title ends in

command -v tmux >/dev/null || skip_all "needs tmux (build-aux/debian-packages-tests)"

# Every wait may take twice what it says (TMUX_WAIT_SCALE=N: N times): an
# --enable-sanitizers build under load draws much slower, and a wait that
# succeeds costs only the time it took.
wait_scale=${TMUX_WAIT_SCALE:-2}
tmux_n=0
tm() { tmux -S "$sock" -f /dev/null "$@"; }

tmux_start() {
	tmux_n=$((tmux_n + 1))
	sock=$tmp/tmux-$tmux_n
	tm new-session -d -s top -x "$1" -y "$2" "$3"
}

tmux_cleanup() {
	for _s in "$tmp"/tmux-* "$tmp"/par*/tmux-*; do
		[ -S "$_s" ] && tmux -S "$_s" kill-server 2>/dev/null
	done
}

screen() { tm capture-pane -p -t top "$@"; }
keys() { tm send-keys -t top "$@"; }

# _wait WHAT SECONDS SHELL-COND: the one polling loop of the waits below.
_wait() {
	_i=0
	while [ $_i -lt $(( $2 * 10 * wait_scale )) ]; do
		eval "$3" && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	echo "# $1: timed out"
	return 1
}
wait_for() { _re=$1; _wait "wait_for $1" "${2:-10}" 'screen | grep -q -- "$_re"'; }
wait_gone_re() { _re=$1; _wait "wait_gone_re $1" "${2:-10}" '! screen | grep -q -- "$_re"'; }
wait_cond() { _wait "wait_cond $1" "${2:-5}" "$1"; }

# The rows under the process panel's title, up to the status line.
rows() {
	screen | awk '/^ *RANK +PID /{r=1; next} r' | sed '$d'
}

header_col() {	# header_col NAME: where NAME's title ends (1-based), in the RANK line
	screen | awk -v n="$1" '/^ *RANK +PID /{ i = index($0, n); if (i) print i + length(n) - 1; exit }'
}
