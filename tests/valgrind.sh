# valgrind: each command of the table under memcheck must make no memory
# error and leak nothing (definitely or indirectly lost).  Long-running
# modes belong here with a bounded number of refreshes, so that a leak per
# refresh shows as a leak; memory still reachable at exit (libproc2's and
# glibc's own caches) is not counted.
. "$srcdir/tests/lib.sh"
command -v valgrind >/dev/null || skip_all "needs valgrind"
# A sanitizer build cannot run under valgrind; ASan checks leaks there.
if nm "$OOMRISK" 2>/dev/null | grep -q __asan_init; then
	skip_all "built with sanitizers (ASan covers this)"
fi

# Arguments after "oomrisk", one command per line; @TMP@ is a scratch
# directory.  Long-running modes are bounded: top --batch runs 20 quick
# refreshes (tests/top-valgrind.sh runs one for 60 s).  --backend=bpf
# runs the BPF task iterator where it loads (root), else says why and
# uses /proc; top's auto does the same.  (valgrind 3.19 warns that it
# does not know BPF_LINK_CREATE and BPF_ITER_CREATE: neither writes to
# our memory.)
COMMANDS='
rank
rank --all --format=json
rank --all --format=csv --cmdline
rank --cgroup / -n 5
rank --model 3.14 --all
rank --adj 1=1000 --blast-radius
rank --backend=bpf --all --format=json
rank --backend=bpf --cgroup / -n 5
rank --bogus-option
zones
zones --format=json
top --batch -d 0.05 -n 20 --no-mlock
top --batch -d 0.05 -n 20 --no-mlock --backend=proc
check -s @TMP@/state -v
check -s @TMP@/state --format=json
export -s @TMP@/state
export -s @TMP@/state --backend=bpf
explain @SRC@/tests/oom-logs/050-seed-3.10-rocketmq-java-global-noswap.log
explain --format=json @SRC@/tests/oom-logs/011-aks-5.15-cgroupv2-k8s-pod-interleaved.log
explain
audit --protect bash
audit --format=json
'

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "$COMMANDS" | grep . | sed "s|@TMP@|$tmp|g; s|@SRC@|$srcdir|g" >"$tmp/table"
while read -r args; do
	# shellcheck disable=SC2086
	valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--show-leak-kinds=definite,indirect --error-exitcode=99 \
		"$OOMRISK" $args >/dev/null 2>"$tmp/vg"
	st=$?
	[ $st -ne 99 ]
	ok $? "oomrisk $args: no memory error or leak under valgrind (exit $st)"
	[ $st -ne 99 ] || grep '^==' "$tmp/vg" | head -20 | sed 's/^/# /'
done <"$tmp/table"
done_testing
