# explain: `oomrisk explain` on the guest's own kernel log, after the other
# experiments (alone it finds nothing to explain).  An OOM event is one
# "invoked oom-killer" header (the run stays under the kernel's 10 dumps
# per 5 s, checked below) with every kill line up to the next header: a
# group kill prints "Tasks in /X are going to be killed due to
# memory.oom.group set", then one "Killed process" line per member (the
# victim again, or "OOM victim N (comm) is already exiting. Skip killing
# the task").  explain's killed[] has one entry per kill line, so the victim
# of a group kill shows twice (role victim, then role oom_group: the kernel
# killed it again as a member); the events compare as sets of pids.

# events FILE: one line per OOM event: "VICTIM KILLED-PIDS..." (the first
# kill line's pid, then every pid killed or skipped as exiting, sorted).
events() {
	awk 'function flush() { if (n) print first "|" set }
		/invoked oom-killer:/ { flush(); n++; first = "-"; set = ""; split("", seen); next }
		n && (/Killed process [0-9]+ / || /OOM victim [0-9]+ .* is already exiting/) {
			s = $0; sub(/.*(Killed process|OOM victim) /, "", s); sub(/ .*/, "", s)
			if (first == "-" && /Killed process/) first = s
			if (!(s in seen)) { seen[s] = 1; set = set " " s }
		}
		END { flush() }' "$1" |
	while IFS='|' read -r _v _s; do
		# shellcheck disable=SC2086
		echo "$_v $(echo $_s | tr ' ' '\n' | sorted)"
	done
}

exp_explain() {
	D=$OUT/explain
	klog_mark
	kl=$OUT/kernel.log
	nev=$(grep -c 'invoked oom-killer:' "$kl")
	if [ "$nev" -eq 0 ]; then
		tap 0 "explain: no OOM event in this run's log # SKIP run it after the other experiments"
		return
	fi
	is "$(grep -c 'callbacks suppressed' "$kl")" 0 \
		"explain: the kernel printed every report whole (no 'callbacks suppressed')"
	events "$kl" >"$D/events.txt"
	diag "explain: $nev OOM events, $(grep -c 'going to be killed due to memory.oom.group' "$kl") group kills, $(grep -c 'Killed process' "$kl") 'Killed process' lines, $(grep -c 'is already exiting' "$kl") 'already exiting' lines"

	oomrisk explain >"$D/explain-kmsg.txt"
	is "$?" 0 "explain (the kernel's own log, /dev/kmsg) exits 0"
	oomrisk explain --format=json >"$D/explain-kmsg.json"
	jq -e . "$D/explain-kmsg.json" >/dev/null
	tap $? "explain --format=json: valid JSON"
	oomrisk explain --format=json "$kl" >"$D/explain-file.json"
	is "$(jq '.reports | length' "$D/explain-file.json")" "$(jq '.reports | length' "$D/explain-kmsg.json")" \
		"explain: the saved log and /dev/kmsg give as many reports"

	j=$D/explain-kmsg.json
	is "$(jq -r '[.reports[] | select(.header) | .victim.pid] | map(tostring) | join(" ")' "$j")" \
		"$(cut -d' ' -f1 "$D/events.txt" | tr '\n' ' ' | sed 's/ $//')" \
		"explain: each OOM event's report names the kernel's first victim, in order"
	is "$(jq '.reports | length' "$j")" "$nev" \
		"explain: one report per OOM event ($nev events)"
	is "$(jq -r '.reports[] | select(.header) | [.killed[]?.pid] | unique | map(tostring) | join(" ")' "$j" | tr '\n' ';')" \
		"$(cut -d' ' -f2- "$D/events.txt" | tr '\n' ';')" \
		"explain: each report lists every task its event killed (killed[])"
	is "$(jq -r '[.reports[] | select(.header) | ([.killed[]? | select(.role == "victim")] | length)] | map(tostring) | unique | join(" ")' "$j")" \
		1 "explain: each report has exactly one killed[] entry with role victim"
	# The replay re-scores each task dump.
	is "$(jq -r '[.reports[] | select(.header) | .replay.agrees] | all' "$j")" \
		true "explain: the replay of each task dump picks the kernel's victim"
	# swap/max (swC): the kernel's totalpages counted SwapTotal, which a
	# memcg report does not print.  The saved file, and the guest's own log
	# now that exp_swap has turned swap off: the cgroup's swap usage, its
	# floor (all of the swap here).  With the swap on again: SwapTotal.
	if grep -q 'Killed process [0-9]* (swC)' "$kl"; then
		swc='[.reports[] | select(.header and .victim.comm == "swC") | .replay | "\(.agrees) \(.totalpages_basis)"] | unique | join(";")'
		floor="true memory.max + the cgroup's swap usage, which total swap is at least (a memcg report does not print total swap)"
		is "$(jq -r "$swc" "$D/explain-file.json")" "$floor" \
			"explain FILE: the replay of swap/max (memory.swap.max unlimited) picks swC with the cgroup's swap usage"
		is "$(jq -r "$swc" "$j")" "$floor" \
			"explain, swap off since: the replay of swap/max picks swC with the cgroup's swap usage"
		if swapon /dev/vda 2>/dev/null; then
			oomrisk explain --format=json >"$D/explain-kmsg-swapon.json"
			swapoff /dev/vda
			is "$(jq -r "$swc" "$D/explain-kmsg-swapon.json")" \
				"true memory.max + min(swap.max, this machine's SwapTotal now)" \
				"explain, swap on again: the replay of swap/max picks swC with the guest's SwapTotal"
		else
			tap 1 "explain: swapon /dev/vda again (for the replay with SwapTotal)"
		fi
	fi
}
