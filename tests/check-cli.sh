# check-cli: `oomrisk check` as a monitoring plugin on the live system:
# options, exit statuses 0-3, configuration errors naming file:line, the
# summary line's shape, JSON, and the state file (created, corrupt ->
# reported and rebuilt).  Levels are chosen so the verdict is certain
# (MemAvailable is always at or below 100% of MemTotal).
. "$srcdir/tests/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
st=$tmp/state
# Everything off but what a test turns on.
quiet() {
	{
		echo "[check]"
		for m in mem_available swap_free zone psi_some_avg10 psi_some_avg60 \
		    psi_full_avg10 psi_full_avg60 commit top_share oom_kills growth cgroup cgroup_oom_kills; do
			case " $* " in *" ${m}_warn"*) ;; *) echo "${m}_warn = off" ;; esac
			case " $* " in *" ${m}_crit"*) ;; *) echo "${m}_crit = off" ;; esac
		done
		for kv in "$@"; do echo "$kv"; done
	} >"$tmp/c.conf"
}

"$OOMRISK" check --help >"$tmp/help"
ok $? "--help exits 0"
grep -q "^Usage: oomrisk check" "$tmp/help"
ok $? "--help shows the usage"
"$OOMRISK" check --bogus >/dev/null 2>"$tmp/err"
is $? 3 "an unknown option is UNKNOWN (3)"
is "$(head -1 "$tmp/err")" "oomrisk: check: unknown option '--bogus'" "and says which"
"$OOMRISK" check -f xml >/dev/null 2>&1
is $? 3 "a bad --format is UNKNOWN"

quiet
"$OOMRISK" check -c "$tmp/c.conf" -s "$st" >"$tmp/out" 2>"$tmp/err"
is $? 0 "all checks off: exit 0"
grep -q '^OOMRISK OK - all checks passed; top candidate [0-9]* (.*) [0-9.]*% of RAM+swap | ' "$tmp/out"
ok $? "the OK line when fine (a monitoring system needs a status line)"
is "$(wc -l <"$tmp/out")" 1 "one line"
test -s "$st"
ok $? "the state file was created"
"$OOMRISK" check -v -c "$tmp/c.conf" -s "$st" >"$tmp/out"
is $? 0 "-v: still exit 0"
grep -q '^OOMRISK OK - all checks passed; top candidate [0-9]* (.*) [0-9.]*% of RAM+swap | ' "$tmp/out"
ok $? "-v prints the OK line with the top candidate and perfdata"
grep -q '^predictions: 0 confirmed, 0 missed' "$tmp/out"
ok $? "-v shows the prediction counts"

quiet "mem_available_warn = 100%" "mem_available_crit = 0%"
"$OOMRISK" check -c "$tmp/c.conf" -s "$st" >"$tmp/out"
is $? 1 "MemAvailable <= 100%: WARNING (1)"
grep -Eq "^OOMRISK WARNING - mem_available [0-9.]+% \([0-9.]+[KMGT]\) <= warn 100%; top candidate [0-9]+ \(.*\) [0-9.]+% of RAM\+swap \| 'mem_available'=[0-9]+B;[0-9]+:;0:;0;[0-9]+" "$tmp/out"
ok $? "the WARNING line: check, value, level, top candidate, perfdata (low is bad: 'N:')"
is "$(wc -l <"$tmp/out")" 1 "one line"
quiet "mem_available_warn = 100%" "mem_available_crit = 100%"
"$OOMRISK" check -c "$tmp/c.conf" -s "$st" >"$tmp/out"
is $? 2 "MemAvailable <= 100% critical: CRITICAL (2)"
grep -q "^OOMRISK CRITICAL - mem_available .* <= crit 100%; top candidate" "$tmp/out"
ok $? "the CRITICAL line"
"$OOMRISK" check -c "$tmp/c.conf" -s "$st" -f json >"$tmp/json"
is $? 2 "JSON: same exit status"
is "$(jq -r '.status, .exit_code, (.checks[] | select(.check == "mem_available") | .status)' "$tmp/json" | tr '\n' ' ')" \
	"critical 2 critical " "JSON: the same verdicts"
is "$(jq -r '.summary' "$tmp/json" | cut -c1-37)" "OOMRISK CRITICAL - mem_available $(jq -r '.summary' "$tmp/json" | cut -c34-37)" \
	"JSON: the summary line"
jq -e '.top_candidate.pid > 0 and (.predictions | has("confirmed"))' "$tmp/json" >/dev/null
ok $? "JSON: top candidate and prediction counts"

# Configuration errors: UNKNOWN, naming file, line and key.
printf '[check]\n# ok\nmem_available_warn = 15 %%\n' >"$tmp/bad.conf"
"$OOMRISK" check -c "$tmp/bad.conf" -s "$st" >"$tmp/out" 2>"$tmp/err"
is $? 3 "malformed value: exit 3"
is "$(cat "$tmp/out")" "OOMRISK UNKNOWN - $tmp/bad.conf:3: mem_available_warn: malformed value '15 %': expected a percentage like 15% or a size like 512M, or off" \
	"the UNKNOWN line names file:line: key"
is "$(cat "$tmp/err")" "oomrisk: check: $tmp/bad.conf:3: mem_available_warn: malformed value '15 %': expected a percentage like 15% or a size like 512M, or off" \
	"and so does stderr"
printf '[check]\nswap_free_warn = 5%%\nswap_free_crit = 10%%\n' >"$tmp/bad.conf"
"$OOMRISK" check -c "$tmp/bad.conf" -s "$st" >"$tmp/out" 2>/dev/null
is $? 3 "warn/crit in the wrong order: exit 3"
is "$(cat "$tmp/out")" "OOMRISK UNKNOWN - $tmp/bad.conf:3: swap_free_crit: [check] swap_free_warn 5% and swap_free_crit 10% are in the wrong order: the critical level must be the lower one" \
	"named with its line"
printf '[check]\n\nmem_availble_warn = 5%%\n' >"$tmp/bad.conf"
"$OOMRISK" check -c "$tmp/bad.conf" -s "$st" >"$tmp/out" 2>/dev/null
is $? 3 "unknown key: exit 3"
is "$(cat "$tmp/out")" "OOMRISK UNKNOWN - $tmp/bad.conf:3: mem_availble_warn: unknown key in [check]" "unknown key named"
"$OOMRISK" check -c "$tmp/missing.conf" -s "$st" >"$tmp/out" 2>/dev/null
is $? 3 "-c with a missing file: exit 3"
OOMRISK_CONFIG=$tmp/bad.conf "$OOMRISK" check -s "$st" >/dev/null 2>&1
is $? 3 "\$OOMRISK_CONFIG is read"

# A corrupt state is reported and rebuilt; the next run is clean.
quiet
printf 'oomrisk-state 1\nboot_id 0\ngarbage\n' >"$st"
"$OOMRISK" check -c "$tmp/c.conf" -s "$st" >/dev/null 2>"$tmp/err"
is $? 0 "a corrupt state does not fail the check"
is "$(cat "$tmp/err")" "oomrisk: check: state unusable, rebuilt: $st:3: unknown line" "it is reported with its line"
"$OOMRISK" check -c "$tmp/c.conf" -s "$st" >/dev/null 2>"$tmp/err"
is "$(cat "$tmp/err")" "" "rebuilt: the next run reads it"
head -1 "$st" | grep -qx 'oomrisk-state 1'
ok $? "the state file is oomrisk-state 1"
# state_file from the configuration.
quiet "state_file = $tmp/from-conf"
"$OOMRISK" check -c "$tmp/c.conf" >/dev/null 2>&1
test -s "$tmp/from-conf"
ok $? "state_file in [check] is used"

# The sample configuration parses; with every default uncommented it still
# gives the built-in verdicts (its comments tell the truth).
# Each run starts from the same state (the kills since it decide which
# cgroup_oom_kills items exist; the first run's save would hide them from
# the second).
cp "$st" "$tmp/st.a" 2>/dev/null; cp "$st" "$tmp/st.b" 2>/dev/null
"$OOMRISK" check -c "$srcdir/etc/oomrisk.conf" -s "$tmp/st.a" -f json >"$tmp/a.json" 2>/dev/null
a=$?
sed -E 's/^# ([a-z_0-9]+ = )/\1/' "$srcdir/etc/oomrisk.conf" | grep -v '^pattern' >"$tmp/uncommented.conf"
"$OOMRISK" check -c "$tmp/uncommented.conf" -s "$tmp/st.b" -f json >"$tmp/b.json" 2>/dev/null
b=$?
ok $((a == 3 || b == 3)) "the sample and its uncommented defaults parse"
is "$(jq -c '[.checks[] | {check, warn, crit}] | unique' "$tmp/b.json")" "$(jq -c '[.checks[] | {check, warn, crit}] | unique' "$tmp/a.json")" \
	"uncommented defaults = built-in levels"
# The audit as a section of check: in JSON and -v, never changing the status.
"$OOMRISK" check -s "$st" -f json >"$tmp/au.json" 2>/dev/null
st1=$?
is "$(jq -r '.audit.findings | type' "$tmp/au.json")" array "JSON carries the audit findings"
is "$(jq -r '.exit_code' "$tmp/au.json")" "$st1" "the exit status is the checks' own"
knobs='[.findings[].id | select(test("swap|panic|overcommit|min-free|watermark|allocating"))] | sort'
is "$(jq -c ".audit | $knobs" "$tmp/au.json")" "$("$OOMRISK" audit -f json | jq -c "$knobs")" \
	"the same setting findings as oomrisk audit"
"$OOMRISK" check -v -s "$st" 2>/dev/null | grep -q '^audit (does not change the status; see oomrisk audit): '
ok $? "-v prints the audit section"
done_testing
