# top-rss: `top` keeps a fixed footprint: resident memory at the 600th
# refresh (and the peak) within 5% of the 10th.  Runs with a short delay.
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
wait_frames 10
ok $? "10 refreshes"
r10=$(rss VmRSS)
wait_frames 600
ok $? "600 refreshes"
r600=$(rss VmRSS)
hwm=$(rss VmHWM)
lck=$(rss VmLck)
echo "# VmRSS at refresh 10: $r10 kB, at 600: $r600 kB, peak $hwm kB, locked $lck kB"
wait "$pid"
is $? 0 "top -b -n 650 exits 0"
pid=
is "$(frames)" 650 "650 frames"
# Tasks in each frame's victim line ("...; N tasks"): at refresh 10, and the most.
t10=$(awk '/^victim .*; [0-9]+ tasks$/{n++; if (n == 10) {print $(NF-1); exit}}' "$tmp/out")
tmax=$(awk '/^victim .*; [0-9]+ tasks$/{n++; if (n >= 10 && n <= 600 && $(NF-1) > m) m = $(NF-1)} END {print m + 0}' "$tmp/out")
gained=$((tmax > t10 ? tmax - t10 : 0))
echo "# tasks at refresh 10: $t10, most after: $tmax (1 KiB allowed per task gained: $gained kB)"
[ -n "$r10" ] && [ -n "$r600" ] && [ $(( (r600 - r10 - gained) * 100 )) -le $((r10 * 5)) ] &&
	[ $(( (r10 - r600) * 100 )) -le $((r10 * 5)) ]
ok $? "resident memory flat within 5% from the 10th refresh to the 600th ($r10 -> $r600 kB)"
[ -n "$hwm" ] && [ $(( (hwm - r10 - gained) * 100 )) -le $((r10 * 5)) ]
ok $? "peak within 5% of the 10th refresh ($hwm kB)"
done_testing
