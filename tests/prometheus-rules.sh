# prometheus-rules: etc/prometheus/oomrisk.rules.yml passes `promtool check
# rules`, its unit tests (tests/prometheus/*.test.yml) pass `promtool test
# rules`, and every oomrisk metric its expressions name is one that a real
# `oomrisk export` writes (the one other is node_exporter's textfile mtime).
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/cgroup-lib.sh"
. "$srcdir/tests/promql-lib.sh"

command -v promtool >/dev/null || skip_all "needs promtool (Debian package prometheus)"
RULES=$srcdir/etc/prometheus/oomrisk.rules.yml
tmp=$(mktemp -d)
cg_dir=
trap 'memcg_destroy; rm -rf "$tmp"' EXIT

promtool check rules "$RULES" >"$tmp/out" 2>&1
st=$?
sed 's/^/# /' "$tmp/out"
ok $st "promtool check rules"
for t in "$srcdir"/tests/prometheus/*.test.yml; do
	# promtool reads rule_files relative to the test file.
	(cd "$(dirname "$t")" && promtool test rules "$(basename "$t")") >"$tmp/out" 2>&1
	st=$?
	sed 's/^/# /' "$tmp/out"
	ok $st "promtool test rules ${t##*/}"
done

# Each expr: one line, or a block scalar (expr: >-) of the lines indented
# deeper than the key.
awk '
	function flush() { if (e != "") print e; e = "" }
	in_block && (match($0, /^ */) && RLENGTH > indent || $0 ~ /^ *$/) { e = e " " $0; next }
	{ in_block = 0; flush() }
	/^ *expr:/ {
		match($0, /^ */); indent = RLENGTH
		v = $0; sub(/^ *expr: */, "", v)
		if (v ~ /^[>|]/) in_block = 1; else e = v
	}
	END { flush() }' "$RULES" >"$tmp/exprs"
n=$(wc -l <"$tmp/exprs")
is "$n" "$(grep -c '^ *expr:' "$RULES")" "every expr read ($n)"
promql_metrics <"$tmp/exprs" >"$tmp/named"
export_families "$tmp" >"$tmp/exported"
ok $? "oomrisk export ran"
{ cat "$tmp/exported"; echo node_textfile_mtime_seconds; } | LC_ALL=C sort -u >"$tmp/allowed"
is "$(LC_ALL=C comm -23 "$tmp/named" "$tmp/allowed" | tr '\n' ' ')" "" \
	"the rules name only exported metrics ($(grep -c '^oomrisk_' "$tmp/named") oomrisk families)"
done_testing
