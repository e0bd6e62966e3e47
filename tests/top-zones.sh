# top-zones: the zones panel as the screen shows it (tmux), against
# goldens, at 80x24, 120x40, 200x50 and 40x12: a two-node VM falling from
# rest through high, low and min to an OOM kill and back
# (tests/fixtures/procroot/zonefall-6.1-numa, played with --replay: one
# root per refresh), and two real machines caught below high (zte) and
# below low (coreos).  Also, from the same screens: the fill never grows
# while free memory falls, and moves cell by cell near the marks.
#
# The goldens, tests/expected/top-zones/COLSxLINES.txt, hold the panel
# (from its title to the line before the process panel) of each frame,
# under "== ROOT FRAME".  REGEN=1 rewrites them; read the diff.
. "$srcdir/tests/lib.sh"

tmp=$(mktemp -d)
cleanup() { tmux_cleanup; rm -rf "$tmp"; }
trap cleanup EXIT
. "$srcdir/tests/tmux-lib.sh"

fall=$srcdir/tests/fixtures/procroot/zonefall-6.1-numa
expected=$srcdir/tests/expected/top-zones
frames=$(ls "$fall" | grep -c '^[0-9]*$')
[ "$frames" -gt 0 ] || skip_all "no frames in $fall"

panel() { awk '/^ZONE /{z=1} /^ *RANK +PID /{z=0} z' "$1"; }

# The fill of node 0's DMA32 bar: the cells before the first blank or dot
# that are '#' or a covered mark.
fill_of() {
	awk '/^0 DMA32 *\[/ { b = substr($0, index($0, "[") + 1); b = substr(b, 1, index(b, "]") - 1)
		n = 0; for (i = 1; i <= length(b); i++) { c = substr(b, i, 1)
			if (c == "#") n = i; }
		print n; exit }' "$1"
}

run_size() {	# run_size COLS LINES
	cols=$1 lines=$2
	out=$tmp/$cols"x"$lines.txt
	: >"$out"
	tmux_start "$cols" "$lines" "NO_COLOR=1 $OOMRISK top --no-mlock -d 0.7 --replay=$fall; sleep 600"
	k=1 missed=0
	for f in $(ls "$fall" | grep '^[0-9]*$' | sort -n); do
		if wait_for "replay $k/$frames" 15; then
			screen >"$tmp/s"
			grep -q "replay $k/$frames" "$tmp/s" || missed=$((missed + 1))
		else
			missed=$((missed + 1))
		fi
		echo "== zonefall-6.1-numa $f" >>"$out"
		panel "$tmp/s" >>"$out"
		fill_of "$tmp/s" >"$tmp/fill.$f"
		k=$((k + 1))
	done
	tm kill-server 2>/dev/null
	is "$missed" 0 "${cols}x$lines: every frame of the fall caught on screen ($frames)"
	for root in zte-3.x-below-high coreos-4.x-below-low; do
		tmux_start "$cols" "$lines" "NO_COLOR=1 $OOMRISK top --no-mlock -d 5 --proc-root=$srcdir/tests/fixtures/procroot/$root; sleep 600"
		wait_for '^ZONE ' 10
		sleep 0.3
		screen >"$tmp/s"
		echo "== $root" >>"$out"
		panel "$tmp/s" >>"$out"
		tm kill-server 2>/dev/null
	done
	if [ -n "${REGEN:-}" ]; then
		mkdir -p "$expected"
		cp "$out" "$expected/${cols}x$lines.txt"
		ok 0 "${cols}x$lines: golden rewritten"
	else
		diff -u "$expected/${cols}x$lines.txt" "$out" >"$tmp/diff"
		ok $? "${cols}x$lines: the zones panel is the golden's (tests/expected/top-zones)"
		sed 's/^/# /' "$tmp/diff" | head -40
	fi
	awk -v c="$cols" 'length($0) > c { bad = 1 } END { exit bad }' "$out"
	ok $? "${cols}x$lines: no panel line wider than the screen"

	# Node 0's DMA32 falls from rest (0001) to below low (0428): the fill
	# never grows (0425 aside: a watermark boost raised the marks), and
	# from 80 columns on takes at least one cell per step once free is
	# within 2 x high (3.9M, 3.7M, 2.6M, 2.1M, 1.6M; high 2.2M).  A 40-column
	# bar is too short for the 0.2M between the first two.
	prev=999 grows=0 near=
	for f in 0001 0200 0300 0413 0418 0420 0421 0422 0423 0424 0426 0427 0428; do
		n=$(cat "$tmp/fill.$f")
		[ "$n" -gt "$prev" ] && grows=$((grows + 1))
		case $f in 0423|0424|0426|0427|0428) near="$near $n" ;; esac
		prev=$n
	done
	is "$grows" 0 "${cols}x$lines: node 0 DMA32: the fill never grows as free falls"
	echo "$near" | awk -v c="$cols" '{ for (i = 2; i <= NF; i++)
		if ($i > $(i - 1) || ($i == $(i - 1) && c >= 80)) bad = 1; if ($NF >= $1) bad = 1 }
		END { exit bad }'
	ok $? "${cols}x$lines: near the marks the fill moves cell by cell ($near)"
}

run_size 80 24
run_size 120 40
run_size 200 50
run_size 40 12

# What the goldens must show, checked on the 80-column one (by hand, from
# the frames' zoneinfo; see tests/fixtures/README.md).
g=$expected/80x24.txt
verdict() {	# verdict FRAME NODE-ZONE: the verdict word of that zone's line
	awk -v f="== zonefall-6.1-numa $1" -v z="$2" '$0 == f { on = 1; next } /^== / { on = 0 }
		on && index($0, z " ") == 1 { sub(/.*\] +[^ ]+ +[^ ]+ +[^ ]+ /, ""); print; exit }' "$g"
}
is "$(verdict 0001 "0 DMA32")" ok "golden: at rest node 0's DMA32 is ok"
is "$(verdict 0427 "0 DMA32")" "below high" "golden: 0427: below high (free 2.1M, high 2.2M)"
is "$(verdict 0428 "0 DMA32")" "below low" "golden: 0428: below low (free 1.6M, low 1.8M)"
is "$(verdict 0710 "1 DMA32")" "below min" "golden: 0710: node 1 below min (free 1.2M, min 3.0M boosted)"
is "$(verdict 0751 "1 DMA32")" ok "golden: 0751: after the kill, ok again"
grep -q '^node 1  to low ' "$g"
ok $? "golden: zones grouped under a line per node"
done_testing
