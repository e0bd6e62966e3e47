#!/bin/sh
# bench/run.sh [-n N] [-r RUNS]: measure `oomrisk rank` against the floor
# (bench/floor.c) and the tools people use today, side by side on the same
# process table, with N extra sleeping processes (default 10000).  Run
# after the quick start (needs src/oomrisk and cc).  Prints the median wall
# time, user and system CPU time and peak RSS of each, and the ratio of
# each median wall time to the floor's.  See bench/README.md.
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
[ -x src/oomrisk ] || { echo "bench: build first (README quick start)" >&2; exit 2; }
command -v cc >/dev/null || { echo "bench: needs cc (build-essential)" >&2; exit 2; }

work=$(mktemp -d)
cleanup() {
	# Kill exactly the processes we started, by recorded pid.
	if [ -s "$work/pids" ]; then xargs kill -9 <"$work/pids" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
cc -O2 -o "$work/floor" bench/floor.c
cc -O2 -o "$work/sleepers" bench/sleepers.c
cc -O2 -o "$work/measure" bench/measure.c

# nohang's oom-sort: on PATH, or $OOM_SORT, or taken out of Debian's nohang
# package without installing it (installing would also enable the nohang
# daemon, which kills processes when memory runs low).
oom_sort=${OOM_SORT:-$(command -v oom-sort || true)}
oom_sort_why=
if [ -z "$oom_sort" ]; then
	if ! command -v python3 >/dev/null; then
		oom_sort_why="needs python3"
	elif (cd "$work" && apt-get download nohang >/dev/null 2>&1) &&
		dpkg-deb -x "$work"/nohang_*.deb "$work/nohang" 2>/dev/null &&
		[ -x "$work/nohang/usr/bin/oom-sort" ]; then
		oom_sort=$work/nohang/usr/bin/oom-sort
	else
		oom_sort_why="not on PATH and 'apt-get download nohang' failed (Debian 12+ ships it)"
	fi
fi

"$work/sleepers" "$N" "$work/pids"
sleep 1

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -r), $(nproc) CPUs, $(free -g | awk '/^Mem:/ { print $2 }') GiB," \
	"load $(cut -d' ' -f1-3 /proc/loadavg), $(ls -d /proc/[0-9]* 2>/dev/null | wc -l) processes (N=$N extra), $RUNS runs each"
printf '%-34s %10s %9s %9s %9s %8s\n' tool "wall ms" "user ms" "sys ms" "peak KiB" "x floor"

floor=
measure() {	# measure NAME RUNS COMMAND...: one table row
	name=$1 runs=$2
	shift 2
	set -- $("$work/measure" -r "$runs" -w "$([ "$runs" -gt 1 ] && echo 2 || echo 0)" -- "$@")
	[ -n "$floor" ] || floor=$1
	printf '%-34s %10.1f %9.1f %9.1f %9d %8.2f%s\n' "$name" "$1" "$2" "$3" "$4" \
		"$(echo "$1 $floor" | awk '{ print $1 / $2 }')" \
		"$([ "$6" -eq 0 ] || echo "  ($6 of $5 runs failed)")"
}

measure "floor (bench/floor.c)" "$RUNS" "$work/floor"
measure "oomrisk rank" "$RUNS" src/oomrisk rank
measure "oomrisk rank --all" "$RUNS" src/oomrisk rank --all
# A what-if on one small sleeper: the prefilter must stay on (rank.c).
measure "oomrisk rank --adj PID=1000" "$RUNS" src/oomrisk rank --adj "$(tail -1 "$work/pids")=1000"
measure "oomrisk audit" "$RUNS" src/oomrisk audit
measure "ps -eo pid,oom,oomadj,rss,comm" "$RUNS" ps -eo pid,oom,oomadj,rss,comm --sort=-oom
measure "top -b -n 1" "$RUNS" top -b -n 1
if [ -n "$oom_sort" ]; then
	measure "nohang oom-sort" "$RUNS" python3 "$oom_sort"
else
	printf '%-34s %s\n' "nohang oom-sort" "not measured: $oom_sort_why"
fi
# The classic shell loop forks five processes per task: one run only.
measure "oomscore.sh (1 run)" 1 bash bench/oomscore.sh

# explain: log throughput against grep, on a syslog of ordinary lines
# with real reports sprinkled in (bench/explain.sh has the generator).
echo
sh bench/explain.sh -s 64 -r 3

# top: CPU of a refreshing view against procps top, both in batch mode
# for 10 one-second frames (bench/top.sh compares the screens).
echo
echo "# top, 10 frames at -d 1 (CPU is what matters; wall is ~10 s)"
floor=
measure "top -b -d 1 -n 10" 1 top -b -d 1 -n 10
measure "oomrisk top --batch -d 1 -n 10" 1 src/oomrisk top --batch -d 1 -n 10 --backend=proc
# The BPF task iterator (auto's choice for top where it loads: root); it
# says on stderr why when it cannot.
if [ -z "$(src/oomrisk rank --backend=bpf -n 1 2>&1 >/dev/null)" ]; then
	measure "oomrisk top --batch ... --backend=bpf" 1 src/oomrisk top --batch -d 1 -n 10 \
	    --backend=bpf
fi
