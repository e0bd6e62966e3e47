#!/bin/sh
# bench/run.sh [-n N] [-r RUNS]: measure `oomrisk rank` against the floor
# (bench/floor.c) and the tools people use today, with N extra sleeping
# processes (default 10000).  Run after the quick start (needs src/oomrisk
# and hyperfine).  Prints medians and ratios to the floor.
set -eu
cd "$(dirname "$0")/.."
N=10000 RUNS=20
while getopts n:r: o; do
	case $o in
	n) N=$OPTARG ;;
	r) RUNS=$OPTARG ;;
	*) echo "usage: bench/run.sh [-n N] [-r RUNS]" >&2; exit 2 ;;
	esac
done
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
[ -x src/oomrisk ] || { echo "bench: build first (README quick start)" >&2; exit 2; }

work=$(mktemp -d)
cleanup() {
	# Kill exactly the processes we started, by recorded pid.
	[ -s "$work/pids" ] && xargs kill -9 <"$work/pids" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
cc -O2 -o "$work/floor" bench/floor.c
cc -O2 -o "$work/sleepers" bench/sleepers.c
"$work/sleepers" "$N" "$work/pids"
sleep 1

# A what-if on one small sleeper: the prefilter must stay on (rank.c).
whatif_pid=$(tail -1 "$work/pids")
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -r), $(nproc) CPUs, $(ls -d /proc/[0-9]* | wc -l) processes (N=$N extra)"
hyperfine -N -w 3 -r "$RUNS" --export-json "$work/h.json" \
	-n floor "$work/floor" \
	-n 'oomrisk rank' 'src/oomrisk rank' \
	-n 'oomrisk rank --all' 'src/oomrisk rank --all' \
	-n 'oomrisk rank --adj' "src/oomrisk rank --adj $whatif_pid=1000" \
	-n 'oomrisk audit' 'src/oomrisk audit' \
	-n 'ps --sort=-oom' 'ps -eo pid,oom,oomadj,rss,comm --sort=-oom' >/dev/null
hyperfine -r 1 --export-json "$work/slow.json" -n oomscore.sh 'bench/oomscore.sh' >/dev/null

peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
{
	jq -r '.results[] | [.command, .median, .user, .system] | @tsv' "$work/h.json"
	jq -r '.results[] | [.command, .median, .user, .system] | @tsv' "$work/slow.json"
} | while IFS='	' read -r name med user sys; do
	case $name in
	floor) cmd=$work/floor ;;
	'oomrisk rank') cmd="src/oomrisk rank" ;;
	'oomrisk rank --all') cmd="src/oomrisk rank --all" ;;
	'oomrisk rank --adj') cmd="src/oomrisk rank --adj $whatif_pid=1000" ;;
	'oomrisk audit') cmd="src/oomrisk audit" ;;
	'ps --sort=-oom') cmd="ps -eo pid,oom,oomadj,rss,comm --sort=-oom" ;;
	*) cmd=bench/oomscore.sh ;;
	esac
	printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$med" "$user" "$sys" "$(peak $cmd)"
done >"$work/table"
floor=$(awk -F'\t' '$1 == "floor" {print $2}' "$work/table")
printf '%-22s %10s %9s %9s %9s %9s\n' tool "median ms" "user ms" "sys ms" "peak KiB" "x floor"
awk -F'\t' -v f="$floor" '{ printf "%-22s %10.1f %9.1f %9.1f %9d %9.2f\n", $1, $2*1000, $3*1000, $4*1000, $5, $2/f }' "$work/table"
