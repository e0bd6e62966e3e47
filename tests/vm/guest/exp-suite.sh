# suite: the host suite's tests that need a cgroup v2 memory controller
# (skipped on a v1 host), run unchanged in the guest; one point each.
SUITE_TESTS="rank-blast.sh rank-memcg.sh rank-scopes.sh top-memcg.sh top-forecast.sh check-live.sh explain-live.sh"

exp_suite() {
	D=$OUT/suite
	for t in $SUITE_TESTS; do
		srcdir=/oomrisk builddir=/ OOMRISK=/bin/oomrisk MEMHOG=/bin/memhog \
			sh "/oomrisk/tests/$t" >"$D/$t.log" 2>&1
		st=$?
		p=$(grep -c '^ok ' "$D/$t.log")
		f=$(grep -c '^not ok ' "$D/$t.log")
		s=$(grep -c '# SKIP' "$D/$t.log")
		[ "$st" -eq 0 ] && [ "$f" -eq 0 ] && [ "$p" -gt 0 ]
		tap $? "suite: tests/$t under cgroup v2: $p ok ($s skipped), $f not ok, exit $st"
		[ "$f" -eq 0 ] || grep -A2 '^not ok ' "$D/$t.log" | sed 's/^/#   /'
		grep '# SKIP' "$D/$t.log" | sed 's/^/#   /'
	done
}
