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

need_root() {
	[ "$(id -u)" -eq 0 ] || skip_all "needs root"
}
