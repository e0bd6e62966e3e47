# export-prom: `oomrisk export` output passes promtool's metric lint, holds
# the families it promises with escaped labels (a top candidate named with
# a quote, a backslash and an escape sequence), and a real
# prometheus-node-exporter on loopback serves it from its textfile
# directory.  The exporter started here is stopped by its pid.
. "$srcdir/tests/lib.sh"

tmp=$(mktemp -d)
nepid= hogpid=
cleanup() {
	[ -n "$nepid" ] && kill "$nepid" 2>/dev/null && wait "$nepid" 2>/dev/null
	[ -n "$hogpid" ] && kill "$hogpid" 2>/dev/null && wait "$hogpid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

"$OOMRISK" export --help | grep -q "^Usage: oomrisk export"
ok $? "--help"
"$OOMRISK" export -n 0 >/dev/null 2>&1
is $? 1 "a bad --count is a usage error"
printf '[check]\nzone_warn = sometimes\n' >"$tmp/bad.conf"
"$OOMRISK" export -c "$tmp/bad.conf" >/dev/null 2>"$tmp/err"
is $? 1 "a bad configuration is a usage error"
grep -q "^oomrisk: export: $tmp/bad.conf:2: zone_warn: malformed value" "$tmp/err"
ok $? "naming file:line: key"

# A hostile name at oom_score_adj 1000 is the top candidate.
name=$(printf 'a"b\\c\033[1m')
"$MEMHOG" -a 1000 -m 64 -n "$name" -r "$tmp/ready" &
hogpid=$!
wait_ready "$tmp/ready"

"$OOMRISK" export -n 5 -s "$tmp/state" >"$tmp/out.prom"
ok $? "export exits 0"
if command -v promtool >/dev/null; then
	promtool check metrics <"$tmp/out.prom" >"$tmp/lint" 2>&1
	st=$?
	sed 's/^/# /' "$tmp/lint"
	ok $st "promtool check metrics accepts the output"
else
	skip "promtool check metrics" "promtool not installed (Debian package prometheus)"
fi
for f in oomrisk_memory_available_bytes oomrisk_swap_free_bytes oomrisk_zone_free_bytes \
    oomrisk_zone_watermark_bytes oomrisk_memory_pressure_ratio oomrisk_committed_bytes \
    oomrisk_oom_kills_total oomrisk_task_badness_points oomrisk_task_memory_bytes \
    oomrisk_check_status oomrisk_status; do
	grep -q "^# TYPE $f " "$tmp/out.prom"
	ok $? "family $f with HELP and TYPE"
done
grep -q "^oomrisk_task_rank{pid=\"$hogpid\",comm=\"a\\\\\"b\\\\\\\\\\\\\\\\c\\\\\\\\e\[1m\"} [0-9]" "$tmp/out.prom"
ok $? "the hostile name is escaped in the label (terminal escape, then quote and backslash)"
v=$(awk '$1 == "oomrisk_memory_available_bytes" { print $2 }' "$tmp/out.prom")
[ -n "$v" ] && [ "$v" -gt 0 ] && [ $((v % 1024)) -eq 0 ]
ok $? "MemAvailable in bytes"

"$OOMRISK" export -s "$tmp/state" --output "$tmp/tf/oomrisk.prom" 2>/dev/null
is $? 2 "--output into a missing directory: runtime error"
mkdir "$tmp/tf"
"$OOMRISK" export -s "$tmp/state" --output "$tmp/tf/oomrisk.prom"
ok $? "--output writes the file"
set -- "$tmp"/tf/*
is "$#" 1 "only the .prom file, no temporary left"

ne=$(command -v prometheus-node-exporter || command -v node_exporter)
if [ -z "$ne" ]; then
	skip "node_exporter serves the metrics" "prometheus-node-exporter not installed"
	done_testing
fi
port= body=
for p in $(seq $((19100 + $$ % 500)) $((19120 + $$ % 500))); do
	"$ne" --web.listen-address="127.0.0.1:$p" --collector.disable-defaults \
	    --collector.textfile --collector.textfile.directory="$tmp/tf" >"$tmp/ne.log" 2>&1 &
	nepid=$!
	for n in $(seq 50); do
		body=$(curl -fsS "http://127.0.0.1:$p/metrics" 2>/dev/null) && break
		kill -0 "$nepid" 2>/dev/null || break
		sleep 0.1
	done
	if [ -n "$body" ]; then port=$p; break; fi
	kill "$nepid" 2>/dev/null; wait "$nepid" 2>/dev/null; nepid=
done
ok $([ -n "$port" ]; echo $?) "node_exporter started on 127.0.0.1:${port:-?}"
printf '%s\n' "$body" >"$tmp/scraped"
grep -q '^oomrisk_memory_total_bytes [0-9]' "$tmp/scraped"
ok $? "/metrics serves oomrisk_memory_total_bytes"
grep -q "^oomrisk_task_rank{comm=\"a\\\\\"b" "$tmp/scraped"
ok $? "and the per-task metrics with the escaped label"
grep -q '^node_textfile_scrape_error 0' "$tmp/scraped"
ok $? "the textfile collector read the file without error"
done_testing
