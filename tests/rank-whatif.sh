# rank-whatif: `rank --adj PID=VALUE` and `--grow PID=SIZE` rank as if the
# change were made, without making it; then the test writes the same
# oom_score_adj values for real (raising is allowed to anyone) and checks
# that the kernel's ranking agrees point for point.  Lowering below a
# task's oom_score_adj_min needs CAP_SYS_RESOURCE: the refusal is checked
# where this process lacks it (as on the development machine).
. "$srcdir/tests/lib.sh"

tmp=$(mktemp -d)
pids=
cleanup() { [ -n "$pids" ] && kill $pids 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
i=0
for spec in "64 0" "8 100" "16 50" "4 0"; do
	set -- $spec
	"$MEMHOG" -m "$1" -a "$2" -n "whatif$i$$" -r "$tmp/ready$i" &
	pids="$pids $!"
	i=$((i + 1))
done
wait_ready "$tmp/ready0" "$tmp/ready1" "$tmp/ready2" "$tmp/ready3"
A=$(cat "$tmp/ready0") B=$(cat "$tmp/ready1") C=$(cat "$tmp/ready2") D=$(cat "$tmp/ready3")
T=$(jq -r .totalpages <<EOF
$("$OOMRISK" rank -n 1 --format=json)
EOF
)
step=$((T / 1000))

# points and oom_score of one pid in a JSON ranking
field() { jq -r --argjson p "$2" ".tasks[] | select(.pid == \$p) | .$3" "$1"; }

"$OOMRISK" rank --all --format=json --adj "$B=900" --adj "$C=800" --grow "$A=1G" >"$tmp/if.json"
ok $? "rank --all with --adj and --grow succeeds"
is "$(jq -c '[.whatif[] | [.pid, .oom_score_adj, .oom_score_adj_was, .grow_kb]]' "$tmp/if.json")" \
	"[[$B,900,100,0],[$C,800,50,0],[$A,null,0,1048576]]" "the what-ifs are listed with the values they replace"
is "$(field "$tmp/if.json" "$B" oom_score_adj)" 900 "B is shown at adj 900"
is "$(cat /proc/$B/oom_score_adj)" 100 "nothing was written: B is still at 100"
is "$(field "$tmp/if.json" "$B" whatif.oom_score_adj_was)" 100 "B's row says what it was"
# B: base + 900 x (T/1000); A: base + 1 GiB of pages.
base_b=$(field "$tmp/if.json" "$B" breakdown.base_pages)
is "$(field "$tmp/if.json" "$B" points)" $((base_b + 900 * step)) "B's points: base + 900 x T/1000"
base_a=$(field "$tmp/if.json" "$A" breakdown.base_pages)
anon_a=$(field "$tmp/if.json" "$A" rss_anon_kb)
[ "$anon_a" -ge $((65536 + 1048576)) ]
ok $? "A's anon rss includes the 1 GiB growth ($anon_a kB)"
"$OOMRISK" rank --all --format=json >"$tmp/now.json"
real_base_a=$(field "$tmp/now.json" "$A" breakdown.base_pages)
is "$base_a" $((real_base_a + 262144)) "A's base: its real pages + 262144 (1 GiB)"
is "$(jq -r --argjson b "$B" --argjson c "$C" \
	'[.tasks[] | select(.pid == $b or .pid == $c) | .pid] | map(tostring) | join(" ")' "$tmp/if.json")" \
	"$B $C" "B (900) ranks above C (800)"

# The prefilter must not drop a what-if task: D (4 MiB, adj 0) made the
# largest by far comes first in the default top 3 too.
"$OOMRISK" rank -n 3 --format=json --adj "$D=1000" --grow "$D=4G" >"$tmp/top.json"
is "$(jq -r .prefiltered "$tmp/top.json")" true "default rank stays prefiltered with a what-if"
is "$(jq -r '.tasks[0].pid' "$tmp/top.json")" "$D" "D is first in the prefiltered top 3"
"$OOMRISK" rank --all --format=json --adj "$D=1000" --grow "$D=4G" >"$tmp/all.json"
is "$(jq -r '.tasks[0].pid' "$tmp/all.json")" "$D" "and first with --all"
is "$(jq -r '.tasks[0].points' "$tmp/top.json")" "$(jq -r '.tasks[0].points' "$tmp/all.json")" \
	"same points either way"
out=$(COLUMNS=1000 "$OOMRISK" rank -n 2 --adj "$D=1000" --grow "$D=4G")	# one line each
printf '%s\n' "$out" | grep -q "^what-if (not applied): $D (whatif3$$) oom_score_adj 0 -> 1000, +4.0G resident$"
ok $? "text says what is assumed"
printf '%s\n' "$out" | grep -q "^would-be victim: $D .*(kernel says [0-9]* without the what-if)$"
ok $? "the kernel's own score is marked as being without the what-if"

# Hostile names stay escaped in the what-if, deciding-term and blast lines.
"$MEMHOG" -m 1 -n "$(printf '\033]0;x\a')" -r "$tmp/readyE" &
pids="$pids $!"
wait_ready "$tmp/readyE"
E=$(cat "$tmp/readyE")
out=$("$OOMRISK" rank -n 2 --adj "$E=1000" --grow "$E=5G" --blast-radius)
case $out in *"$(printf '\033')"*) r=1 ;; *) r=0 ;; esac
ok $r "no raw escape character in the text"
printf "%s\n" "$out" | grep -qxF "what-if (not applied): $E (\\e]0;x\\a) oom_score_adj 0 -> 1000, +5.0G resident"
ok $? "the what-if line shows the name escaped"
# (alone, unless this test runs inside a cgroup v2 with memory.oom.group set)
printf "%s\n" "$out" | grep -qF "blast radius: $E (\\e]0;x\\a) alone: " ||
	printf "%s\n" "$out" | grep -q "^blast radius: memory.oom.group is set on "
ok $? "the blast line shows it escaped"
"$OOMRISK" rank -n 2 --adj "$E=1000" --grow "$E=5G" --blast-radius --format=json | jq -e . >/dev/null
ok $? "JSON stays valid"

# The deciding term always has its runner-up, even with -n 1 (prefiltered).
is "$("$OOMRISK" rank -n 1 --format=json --adj "$D=1000" --grow "$D=4G" |
	jq -r '[.decisive.pid, .decisive.kind, (.decisive.runner_up_pid != null)] | map(tostring) | join(" ")')" \
	"$D term true" "-n 1: the what-if task leads by a term, and the runner-up is known"

# Now write the adj values for real: the kernel's ranking must agree.
echo 900 >"/proc/$B/oom_score_adj" && echo 800 >"/proc/$C/oom_score_adj"
ok $? "raising oom_score_adj for real is allowed"
"$OOMRISK" rank --all --format=json >"$tmp/real.json"
for p in $B $C; do
	is "$(field "$tmp/real.json" "$p" points)" "$(field "$tmp/if.json" "$p" points)" \
		"pid $p: points after the write = the what-if's"
	is "$(field "$tmp/real.json" "$p" kernel_oom_score)" "$(field "$tmp/if.json" "$p" oom_score)" \
		"pid $p: the kernel's oom_score now = the what-if's oom_score"
done
is "$(jq -r --argjson b "$B" --argjson c "$C" \
	'[.tasks[] | select(.pid == $b or .pid == $c) | .pid] | map(tostring) | join(" ")' "$tmp/real.json")" \
	"$B $C" "same order as the what-if"

# Lowering: a what-if may go below what this process could write.
capeff=$(awk '/^CapEff:/ {print $2}' /proc/self/status)
out=$(COLUMNS=1000 "$OOMRISK" rank -n 1 --adj "$C=-5")
ok $? "a negative what-if ranks"
if [ $(( (0x$capeff >> 24) & 1 )) -eq 0 ]; then
	printf '%s\n' "$out" | grep -q "^note: this process lacks CAP_SYS_RESOURCE: writing -5 to /proc/$C/oom_score_adj is refused (EACCES) if it is below"
	ok $? "the note says writing -5 would be refused"
	if echo -5 >"/proc/$C/oom_score_adj" 2>/dev/null; then r=1; else r=0; fi
	ok $r "and writing -5 for real is indeed refused"
	is "$(cat /proc/$C/oom_score_adj)" 800 "C keeps 800"
else
	printf '%s\n' "$out" | grep -q "^note: this process lacks CAP_SYS_RESOURCE"
	ok $((! $?)) "with CAP_SYS_RESOURCE there is no refusal note"
	skip "refusal of a lower oom_score_adj" "this process has CAP_SYS_RESOURCE"
	skip "C keeps its adj" "this process has CAP_SYS_RESOURCE"
fi

# Mistakes are usage errors.
err=$("$OOMRISK" rank --adj 4194304=5 2>&1); st=$?
is "$st" 1 "a pid that does not exist exits 1"
is "$err" "oomrisk: rank: --adj: pid 4194304: no such process (a thread group id is needed)" \
	"and says so"
err=$("$OOMRISK" rank --adj "$B=2000" 2>&1); st=$?
is "$st" 1 "adj out of range exits 1"
is "$(printf '%s\n' "$err" | head -1)" "oomrisk: rank: --adj: oom_score_adj is a whole number from -1000 to 1000, got '2000'" \
	"range message"
err=$("$OOMRISK" rank --grow "$B=lots" 2>&1); st=$?
is "$st" 1 "a bad size exits 1"
err=$("$OOMRISK" rank --format=csv --adj "$B=5" 2>&1); st=$?
is "$st" 1 "a what-if with CSV exits 1"
is "$(printf '%s\n' "$err" | head -1)" "oomrisk: rank: --adj/--grow: not available with --format=csv (json marks them)" \
	"CSV could not say the numbers are hypothetical"
done_testing
