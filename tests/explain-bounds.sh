# explain-bounds: a task row of 2^62 pages (issue 11, finding 5).  main
# overflowed on it (UBSan: explain.c, explain-view.c; the release build
# printed "rss_kb": -4 and ranked the task last).  Now the value is
# dropped, shown as unknown, and a finding says so; under
# --enable-sanitizers any overflow left would abort this run.
. "$srcdir/tests/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
log=$srcdir/tests/oom-logs/040-local-6.18-memcg-v1-single-python.log
big=4611686018427387904
sed "s/^\(\[ *[0-9.]*\] \[   4410\]     0  4410    18790\)    17966    16320 /\1 $big $big /" \
	"$log" >"$tmp/big.log"
grep -q " $big $big " "$tmp/big.log"
ok $? "the fixture's row now says rss = rss_anon = 2^62 pages"

"$OOMRISK" explain --format=json "$tmp/big.log" >"$tmp/out.json" 2>"$tmp/err"
is "$?" 0 "explain exits 0"
is "$(grep -c 'runtime error' "$tmp/err")" 0 "no UBSan report"
is "$(jq '.reports[0].top_consumers[] | select(.pid == 4410) | .rss_kb' "$tmp/out.json")" null \
	"rss_kb is null (unknown), not a wrapped number"
is "$(jq '[.. | numbers | select(. < 0)] | length' "$tmp/out.json")" 0 \
	"no negative number anywhere in the document"
jq -r '.reports[0].findings[]' "$tmp/out.json" | grep -q \
	"^2 numbers in this report cannot be real (the first: rss $big pages (pid 4410)"
ok $? "a finding names the value"
"$OOMRISK" explain "$tmp/big.log" >"$tmp/out.txt" 2>&1
is "$?" 0 "the text view too"
grep -q "^ *4410 python3  *- " "$tmp/out.txt"
ok $? "its rss column shows '-'"
done_testing
