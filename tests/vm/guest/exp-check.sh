# check: `oomrisk check` and `oomrisk export` before and after a memcg OOM.
# The run before records check's predicted victim for the watched cgroup
# in its state file; the run after must find the kill in the kernel log
# (/dev/kmsg), name the victim and count the prediction as confirmed, and
# export (reading the same state) must show the kill and the count.

exp_check() {
	D=$OUT/check
	st=$W/check.state
	rm -f "$st"
	klog_mark
	cg_make ce
	hog ceX ce 40 500
	hog ceY ce 48 0
	ready ceX ceY || return
	x=$(pid ceX) y=$(pid ceY)
	cg_room ce $((8 << 20))

	# The text runs use a copy of the state: every run advances it.
	oomrisk check -v -g /ce --state="$W/scratch.state" >"$D/check-before.txt"
	oomrisk check -g /ce --state="$st" --format=json >"$D/check-before.json"
	oomrisk export -g /ce --state="$st" >"$D/export-before.prom"
	kills0=$(sed -n 's/^oomrisk_oom_kills_total \([0-9]*\)$/\1/p' "$D/export-before.prom")
	grep -q "^oomrisk_task_rank{pid=\"$x\",comm=\"ceX\"} 1$" "$D/export-before.prom"
	tap $? "check/export before: ceX ($x) is the top candidate (oomrisk_task_rank 1)"

	push ce 16
	settle "$x" "$y"
	klog_take "$D/kernel.log"
	kill=$(kills "$D/kernel.log")

	cp "$st" "$W/scratch.state"
	oomrisk check -v -g /ce --state="$W/scratch.state" >"$D/check-after.txt"
	oomrisk check -g /ce --state="$st" --format=json >"$D/check-after.json"
	is "$?" 1 "check after: exit 1 (WARNING: a new OOM kill)"
	oomrisk export -g /ce --state="$st" >"$D/export-after.prom"
	vs "check" "$kill" "$(jq -r '.kills[0] | "\(.predicted_pid) (\(.predicted_comm))"' "$D/check-after.json")"
	is "$(jq -r '.kills[0] | "\(.pid) (\(.comm)) in \(.memcg_path): \(.prediction)"' "$D/check-after.json")" \
		"$kill in /ce: confirmed" "check after: names the kernel's victim and its cgroup, prediction confirmed"
	is "$(jq -r '.predictions.confirmed' "$D/check-after.json")" 1 "check after: 1 confirmed prediction"
	is "$(sed -n 's/^oomrisk_oom_kills_total \([0-9]*\)$/\1/p' "$D/export-after.prom")" \
		"$((kills0 + 1))" "export after: oomrisk_oom_kills_total one higher"
	grep -q '^oomrisk_predictions_total{outcome="confirmed"} 1$' "$D/export-after.prom"
	tap $? "export after: oomrisk_predictions_total{outcome=\"confirmed\"} 1"
}
