# grafana-dashboard: etc/grafana/oomrisk.json is valid JSON with the shape
# Grafana imports (unique panel ids, panels inside the 24-column grid and not
# overlapping, every target with its own refId and the dashboard's
# datasource variable), its variables are defined, every query is PromQL
# that promtool parses, every metric a query names is one that a real
# `oomrisk export` writes, and every family that export writes is shown.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/cgroup-lib.sh"
. "$srcdir/tests/promql-lib.sh"

command -v jq >/dev/null || skip_all "needs jq"
DASH=$srcdir/etc/grafana/oomrisk.json
tmp=$(mktemp -d)
cg_dir=
trap 'memcg_destroy; rm -rf "$tmp"' EXIT

jq empty "$DASH"
ok $? "valid JSON"
is "$(jq -r '[.title, .uid, (.schemaVersion | type), (.panels | type)] | join(" ")' "$DASH")" \
	"oomrisk: OOM risk oomrisk number array" "title, uid, schemaVersion, panels"
is "$(jq '[.panels[].id] | length - (unique | length)' "$DASH")" 0 "panel ids are unique"
jq -r '.panels[] | [.id, .gridPos.x, .gridPos.y, .gridPos.w, .gridPos.h] | @tsv' "$DASH" >"$tmp/grid"
bad=$(awk '$2 < 0 || $3 < 0 || $4 < 1 || $5 < 1 || $2 + $4 > 24 { print $1 }' "$tmp/grid" | tr '\n' ' ')
is "$bad" "" "every panel inside the 24-column grid"
overlap=$(awk '{ id[NR] = $1; x[NR] = $2; y[NR] = $3; w[NR] = $4; h[NR] = $5 }
	END { for (i = 1; i <= NR; i++) for (j = i + 1; j <= NR; j++)
		if (x[i] < x[j] + w[j] && x[j] < x[i] + w[i] && y[i] < y[j] + h[j] && y[j] < y[i] + h[i])
			printf "%s/%s ", id[i], id[j] }' "$tmp/grid")
is "$overlap" "" "no two panels overlap"
is "$(jq -r '.panels[] | select(.type != "row") | select((.targets | length) == 0 or
	([.targets[].refId] | length != (unique | length)) or
	any(.targets[]; (.expr // "") == "")) | .id' "$DASH" | tr '\n' ' ')" "" \
	"every panel has queries, each with an expr and its own refId"
is "$(jq -r '[.panels[] | select(.type != "row") | .datasource, .targets[].datasource] | map(.uid) | unique | join(" ")' "$DASH")" \
	'${datasource}' "every panel and query uses the datasource variable"

# Variables: what the queries use is defined (or one of Grafana's own).
jq -r '.panels[].targets[]? | .expr, .legendFormat' "$DASH" >"$tmp/texts"
jq -r '.templating.list[].name' "$DASH" | sort >"$tmp/vars"
used=$(grep -o '\$[{]\{0,1\}[A-Za-z_][A-Za-z0-9_]*' "$tmp/texts" | tr -d '${' | sort -u)
undefined=$(for v in $used; do
	case $v in __rate_interval | __interval | __range) continue ;; esac
	grep -qx "$v" "$tmp/vars" || echo "$v"
done | tr '\n' ' ')
is "$undefined" "" "every \$variable of the queries is defined"

# Every query is PromQL: promtool parses each as a recording rule (JSON is
# YAML), with Grafana's variables replaced by values.
jq '{groups: [{name: "dashboard", rules: [.panels[].targets[]?.expr |
	gsub("\\$__rate_interval"; "5m") | gsub("\\$\\{?[A-Za-z_]+\\}?"; "x")] |
	to_entries | map({record: "dashboard_query_\(.key)", expr: .value})}]}' "$DASH" >"$tmp/queries.yml"
n=$(jq '.groups[0].rules | length' "$tmp/queries.yml")
if command -v promtool >/dev/null; then
	promtool check rules "$tmp/queries.yml" >"$tmp/out" 2>&1
	st=$?
	sed 's/^/# /' "$tmp/out"
	ok $st "promtool parses all $n queries"
else
	skip "promtool parses the queries" "promtool not installed (Debian package prometheus)"
fi

# The metrics they name against a real export.
jq -r '.panels[].targets[]?.expr' "$DASH" | promql_metrics >"$tmp/named"
jq -r '.templating.list[] | select(.type == "query") | .definition' "$DASH" |
	sed -n 's/^label_values(\([A-Za-z_:][A-Za-z0-9_:]*\),.*/\1/p' >>"$tmp/named"
LC_ALL=C sort -u -o "$tmp/named" "$tmp/named"
export_families "$tmp" >"$tmp/exported"
ok $? "oomrisk export ran"
is "$(LC_ALL=C comm -23 "$tmp/named" "$tmp/exported" | tr '\n' ' ')" "" \
	"the queries name only metrics that oomrisk export writes ($(wc -l <"$tmp/named") names)"
if [ -z "$cg_dir" ]; then
	skip "every exported family is shown" "not root: no memory cgroup to watch, so the memcg families are not written"
else
	is "$(LC_ALL=C comm -13 "$tmp/named" "$tmp/exported" | tr '\n' ' ')" "" \
		"every family oomrisk export writes is shown ($(wc -l <"$tmp/exported"))"
fi
done_testing
