# explain-golden: `oomrisk explain --format=json` on every real report in
# tests/oom-logs must equal tests/expected/explain/NNN.json, which was
# checked by hand against the log (see tests/expected/explain/README.md).
# To see a difference: diff -u the expected file and the output.  To
# rewrite them after an intended change: REGEN=1 make check
# TESTS=tests/explain-golden.sh, then read git diff tests/expected/explain.
. "$srcdir/tests/lib.sh"
command -v jq >/dev/null || skip_all "needs jq"

bin=$(cd "$(dirname "$OOMRISK")" && pwd)/$(basename "$OOMRISK")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for log in "$srcdir"/tests/oom-logs/*.log; do
	name=$(basename "$log" .log)
	want=$srcdir/tests/expected/explain/${name%%-*}.json
	if [ ! -f "$want" ]; then
		ok 1 "$name: no expected file ${want#$srcdir/}"
		continue
	fi
	# The document's own host, time and version are the run's, not the log's.
	(cd "$srcdir/tests/oom-logs" && "$bin" explain --format=json "$name.log") |
	    sed -e 's/^  "host": "[^"]*",$/  "host": "@HOST@",/' \
	    -e 's/^  "time": "[^"]*",$/  "time": "@TIME@",/' \
	    -e 's/^  "version": "[^"]*",$/  "version": "@VERSION@",/' >"$tmp/got.json"
	# After an intended change of the output: REGEN=1, then read the diff.
	[ -n "${REGEN:-}" ] && cp "$tmp/got.json" "$want"
	if cmp -s "$want" "$tmp/got.json"; then
		ok 0 "$name: JSON as expected"
	else
		ok 1 "$name: JSON as expected"
		diff -u "$want" "$tmp/got.json" | head -30 | sed 's/^/# /'
	fi
	jq -e . "$tmp/got.json" >/dev/null
	ok $? "$name: valid JSON"
done
done_testing
