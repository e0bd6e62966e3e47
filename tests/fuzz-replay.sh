# fuzz-replay: every fuzz target over its seeds (see fuzz/README.md).  A
# crash, a sanitizer report or a hang fails the test.  The run_target
# lines below are the one list of targets and seeds (directories: libFuzzer
# takes no single files as corpora), used three ways:
#   make check / make fuzz-check   the replay driver (seeds + deterministic
#                                  mutations), or in a --enable-fuzzing
#                                  build libFuzzer's own short fixed run
#   make fuzz-campaign             FUZZ_SECONDS of libFuzzer per target; the
#                                  corpus grows in fuzz/work/TARGET/corpus
. "$srcdir/tests/lib.sh"

# libFuzzer regression run: this many inputs from a fixed seed.
FUZZ_RUNS=${FUZZ_RUNS:-20000}

# "N execs, cov C, ft F, corpus K" from libFuzzer's output.
libfuzzer_summary() {
	awk '/^#[0-9]+/ { for (i = 1; i < NF; i++) { if ($i == "cov:") c = $(i+1);
	                                               if ($i == "ft:") f = $(i+1);
	                                               if ($i == "corp:") k = $(i+1) } }
	     /^stat::number_of_executed_units:/ { n = $2 }
	     END { printf "%s execs, cov %s, ft %s, corpus %s", n, c, f, k }'
}

run_target() {	# run_target TARGET SEED-DIR...
	name=$1
	shift
	bin=$builddir/fuzz/$name
	work=$builddir/fuzz/work/$name
	if ! "$bin" -help=1 2>&1 | grep -q max_total_time; then
		out=$(timeout 300 "$bin" "$@" 2>&1)
		st=$?
		summary=$(printf '%s\n' "$out" | tail -1)
	else
		# libFuzzer: new inputs go to a scratch or work corpus, never
		# into the seed directories; a crashing input is kept in $work.
		mkdir -p "$work/corpus"
		if [ -z "${FUZZ_SECONDS:-}" ]; then
			corpus=$(mktemp -d)
			set -- -seed=1 -runs="$FUZZ_RUNS" "$corpus" "$@"
			limit=300
		else
			corpus=
			set -- -max_total_time="$FUZZ_SECONDS" "$work/corpus" "$@"
			limit=$((FUZZ_SECONDS + 300))
		fi
		out=$(timeout "$limit" "$bin" -print_final_stats=1 -timeout=10 \
			-artifact_prefix="$work/" "$@" 2>&1)
		st=$?
		[ -n "$corpus" ] && rm -rf "$corpus"
		printf '%s\n' "$out" >"$work/last-run.log"
		summary="libFuzzer: $(printf '%s\n' "$out" | libfuzzer_summary)"
		if [ $st -eq 0 ]; then
			summary="$summary: no crash"
		else
			summary="$summary: FAILED, input kept as $(ls -t "$work"/crash-* \
				"$work"/leak-* "$work"/timeout-* "$work"/oom-* 2>/dev/null | head -1)"
		fi
	fi
	[ $st -eq 0 ] || printf '%s\n' "$out" | tail -20 | sed 's/^/# /'
	ok $st "$name: $summary"
}

run_target fuzz-procfs "$srcdir/tests/fixtures/proc" "$srcdir/fuzz/corpus/procfs"
run_target fuzz-check "$srcdir/fuzz/corpus/check" "$srcdir/tests/fixtures/kmsg" "$srcdir/etc"
run_target fuzz-oomlog "$srcdir/tests/oom-logs" "$srcdir/fuzz/corpus/oomlog"
run_target fuzz-audit "$srcdir/tests/fixtures/audit/zram-full" \
	"$srcdir/tests/fixtures/audit/swap-disk-3.x" "$srcdir/tests/fixtures/audit/swap-dm-5.x" \
	"$srcdir/fuzz/corpus/audit"
# The saved proc roots as seeds: the directories only (libFuzzer takes no
# single file as a corpus, and the large captures are tar.xz files).
set --
for d in "$srcdir"/tests/fixtures/procroot/*; do
	[ -d "$d" ] && set -- "$@" "$d"
done
run_target fuzz-procfs "$@"
done_testing
