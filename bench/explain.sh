#!/bin/sh
# bench/explain.sh [-s "MIB..."] [-d MIB] [-r RUNS]: time `oomrisk explain
# FILE` (what a user runs: the default text output, written to a file) on a
# big syslog of ordinary lines with real OOM reports sprinkled in, against
# `grep -c 'invoked oom-killer'` on the same file, and report peak RSS per
# size (default 64 and 256 MiB).  Then the two dense cases, each -d MiB
# (default 1024; 0 skips them): "dense", the real reports of tests/oom-logs
# back to back, and "headers", only their header lines; for these
# `--format=json` is timed too (its own column and ratio).  "cpu x" is the
# ratio of the CPU times (user + sys, medians), steadier than the wall
# times' when other work shares the machine.  "reports" counts the reports
# of the text output (folded repeats included).
# Run after the quick start (needs src/oomrisk and jq; times with
# bench/measure.c, like bench/run.sh).  The files are generated
# deterministically in a temporary directory and removed afterwards.
set -eu
cd "$(dirname "$0")/.."
SIZES="64 256" RUNS=5 DENSE=1024
while getopts s:r:d: o; do
	case $o in
	s) SIZES=$OPTARG ;;
	r) RUNS=$OPTARG ;;
	d) DENSE=$OPTARG ;;
	*) echo "usage: bench/explain.sh [-s \"MIB...\"] [-d MIB] [-r RUNS]" >&2; exit 2 ;;
	esac
done
[ -x src/oomrisk ] || { echo "bench: build first (README quick start)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -o "$work/measure" bench/measure.c

# The reports: the syslog-format logs of tests/oom-logs, host renamed.
reports="001-rhel6-2.6.32-phpfpm-global-swapfull 002-rhel8-4.18-varnish-rsyslog-012
007-ubuntu-5.8-kwin-filerss-swapfull-forum 050-seed-3.10-rocketmq-java-global-noswap
051-seed-rhel6-2.6.32-slab-leak-numa-swap 011-aks-5.15-cgroupv2-k8s-pod-interleaved"
i=0
for r in $reports; do
	sed 's/^\([A-Z][a-z][a-z] [ 0-9][0-9] [0-9:]*\) [^ ]* /\1 web1 /' "tests/oom-logs/$r.log" \
		>"$work/report$i"
	i=$((i + 1))
done

gen() {	# gen MIB FILE: ordinary lines, one report every 100000 lines
	awk -v mib="$1" -v nrep="$i" -v dir="$work" '
	BEGIN {
		srand(1)
		t[0] = "%s web1 CRON[%d]: (root) CMD (touch /var/run/crond.sittercheck)"
		t[1] = "%s web1 systemd[1]: Started Session %d of user root."
		t[2] = "%s web1 sshd[%d]: Accepted publickey for deploy from 10.0.%d.%d port %d ssh2"
		t[3] = "%s web1 kernel: [%d.%06d] audit: type=1400 audit(1607356759.667:29): apparmor=\"DENIED\" operation=\"open\" profile=\"/usr/sbin/cupsd\" pid=%d comm=\"cupsd\""
		t[4] = "%s web1 kubelet[%d]: I0701 00:45:31.763906   12227 kuberuntime_manager.go:415] No ready sandbox for pod \"x-%d\" can be found. Need to start a new one"
		t[5] = "%s web1 dockerd[%d]: time=\"2020-07-01T00:45:31.421873659+08:00\" level=error msg=\"stream copy error: reading from a closed fifo\""
		t[6] = "%s web1 kernel: [%d.%06d] XFS (dm-%d): Mounting V4 Filesystem"
		t[7] = "%s web1 kernel: [%d.%06d] Freeing unused kernel memory: %dK"
		t[8] = "%s web1 NetworkManager[%d]: <info>  [1607356759.%d] dhcp4 (eth0): state changed bound -> bound"
		t[9] = "%s web1 kernel: [%d.%06d] usb 3-2: new high-speed USB device number %d using xhci_hcd"
		limit = mib * 1048576
		while (size < limit) {
			n++
			ts = sprintf("Sep %2d %02d:%02d:%02d", 1 + int(n / 86400) % 28, int(n / 3600) % 24,
			    int(n / 60) % 60, n % 60)
			if (n % 100000 == 0) {
				f = dir "/report" (r++ % nrep)
				while ((getline line < f) > 0) {
					print line
					size += length(line) + 1
				}
				close(f)
				continue
			}
			k = int(rand() * 10)
			a = int(rand() * 99999); b = int(rand() * 255); c = int(rand() * 999999)
			if (k == 3 || k == 6 || k == 7 || k == 9)
				line = sprintf(t[k], ts, int(n / 100), c, a)
			else if (k == 2)
				line = sprintf(t[k], ts, a, b, c % 255, a)
			else
				line = sprintf(t[k], ts, a, a)
			print line
			size += length(line) + 1
		}
	}' >"$2"
}

count() {	# count FILE: the reports of a text output, folded repeats included
	awk '/^(OOM report|Allocation failure) [0-9]+ at / { n++ }
	    /^  repeated  [0-9]+ more report/ { n += $2 } END { print n + 0 }' "$1"
}

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -r), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); RUNS=$RUNS"
# time_both FILE: grep -c and explain (text, as a user runs it) on FILE:
# g, gc (grep's wall ms and CPU sum), e, ec, peak (explain's), nrep (its
# reports); explain's output stays in $work/out.txt.
time_both() {
	_f=$1
	set -- $("$work/measure" -r "$RUNS" -w 1 -o "$work/grep.out" -- \
		grep -c 'invoked oom-killer' "$_f")
	g=$1 gc="$2 + $3"
	set -- $("$work/measure" -r "$RUNS" -w 1 -o "$work/out.txt" -- \
		src/oomrisk explain "$_f")
	e=$1 ec="$2 + $3" peak=$4
	nrep=$(count "$work/out.txt")
}

printf '%-6s %10s %10s %8s %8s %10s %8s %8s\n' MiB "grep ms" "explain ms" ratio "cpu x" "peak KiB" reports "grep -c"
for mib in $SIZES; do
	f=$work/syslog-$mib.log
	gen "$mib" "$f"
	cat "$f" >/dev/null	# page cache, for both
	# Output to a file: with /dev/null GNU grep would stop at the first match.
	time_both "$f"
	ng=$(cat "$work/grep.out")
	awk -v m="$mib" -v g="$g" -v e="$e" -v p="$peak" -v n="$nrep" -v c="$ng" \
		"BEGIN { printf \"%-6s %10.1f %10.1f %8.2f %8.2f %10d %8d %8d\\n\", m, g, e, e / g,
		    ($ec) / ($gc), p, n, c }"
	rm -f "$f"
done

# The dense cases: every line of a report (or every header line).
fill() {	# fill MIB FILE: FILE repeated until it holds MIB MiB
	src=$2 dst=$2.big limit=$(($1 * 1048576))
	: >"$dst"
	while [ "$(wc -c <"$dst")" -lt "$limit" ]; do
		cat "$src" "$src" "$src" "$src" "$src" "$src" "$src" "$src" >>"$dst"
	done
	head -c "$limit" "$dst" >"$src"
	rm -f "$dst"
}
if [ "$DENSE" -gt 0 ]; then
	printf '%-8s %10s %10s %8s %8s %10s %8s %10s %8s %8s\n' case "grep ms" "explain ms" ratio \
		"cpu x" "json ms" ratio "peak KiB" reports "grep -c"
	cat tests/oom-logs/*.log >"$work/dense.log"
	cat tests/oom-logs/*.log | grep -e 'invoked oom-killer' -e 'page allocation failure' \
		>"$work/headers.log"
	for case in dense headers; do
		f=$work/$case.log
		fill "$DENSE" "$f"
		cat "$f" >/dev/null
		time_both "$f"
		rm -f "$work/out.txt"
		set -- $("$work/measure" -r "$RUNS" -w 1 -o "$work/out.json" -- \
			src/oomrisk explain --format=json "$f")
		j=$1
		[ "$4" -gt "$peak" ] && peak=$4
		ng=$(cat "$work/grep.out")
		awk -v c="$case" -v g="$g" -v e="$e" -v j="$j" -v p="$peak" -v n="$nrep" -v k="$ng" \
			"BEGIN { printf \"%-8s %10.1f %10.1f %8.2f %8.2f %10.1f %8.2f %10d %8d %8d\\n\",
			    c, g, e, e / g, ($ec) / ($gc), j, j / g, p, n, k }"
		rm -f "$f" "$work/out.json"
	done
fi
