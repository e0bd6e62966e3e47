# tests/promql-lib.sh: the metric names in PromQL expressions and the
# families a real `oomrisk export` writes, for the tests of the alert rules
# and of the dashboard.  Source after lib.sh (and cgroup-lib.sh).

# promql_metrics: for PromQL expressions on standard input (one a line),
# the metric names they select, one a line.  Grafana's $variables are
# replaced first; then strings, label matchers, ranges, grouping clauses,
# functions and aggregations (a name before "("), keywords and numbers go:
# what is left names series.
promql_metrics() {
	sed -e 's/\$__[a-z_]*interval/5m/g; s/\$__range/1h/g; s/\${[A-Za-z_:]*}/x/g; s/\$[A-Za-z_][A-Za-z0-9_]*/x/g' \
	    -e 's/"\([^"\\]\|\\.\)*"//g' -e "s/'\\([^'\\\\]\\|\\\\.\\)*'//g" \
	    -e 's/{[^}]*}/ /g; s/\[[^]]*\]/ /g' \
	    -e 's/\<\(by\|without\|on\|ignoring\|group_left\|group_right\)[[:space:]]*([^)]*)/ /g' \
	    -e 's/\<[A-Za-z_][A-Za-z0-9_]*[[:space:]]*(/ (/g' \
	    -e 's/\<\(and\|or\|unless\|bool\|offset\|by\|without\|on\|ignoring\|group_left\|group_right\)\>/ /g' |
		grep -o '\(^\|[^A-Za-z0-9_:.]\)[A-Za-z_:][A-Za-z0-9_:]*' | sed 's/^[^A-Za-z_:]//' |
		LC_ALL=C sort -u
}

# export_families DIR: the families (# TYPE) of a real `oomrisk export`, one
# a line, after a `check` run has left a state (so that the prediction
# counters are written) and, as root, with a throwaway memory cgroup with a
# limit to watch (so that the memcg families are written).  Leaves the
# export in DIR/export.prom; memcg_destroy removes the cgroup.
export_families() {
	_g=
	if [ "$(id -u)" -eq 0 ] && memcg_create "oomrisk-promql-$$" 67108864; then
		_g="-g $cg_dir"
		# A task in it, so that its would-be victim's family is written too
		# (memcg_destroy kills it).
		"$MEMHOG" -g "$cg_dir" -m 1 -n promqlhog -r "$1/hog" &
		wait_ready "$1/hog"
	fi
	# shellcheck disable=SC2086 # $_g is empty or two words
	"$OOMRISK" check -c /dev/null -s "$1/state" $_g >/dev/null 2>&1
	# shellcheck disable=SC2086
	"$OOMRISK" export -c /dev/null -s "$1/state" -n 3 $_g >"$1/export.prom" || return 1
	awk '$1 == "#" && $2 == "TYPE" { print $3 }' "$1/export.prom" | LC_ALL=C sort -u
}
