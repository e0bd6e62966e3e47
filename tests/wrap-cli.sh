# wrap-cli: text output wraps at the terminal width (COLUMNS, else the
# terminal's, else 80) between words, never inside one: on every real
# kernel log of tests/oom-logs (explain) and on the captured proc trees
# (rank with its notes, what-ifs and blast radius, check -v, audit), at
# COLUMNS=40, 80 and 200:
# - the words are those of the same output unwrapped (COLUMNS=100000): a
#   number or a path cut in two would be two words there;
# - a prose line is at most COLUMNS wide unless what runs over is one word
#   longer than a line (a long cgroup path), alone after its indent or
#   label (the first 14 columns);
# - tables (rank's rows, the blast radius members) and check's status
#   line, which a monitor reads whole, are not wrapped.
. "$srcdir/tests/lib.sh"
command -v xz >/dev/null || skip_all "needs xz"

tmp=$(memory_tmpdir)
trap 'rm -rf "$tmp"' EXIT

# words FILE: the words of FILE, one a line.
words() { tr -s ' \n' '\n\n' <"$1" | sed '/^$/d'; }

# over WIDTH FILE: the prose lines wider than WIDTH that are more than one
# word after their first 14 columns.  Not prose: check's status line; a
# table from its header to the next line that starts with a letter or
# "(" (rank's rows or groups, the blast radius members), explain's zones
# and top tasks (the rows under their label, 12 columns in).
over() {
	awk -v w="$1" '
		/^OOMRISK [A-Z]+ - / { next }
		/^RANK |^      PID    RSS/ { table = 1; next }
		table && /^[a-z(]/ { table = 0 }
		table { next }
		/^  (zones|top)  / || /^            ( *[0-9]+|-) / { next }
		length($0) > w { rest = substr($0, 15); sub(/^ +/, "", rest)
			if (rest ~ / /) print length($0) ": " $0 }' "$2"
}

# run NAME COMMAND...: the command at each width against its unwrapped output.
run() {
	name=$1
	shift
	rm -f "$tmp"/state*	# check: each run its first
	COLUMNS=100000 "$OOMRISK" "$@" >"$tmp/flat" 2>/dev/null
	words "$tmp/flat" >"$tmp/flat.words"
	for cols in 40 80 200; do
		rm -f "$tmp"/state*
		COLUMNS=$cols "$OOMRISK" "$@" >"$tmp/out" 2>/dev/null
		cp "$tmp/out" "$tmp/out.$cols"
		words "$tmp/out" >"$tmp/out.words"
		if ! cmp -s "$tmp/flat.words" "$tmp/out.words"; then
			split="$split $name@$cols"
			diff "$tmp/flat.words" "$tmp/out.words" | head -6 | sed 's/^/# /'
		fi
		if [ -n "$(over "$cols" "$tmp/out")" ]; then
			wide="$wide $name@$cols"
			over "$cols" "$tmp/out" | head -3 | sed 's/^/# /'
		fi
		n=$((n + 1))
		[ "$(wc -l <"$tmp/out")" -gt "$(wc -l <"$tmp/flat")" ] && wrapped=$((wrapped + 1))
	done
}

# explain: every real log.
split='' wide='' n=0 wrapped=0
cut=''
for log in "$srcdir"/tests/oom-logs/*.log; do
	run "$(basename "$log" .log)" explain "$log"
	# The report's place, "FILE:LINE", whole (the filed "...forum.l", "og:4").
	for cols in 40 80 200; do
		tr -s ' \n' '\n\n' <"$tmp/out.$cols" |
			grep -Fq -- "$log:" || cut="$cut $(basename "$log")@$cols"
	done
done
is "$split" "" "explain, $((n / 3)) logs: no word cut at COLUMNS=40, 80, 200"
is "$cut" "" "explain: FILE:LINE of each report whole at COLUMNS=40, 80, 200"
is "$wide" "" "explain: no prose line wider than COLUMNS but for one long word"
[ "$wrapped" -gt $((n / 3)) ]
ok $? "explain: COLUMNS is followed ($wrapped of $n outputs have more lines than unwrapped)"

# rank, check -v, audit on the captures.
split='' wide='' n=0 wrapped=0
printf '[check]\n' >"$tmp/conf"
for tarball in "$srcdir"/tests/fixtures/procroot/*.tar.xz; do
	capture=$(basename "$tarball" .tar.xz)
	# 10,000 tasks: their text is that of host-memcg (procroot-golden has it).
	[ "$capture" = host-10k ] && continue
	xz -dc "$tarball" | tar -C "$tmp" -xf -
	root=$tmp/$capture/proc
	run "$capture/rank" rank -n 12 --proc-root="$root"
	run "$capture/rank-blast" rank -n 3 --blast-radius --proc-root="$root"
	pid=$("$OOMRISK" rank -n 1 --format=json --proc-root="$root" | sed -n 's/.*"pid": *\([0-9]*\).*/\1/p' | head -1)
	run "$capture/rank-whatif" rank -n 3 --adj "$pid=-500" --grow "$pid=2G" --proc-root="$root"
	run "$capture/check-v" check -v -C "$tmp/conf" -s "$tmp/state" --proc-root="$root"
	run "$capture/audit" audit -C "$tmp/conf" --proc-root="$root"
	rm -rf "${tmp:?}/$capture"
done
is "$split" "" "rank, check -v, audit on $((n / 15)) captures: no word cut at COLUMNS=40, 80, 200"
is "$wide" "" "rank, check -v, audit: no prose line wider than COLUMNS but for one long word"
[ "$wrapped" -gt $((n / 3)) ]
ok $? "rank, check -v, audit: COLUMNS is followed ($wrapped of $n outputs wrapped)"

# The number the issue saw cut ("+61⏎70000 pages" in a 61-column terminal).
xz -dc "$srcdir/tests/fixtures/procroot/host-memcg.tar.xz" | tar -C "$tmp" -xf -
root=$tmp/host-memcg/proc
bad=''
for cols in $(seq 40 100); do
	COLUMNS=$cols "$OOMRISK" rank -n 1 --proc-root="$root" | grep -Eq -- '(^| )\+6170000( |$)' ||
		bad="$bad $cols"
done
is "$bad" "" "rank: '+6170000' whole at every COLUMNS from 40 to 100"

# No COLUMNS: 80 when not a terminal, else the terminal's width.
log=$srcdir/tests/oom-logs/005-gentoo-4.8-docker-memcg-kmsg-bare.log
"$OOMRISK" explain "$log" >"$tmp/pipe"
is "$(over 80 "$tmp/pipe")" "" "no COLUMNS, not a terminal: 80 columns"
[ "$(awk 'length($0) > 70' "$tmp/pipe" | wc -l)" -gt 0 ]
ok $? "and the lines do use them"
if command -v script >/dev/null && command -v stty >/dev/null; then
	script -qec "stty cols 50 rows 40; $OOMRISK explain $log" /dev/null | tr -d '\r' >"$tmp/tty"
	is "$(over 50 "$tmp/tty")" "" "no COLUMNS, a terminal of 50 columns: 50"
	words "$tmp/tty" >"$tmp/tty.words"
	words "$tmp/pipe" >"$tmp/pipe.words"
	cmp -s "$tmp/tty.words" "$tmp/pipe.words"
	ok $? "the same words as through a pipe"
else
	skip "the terminal's width" "needs script and stty"
fi
done_testing
