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
run_target fuzz-procfs "$srcdir"/tests/fixtures/procroot/*
done_testing
