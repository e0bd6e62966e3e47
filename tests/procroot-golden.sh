#!/bin/sh
# procroot-golden: rank, top --batch, check, export and audit on proc trees
# captured from real machines (tests/fixtures/procroot/*.tar.xz, made by
# tests/fixtures/make-procroot-captures.sh) must print exactly
# tests/expected/procroot/CAPTURE/CASE; a change in any number shows as a
# diff.  How the expected files were checked: tests/expected/procroot/README.md.
# To regenerate after an intended change: REGEN=1 make check TESTS=tests/procroot-golden.sh,
# then read the diff (git diff tests/expected/procroot) before committing.
. "$srcdir/tests/lib.sh"
command -v xz >/dev/null || skip_all "needs xz"
command -v jq >/dev/null || skip_all "needs jq"

tmp=$(memory_tmpdir)
trap 'rm -rf "$tmp"' EXIT
expected=$srcdir/tests/expected/procroot

# Lines that differ from run to run whatever the capture: top's clock and
# its own resident memory, check's state file path, the time and version
# every JSON document opens with (its host is the capture's: none).
normalize() {
	sed -e "s|$tmp|@TMP@|g" \
	    -e 's/^  "time": "[^"]*",$/  "time": "@TIME@",/' \
	    -e 's/^  "version": "[^"]*",$/  "version": "@VERSION@",/' \
	    -e 's/^\(oomrisk top  \)[0-9][0-9]:[0-9][0-9]:[0-9][0-9]/\1HH:MM:SS/' \
	    -e 's/  self [0-9.]*[KMG]*  /  self @RSS@  /'
}

# case NAME FORMAT COMMAND...: run oomrisk COMMAND on the capture, compare.
run_case() {
	name=$1 fmt=$2
	shift 2
	want=$expected/$capture/$name
	OOMRISK_CONFIG=/dev/null COLUMNS=120 "$OOMRISK" "$@" --proc-root="$root" \
	    >"$tmp/out" 2>"$tmp/err"
	echo "exit $?" >>"$tmp/err"
	normalize <"$tmp/out" >"$tmp/got"
	normalize <"$tmp/err" >"$tmp/got.err"
	if [ "$fmt" = json ]; then
		jq -e . "$tmp/got" >/dev/null
		ok $? "$capture/$name: valid JSON"
	fi
	if [ -n "${REGEN:-}" ]; then
		mkdir -p "$expected/$capture"
		rm -f "$want" "$want.xz"
		# Large outputs (every task of 10,000) are kept compressed.
		if [ "$(wc -c <"$tmp/got")" -gt 262144 ]; then
			xz -9 -c "$tmp/got" >"$want.xz"
		else
			cp "$tmp/got" "$want"
		fi
		cp "$tmp/got.err" "$want.stderr"
	fi
	[ -f "$want.xz" ] && xz -dc "$want.xz" >"$tmp/want" || cp "$want" "$tmp/want" 2>/dev/null
	if cmp -s "$tmp/want" "$tmp/got" && cmp -s "$want.stderr" "$tmp/got.err"; then
		ok 0 "$capture/$name: as expected"
	else
		ok 1 "$capture/$name: as expected"
		diff -u "$tmp/want" "$tmp/got" | head -20 | sed 's/^/# /'
		diff -u "$want.stderr" "$tmp/got.err" | head -8 | sed 's/^/# /'
	fi
}

# promlint NAME: promtool's lint of the output just compared (skipped without it).
promlint() {
	if command -v promtool >/dev/null; then
		promtool check metrics <"$tmp/got" >"$tmp/lint" 2>&1
		ok $? "$1: promtool check metrics is clean$(head -c 300 "$tmp/lint" | tr '\n' ' ')"
	else
		skip "$1: promtool check metrics" "promtool not installed (Debian package prometheus)"
	fi
}

for tarball in "$srcdir"/tests/fixtures/procroot/*.tar.xz; do
	capture=$(basename "$tarball" .tar.xz)
	xz -dc "$tarball" | tar -C "$tmp" -xf -
	root=$tmp/$capture/proc
	run_case rank.txt text rank -n 12
	run_case rank.json json rank -n 12 --format=json
	run_case rank.csv csv rank -n 12 --format=csv
	run_case rank-cmdline.txt text rank -n 5 --cmdline --wide
	# The workloads: oomrisk-cap (host-memcg, host-10k) and the container
	# host's cgroups (host-containers on v1, vm-containers on v2).
	if [ -n "$(find "$tmp/$capture" -maxdepth 6 -type d -name oomrisk-cap)" ]; then
		run_case rank-memcg.txt text rank --cgroup=/oomrisk-cap
		run_case rank-memcg.json json rank --cgroup=/oomrisk-cap --format=json
		run_case rank-memcg-child.txt text rank --cgroup=/oomrisk-cap/child
		run_case rank-whatif.txt text rank -n 5 --adj "$(sed -n 's/^\([0-9]*\) .*(hogC).*/\1/p' \
		    "$root"/*/stat | head -1)=-500"
	fi
	if [ -n "$(find "$tmp/$capture" -maxdepth 6 -type d -name oomrisk-ctr)" ]; then
		docker=/oomrisk-ctr/system.slice/docker-3f2a9c1d7b4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4.scope
		run_case group-container.txt text rank --group-by container -n 20
		run_case group-container.json json rank --group-by container -n 20 --format=json
		run_case group-unit.txt text rank --group-by unit -n 20
		run_case group-cgroup.txt text rank --group-by cgroup -n 30
		run_case rank-docker.txt text rank --cgroup=$docker
		run_case rank-docker.json json rank --cgroup=$docker --format=json
		run_case rank-kubepods.txt text rank --cgroup=/oomrisk-ctr/kubepods.slice
		run_case top-group.txt text top --batch --iterations=1 --rows=20 --group-by container
		run_case export-cap.prom text export --state="$tmp/none" --max-cgroups=3
		promlint "$capture/export-cap.prom"
	fi
	run_case top-batch.txt text top --batch --iterations=1 --rows=20
	run_case zones.txt text zones
	run_case zones.json json zones --format=json
	rm -f "$tmp/state"
	run_case check.txt text check --state="$tmp/state" --verbose
	rm -f "$tmp/state"
	run_case check.json json check --state="$tmp/state" --format=json
	run_case export.prom text export --state="$tmp/none"
	promlint "$capture/export.prom"
	run_case audit.txt text audit
	run_case audit.json json audit --format=json
	# Every task, every number: the whole ranking as CSV.
	run_case rank-all.csv csv rank --all --format=csv
	rm -rf "${tmp:?}/$capture"
done

# A machine over time: top --replay plays the zonefall capture's roots
# (tests/fixtures/procroot/zonefall-6.1-numa), a frame each.  The replay
# keeps its own clock (a refresh interval between roots), so the forecast
# is compared too.
capture=zonefall-6.1-numa
root=$srcdir/tests/fixtures/procroot/$capture
want=$expected/$capture/top-batch-replay.txt
OOMRISK_CONFIG=/dev/null "$OOMRISK" top --batch --rows=3 -d 0.01 --replay="$root" >"$tmp/out" 2>&1
echo "exit $?" >>"$tmp/out"
normalize <"$tmp/out" >"$tmp/got"
if [ -n "${REGEN:-}" ]; then
	mkdir -p "$expected/$capture"
	cp "$tmp/got" "$want"
fi
cmp -s "$want" "$tmp/got"
ok $? "$capture/top-batch-replay.txt: as expected"
diff -u "$want" "$tmp/got" | head -20 | sed 's/^/# /'
done_testing
