# top-forecast: `top --batch -g CG` while a task grows at a steady rate
# (8 MiB/s) toward the cgroup's 200 MiB limit: the forecast's time to the
# limit must be within 25 % of when the kernel's kill actually came
# (issue 13).  Each frame is stamped with /proc/uptime as it arrives; the
# kill's time is the uptime of its "Killed process" line.  Judged on every
# frame from 6 s after the growth began (the fit needs a few samples of a
# steady growth: in the qemu VM the first seconds' growth is not steady,
# the forecasts at 4 and 5 s were 18% and 30% off, every later one at most
# 14%; on this host the one at 4 s was once 26% off)
# to 5 s before the kill; the frames' "~N s" is rounded to the second.
# Root only; cgroup v1 or v2.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/cgroup-lib.sh"
need_root
memcg_mount >/dev/null || skip_all "no memory cgroup controller mounted"
dmesg >/dev/null 2>&1 || skip_all "dmesg not readable"

tmp=$(mktemp -d)
name=oomrisk-fc-$$
top=
cleanup() { [ -n "$top" ] && kill "$top" 2>/dev/null; memcg_destroy; rm -rf "$tmp"; }
trap cleanup EXIT
memcg_create "$name" $((200 << 20)) || skip_all "cannot create a memory cgroup here"

"$MEMHOG" -g "$cg_dir" -m 20 -n fcbase$$ -r "$tmp/base" &
wait_ready "$tmp/base"
# Stamp each frame with the uptime it arrived at (top flushes every frame).
# 30 frames: the grower starts 2 s in and reaches the limit about 22 s later.
"$OOMRISK" top --batch -d 1 -n 30 -r 3 -g "$cg_path" 2>"$tmp/top.err" |
	while IFS= read -r line; do
		case $line in
		"oomrisk top "*) echo "@ $(cut -d' ' -f1 /proc/uptime)" ;;
		esac
		printf '%s\n' "$line"
	done >"$tmp/frames" &
top=$!
sleep 2
began=$(cut -d' ' -f1 /proc/uptime)
"$MEMHOG" -g "$cg_dir" -m 400 -s 4 -t 500 -n fcgrow$$ -r "$tmp/grow" &
grow=$!
wait "$grow"
wait "$top"
top=

gpid=$grow
killed=$(dmesg | grep "Killed process $gpid (fcgrow$$)" | tail -1 | sed 's/^\[ *\([0-9.]*\)\].*/\1/')
[ -n "$killed" ]
ok $? "the grower ($gpid) was killed at its cgroup's limit (uptime ${killed:-?} s)"

# Frames: "uptime forecast-seconds" where a forecast to the limit was shown.
awk '/^@ / { u = $2 }
	/reaches its limit/ {
		s = $0
		if (s ~ /reaches its limit now/) { print u, 0; next }
		sub(/.*reaches its limit in ~/, "", s)
		split(s, w, " ")
		print u, (w[2] == "min" ? w[1] * 60 : w[1])
	}' "$tmp/frames" >"$tmp/fc"
echo "# frames with a forecast (uptime, seconds to the limit): $(tr '\n' ';' <"$tmp/fc")"
awk -v k="$killed" -v b="$began" '$1 >= b + 6 && k - $1 >= 5 {
		actual = k - $1; err = ($2 - actual) / actual; if (err < 0) err = -err
		n++; if (err > max) max = err
		printf "# at %.1f s: forecast %s s, the kill came after %.1f s: %.0f%% off\n", $1, $2, actual, err * 100
	}
	END { printf "%d %.3f\n", n, max }' "$tmp/fc" >"$tmp/judged"
grep '^#' "$tmp/judged"
set -- $(tail -1 "$tmp/judged")
[ "${1:-0}" -ge 3 ]
ok $? "forecasts shown from 6 s into the growth to 5 s before the kill (${1:-0} frames)"
awk -v m="${2:-1}" 'BEGIN { exit !(m <= 0.25) }'
ok $? "every one within 25 % of when the kill came (worst $(awk -v m="${2:-1}" 'BEGIN { printf "%.0f", m * 100 }') %)"
done_testing
