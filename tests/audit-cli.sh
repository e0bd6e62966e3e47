# audit-cli: `oomrisk audit` as a user meets it, on this machine.
. "$srcdir/tests/lib.sh"

tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

out=$("$OOMRISK" audit --help); st=$?
is "$st" 0 "--help exits 0"
case $out in *--protect*--format*) r=0 ;; *) r=1 ;; esac
ok $r "--help names --protect and --format"
"$OOMRISK" help audit | grep -q "^Usage: oomrisk audit"
ok $? "oomrisk help audit"
"$OOMRISK" --help | grep -q "^  audit "
ok $? "audit is listed in oomrisk --help"

err=$("$OOMRISK" audit --bogus 2>&1); st=$?
is "$st" 1 "unknown option exits 1"
is "$(printf '%s\n' "$err" | head -1)" "oomrisk: audit: unknown option '--bogus'" "unknown option message"
err=$("$OOMRISK" audit --protect '(' 2>&1); st=$?
is "$st" 1 "a bad pattern exits 1"
case $err in "oomrisk: audit: --protect: '(': "*) r=0 ;; *) r=1 ;; esac
ok $r "and names it ($(printf '%s\n' "$err" | head -1))"
err=$("$OOMRISK" audit --format=xml 2>&1); st=$?
is "$st" 1 "bad --format exits 1"
err=$("$OOMRISK" audit extra 2>&1); st=$?
is "$st" 1 "an extra argument exits 1"

"$OOMRISK" audit --format=json >"$tmp/a.json"; st=$?
is "$st" 0 "audit --format=json exits 0"
jq -e . "$tmp/a.json" >/dev/null
ok $? "valid JSON"
is "$(jq -c 'keys' "$tmp/a.json")" '["findings","host","time","version"]' "keys: findings and the document's host, time, version"
is "$(jq '[.findings[] | (keys == ["id","pids","severity","summary"]) and
	(.severity | IN("info","warning","critical")) and (.summary | type == "string") and
	(.pids | all(type == "number"))] | all' "$tmp/a.json")" true "every finding has the four keys and valid values"
is "$(jq '[.findings[].severity | {"critical":2,"warning":1,"info":0}[.]] | . == (sort | reverse)' "$tmp/a.json")" \
	true "most severe first"
if [ "$(awk '/^SwapTotal:/ {print $2}' /proc/meminfo)" = 0 ]; then
	is "$(jq -r '[.findings[] | select(.id == "no-swap")] | length' "$tmp/a.json")" 1 \
		"no swap here: no-swap reported"
else
	is "$(jq -r '[.findings[] | select(.id == "no-swap")] | length' "$tmp/a.json")" 0 \
		"swap here: no no-swap"
fi
for knob in panic_on_oom oom_kill_allocating_task; do
	id=$(printf '%s\n' "$knob" | tr _ -)
	[ "$knob" = panic_on_oom ] && id=panic-on-oom
	if [ "$(cat /proc/sys/vm/$knob)" = 0 ]; then
		is "$(jq -r --arg id "$id" '[.findings[] | select(.id == $id)] | length' "$tmp/a.json")" 0 \
			"vm.$knob is 0 here: no $id"
	else
		is "$(jq -r --arg id "$id" '[.findings[] | select(.id == $id)] | length' "$tmp/a.json")" 1 \
			"vm.$knob is set here: $id reported"
	fi
done

"$OOMRISK" audit >"$tmp/a.txt"
is "$(awk '{ if (length($0) > m) m = length($0) } END { print (m <= 80) }' "$tmp/a.txt")" 1 \
	"text fits 80 columns"
head -1 "$tmp/a.txt" | grep -Eq '^([0-9]+ findings?: [0-9]+ critical, [0-9]+ warnings?, [0-9]+ info|no findings)$'
ok $? "text starts with the count ($(head -1 "$tmp/a.txt"))"
is "$("$OOMRISK" audit --format=csv | head -1)" "severity,id,summary,pids" "CSV header"

# A protected process that is the would-be victim: a 128 MiB memhog at adj
# 1000 is first unless someone else runs a bigger one at 1000.
"$MEMHOG" -m 128 -a 1000 -n "protme$$" -r "$tmp/ready" &
pid=$!
wait_ready "$tmp/ready"
"$OOMRISK" audit --protect "-n protme$$ " --protect 'no-such-thing-here' --format=json >"$tmp/p.json"
top=$("$OOMRISK" rank -n 1 --format=json | jq -r '.tasks[0].pid')
if [ "$top" = "$pid" ]; then
	is "$(jq -c '[.findings[] | select(.id == "protected-victim") | [.severity, .pids]]' "$tmp/p.json")" \
		"[[\"critical\",[$pid]]]" "protected-victim for the memhog, critical"
	jq -r '.findings[] | select(.id == "protected-victim") | .summary' "$tmp/p.json" |
		grep -q "^$pid (.*memhog -m 128 .*) matches protect pattern '-n protme$$ ' but is the would-be victim of a system-wide OOM (oom_score_adj 1000).$"
	ok $? "the summary quotes the command line and the pattern"
	# The same pattern from the configuration's [protect] section.
	printf '[protect]\npattern = -n protme%s -r\n' "$$" >"$tmp/protect.conf"
	"$OOMRISK" audit -c "$tmp/protect.conf" --format=json >"$tmp/c.json"
	# Only while the memhog is still the top (another test's hog may come).
	if [ "$("$OOMRISK" rank -n 1 --format=json | jq -r '.tasks[0].pid')" = "$pid" ]; then
		is "$(jq -c '[.findings[] | select(.id == "protected-victim") | .pids]' "$tmp/c.json")" \
			"[[$pid]]" "a [protect] pattern of the configuration file works the same"
	else
		skip "a [protect] pattern of the configuration file works the same" \
			"another task became the top candidate meanwhile"
	fi
else
	skip "protected-victim for the memhog" "another task ($top) outranks the test's memhog"
	skip "the summary quotes the command line" "another task ($top) outranks the test's memhog"
	skip "a [protect] pattern of the configuration file" "another task ($top) outranks the test's memhog"
fi
printf '[protect]\npattern = (unclosed\n' >"$tmp/bad.conf"
err=$("$OOMRISK" audit -c "$tmp/bad.conf" 2>&1); st=$?
is "$st" 1 "a bad [protect] pattern in the configuration exits 1"
case $err in "oomrisk: audit: $tmp/bad.conf:2: pattern: '(unclosed': "*) r=0 ;; *) r=1 ;; esac
ok $r "and names file:line ($(printf '%s\n' "$err" | head -1))"
"$OOMRISK" audit --protect 'no-such-thing-here' --format=json >"$tmp/n.json"
is "$(jq '[.findings[] | select(.id == "protected-victim")] | length' "$tmp/n.json")" 0 \
	"a pattern matching nothing: no protected-victim"
done_testing
