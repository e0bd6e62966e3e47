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

# validate_all NAME FILE...: one TAP point per FILE, a valid NAME document
# (one Python run for all: starting it costs more than validating).
validate_all() {
	name=$1
	shift
	validate "$name" "$@" >"$tmp/out" 2>&1
	awk -v name="$name" -v tmp="$tmp/" '
		/^(valid|invalid) / {
			file = $2; sub("^" tmp "(golden/)?", "", file); gsub("%", "/", file)
			printf "%s %d - %s: a valid %s document\n", ($1 == "valid" ? "ok" : "not ok"), ++n, file, name
			next
		}
		{ print "# " $0 }
		END { if (n == 0) print "not ok " ++n " - no file was validated" }' "$tmp/out" >"$tmp/points"
	# Renumber into this script'"'"'s own points.
	while IFS= read -r line; do
		case $line in
		"ok "*) ok 0 "${line#* - }" ;;
		"not ok "*) ok 1 "${line#* - }" ;;
		*) echo "$line" ;;
		esac
	done <"$tmp/points"
}

# The goldens blank the run's time and version (and explain's host): put
# values of the right form back, into $tmp/golden/ (the path's / as %).
unblank() {
	mkdir -p "$tmp/golden"
	out=$tmp/golden/$(printf '%s' "${1#$expected/}" | tr / %)
	sed -e 's/"@TIME@"/"2026-12-03T07:40:19Z"/' -e 's/"@VERSION@"/"0.1.0"/' \
	    -e 's/"@HOST@"/"db1"/' "$1" >"$out"
	echo "$out"
}

expected=$srcdir/tests/expected
for name in rank check audit zones; do
	set --
	for f in "$expected"/procroot/*/*.json; do
		case $name:$(basename "$f") in
		rank:rank*.json|rank:group-*.json|check:check*.json|audit:audit*.json|zones:zones*.json)
			set -- "$@" "$(unblank "$f")" ;;
		esac
	done
	validate_all $name "$@"
done
set --
for f in "$expected"/explain/*.json; do
	set -- "$@" "$(unblank "$f")"
done
validate_all explain "$@"
n_golden=$(ls "$expected"/procroot/*/*.json "$expected"/explain/*.json | wc -l)
is "$(ls "$tmp/golden" | wc -l)" "$n_golden" "every JSON golden has a schema"

# rank's CSV: the JSON's task members, names, order and values.
for d in "$expected"/procroot/*/; do
	[ -f "$d/rank.json" ] && [ -f "$d/rank.csv" ] || continue
	"$py" "$schemas/csv-matches-json.py" "$(unblank "$d/rank.json")" "$d/rank.csv" >"$tmp/out" 2>&1
	ok $? "golden ${d#$expected/}rank.csv: the columns and values of rank.json"
	sed 's/^/# /' "$tmp/out" | head -10
done

# Live runs on this machine.
export OOMRISK_CONFIG=/dev/null
# live NAME DESCRIPTION COMMAND...: run it now, keep its document as
# live/N.json (and live.json); live_validate then validates them with one
# Python run per schema (starting one costs more than validating).
mkdir "$tmp/live"
nlive=0
live() {
	name=$1 desc=$2
	shift 2
	nlive=$((nlive + 1))
	"$OOMRISK" "$@" >"$tmp/live/$nlive.json" 2>"$tmp/err"
	st=$?
	cp "$tmp/live/$nlive.json" "$tmp/live.json"
	# check exits 0-2 by its verdict; the others 0.
	if [ "$name" = check ] && [ $st -le 2 ] || [ $st -eq 0 ]; then
		echo "$nlive $name $desc" >>"$tmp/live/list"
	else
		ok 1 "live: $desc (exit $st: $(head -c 200 "$tmp/err"))"
	fi
}
live_validate() {
	for name in $(awk '{ print $2 }' "$tmp/live/list" | sort -u); do
		# shellcheck disable=SC2046
		validate "$name" $(awk -v n="$name" -v d="$tmp/live/" '$2 == n { print d $1 ".json" }' \
			"$tmp/live/list") >"$tmp/live/$name.out" 2>&1
	done
	while read -r n name desc; do
		grep -q "^valid $tmp/live/$n.json\$" "$tmp/live/$name.out"
		ok $? "live: $desc: a valid $name document"
		awk -v f="$tmp/live/$n.json" '/^(in)?valid / { on = $2 == f; next } on' \
			"$tmp/live/$name.out" | sed 's/^  /# /'
	done <"$tmp/live/list"
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
live_validate
is "$(jq -r .host "$tmp/live.json")" "$(cat /proc/sys/kernel/hostname)" \
	"live: host is this machine's name"

# A saved proc tree names its own host (sys/kernel/hostname), escaped;
# a link there is not followed, and a tree without the file gives null.
mkdir -p "$tmp/root/sys/kernel"
cat /proc/zoneinfo >"$tmp/root/zoneinfo"
printf 'db1\033]0;x\007\n' >"$tmp/root/sys/kernel/hostname"
"$OOMRISK" zones --proc-root="$tmp/root" --format=json >"$tmp/z.json"
is "$(jq -r .host "$tmp/z.json" | od -An -c | tr -s ' ' | tr -d '\n')" \
	" d b 1 033 ] 0 ; x \\a \\n" "saved tree: its host name, read up to the newline"
grep -q '"host": "db1\\u001b\]0;x\\u0007",' "$tmp/z.json"
ok $? "saved tree: the host name escaped in the JSON text"
ln -sf /proc/sys/kernel/hostname "$tmp/root/sys/kernel/hostname"
is "$("$OOMRISK" zones --proc-root="$tmp/root" --format=json | jq -r .host)" null \
	"saved tree: a link as sys/kernel/hostname is not followed"
rm "$tmp/root/sys/kernel/hostname"
is "$("$OOMRISK" zones --proc-root="$tmp/root" --format=json | jq -r .host)" null \
	"saved tree without sys/kernel/hostname: host is null"

# The schemas can fail: documents that break the convention are refused
# (made from a live document, validated in one run per schema).
"$OOMRISK" rank -n 2 --format=json >"$tmp/rank.json"
"$OOMRISK" check --state="$tmp/state" --format=json >"$tmp/check.json"
mkdir "$tmp/bad"
nbad=0
bad() {	# bad NAME DESCRIPTION JQ-FILTER: a NAME document the schema must refuse
	nbad=$((nbad + 1))
	jq "$3" "$tmp/$1.json" >"$tmp/bad/$1-$nbad.json"
	echo "$1-$nbad.json $2" >>"$tmp/bad/list"
}
bad rank "no host" 'del(.host)'
bad rank "a time that is not ISO 8601 UTC" '.time = "Dec  3 07:40:19"'
bad rank "a time with an offset" '.time = "2026-12-03T07:40:19+01:00"'
bad rank "a size in bytes" '.tasks[0].rss_bytes = 4096'
bad rank "a size in kB as a float" '.tasks[0].rss_kb = 12.5'
bad rank "the kernel's no-limit sentinel instead of null" \
	'.scope.limited_ancestor = {"cgroup": "/a", "limit_kb": 9007199254740988}'
bad rank "an upper-case status" '.tasks[0].status = "WARNING"'
bad rank "a percentage as a string" '.tasks[0].share_pct = "0.09"'
bad rank "a missing task member" 'del(.tasks[0].pid)'
bad check "a check's size as value in bytes" \
	'.checks |= map(if .unit == "kB" then .value = .value_kb * 1024 | del(.value_kb) else . end)'
bad check "check's status in upper case" '.status = "OK"'
for name in rank check; do
	validate $name "$tmp/bad/$name"-*.json >"$tmp/out" 2>&1
	while read -r file desc; do
		grep -q "^invalid $tmp/bad/$file\$" "$tmp/out"
		ok $? "refused: $desc"
	done <<EOT
$(grep "^$name-" "$tmp/bad/list")
EOT
done
done_testing
