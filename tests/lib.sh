# tests/lib.sh: TAP helpers for the shell tests.  Source it; call ok/skip
# (todo for a known failure), then done_testing.  $OOMRISK is the binary
# under test.

: "${srcdir:=.}" "${builddir:=.}"
OOMRISK=${OOMRISK:-$builddir/src/oomrisk}
MEMHOG=${MEMHOG:-$builddir/tests/helper/memhog}
export LC_ALL=C.UTF-8
unset OOMRISK_CONFIG COLUMNS
tap_n=0
tap_failed=0

ok() {	# ok CONDITION-EXIT-STATUS DESCRIPTION
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

check() {	# check DESCRIPTION COMMAND...: ok if the command succeeds
	desc=$1
	shift
	"$@"
	ok $? "$desc"
}

is() {	# is GOT WANT DESCRIPTION
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '#   got:  %s\n#   want: %s\n' "$1" "$2"
	fi
}

skip() {	# skip DESCRIPTION REASON
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

todo() {	# todo DESCRIPTION REASON: a known failure (TAP TODO), not a failed point
	tap_n=$((tap_n + 1))
	echo "not ok $tap_n - $1 # TODO $2"
}

skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
	exit $?
}

wait_ready() {	# wait_ready FILE...: up to 10 s until every FILE is non-empty
	for _n in $(seq 100); do
		_all=1
		for _f in "$@"; do [ -s "$_f" ] || _all=0; done
		[ "$_all" = 1 ] && return 0
		sleep 0.1
	done
	return 1
}

wait_gone() {	# wait_gone PID: up to 5 s until the process is gone
	for _n in $(seq 50); do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.1
	done
	return 1
}

# in_parallel FUNCTION ARGS...: FUNCTION once per ARGS (split into words:
# "80 24" is two arguments), all at the same time, then their points in
# the order of ARGS, numbered on.  For tests that mostly wait on a screen
# at several sizes: sizes that share nothing need not wait for each
# other.  Each call runs in a subshell with its own TAP count, $par (1,
# 2, ...) to name what it makes, $par_n (how many run) and tmp=$tmp/par$par
# (its own files; a sibling's are ../parN); it must end what it starts.  Their stderr follows all the points.
in_parallel() {
	_fn=$1
	shift
	_k=0 _jobs= _outs= _errs=
	for _args in "$@"; do
		_k=$((_k + 1))
		mkdir "$tmp/par$_k" || return 1
		# shellcheck disable=SC2086
		(tap_n=0 tap_failed=0 par=$_k par_n=$# tmp=$tmp/par$_k; $_fn $_args) \
			>"$tmp/par$_k.out" 2>"$tmp/par$_k.err" &
		_jobs="$_jobs $!" _outs="$_outs $tmp/par$_k.out" _errs="$_errs $tmp/par$_k.err"
	done
	# shellcheck disable=SC2086
	wait $_jobs
	# shellcheck disable=SC2086
	awk -v n="$tap_n" -v count="$tmp/par.count" '
		/^(not )?ok [0-9]+/ {
			bad = /^not ok/
			sub(/^(not )?ok [0-9]+/, (bad ? "not ok " : "ok ") (++n))
			if (bad && !/# TODO/) f++
		}
		/^1[.][.][0-9]+/ { next }
		{ print }
		END { print n, f + 0 > count }' $_outs
	# shellcheck disable=SC2086
	cat $_errs >&2
	read -r tap_n _f <"$tmp/par.count"
	tap_failed=$((tap_failed + _f))
}

memory_tmpdir() {	# memory_tmpdir: mktemp -d on tmpfs (/dev/shm) if there is one
	# For trees of many files: a captured 10,000-task /proc (70,000
	# files) took 40 s to unpack on a busy virtio disk, 1.5 s on tmpfs.
	if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] && [ -w /dev/shm ]; then
		mktemp -d -p /dev/shm
	else
		mktemp -d
	fi
}

need_root() {
	[ "$(id -u)" -eq 0 ] || skip_all "needs root"
}
