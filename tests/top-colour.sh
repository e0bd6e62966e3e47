# top-colour: what top looks like on a colour terminal, with NO_COLOR, and
# on a monochrome terminal (TERM=vt100), at 80x24, 120x40, 200x50 and
# 40x12.  WARN and CRIT tags stand out (a [top] configuration makes
# MemAvailable WARN and PSI some CRIT); the selected row never looks like
# the column titles above it; the zone bars take their verdict's colour.
# Without colour: not one colour code, and the same distinctions by
# attribute (selection reversed, titles bold and underlined, CRIT
# underlined).  The attributes are read from tmux's capture (-e: SGR).
# The four sizes run at the same time (in_parallel, tests/lib.sh).
. "$srcdir/tests/lib.sh"

tmp=$(mktemp -d)
cleanup() { tmux_cleanup; rm -rf "$tmp"; }
trap cleanup EXIT
. "$srcdir/tests/tmux-lib.sh"

esc=$(printf '\033')
have_psi=no
[ -r /proc/pressure/memory ] && have_psi=yes
# MemAvailable is at most 100% of MemTotal, PSI at least 0%: both always reach these.
levels=$tmp/levels.conf
printf '[top]\nmem_available_warn = 100%%\npsi_some_avg10_warn = 0%%\npsi_some_avg10_crit = 0%%\n' >"$levels"

# sgr LINE-REGEX WORD: the attributes in effect where WORD starts on the
# first line matching LINE-REGEX (its escapes stripped), one SGR code per
# line: foreground, background, then 1 bold, 4 underline, 7 reverse.
# tmux writes only what changes from the cell before, across lines too,
# so the state is followed from the top of the screen.
sgr() {
	screen -e | awk -v e="$esc" -v re="$1" -v w="$2" '
		function apply(codes,  n, c, i) {
			n = split(codes, c, ";")
			if (n == 0) { fg = bg = ""; delete at; return }
			for (i = 1; i <= n; i++) {
				if (c[i] == "" || c[i] == 0) { fg = bg = ""; delete at }
				else if (c[i] ~ /^3[0-7]$/ || c[i] ~ /^9[0-7]$/) fg = c[i]
				else if (c[i] == 39) fg = ""
				else if (c[i] ~ /^4[0-7]$/ || c[i] ~ /^10[0-7]$/) bg = c[i]
				else if (c[i] == 49) bg = ""
				else if (c[i] == 22) { delete at[1]; delete at[2] }
				else if (c[i] == 24) delete at[4]
				else if (c[i] == 27) delete at[7]
				else at[c[i]] = 1
			}
		}
		{
			s = $0; gsub(e "\\[[0-9;]*m", "", s); line = $0; want = s ~ re && !done
			while (length(line) > 0) {
				if (substr(line, 1, 2) == e "[") {
					i = index(line, "m"); apply(substr(line, 3, i - 3))
					line = substr(line, i + 1); continue
				}
				if (want && substr(line, 1, length(w)) == w) {
					if (fg != "") print fg; if (bg != "") print bg
					for (k = 1; k <= 7; k++) if (k in at) print k
					done = 1; want = 0
				}
				line = substr(line, 2)
			}
		}'
}
# The selection stays on its task as rows move, so when another task (a
# test running alongside) takes rank 1, the selected row is no longer the
# first: pause the refreshes, then move the selection up to the first row
# (Up, not Home: tmux sends its own terminal's Home, which the TERM given
# to top here may not know; vt100 has no Home key at all).
hold_first_row() {
	keys Space
	sleep 0.3
	keys Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up
	sleep 0.3
}
# has CODES... < sgr output: every code present
has() { for _c in "$@"; do grep -qx -- "$_c" "$tmp/sgr" || return 1; done; }
colour_codes() { screen -e | grep -q "$esc\[\([0-9;]*;\)\{0,1\}\(3[0-7]\|4[0-7]\|9[0-7]\|10[0-7]\|38;5\|48;5\)[;m]"; }

# crit HOW DESCRIPTION CODE...: the PSI line's CRIT tag has every CODE (a
# point; skipped without PSI or without room for its line).
crit() {
	_how=$1 _desc=$2
	shift 2
	if [ "$have_psi" = no ]; then
		skip "${cols}x$lines: $_how: CRIT" "no /proc/pressure/memory"
	elif ! screen | grep -q '^PSI '; then
		skip "${cols}x$lines: $_how: CRIT" "no room for the PSI line at this height"
	else
		sgr '^PSI ' CRIT >"$tmp/sgr"
		has "$@"
		ok $? "${cols}x$lines: $_how: CRIT $_desc ($(tr '\n' ' ' <"$tmp/sgr"))"
	fi
}

run_size() {	# run_size COLS LINES
	cols=$1 lines=$2

	# Colour.
	tmux_start "$cols" "$lines" "TERM=xterm-256color $OOMRISK top -d 0.5 -C $levels; sleep 600"
	wait_for '^ *RANK ' 10
	ok $? "${cols}x$lines: colour: the screen comes up"
	sleep 0.6
	sgr '^Mem ' WARN >"$tmp/sgr"
	has 33 1
	ok $? "${cols}x$lines: colour: WARN bold yellow ($(tr '\n' ' ' <"$tmp/sgr"))"
	crit colour "bold white on red" 37 41 1
	hold_first_row
	sgr '^ *RANK +PID' RANK >"$tmp/head"
	sgr '^ *1 +[0-9]+ ' 1 >"$tmp/sel"
	cp "$tmp/sel" "$tmp/sgr"
	has 30 46 && ! cmp -s "$tmp/head" "$tmp/sel"
	r=$?
	ok $r "${cols}x$lines: colour: selection black on cyan, titles otherwise ($(tr '\n' ' ' <"$tmp/sel")/$(tr '\n' ' ' <"$tmp/head"))"
	[ $r -eq 0 ] || screen -e | cat -v | sed 's/^/# /'
	sgr '^0 [A-Za-z0-9]+ +\[' '#' >"$tmp/sgr"
	has 32 || has 33 || has 35 || has 31
	ok $? "${cols}x$lines: colour: a zone's fill in its verdict's colour ($(tr '\n' ' ' <"$tmp/sgr"))"
	tm kill-server 2>/dev/null

	# NO_COLOR, then a terminal without colours: attributes only.
	for how in NO_COLOR vt100; do
		case $how in
		NO_COLOR) env="NO_COLOR=1 TERM=xterm-256color" ;;
		vt100) env="TERM=vt100" ;;
		esac
		tmux_start "$cols" "$lines" "$env $OOMRISK top -d 0.5 -C $levels; sleep 600"
		wait_for '^ *RANK ' 10
		ok $? "${cols}x$lines: $how: the screen comes up"
		sleep 0.6
		! colour_codes
		ok $? "${cols}x$lines: $how: no colour code on the screen"
		hold_first_row
		sgr '^ *RANK +PID' RANK >"$tmp/head"
		sgr '^ *1 +[0-9]+ ' 1 >"$tmp/sel"
		cp "$tmp/sel" "$tmp/sgr"
		has 7 && cp "$tmp/head" "$tmp/sgr" && has 1 4 && ! grep -qx 7 "$tmp/head"
		r=$?
		ok $r "${cols}x$lines: $how: selection reversed, titles bold and underlined ($(tr '\n' ' ' <"$tmp/sel")/$(tr '\n' ' ' <"$tmp/head"))"
		[ $r -eq 0 ] || screen -e | cat -v | sed 's/^/# /'
		sgr '^Mem ' WARN >"$tmp/sgr"
		has 1
		ok $? "${cols}x$lines: $how: WARN bold"
		crit "$how" "bold and underlined" 1 4
		screen | grep -q '^0 [A-Za-z0-9]* *\[[#mlh. ]*\]'
		ok $? "${cols}x$lines: $how: the bars are drawn"
		tm kill-server 2>/dev/null
	done
}

# The sizes share nothing: all four at once.
in_parallel run_size "80 24" "120 40" "200 50" "40 12"
done_testing
