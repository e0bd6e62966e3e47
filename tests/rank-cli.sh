# rank-cli: the command line of `oomrisk rank` as a user meets it.
. "$srcdir/tests/lib.sh"

out=$("$OOMRISK" rank --help); st=$?
is "$st" 0 "--help exits 0"
case $out in *--cgroup*--format*--model*) r=0 ;; *) r=1 ;; esac
ok $r "--help names --cgroup, --format and --model"
is "$("$OOMRISK" --version)" "oomrisk $("$OOMRISK" --version | cut -d' ' -f2)" "--version"
"$OOMRISK" --version | grep -Eq '^oomrisk [0-9]+\.[0-9]+'
ok $? "--version prints a version number"

err=$("$OOMRISK" rank --bogus 2>&1); st=$?
is "$st" 1 "unknown option exits 1"
is "$(printf '%s\n' "$err" | head -1)" "oomrisk: rank: unknown option '--bogus'" "unknown option message"
err=$("$OOMRISK" rank --format=xml 2>&1); st=$?
is "$st" 1 "bad --format exits 1"
err=$("$OOMRISK" rank -n 0 2>&1); st=$?
is "$st" 1 "-n 0 exits 1"
err=$("$OOMRISK" rank --model=1.0 2>&1); st=$?
is "$st" 1 "unknown --model exits 1"
err=$("$OOMRISK" rank --cgroup=/no/such/cgroup/here 2>&1); st=$?
is "$st" 1 "missing cgroup exits 1"
case $err in "oomrisk: rank: /no/such/cgroup/here: no such cgroup"*) r=0 ;; *) r=1 ;; esac
ok $r "missing cgroup message names it ($err)"
err=$("$OOMRISK" frobnicate 2>&1); st=$?
is "$st" 1 "unknown command exits 1"

# COLUMNS: a line each for the greps below, however long (text wraps at 80).
out=$(COLUMNS=1000 "$OOMRISK" rank -n 3); st=$?
is "$st" 0 "rank -n 3 exits 0"
is "$(printf '%s\n' "$out" | grep -c '^ *[0-9]\+ \+[0-9]\+ ')" 3 "rank -n 3 prints 3 rows"
printf '%s\n' "$out" | grep -q '^would-be victim: [0-9]* (.*): rss .* -> oom_score [0-9]*'
ok $? "the would-be victim's arithmetic is spelled out"
printf '%s\n' "$out" | grep -q '^scope: global; totalpages [0-9]* '
ok $? "the scope and totalpages are stated"

lists=$(mktemp -d)
ls /proc | grep -x '[0-9]*' | sort >"$lists/before"
json=$("$OOMRISK" rank --all --format=json)
printf '%s\n' "$json" | jq -e . >/dev/null
ok $? "--all --format=json is valid JSON"
is "$(printf '%s\n' "$json" | jq -r '.scope.kind')" global "JSON scope kind"
is "$(printf '%s\n' "$json" | jq -r '.page_size')" "$(getconf PAGESIZE)" "JSON page size is the system's"
mt=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
st=$(awk '/^SwapTotal:/ {print $2}' /proc/meminfo)
is "$(printf '%s\n' "$json" | jq -r '.totalpages')" "$(( (mt + st) / ($(getconf PAGESIZE) / 1024) ))" \
	"totalpages = (MemTotal + SwapTotal) / page size"
is "$(printf '%s\n' "$json" | jq -r '[.tasks[] | select(.pid == 1)][0].unkillable_reason')" \
	"global init (pid 1) is never killed" "pid 1 is unkillable with its reason"
is "$(printf '%s\n' "$json" | jq -r '[.tasks[] | select(.pid == 2)][0].unkillable_reason')" \
	"kernel thread" "kthreadd is a kernel thread"
is "$(printf '%s\n' "$json" | jq '[.tasks[] | .killable] | . == (sort | reverse)')" true \
	"unkillable tasks come last"
is "$(printf '%s\n' "$json" | jq '[.tasks[] | select(.killable and (.self | not)) | .points] | . == (sort | reverse)')" true \
	"killable tasks in descending points"
is "$(printf '%s\n' "$json" | jq '[.tasks[] | select(.self)] | length')" 1 \
	"--all lists oomrisk itself once"
is "$(printf '%s\n' "$json" | jq -r '[.tasks[] | select(.self)][0] | "\(.rank) \(.killable) \(.comm)"')" \
	"null true oomrisk" "oomrisk itself: killable, never ranked"
is "$(printf '%s\n' "$json" | jq '[.tasks[] | select(.killable) | .self] | . == (sort)')" true \
	"oomrisk itself comes after every other killable task"
is "$(printf '%s\n' "$json" | jq '.prefiltered')" false "--all scores every task"
# Every process alive both before and after the run must be listed.
ls /proc | grep -x '[0-9]*' | sort >"$lists/after"
printf '%s\n' "$json" | jq -r '.tasks[].pid' | sort >"$lists/json"
missing=$(comm -12 "$lists/before" "$lists/after" |
	comm -23 - "$lists/json" |
	while read -r p; do [ -d "/proc/$p" ] && echo "$p"; done | tr '\n' ' ')
stable=$(comm -12 "$lists/before" "$lists/after" | wc -l)
rm -rf "$lists"
is "$missing" "" "--all lists every process alive throughout ($stable of them)"
is "$(printf '%s\n' "$json" | jq '[.tasks[].pid] | length == (unique | length)')" true \
	"one row per thread group (no duplicate pids)"

csv=$("$OOMRISK" rank -n 2 --format=csv)
is "$(printf '%s\n' "$csv" | head -1)" \
	"rank,pid,uid,user,comm,cmdline,oom_score_adj,rss_kb,rss_anon_kb,rss_file_kb,rss_shmem_kb,swap_kb,pgtables_kb,points,oom_score,global_oom_score,kernel_oom_score,killable,self,unkillable_reason,breakdown_base_pages,breakdown_root_bonus,breakdown_adj_points,breakdown_clamped_to_one,share_pct,cgroup,cgroup_short,unit,user_unit,container_runtime,container_id,container_name,container_conmon,container_pod_uid,container_pod_qos,container_pod_namespace,container_pod_name" \
	"CSV header"
is "$(printf '%s\n' "$csv" | wc -l)" 3 "CSV: header + 2 rows"

out=$("$OOMRISK" rank --model=3.14 -n 1 --format=json)
is "$(printf '%s\n' "$out" | jq -r .model)" "3.14" "--model overrides the era"
is "$(printf '%s\n' "$out" | jq -r .prefiltered)" false "no prefilter with another era's model"
done_testing
