# pressure: `top --batch` inside a memory cgroup under sustained
# reclaim.  A hog holds most of the cgroup's limit in anonymous memory (no
# swap here: it cannot be reclaimed) while a reader streams a file through
# the page cache, so every charge in the cgroup reclaims.  The mode under
# test runs in the same cgroup and must keep producing complete frames on
# time; then a third task pushes the cgroup over its limit and the OOM
# killer must take the largest task, never the monitor, which keeps going.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/cgroup-lib.sh"
need_root
memcg_mount >/dev/null || skip_all "no memory cgroup controller mounted"

# 12 frames here (6 s); pressure-soak.sh, in make check-slow, runs 120.
FRAMES=${PRESSURE_FRAMES:-12}
INTERVAL=0.5
# A frame counts as late past this gap after the previous one: a liveness
# bound (ten intervals), not a speed goal (those live in bench/).
LATE_NS=5000000000

# The mode under test, run inside the cgroup, and how its frames look: a
# frame of `top --batch -r 3` starts with its status line and ends with
# the third process row (the whole system is ranked: there are three).
producer() { exec "$OOMRISK" top --batch -d "$INTERVAL" -n "$FRAMES" -r 3; }
is_frame_start() { case $1 in "oomrisk top "*) return 0 ;; esac; return 1; }
is_frame_end() { case $1 in "   3 "*) return 0 ;; esac; return 1; }

LIMIT_MIB=192
HOG_MIB=140
FILE_MIB=96
# On disk (not tmpfs, whatever TMPDIR says): the streamed file's pages
# must be reclaimable page cache.
tmp=$(mktemp -d -p /var/tmp)
if [ "$(stat -f -c %T "$tmp")" = tmpfs ]; then
	rmdir "$tmp"
	skip_all "/var/tmp is tmpfs: no disk file to stream through the page cache"
fi
name=oomrisk-pressure-$$
pids=
cleanup() {
	[ -n "$pids" ] && kill $pids 2>/dev/null
	memcg_destroy
	rm -rf "$tmp"
}
trap cleanup EXIT
memcg_create "$name" $((LIMIT_MIB << 20)) || skip_all "cannot create a memory cgroup here"

# The cgroup's count of charges that hit the limit, and of OOM kills.
limit_hits() {
	if [ "$cg_version" = 1 ]; then cat "$cg_dir/memory.failcnt"
	else awk '$1 == "max" { print $2 }' "$cg_dir/memory.events"; fi
}
oom_kills() {
	if [ "$cg_version" = 1 ]; then awk '$1 == "oom_kill" { print $2 }' "$cg_dir/memory.oom_control"
	else awk '$1 == "oom_kill" { print $2 }' "$cg_dir/memory.events"; fi
}

# The file the reader streams (on disk: see tmp above).
dd if=/dev/zero of="$tmp/stream" bs=1M count=$FILE_MIB status=none
"$MEMHOG" -g "$cg_dir" -m $HOG_MIB -n pressurehog -r "$tmp/hog" &
pids="$pids $!"
wait_ready "$tmp/hog"
[ -s "$tmp/hog" ] || skip_all "the hog could not start in the cgroup"
hog=$(cat "$tmp/hog")
sh -c 'echo 0 >"$1/cgroup.procs"; while :; do cat "$2" >/dev/null; done' sh "$cg_dir" \
	"$tmp/stream" &
reader=$!
pids="$pids $reader"
sleep 1
hits0=$(limit_hits)
kills0=$(oom_kills)

# Run the producer in the cgroup; stamp each frame's first and last line
# as it arrives (the stamping runs outside the cgroup).
now() { date +%s%N; }
{
	(echo 0 >"$cg_dir/cgroup.procs" && producer)
	echo "exit $?"
} | while IFS= read -r line; do
	if is_frame_start "$line"; then echo "start $(now)"
	elif is_frame_end "$line"; then echo "end $(now)"
	else case $line in "exit "*) echo "$line" ;; esac
	fi
done >"$tmp/frames" &
stamper=$!

# Halfway, push the cgroup over its limit once: C (64 MiB) on top of the
# hog (140 MiB) cannot fit, and the hog, the largest, must be the victim.
half=$((FRAMES / 2))
for i in $(seq 600); do
	[ "$(grep -c '^end' "$tmp/frames")" -ge "$half" ] && break
	sleep 0.1
done
"$MEMHOG" -g "$cg_dir" -m 64 -s 4 -t 20 -n pressureC -r "$tmp/C" -x
wait $stamper
hits1=$(limit_hits)
kills1=$(oom_kills)

st=$(sed -n 's/^exit //p' "$tmp/frames")
is "$st" 0 "the monitor ran to the end in the cgroup (exit ${st:-none}; 137 = killed)"
is "$(grep -c '^end' "$tmp/frames")" "$FRAMES" "all $FRAMES frames complete"
gaps=$(awk '$1 == "start" { if (p) print $2 - p; p = $2 }' "$tmp/frames" | sort -n)
max=$(echo "$gaps" | tail -1)
med=$(echo "$gaps" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
echo "# frame gaps: median $((med / 1000000)) ms, max $((max / 1000000)) ms (interval ${INTERVAL}s)"
[ -n "$max" ] && [ "$max" -le "$LATE_NS" ]
ok $? "no frame later than $((LATE_NS / 1000000000)) s after the previous one"
[ "$hits1" -gt "$hits0" ]
ok $? "the cgroup was at its limit meanwhile ($((hits1 - hits0)) limit hits)"
[ "$kills1" -gt "$kills0" ]
ok $? "the push over the limit made the OOM killer act ($((kills1 - kills0)) kills)"
kill -0 "$hog" 2>/dev/null
ok $((! $?)) "the victim was the hog, the largest task"
victims=$(dmesg 2>/dev/null | grep "oom-kill:.*oom_memcg=/$name,")
if [ -n "$victims" ]; then
	echo "$victims" | grep -q "task=oomrisk,"
	ok $((! $?)) "the kernel log names no oomrisk process as a victim"
else
	skip "the kernel log names no oomrisk process as a victim" "dmesg not readable"
fi
done_testing
