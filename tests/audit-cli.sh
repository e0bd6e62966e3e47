# audit-cli: `oomrisk audit` as a user meets it, on this machine.
. "$srcdir/tests/lib.sh"

tmp=$(mktemp -d)
pid=
pids=
# shellcheck disable=SC2086 # lists of pids
cleanup() { [ -n "$pid$pids" ] && kill $pid $pids 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
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

# ---- --fail-on (issue 15) ----------------------------------------------------
# On a saved proc tree whose findings are known (tests/expected/procroot/
# vm-containers/audit.txt: 3 warnings, 2 info): exit 3 for a warning, 4 for
# a critical finding, 0 below the level or without --fail-on.
err=$("$OOMRISK" audit --fail-on=info 2>&1); st=$?
is "$st" 1 "--fail-on=info: usage error"
is "$(printf '%s\n' "$err" | head -1)" "oomrisk: audit: --fail-on: expected critical or warning" \
	"and says what it takes"
if command -v xz >/dev/null; then
	xz -dc "$srcdir/tests/fixtures/procroot/vm-containers.tar.xz" | tar -C "$tmp" -xf -
	vm=$tmp/vm-containers/proc
	"$OOMRISK" audit --proc-root="$vm" >/dev/null; st=$?
	is "$st" 0 "warnings, no --fail-on: exit 0"
	"$OOMRISK" audit --proc-root="$vm" --fail-on=critical >/dev/null; st=$?
	is "$st" 0 "warnings, --fail-on=critical: exit 0"
	"$OOMRISK" audit --proc-root="$vm" --fail-on=warning >"$tmp/f.txt"; st=$?
	is "$st" 3 "warnings, --fail-on=warning: exit 3"
	is "$(head -1 "$tmp/f.txt")" "5 findings: 0 critical, 3 warnings, 2 info" \
		"and the findings are printed all the same"
	# A protected victim is critical: 1959 runs "memhog ... -n batch -m 12".
	"$OOMRISK" audit --proc-root="$vm" --protect='-n batch ' --fail-on=critical >/dev/null; st=$?
	is "$st" 4 "a critical finding, --fail-on=critical: exit 4"
	"$OOMRISK" audit --proc-root="$vm" --protect='-n batch ' --fail-on=warning \
	    --format=json >"$tmp/f.json"; st=$?
	is "$st" 4 "a critical finding, --fail-on=warning: exit 4 (the worst)"
	is "$(jq -r '.findings[0] | .severity + " " + .id' "$tmp/f.json")" "critical protected-victim" \
		"the critical finding is the protected victim"
	"$OOMRISK" audit --proc-root="$vm" --protect='-n batch ' --fail-on=critical --format=csv \
	    >/dev/null; st=$?
	is "$st" 4 "the exit status does not depend on the format"
else
	for _ in 1 2 3 4 5 6 7 8; do skip "--fail-on on a saved proc tree" "needs xz"; done
fi

# ---- capped lists (issue 15) -------------------------------------------------
# 24 small tasks at oom_score_adj 1000 rank above a 320M task at adj 0 that
# would outrank them without it: one adj-outranks finding with (at least)
# their pids.  Text shows 10 and "and N more"; JSON and CSV list all.
"$MEMHOG" -m 320 -n "bigger$$" -r "$tmp/ready-big" &
pids=$!
for _ in $(seq 24); do
	sh -c 'echo 1000 >/proc/self/oom_score_adj && exec sleep 120' &
	pids="$pids $!"
done
wait_ready "$tmp/ready-big"
sleep 0.3
# Other tests come and go: take a text and a JSON run that saw the same tasks.
for _ in 1 2 3 4 5; do
	"$OOMRISK" audit >"$tmp/cap.txt"
	"$OOMRISK" audit --format=json >"$tmp/cap.json"
	"$OOMRISK" audit >"$tmp/cap2.txt"
	cmp -s "$tmp/cap.txt" "$tmp/cap2.txt" && break
done
n=$(jq '[.findings[] | select(.id == "adj-outranks") | .pids[]] | length' "$tmp/cap.json")
mine=0
for p in ${pids#* }; do
	jq -e --argjson p "$p" '[.findings[] | select(.id == "adj-outranks" or .id == "adj-victim") | .pids[]] | index($p)' \
	    "$tmp/cap.json" >/dev/null && mine=$((mine + 1))
done
is "$mine" 24 "JSON: our 24 sleepers are all listed"
ok "$([ "$n" -ge 20 ] && echo 0 || echo 1)" "JSON: adj-outranks lists them all ($n pids)"
# The finding's block, its wrapped lines joined.
awk '/^INFO  adj-outranks$/ { on = 1; next } on && /^$/ { on = 0 } on' "$tmp/cap.txt" |
	tr '\n' ' ' | tr -s ' ' >"$tmp/block"
is "$(sed 's/.*pids: \([0-9 ]*\) and .*/\1/' "$tmp/block" | wc -w)" 10 "text: 10 pids"
more=$(awk -v n="$n" 'BEGIN { m = n - 10; s = ""
	while (m >= 1000) { s = sprintf(",%03d", m % 1000) s; m = int(m / 1000) }
	print m s }')
grep -q "[0-9] and $more more (--format=json lists them all) $" "$tmp/block"
ok $? "text: then 'and $more more' ($(grep -o 'and .*' "$tmp/block"))"
is "$(awk '{ if (length($0) > m) m = length($0) } END { print (m <= 80) }' "$tmp/cap.txt")" 1 \
	"text: still within 80 columns"
"$OOMRISK" audit --format=csv | awk -F, '$2 == "adj-outranks"' | grep -o '"[0-9 ]*"$' >"$tmp/cap.csv"
ok "$([ "$(wc -w <"$tmp/cap.csv")" -ge 20 ] && echo 0 || echo 1)" \
	"CSV: the whole list too ($(wc -w <"$tmp/cap.csv") pids)"
"$OOMRISK" check -v -c /dev/null -s "$tmp/check-state" >"$tmp/cv.txt" 2>/dev/null
awk '/^INFO  adj-outranks$/ { on = 1; next } on && /^$/ { on = 0 } on' "$tmp/cv.txt" |
	tr '\n' ' ' | tr -s ' ' >"$tmp/cvblock"
grep -q "pids: \([0-9]* \)\{10\}and [0-9,]* more (--format=json lists them all) $" "$tmp/cvblock"
ok $? "check -v embeds the capped list ($(grep -o 'pids: .*' "$tmp/cvblock"))"
# shellcheck disable=SC2086 # a list of pids
kill $pids 2>/dev/null
# shellcheck disable=SC2086 # a list of pids
wait $pids 2>/dev/null
pids=
done_testing
