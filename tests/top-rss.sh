# top-rss: `top` keeps a fixed footprint: resident memory at the 600th
# refresh, and its peak over refreshes 50 to 600, within 5% of the 50th.
# The peak of the start (loading the BPF program, the first full scans) is
# reported apart: it happens once.  Runs with a short delay.
# The footprint follows the number of tasks (one record each), so when the
# machine gains tasks during the run (other work on a shared machine), 1 KiB
# per task gained is allowed on top of the 5%.
. "$srcdir/tests/lib.sh"

tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

frames() { grep -c '^oomrisk top ' "$tmp/out"; }
rss() { awk -v k="$1" '$1 == k ":" {print $2}' "/proc/$pid/status" 2>/dev/null; }
wait_frames() {	# wait_frames N: until N frames are out (or top exited)
	while [ "$(frames)" -lt "$1" ]; do
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 0.02
	done
}

# 650 refreshes, so that it is still running when the 600th is out.
"$OOMRISK" top -b -d 0.02 -n 650 -r 10 >"$tmp/out" &
pid=$!
wait_frames 50
ok $? "50 refreshes"
r50=$(rss VmRSS)
hwm50=$(rss VmHWM)
wait_frames 600
ok $? "600 refreshes"
r600=$(rss VmRSS)
hwm=$(rss VmHWM)
lck=$(rss VmLck)
echo "# VmRSS at refresh 50: $r50 kB, at 600: $r600 kB; peak $hwm50 kB by refresh 50, $hwm kB by 600; locked $lck kB"
wait "$pid"
is $? 0 "top -b -n 650 exits 0"
pid=
is "$(frames)" 650 "650 frames"
# Tasks in each frame's victim line ("...; N tasks via proc"): at refresh
# 50, and the most.
tasks='/^victim .*; [0-9]+ tasks( via .*)?$/ { sub(/ tasks( via .*)?$/, ""); sub(/.*; /, "") }'
t50=$(awk "$tasks"'/^[0-9]+$/ { n++; if (n == 50) { print; exit } }' "$tmp/out")
tmax=$(awk "$tasks"'/^[0-9]+$/ { n++; if (n >= 50 && n <= 600 && $1 + 0 > m) m = $1 + 0 } END { print m + 0 }' "$tmp/out")
gained=$((tmax > t50 ? tmax - t50 : 0))
echo "# tasks at refresh 50: $t50, most after: $tmax (1 KiB allowed per task gained: $gained kB)"
[ -n "$r50" ] && [ -n "$r600" ] && [ $(( (r600 - r50 - gained) * 100 )) -le $((r50 * 5)) ] &&
	[ $(( (r50 - r600) * 100 )) -le $((r50 * 5)) ]
ok $? "resident memory flat within 5% from the 50th refresh to the 600th ($r50 -> $r600 kB)"
# VmHWM only rises: if it rose after refresh 50, the new peak is a refresh's.
[ -n "$hwm" ] && [ -n "$hwm50" ] && { [ "$hwm" -eq "$hwm50" ] ||
	[ $(( (hwm - r50 - gained) * 100 )) -le $((r50 * 5)) ]; }
ok $? "no refresh after the 50th peaks over 5% above it (peak $hwm50 -> $hwm kB)"
done_testing
