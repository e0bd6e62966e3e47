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

# Every number of every real report's messages (2 digits or more; not the
# timestamps) set to the largest value kept, or past it, with 4 kB and
# 1 MB pages: explain must come through.  Built with --enable-sanitizers,
# an overflow anywhere on these paths aborts it.
# maxed VALUE PAGE_KB <LOG: the log with its numbers replaced.
maxed() {
	awk -v val="$1" -v pk="$2" '{
		i = index($0, "kernel: ")
		if (i) {
			i += 7
			if (match(substr($0, i + 1), /^\[ *[0-9.]+\] /)) i += RLENGTH
		} else if (match($0, /^\[[^]]*\] /)) {
			i = RLENGTH
		} else {
			i = 0
		}
		head = substr($0, 1, i); msg = substr($0, i + 1); out = ""
		while (match(msg, /[0-9][0-9]+/)) {
			pre = substr(msg, 1, RSTART - 1)
			num = substr(msg, RSTART, RLENGTH)
			out = out pre (substr(pre, length(pre), 1) ~ /[A-Za-z_]/ ? num : val)
			msg = substr(msg, RSTART + RLENGTH)
		}
		msg = out msg
		gsub(/\*[0-9]+kB/, "*" pk "kB", msg)
		print head msg
	}'
}
# The JSON outputs are kept (max/N.json) and parsed by one jq at the end:
# a jq per output cost more than the explains.
bad=0 runs=0
mkdir "$tmp/max"
for log in "$srcdir"/tests/oom-logs/*.log; do
	for v in "4503599627370496 4" "17592186044416 1024" "4611686018427387904 4" \
	    "9223372036854775807 1024"; do
		# shellcheck disable=SC2086
		maxed $v <"$log" >"$tmp/max.log"
		for fmt in text json; do
			runs=$((runs + 1))
			"$OOMRISK" explain --format=$fmt "$tmp/max.log" >"$tmp/max/$runs.$fmt" \
				2>"$tmp/max.err"
			st=$?
			echo "$runs $(basename "$log") at $v" >>"$tmp/max/names"
			if [ "$st" -ne 0 ] || grep -q 'runtime error' "$tmp/max.err"; then
				bad=$((bad + 1))
				echo "# $(basename "$log") at $v: exit $st $(grep -m1 'runtime error' "$tmp/max.err")"
			fi
		done
	done
done
# Valid JSON, each: jq parses them all, or the first it cannot is named.
if ! jq empty "$tmp"/max/*.json 2>"$tmp/max.err"; then
	for f in "$tmp"/max/*.json; do
		jq empty "$f" 2>/dev/null && continue
		bad=$((bad + 1))
		n=$(basename "$f" .json)
		echo "# not valid JSON: $(awk -v n="$n" '$1 == n { $1 = ""; print; exit }' "$tmp/max/names")"
	done
fi
is "$bad" 0 "every report with its numbers at or past the bounds: exit 0, valid JSON, no UBSan report ($runs runs)"
done_testing
