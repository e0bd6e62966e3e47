# check-live: `check` twice around a real memcg OOM kill in a throwaway
# cgroup.  Run 1 predicts the cgroup's victim (A: 20 MiB at adj 800, B:
# 60 MiB at adj 0, limit 128 MiB); C then pushes the cgroup over its limit;
# run 2 must report the new kill, name A from the kernel log and count the
# prediction as confirmed.  Root only; only the cgroup made here is touched.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/cgroup-lib.sh"
need_root
memcg_mount >/dev/null || skip_all "no memory cgroup controller mounted"
test -r /dev/kmsg || skip_all "/dev/kmsg not readable"

tmp=$(mktemp -d)
name=oomrisk-check-$$
cleanup() { memcg_destroy; rm -rf "$tmp"; }
trap cleanup EXIT
memcg_create "$name" 134217728 || skip_all "cannot create a memory cgroup here"
printf '[check]\n' >"$tmp/c.conf"
for m in mem_available swap_free zone psi_some_avg10 psi_some_avg60 psi_full_avg10 \
    psi_full_avg60 commit top_share growth cgroup; do
	printf '%s_warn = off\n%s_crit = off\n' $m $m >>"$tmp/c.conf"
done
printf 'oom_kills_warn = 1\noom_kills_crit = 1000\n' >>"$tmp/c.conf"

"$MEMHOG" -g "$cg_dir" -a 800 -m 20 -n oomtestA -r "$tmp/A" &
"$MEMHOG" -g "$cg_dir" -m 60 -n oomtestB -r "$tmp/B" &
wait_ready "$tmp/A" "$tmp/B"
A=$(cat "$tmp/A")

"$OOMRISK" check -c "$tmp/c.conf" -s "$tmp/state" -g "$cg_dir" -f json >"$tmp/1.json" 2>/dev/null
is $? 0 "run 1: no kill to report yet"
hex=$(printf '%s' "/$name" | od -An -tx1 | tr -d ' \n')
grep -q "^predict $hex $A " "$tmp/state"
ok $? "run 1 recorded A as the predicted victim of /$name"

"$MEMHOG" -g "$cg_dir" -m 48 -s 4 -t 20 -n oomtestC -r "$tmp/C" -x
wait_gone "$A"
kill -0 "$A" 2>/dev/null
ok $((! $?)) "the kernel killed A"

"$OOMRISK" check -c "$tmp/c.conf" -s "$tmp/state" -g "$cg_dir" -f json >"$tmp/2.json" 2>/dev/null
st=$?
is "$st" 1 "run 2: the new kill is a WARNING"
jq -e '.new_oom_kills >= 1' "$tmp/2.json" >/dev/null
ok $? "run 2 counts at least one new OOM kill"
is "$(jq -r --argjson a "$A" '.kills[] | select(.pid == $a) | "\(.comm) \(.memcg_path) \(.prediction)"' "$tmp/2.json")" \
	"oomtestA /$name confirmed" "run 2 names A, its cgroup, and the prediction as confirmed"
jq -e '.predictions.confirmed >= 1' "$tmp/2.json" >/dev/null
ok $? "the confirmed count went up"
jq -r ".summary" "$tmp/2.json" | tee "$tmp/summary" | grep -q "killed $A (oomtestA) in memcg /$name, as predicted"
ok $? "the summary line says so"
# Issue 13: the kill raises only its cgroup's check; the host-wide count stays 0.
is "$(jq -r '[.checks[] | select(.label == "oom_kills")][0] | "\(.status) \(.value)"' "$tmp/2.json")" \
	"ok 0" "run 2: oom_kills (system-wide) unaffected by the cgroup's kill"
is "$(jq -r --arg l "cgroup_oom_kills /$name" '[.checks[] | select(.label == $l)][0].status' "$tmp/2.json")" \
	"warning" "run 2: cgroup_oom_kills /$name is the one that warns"
is "$(jq -r '"\(.new_global_oom_kills) \(.new_memcg_oom_kills >= 1)"' "$tmp/2.json")" "0 true" \
	"run 2: JSON splits the new kills: 0 system-wide, the cgroup's at its limit"
"$OOMRISK" check -v -c "$tmp/c.conf" -s "$tmp/state" -g "$cg_dir" >"$tmp/3.txt" 2>/dev/null
grep -q "^predictions: [1-9][0-9]* confirmed" "$tmp/3.txt"
ok $? "run 3: -v keeps the running count"
# Nothing new here: OK, unless another test's cgroup had a kill meanwhile
# (make -j2 check runs several that do): then a WARNING naming only kills
# in other cgroups is right too.
if grep -q "^OOMRISK OK" "$tmp/3.txt"; then
	r=0
elif grep -q "^OOMRISK WARNING" "$tmp/3.txt" && grep -q "killed [0-9]* (.*) in memcg /" "$tmp/3.txt" &&
    ! grep -q "in memcg /$name\([^A-Za-z0-9_/-]\|\$\)" "$tmp/3.txt"; then
	r=0
	echo "# run 3: another cgroup's kill meanwhile: $(grep -m1 -o "killed [0-9]* (.*) in memcg /[^ ,;]*" "$tmp/3.txt")"
else
	r=1
	sed 's/^/# /' "$tmp/3.txt" | head -8
fi
ok $r "run 3: nothing new, OK"
echo "# run 2: $(cut -c1-400 "$tmp/summary" 2>/dev/null)"
done_testing
