# fuzz-replay: every fuzz target over its seeds and their mutations (see
# fuzz/README.md).  A crash, a sanitizer report or a hang fails the test.
. "$srcdir/tests/lib.sh"

run_target() {	# run_target TARGET SEED...
	name=$1
	shift
	out=$(timeout 300 "$builddir/fuzz/$name" "$@" 2>&1)
	st=$?
	[ $st -eq 0 ] || printf '%s\n' "$out" | tail -20 | sed 's/^/# /'
	ok $st "$name: $(printf '%s\n' "$out" | tail -1)"
}

run_target fuzz-procfs "$srcdir/tests/fixtures/proc" "$srcdir/fuzz/corpus/procfs"
run_target fuzz-check "$srcdir/fuzz/corpus/check" "$srcdir/tests/fixtures/kmsg" "$srcdir/etc/oomrisk.conf"
run_target fuzz-oomlog "$srcdir/tests/oom-logs" "$srcdir/fuzz/corpus/oomlog"
run_target fuzz-audit "$srcdir/tests/fixtures/audit/zram-full" \
	"$srcdir/tests/fixtures/audit/swap-disk-3.x" "$srcdir/tests/fixtures/audit/swap-dm-5.x" \
	"$srcdir/fuzz/corpus/audit"
run_target fuzz-procfs "$srcdir"/tests/fixtures/procroot/*
done_testing
