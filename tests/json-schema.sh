#!/bin/sh
# json-schema: every command's JSON follows the one output convention
# (man/oomrisk.1, JSON OUTPUT), checked with the JSON Schemas of
# tests/schema/ (python3-jsonschema, Debian 12) on the goldens
# (tests/expected/procroot, tests/expected/explain) and on live runs of
# rank, zones, check, audit and explain; rank's CSV against its JSON; and
# the schemas must reject documents that break the convention.
. "$srcdir/tests/lib.sh"
py=/usr/bin/python3
[ -x "$py" ] && "$py" -c 'import jsonschema' 2>/dev/null ||
	skip_all "needs python3-jsonschema (Debian package; ./bootstrap --tests installs it)"
schemas=$srcdir/tests/schema
validate() { "$py" "$schemas/validate.py" "$schemas" "$@"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

validate - >"$tmp/out" 2>&1
ok $? "the schemas are valid JSON Schemas (2020-12)$(head -c 300 "$tmp/out" | tr '\n' ' ')"

# schema_ok NAME FILE DESCRIPTION: FILE is a valid NAME document.
schema_ok() {
	validate "$1" "$2" >"$tmp/out" 2>&1
	ok $? "$3"
	sed 's/^/# /' "$tmp/out" | head -10
}

# The goldens blank the run's time and version (and explain's host): put
# values of the right form back.
unblank() {
	sed -e 's/"@TIME@"/"2026-12-03T07:40:19Z"/' -e 's/"@VERSION@"/"0.1.0"/' \
	    -e 's/"@HOST@"/"db1"/' "$1" >"$tmp/golden.json"
}

expected=$srcdir/tests/expected
for f in "$expected"/procroot/*/*.json; do
	case $(basename "$f") in
	rank*.json|group-*.json) name=rank ;;
	check*.json) name=check ;;
	audit*.json) name=audit ;;
	zones*.json) name=zones ;;
	*) ok 1 "${f#$expected/}: no schema for it"; continue ;;
	esac
	unblank "$f"
	schema_ok $name "$tmp/golden.json" "golden ${f#$expected/}: a valid $name document"
done
for f in "$expected"/explain/*.json; do
	unblank "$f"
	schema_ok explain "$tmp/golden.json" "golden ${f#$expected/}: a valid explain document"
done

# rank's CSV: the JSON's task members, names, order and values.
for d in "$expected"/procroot/*/; do
	[ -f "$d/rank.json" ] && [ -f "$d/rank.csv" ] || continue
	unblank "$d/rank.json"
	"$py" "$schemas/csv-matches-json.py" "$tmp/golden.json" "$d/rank.csv" >"$tmp/out" 2>&1
	ok $? "golden ${d#$expected/}rank.csv: the columns and values of rank.json"
	sed 's/^/# /' "$tmp/out" | head -10
done

# Live runs on this machine.
export OOMRISK_CONFIG=/dev/null
live() {	# live NAME DESCRIPTION COMMAND...
	name=$1 desc=$2
	shift 2
	"$OOMRISK" "$@" >"$tmp/live.json" 2>"$tmp/err"
	st=$?
	# check exits 0-2 by its verdict; the others 0.
	if [ "$name" = check ] && [ $st -le 2 ] || [ $st -eq 0 ]; then
		schema_ok "$name" "$tmp/live.json" "live: $desc"
	else
		ok 1 "live: $desc (exit $st: $(head -c 200 "$tmp/err"))"
	fi
}
live rank "rank" rank --format=json
live rank "rank --all --blast --cmdline" rank --all --blast --cmdline --format=json
live rank "rank --group-by=unit" rank --group-by=unit --format=json
live rank "rank --adj (a what-if)" rank -n 3 --adj "$$=500" --format=json
cg=$(sed -n 's/^[0-9]*:[^:]*memory[^:]*:\(.*\)$/\1/p; s/^0::\(.*\)$/\1/p' /proc/self/cgroup | head -1)
if [ -n "$cg" ] && "$OOMRISK" rank --cgroup="$cg" -n 1 >/dev/null 2>&1; then
	live rank "rank --cgroup=$cg (a memcg scope)" rank --cgroup="$cg" --format=json
else
	skip "live: rank --cgroup" "this process's memory cgroup cannot be ranked here"
fi
live zones "zones" zones --format=json
live audit "audit" audit --format=json
live check "check, first run (no state yet)" check --state="$tmp/state" --format=json
live check "check, second run (with its state)" check --state="$tmp/state" --format=json
live explain "explain of every real log at once" explain --format=json "$srcdir"/tests/oom-logs/*.log
if "$OOMRISK" explain >/dev/null 2>&1; then
	live explain "explain of this machine's kernel log" explain --format=json
else
	skip "live: explain of the kernel log" "the kernel log is not readable here"
fi
is "$(jq -r .host "$tmp/live.json")" "$(cat /proc/sys/kernel/hostname)" \
	"live: host is this machine's name"

# The schemas can fail: documents that break the convention are refused.
"$OOMRISK" rank -n 2 --format=json >"$tmp/rank.json"
refused() {	# refused DESCRIPTION JQ-FILTER
	jq "$2" "$tmp/rank.json" >"$tmp/bad.json"
	validate rank "$tmp/bad.json" >/dev/null 2>&1
	is $? 1 "refused: $1"
}
refused "no host" 'del(.host)'
refused "a time that is not ISO 8601 UTC" '.time = "Dec  3 07:40:19"'
refused "a time with an offset" '.time = "2026-12-03T07:40:19+01:00"'
refused "a size in bytes" '.tasks[0].rss_bytes = 4096'
refused "a size in kB as a float" '.tasks[0].rss_kb = 12.5'
refused "the kernel's no-limit sentinel instead of null" \
	'.scope.limited_ancestor = {"cgroup": "/a", "limit_kb": 9007199254740988}'
refused "an upper-case status" '.tasks[0].status = "WARNING"'
refused "a percentage as a string" '.tasks[0].share_pct = "0.09"'
refused "a missing task member" 'del(.tasks[0].pid)'
"$OOMRISK" check --state="$tmp/state" --format=json >"$tmp/check.json"
jq '.checks |= map(if .unit == "kB" then .value = .value_kb * 1024 | del(.value_kb) else . end)' \
	"$tmp/check.json" >"$tmp/bad.json"
validate check "$tmp/bad.json" >/dev/null 2>&1
is $? 1 "refused: a check's size as value in bytes"
jq '.status = "OK"' "$tmp/check.json" >"$tmp/bad.json"
validate check "$tmp/bad.json" >/dev/null 2>&1
is $? 1 "refused: check's status in upper case"
done_testing
