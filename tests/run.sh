#!/bin/sh
# tests/run.sh: run each test (a C test program or a shell script), keep its
# TAP output in tests/logs/NAME.log, print one line per test and end with
# "N passed, N failed, N skipped", counting TAP test points.  A test that
# exits non-zero without a failing point (a crash) counts as one failure.
# A failing point marked "# TODO" is a known failure: counted as todo, not
# failed (TAP); a passing one counts as passed.
: "${srcdir:=.}" "${builddir:=.}"
export srcdir builddir
logdir=$builddir/tests/logs
mkdir -p "$logdir"
passed=0 failed=0 skipped=0 todo=0 bad=
for t in "$@"; do
	name=$(basename "$t")
	log=$logdir/$name.log
	case $t in
	*.sh) $SHELL "$srcdir/$t" >"$log" 2>&1 ;;
	*) "$builddir/$t" >"$log" 2>&1 ;;
	esac
	status=$?
	p=$(grep -c '^ok ' "$log")
	f=$(grep '^not ok ' "$log" | grep -vc '# TODO')
	td=$(grep -c '^not ok .*# TODO' "$log")
	s=$(grep -c '^ok .*# SKIP' "$log")
	all=$(grep -c '^1\.\.0 # SKIP' "$log")
	p=$((p - s))
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "# exit status $status" >>"$log"
	fi
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s + all)) todo=$((todo + td))
	if [ "$f" -gt 0 ]; then
		echo "FAIL: $name ($f failed, $p passed; see $log)"
		grep -A3 '^not ok\|^# exit status\|Bail out' "$log" | head -40 | sed 's/^/    /'
		bad="$bad $name"
	elif [ "$all" -gt 0 ]; then
		echo "SKIP: $name: $(sed -n 's/^1\.\.0 # SKIP //p' "$log")"
	else
		echo "PASS: $name ($p passed, $s skipped, $td todo)" | sed 's/, 0 skipped//; s/, 0 todo//'
	fi
done
summary="$passed passed, $failed failed, $skipped skipped"
[ "$todo" -eq 0 ] || summary="$summary, $todo todo"
echo "$summary"
[ "$failed" -eq 0 ]
