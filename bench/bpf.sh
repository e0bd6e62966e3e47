#!/bin/sh
# bench/bpf.sh [-n N] [-r RUNS]: what the BPF backend costs against /proc,
# with N extra sleeping processes (default 10000; the sleepers of
# bench/run.sh, killed afterwards by recorded pid).  Needs root (CAP_BPF
# and CAP_PERFMON), a build with the BPF backend and its test programs
# (`make check` builds them, or `make tests/bpf/probe`); BUILD=dir for a
# separate build directory.  Prints:
#  - loading the iterator, RUNS times (tests/bpf/probe --load-only): CPU,
#    wall, and the RSS it adds;
#  - CPU per scan, averaged over RUNS scans: the iterator, the /proc scan
#    `rank --all` does (status + oom_score_adj) and the one of top's
#    prefilter (oom_score);
#  - one-shot commands on each backend (bench/measure.c, medians of RUNS
#    runs after 2 warm-ups): rank, rank --all, and export (the CPU of one
#    scrape, as a timer or a collector runs it every N seconds).
# See bench/README.md; bench/top.sh measures top on both backends.
set -eu
cd "$(dirname "$0")/.."
N=10000 RUNS=20
while getopts n:r: o; do
	case $o in
	n) N=$OPTARG ;;
	r) RUNS=$OPTARG ;;
	*) echo "usage: bench/bpf.sh [-n N] [-r RUNS]" >&2; exit 2 ;;
	esac
done
B=${BUILD:-.}
probe=$B/tests/bpf/probe
[ -x "$probe" ] && [ -x "$B/src/oomrisk" ] ||
	{ echo "bench: no $probe (configure --enable-bpf; make check or make tests/bpf/probe)" >&2; exit 2; }
"$probe" --load-only >/dev/null || exit 2

work=$(mktemp -d)
cleanup() {
	if [ -s "$work/pids" ]; then xargs kill -9 <"$work/pids" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
cc -O2 -o "$work/sleepers" bench/sleepers.c
cc -O2 -o "$work/measure" bench/measure.c
"$work/sleepers" "$N" "$work/pids"
sleep 1
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -r), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)," \
	"$(ls -d /proc/[0-9]* 2>/dev/null | wc -l) processes (N=$N extra), $RUNS runs each"
for i in $(seq "$RUNS"); do
	"$probe" --load-only | sed -n 's/^load: //p'
done >"$work/load"
# The median of one column of $work/load (mawk has no asort).
median() { awk -v f="$1" '{ v = $f; gsub(/[^0-9.]/, "", v); print v }' "$work/load" | sort -n |
	awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "load (median of $RUNS): $(median 1) ms CPU, $(median 8) ms wall," \
	"+$(median 18) kB RSS at the peak"
"$probe" --scans "$RUNS" | grep ' scan: '

printf '%-40s %9s %9s %9s %9s\n' "one-shot, median of $RUNS" "wall ms" "user ms" "sys ms" "peak KiB"
row() {	# row NAME COMMAND...
	name=$1
	shift
	set -- $("$work/measure" -r "$RUNS" -w 2 -- "$@")
	printf '%-40s %9.1f %9.1f %9.1f %9d%s\n' "$name" "$1" "$2" "$3" "$4" \
		"$([ "$6" -eq 0 ] || echo "  ($6 of $5 runs failed)")"
}
for be in proc bpf; do
	row "oomrisk rank --backend=$be" "$B/src/oomrisk" rank --backend=$be
	row "oomrisk rank --all --backend=$be" "$B/src/oomrisk" rank --all --backend=$be
	row "oomrisk export --backend=$be" "$B/src/oomrisk" export --backend=$be \
		--state="$work/none"
done
