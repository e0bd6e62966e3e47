# churn: rank samples continuously while tests/helper/churn creates and
# reaps thousands of short-lived processes a second.  Every sample must
# succeed, show only possible values (the breakdown adds up, points and
# oom_score follow from it) and show no row for a process that did not
# exist while that sample ran: the helper logs each child's lifetime, and
# each sample is bracketed by timestamps.  With root and a memory cgroup
# controller, the same again for `rank --cgroup` on the churning cgroup.
# 4 s and 3 s of churn here; CHURN_SECONDS=N makes each N (churn-soak.sh,
# in make check-slow: 30).
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/cgroup-lib.sh"
command -v jq >/dev/null || skip_all "needs jq"
CHURN=$builddir/tests/helper/churn

tmp=$(mktemp -d)
name=churn$$
churn_pid=
cleanup() {
	[ -n "$churn_pid" ] && kill "$churn_pid" 2>/dev/null && wait "$churn_pid"
	memcg_destroy
	rm -rf "$tmp"
}
trap cleanup EXIT

now() { date +%s%N; }

# run_sampling SECONDS CGROUP_DIR|"" RANK-ARGS...: run the churn helper for
# SECONDS (in the cgroup if given) and sample with each RANK-ARGS form in
# turn until it is done.  Leaves $tmp/samples ("N FORMAT T0 T1 STATUS") and
# the outputs $tmp/out.N, $tmp/err.N.
run_sampling() {
	secs=$1 cg=$2
	shift 2
	rm -f "$tmp"/out.* "$tmp"/err.* "$tmp/samples" "$tmp/ready" "$tmp/kids"
	"$CHURN" -n "$name" -a 1000 -k 64 -t "$secs" ${cg:+-g "$cg"} -l "$tmp/kids" \
		-r "$tmp/ready" &
	churn_pid=$!
	for i in $(seq 100); do [ -s "$tmp/ready" ] && break; sleep 0.05; done
	n=0
	while kill -0 "$churn_pid" 2>/dev/null && [ ! -s "$tmp/kids" ]; do
		for form in "$@"; do
			n=$((n + 1))
			t0=$(now)
			# shellcheck disable=SC2086
			"$OOMRISK" rank $form >"$tmp/out.$n" 2>"$tmp/err.$n"
			st=$?
			echo "$n $(echo "$form" | tr ' ' _) $t0 $(now) $st" >>"$tmp/samples"
		done
	done
	wait "$churn_pid"
	churn_pid=
}

# Every sample exited 0 and printed nothing on stderr.
check_status() {	# check_status WHAT
	bad=$(awk '$5 != 0' "$tmp/samples" | wc -l)
	is "$bad" 0 "$1: every sample exits 0 ($(wc -l <"$tmp/samples") samples)"
	noisy=$(find "$tmp" -name 'err.*' -size +0 | wc -l)
	is "$noisy" 0 "$1: no sample writes to stderr"
	[ "$noisy" -eq 0 ] || head -3 $(find "$tmp" -name 'err.*' -size +0 | head -1) | sed 's/^/# /'
}

# Rows with impossible values in a JSON sample, one line each.  oom_score
# is scored against the scope's totalpages, global_oom_score against the
# global one (what /proc shows).  oomrisk itself (self) is killable but
# never ranked, after every other killable task.
IMPOSSIBLE='
def tdiv(a; b): (a / b) as $q | if $q < 0 then -((-$q) | floor) else ($q | floor) end;
(.page_size / 1024) as $pk | .totalpages as $T | .global_totalpages as $PT |
(.mem_total_kb + .swap_total_kb) as $mem | .model as $model |
[.tasks[] | select(.killable and (.self | not))] as $k |
(.tasks[] |
  select(.pid <= 0 or .oom_score_adj < -1000 or .oom_score_adj > 1000
    or .rss_kb != .rss_anon_kb + .rss_file_kb + .rss_shmem_kb
    or any(.rss_kb, .swap_kb, .pgtables_kb; . < 0 or . > $mem)
    or (if .killable then
          .breakdown.base_pages != ((.rss_anon_kb / $pk | floor) + (.rss_file_kb / $pk | floor)
            + (.rss_shmem_kb / $pk | floor) + (.swap_kb / $pk | floor)
            + (.pgtables_kb / $pk | floor))
          or .breakdown.adj_points != .oom_score_adj * tdiv($T; 1000)
          or .points != .breakdown.base_pages + .breakdown.adj_points - .breakdown.root_bonus
          or ($model == "5.9" and .oom_score != tdiv((1000 + tdiv(.points * 1000; $T)) * 2; 3))
          or ($model == "5.9" and .global_oom_score != tdiv((1000 + tdiv((.breakdown.base_pages
               + .oom_score_adj * tdiv($PT; 1000)) * 1000; $PT)) * 2; 3))
          or .global_oom_score < 0 or .global_oom_score > 2000
          or .oom_score < 0 or .oom_score > 2000 or (.rank == null) != .self
        else .points != null or .oom_score != null or .rank != null
          or .unkillable_reason == "" end))
  | "pid \(.pid) (\(.comm)): impossible values"),
([$k[] | .rank] | select(. != [range(1; length + 1)]) | "ranks not 1..n: \(.)"),
([$k[] | .points] | select(. != (sort | reverse)) | "killable tasks not in points order"),
([.tasks[] | .pid] | select(length != (unique | length)) | "a pid shows twice"),
(select(.tasks_scanned < (.tasks | length)) | "more rows than tasks scanned")
'

# The output files of the JSON (or the text) samples.
outputs() {	# outputs json|text
	awk -v d="$tmp" -v want="$1" '($2 ~ /json/) == (want == "json") { print d "/out." $1 }' \
		"$tmp/samples"
}

check_values() {	# check_values WHAT: every JSON sample, every row
	# shellcheck disable=SC2046
	jq -r "$IMPOSSIBLE" $(outputs json) >"$tmp/impossible" 2>&1 ||
		echo "jq failed: not valid JSON?" >>"$tmp/impossible"
	head -5 "$tmp/impossible" | sed 's/^/# /'
	is "$(wc -l <"$tmp/impossible")" 0 \
		"$1: no impossible value in $(outputs json | wc -l) JSON samples"
}

# The churn children each sample showed: "SAMPLE PID".  JSON rows by
# comm; text rows (RANK PID USER SCORE ADJ RSS SWAP PGTBL SHARE CGROUP COMMAND).
shown_children() {
	# shellcheck disable=SC2046
	{
		jq -r --arg c "$name" '.tasks[] | select(.comm == $c) |
			"\(input_filename | sub(".*out[.]"; "")) \(.pid)"' $(outputs json)
		[ -z "$(outputs text)" ] ||
			awk -v c="$name" '$NF == c && $2 ~ /^[0-9]+$/ {
				f = FILENAME; sub(/.*out[.]/, "", f); print f, $2 }' $(outputs text)
	} | grep -v " $parent\$"
}

# Every row for a churn child is a child that existed during that sample.
check_alive() {	# check_alive WHAT
	parent=$(cat "$tmp/ready")
	shown_children >"$tmp/shown"
	awk 'FILENAME == ARGV[1] { if ($1 != "#") life[$1] = life[$1] " " $2 ":" $3; next }
	     FILENAME == ARGV[2] { t0[$1] = $3; t1[$1] = $4; next }
	     { n = split(life[$2], iv, " "); alive = 0
	       for (i = 1; i <= n; i++) { split(iv[i], b, ":")
	         # 19-digit ns stamps: compare as strings, doubles would round
	         if (b[1] "" <= t1[$1] "" && b[2] "" >= t0[$1] "") alive = 1 }
	       if (!alive) print "sample " $1 ": pid " $2 " was not alive (lifetimes:" life[$2] ")" }' \
		"$tmp/kids" "$tmp/samples" "$tmp/shown" >"$tmp/dead"
	head -5 "$tmp/dead" | sed 's/^/# /'
	rows=$(wc -l <"$tmp/shown")
	is "$(wc -l <"$tmp/dead")" 0 "$1: all $rows rows of churn children were alive during their sample"
	[ "$rows" -gt 0 ]
	ok $? "$1: the samples did show churn children ($rows rows)"
	echo "# $1: $(tail -1 "$tmp/kids" | sed 's/^# //')"
}

# Global: every task as JSON, the default top 10 (kernel-score prefilter,
# where the adj-1000 children rank first) as JSON and as text.
run_sampling "${CHURN_SECONDS:-4}" "" "--all --format=json" "--format=json" "-w"
check_status "global"
check_values "global"
check_alive "global"

# One memory cgroup, whose member list changes under the sampler.
if [ "$(id -u)" -ne 0 ] || ! memcg_mount >/dev/null; then
	skip "memcg: rank --cgroup under churn" "needs root and a memory cgroup controller"
elif ! memcg_create "oomrisk-churn-$$" 1073741824; then
	skip "memcg: rank --cgroup under churn" "cannot create a memory cgroup here"
else
	run_sampling "${CHURN_SECONDS:-3}" "$cg_dir" "--cgroup $cg_dir --all --format=json" \
		"--cgroup $cg_dir -w"
	check_status "memcg"
	check_values "memcg"
	check_alive "memcg"
	# The helper itself, last seen as "churn-done", is a member too, and
	# so are its exit-time clones under that name (LeakSanitizer's tracer
	# in an --enable-sanitizers build is a process of its own).
	# shellcheck disable=SC2046
	jq -r --arg c "$name" --argjson p "$parent" \
		'.tasks[] | select(.comm != $c and .comm != "churn-done" and .pid != $p) |
			"\(.pid) \(.comm)"' \
		$(outputs json) >"$tmp/others"
	head -3 "$tmp/others" | sed 's/^/# not a member: /'
	is "$(wc -l <"$tmp/others")" 0 "memcg: only the cgroup's own tasks are ranked"
fi
done_testing
