#!/bin/sh
# bench/top.sh [-n N] [-s SECONDS] [-r RUNS]: CPU time and memory of
# `oomrisk top -d 1` against procps-ng `top -d 1`, each on a real terminal
# (tmux, 80x24) for SECONDS (default 30) with N extra sleeping processes
# (default 10000).  oomrisk runs on each task source: /proc, and the BPF
# task iterator when it loads (root; a build with it).  The tools run one
# after the other, RUNS times each, alternating.  Needs tmux and a built
# src/oomrisk (README quick start; OOMRISK=path/to/oomrisk for another
# build).  Ends with the goals of issue 17: oomrisk's resident set at most
# 6 MiB (mlockall'ed, MCL_ONFAULT), and its CPU time as a share of procps
# top's (0.47x on /proc before that issue).
set -eu
cd "$(dirname "$0")/.."
N=10000 SECS=30 RUNS=1
while getopts n:s:r: o; do
	case $o in
	n) N=$OPTARG ;;
	s) SECS=$OPTARG ;;
	r) RUNS=$OPTARG ;;
	*) echo "usage: bench/top.sh [-n N] [-s SECONDS] [-r RUNS]" >&2; exit 2 ;;
	esac
done
command -v tmux >/dev/null || { echo "bench: needs tmux" >&2; exit 2; }
command -v top >/dev/null || { echo "bench: needs procps top" >&2; exit 2; }
OOMRISK=$(realpath "${OOMRISK:-src/oomrisk}" 2>/dev/null) && [ -x "$OOMRISK" ] ||
	{ echo "bench: build first (README quick start)" >&2; exit 2; }

# The sleepers take ~250 KiB each; refuse rather than push the machine
# towards its watermarks (zone free pages, which MemAvailable may overstate).
need=$((N * 250 * 2))
free_kb=$(( $(awk '$1 == "nr_free_pages" {print $2}' /proc/vmstat) * $(getconf PAGESIZE) / 1024 ))
if [ "$free_kb" -lt "$need" ]; then
	echo "bench: $N sleepers need ~$((need / 2048)) MiB; only $((free_kb / 1024)) MiB free in the zones" >&2
	exit 2
fi

work=$(mktemp -d)
sock=$work/tmux		# tmux leaves socket files behind: keep it in $work
cleanup() {
	tmux -S "$sock" kill-server 2>/dev/null || true
	# Kill exactly the processes we started, by recorded pid.
	[ -s "$work/pids" ] && xargs kill -9 <"$work/pids" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
cc -O2 -o "$work/sleepers" bench/sleepers.c
"$work/sleepers" "$N" "$work/pids"
sleep 2

clk=$(getconf CLK_TCK)
# measure NAME COMMAND: run it in an 80x24 terminal for SECS seconds, then
# print NAME, CPU seconds (user, system), VmRSS and VmHWM in kB.
measure() {
	tmux -S "$sock" -f /dev/null new-session -d -s bench -x 80 -y 24 "exec $2"
	pid=$(tmux -S "$sock" display -p -t bench '#{pane_pid}')
	sleep "$SECS"
	set -- "$1" $(awk '{print $14, $15}' "/proc/$pid/stat") \
		$(awk '$1 == "VmRSS:" {r = $2} $1 == "VmHWM:" {h = $2} END {print r, h}' "/proc/$pid/status")
	tmux -S "$sock" kill-server
	sleep 1
	printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5"
}

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -r), $(nproc) CPUs, $(ls -d /proc/[0-9]* | wc -l) processes (N=$N extra), $SECS s each"
# Whether the BPF iterator loads here (it says why not on stderr).
"$OOMRISK" rank --backend=bpf -n 1 2>"$work/nobpf" >/dev/null
i=0
while [ "$i" -lt "$RUNS" ]; do
	measure "oomrisk top -d 1" "$OOMRISK top -d 1 --backend=proc"
	[ -s "$work/nobpf" ] || measure "oomrisk top (bpf)" "$OOMRISK top -d 1 --backend=bpf"
	measure "procps top -d 1" "top -d 1"
	i=$((i + 1))
done >"$work/table"
printf '%-18s %9s %9s %9s %9s %9s\n' tool "cpu s" "user s" "sys s" "RSS KiB" "peak KiB"
awk -F'\t' -v c="$clk" '{ printf "%-18s %9.2f %9.2f %9.2f %9d %9d\n", $1, ($2 + $3) / c, $2 / c, $3 / c, $4, $5 }' "$work/table"
[ -s "$work/nobpf" ] && echo "# oomrisk top (bpf) not measured: $(cat "$work/nobpf")"
# Per oomrisk source: the largest RSS and peak of its runs (goal: 6144 KiB),
# and its CPU over procps top's, each run against the procps run after it.
awk -F'\t' '
	$1 ~ /^procps/ { for (k in pend) { r[k] += pend[k] / ($2 + $3); n[k]++ } delete pend; next }
	{ pend[$1] = $2 + $3; if ($4 > rss[$1]) rss[$1] = $4; if ($5 > hwm[$1]) hwm[$1] = $5 }
	END { for (k in rss) printf "# %s: RSS at most %d KiB, peak %d KiB (goal 6144: %s); CPU %.2fx procps top\n",
		k, rss[k], hwm[k], hwm[k] <= 6144 ? "met" : "NOT met", n[k] ? r[k] / n[k] : 0 }' "$work/table"
true
