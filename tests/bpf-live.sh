# bpf-live: the BPF backend (--backend=bpf) gives the kernel's own
# oom_score for every killable task, on a machine with BPF_LIVE_TASKS
# (default 1,000; the acceptance run of issue 16 uses 10,000) extra
# sleeping tasks and some growing ones.  /proc/PID/oom_score of every task
# is read just before and just after `rank --backend=bpf --all`: a task
# whose two readings agree was not changing, and our score must equal it,
# every one of them (the /proc backend, which reads status's per-CPU-exact
# sums, is about 96 % there; its figure is printed for comparison).
# Also: a zombie leader (scored by a live thread's mm), a vfork child (the
# kernel says 0), CAP_BPF + CAP_PERFMON alone, a pid namespace (its init is
# killable; only its tasks listed), a memory cgroup (the kernel's member
# set, the cgroup iterator's counters, and the directories when the
# subtree is too large for the iterator), check, export and top on the
# iterator.  tests/backend-cli.sh covers the fallbacks.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/cgroup-lib.sh"
command -v jq >/dev/null || skip_all "needs jq"
grep -q '^#define HAVE_BPF 1' "$builddir/config.h" 2>/dev/null ||
	skip_all "built without the BPF backend (configure --enable-bpf)"
need_root
PROBE=$builddir/tests/bpf/probe
ODD=$builddir/tests/helper/oddtask
SCORES=$builddir/tests/helper/oomscores
SLEEPERS=$builddir/tests/helper/sleepers
N=${BPF_LIVE_TASKS:-1000}

tmp=$(mktemp -d)
pids=
cleanup() {
	# Only what we started, by pid; the vfork child first (it holds its parent).
	[ -n "${vchild:-}" ] && kill -9 "$vchild" 2>/dev/null
	[ -n "$pids" ] && kill -9 $pids 2>/dev/null
	[ -s "$tmp/sleepers" ] && xargs kill -9 <"$tmp/sleepers" 2>/dev/null
	wait 2>/dev/null
	[ -n "${cg_dir:-}" ] && [ -d "$cg_dir/child" ] && {
		kill -9 $(cat "$cg_dir/child/cgroup.procs") 2>/dev/null
		sleep 0.2
		rmdir "$cg_dir"/child/m* 2>/dev/null
		rmdir "$cg_dir/child"
	}
	memcg_destroy
	rm -rf "$tmp"
}
trap cleanup EXIT

# Can this machine load it at all?  (No BTF, lockdown, a kernel before 5.17...)
"$PROBE" --load-only >"$tmp/load" 2>"$tmp/load.err" ||
	skip_all "the BPF backend cannot load here: $(cat "$tmp/load.err")"
sed 's/^/# /' "$tmp/load"

"$SLEEPERS" "$N" "$tmp/sleepers"
ok $? "$N sleepers started"
"$ODD" zombie-leader 48 "$tmp/zombie" &
pids="$pids $!"
"$ODD" vfork 24 "$tmp/vfork" &
pids="$pids $!"
"$MEMHOG" -m 64 -a 500 -n "bpflive$$-a" -r "$tmp/hog1" &
pids="$pids $!"
wait_ready "$tmp/zombie" "$tmp/vfork" "$tmp/hog1"
ok $? "helpers ready"
# Growing while rank runs: 1 MiB every 5 ms, for about 2.5 s.
"$MEMHOG" -m 512 -s 1 -t 5 -n "bpflive$$-g" &
pids="$pids $!"
"$MEMHOG" -m 512 -s 1 -t 5 -a 900 -n "bpflive$$-h" &
pids="$pids $!"
zombie=$(cat "$tmp/zombie")
vparent=$(cat "$tmp/vfork")
vchild=
for _n in $(seq 50); do
	vchild=$(cat "/proc/$vparent/task/$vparent/children" 2>/dev/null | tr -d ' ')
	[ -n "$vchild" ] && break
	sleep 0.1
done
sleep 0.3

# agree BACKEND: rank --backend=BACKEND --all between two readings of the
# kernel's scores; prints "stable equal moving in_range gone" to $tmp/BACKEND.
agree() {
	"$SCORES" >"$tmp/before"
	"$OOMRISK" rank --backend="$1" --all --format=json >"$tmp/$1.json" 2>"$tmp/$1.err"
	echo $? >"$tmp/$1.status"
	"$SCORES" >"$tmp/after"
	jq -r '.tasks[] | select(.killable) | "\(.pid) \(.oom_score) \(.comm)"' "$tmp/$1.json" |
	awk -v out="$tmp/$1" '
		FILENAME == ARGV[1] { b[$1] = $2; next }
		FILENAME == ARGV[2] { a[$1] = $2; next }
		!($1 in b) || !($1 in a) { gone++; next }
		b[$1] != a[$1] {
			moving++
			lo = b[$1] < a[$1] ? b[$1] : a[$1]; hi = b[$1] + a[$1] - lo
			if ($2 >= lo && $2 <= hi) inrange++
			next
		}
		{ stable++; if ($2 == b[$1]) equal++
		  else if (shown++ < 10) printf "# pid %s (%s): ours %s, kernel %s\n", $1, $3, $2, b[$1] }
		END { printf "%d %d %d %d %d\n", stable, equal, moving, inrange, gone > out }
	' "$tmp/before" "$tmp/after" -
}

agree bpf
read -r stable equal moving inrange gone <"$tmp/bpf"
is "$(cat "$tmp/bpf.status")" 0 "rank --backend=bpf --all succeeds"
is "$(cat "$tmp/bpf.err")" "" "and says nothing on stderr"
is "$(jq -r .backend "$tmp/bpf.json")" bpf "JSON: backend bpf"
echo "# bpf: $equal of $stable stable killable tasks equal; $moving moving ($inrange within the kernel's two readings), $gone gone"
[ "$stable" -ge "$N" ]
ok $? "at least $N stable killable tasks compared ($stable)"
is "$equal" "$stable" "every stable killable task: our score is the kernel's (100 %)"
is "$inrange" "$moving" "every moving one within the kernel's two readings"
[ "$(jq '.tasks_scanned' "$tmp/bpf.json")" -ge "$N" ] && [ "$(jq '.killable' "$tmp/bpf.json")" -ge "$N" ]
ok $? "every task scanned and counted ($(jq '.tasks_scanned, .killable' "$tmp/bpf.json" | tr '\n' ' '))"
agree proc
read -r pstable pequal pmoving pinrange pgone <"$tmp/proc"
echo "# proc, for comparison: $pequal of $pstable stable killable tasks equal" \
	"($(awk -v a="$pequal" -v b="$pstable" 'BEGIN { printf "%.1f", b ? 100 * a / b : 0 }') %)"

# The zombie leader: listed as the process, scored by its live thread's mm.
zl=$(jq -c --argjson p "$zombie" '.tasks[] | select(.pid == $p)' "$tmp/bpf.json")
is "$(echo "$zl" | jq .killable)" true "zombie leader: killable"
anon=$(echo "$zl" | jq .rss_anon_kb)
[ -n "$anon" ] && [ "$anon" -ge $((48 * 1024)) ]
ok $? "zombie leader: the live thread's 48 MiB are counted ($anon kB)"
"$PROBE" --show "$zombie" >"$tmp/probe"
mmtid=$(sed -n "s/^task $zombie: .* mm_tid=\([0-9]*\) .*/\1/p" "$tmp/probe")
[ -n "$mmtid" ] && [ "$mmtid" != "$zombie" ] && [ -d "/proc/$zombie/task/$mmtid" ]
ok $? "zombie leader: its mm read from thread $mmtid, one of its threads"
vl=$(jq -c --argjson p "${vchild:-0}" '.tasks[] | select(.pid == $p)' "$tmp/bpf.json")
case $vl in *'"killable":false'*'in vfork'*) r=0 ;; *) r=1 ;; esac
ok $r "vfork child: not killable, in vfork"
is "$(cat "/proc/$vchild/oom_score")" 0 "vfork child: the kernel says 0 too"

# The parent of every task (top's tree), against status PPid read right
# after: equal but for tasks reparented in between (their parent exited).
"$PROBE" --ppids >"$tmp/ppids"
# (One awk reads every status: an awk per task cost 5 s of CPU.)
awk '$1 == "ppid" {
	f = "/proc/" $2 "/status"; k = ""
	while ((getline line <f) > 0)
		if (line ~ /^PPid:/) { split(line, w); k = w[2]; break }
	close(f)
	if (k == "") print "gone"
	else if (k == $3) print "same"
	else if (k == 1) print "reparented"
	else print "differ", $2, $3, k
}' "$tmp/ppids" >"$tmp/ppid.cmp"
echo "# PPid: $(sort "$tmp/ppid.cmp" | cut -d' ' -f1 | uniq -c | tr -s ' \n' ' ')"
grep '^differ' "$tmp/ppid.cmp" | head -5 | sed 's/^/# /'
[ "$(grep -c '^same' "$tmp/ppid.cmp")" -ge "$N" ] && ! grep -q '^differ' "$tmp/ppid.cmp"
ok $? "every task's parent is status PPid ($(grep -c '^same' "$tmp/ppid.cmp") tasks)"

# Privileges: CAP_BPF + CAP_PERFMON suffice (no CAP_SYS_ADMIN).
if setpriv --help 2>&1 | grep -q -- --bounding-set; then
	setpriv --bounding-set=-all,+bpf,+perfmon --inh-caps=-all "$OOMRISK" rank \
		--backend=bpf -n 3 --format=json >"$tmp/caps.json" 2>"$tmp/caps.err"
	is "$?:$(jq -r .backend "$tmp/caps.json"):$(cat "$tmp/caps.err")" "0:bpf:" \
		"CAP_BPF and CAP_PERFMON alone: the iterator loads"
else
	skip "CAP_BPF and CAP_PERFMON alone" "no setpriv"
fi

# In a pid namespace: only its tasks, numbered as it numbers them; its
# init (pid 1 there, not in the initial namespace) is killable.
if unshare --pid --fork --mount-proc true 2>/dev/null; then
	unshare --pid --fork --mount-proc sh -c \
		'sh -c "sleep 30" & "$1" rank --backend=bpf --all --format=json >"$2/ns.json"
		 echo $? >"$2/ns.status"
		 "$3" >"$2/ns.scores"
		 "$4" --ppids >"$2/ns.ppids"
		 for p in /proc/[0-9]*; do echo "ppid ${p#/proc/} $(awk "\$1 == \"PPid:\" { print \$2 }" "$p/status")"; done >"$2/ns.status-ppids"
		 kill $!' sh "$OOMRISK" "$tmp" "$SCORES" "$PROBE"
	is "$(cat "$tmp/ns.status"):$(jq -r .backend "$tmp/ns.json")" "0:bpf" \
		"pid namespace: rank --backend=bpf runs there"
	is "$(jq -c '[.tasks[] | select(.pid == 1) | .killable]' "$tmp/ns.json")" "[true]" \
		"pid namespace: its init is pid 1 and killable"
	n=$(jq '.tasks | length' "$tmp/ns.json")
	[ "$n" -ge 1 ] && [ "$n" -le 4 ]
	ok $? "pid namespace: only its own tasks are listed ($n)"
	jq -r '.tasks[] | select(.killable) | "\(.pid) \(.oom_score)"' "$tmp/ns.json" |
		sort >"$tmp/ns.ours"
	sort "$tmp/ns.scores" | join - "$tmp/ns.ours" | awk '$2 != $3 { bad++ } END { exit bad > 0 }'
	ok $? "pid namespace: the scores are the kernel's"
	# sh (1) -> sh -c (2) -> sleep: the parents as the namespace numbers them.
	grep '^ppid' "$tmp/ns.ppids" | sort >"$tmp/ns.p1"
	sort "$tmp/ns.status-ppids" | join -j 2 -o 1.2,1.3,2.3 "$tmp/ns.p1" - >"$tmp/ns.pj"
	[ "$(wc -l <"$tmp/ns.pj")" -ge 3 ] && awk '$2 != $3 { bad++ } END { exit bad > 0 }' "$tmp/ns.pj"
	ok $? "pid namespace: each task's parent as status PPid there ($(tr '\n' ';' <"$tmp/ns.pj"))"
else
	skip "pid namespace" "unshare --pid not permitted here"
fi

# A memory cgroup: the kernel's member set (the cgroup and its child),
# its limit from the cgroup iterator, the same as from /proc and cgroupfs.
if memcg_mount >/dev/null && memcg_create "oomrisk-bpf-$$" 268435456; then
	mkdir "$cg_dir/child"
	[ "$cg_version" = 1 ] && echo 134217728 >"$cg_dir/child/memory.limit_in_bytes"
	"$MEMHOG" -g "$cg_dir" -m 16 -a 300 -n "bpfcg$$-a" -r "$tmp/cga" &
	pids="$pids $!"
	"$MEMHOG" -g "$cg_dir/child" -m 8 -n "bpfcg$$-b" -r "$tmp/cgb" &
	pids="$pids $!"
	wait_ready "$tmp/cga" "$tmp/cgb"
	for be in bpf proc; do
		"$OOMRISK" rank --backend=$be --cgroup "$cg_path" --all --format=json >"$tmp/cg.$be"
	done
	is "$(jq -c '[.tasks[].pid] | sort' "$tmp/cg.bpf")" "$(jq -c '[.tasks[].pid] | sort' "$tmp/cg.proc")" \
		"memcg: the same members as the /proc backend ($(jq -c '[.tasks[].pid]' "$tmp/cg.bpf"))"
	is "$(jq '.tasks | length' "$tmp/cg.bpf")" 2 "memcg: the cgroup's task and its child's"
	is "$(jq .scope.limit_kb "$tmp/cg.bpf")" 262144 "memcg: the limit, from the kernel's counter"
	is "$(jq .totalpages "$tmp/cg.bpf")" "$(jq .totalpages "$tmp/cg.proc")" "memcg: the same totalpages"
	"$PROBE" --memcg-root "$cg_dir" >"$tmp/memcg" 2>&1
	st=$?
	grep '^memcg' "$tmp/memcg" | sed 's/^/# /'
	if grep -q '^memcg iterator: yes' "$tmp/memcg"; then
		is "$st" 0 "cgroup iterator: each memory cgroup's max equals its file"
		grep -q '^memcg cgroups: 2 (found in cgroupfs 2, max equal 2)' "$tmp/memcg"
		ok $? "cgroup iterator: our cgroup and its child"
	else
		skip "cgroup iterator" "$(sed -n 's/^memcg iterator: //p' "$tmp/memcg")"
	fi
	# More memory cgroups than one iterator pass can hold (64-byte records
	# in one 32 KiB seq_file buffer): the members come from the directories.
	[ "$cg_version" = 2 ] && echo +memory >"$cg_dir/child/cgroup.subtree_control"
	i=0
	while [ $i -lt 530 ] && mkdir "$cg_dir/child/m$i"; do i=$((i + 1)); done
	"$PROBE" --memcg-root "$cg_dir" >"$tmp/big" 2>&1
	"$OOMRISK" rank --backend=bpf --cgroup "$cg_path" --all --format=json >"$tmp/cg.big"
	rmdir "$cg_dir"/child/m* 2>/dev/null
	if grep -q '^memcg iterator: yes' "$tmp/memcg"; then
		is "$(sed -n 's/^memcg iterator: //p' "$tmp/big")" "Argument list too long" \
			"cgroup iterator: $i memory cgroups are too many for one pass (E2BIG)"
	fi
	is "$(jq -c '[.backend, ([.tasks[].pid] | sort), .scope.limit_kb]' "$tmp/cg.big")" \
		"$(jq -c '["bpf", ([.tasks[].pid] | sort), .scope.limit_kb]' "$tmp/cg.proc")" \
		"memcg: with $i more cgroups, the same members and limit from the directories"
else
	skip "memcg" "no writable memory cgroup controller"
fi

# check, export and top on the iterator, each saying so.
"$OOMRISK" export --backend=bpf --state="$tmp/none" >"$tmp/prom" 2>"$tmp/prom.err"
is "$?:$(cat "$tmp/prom.err")" "0:" "export --backend=bpf succeeds quietly"
grep -q '^oomrisk_backend_info{backend="bpf"} 1$' "$tmp/prom"
ok $? "export: oomrisk_backend_info says bpf"
"$OOMRISK" check --backend=bpf --state="$tmp/state" --format=json >"$tmp/check.json"
is "$(jq -r .backend "$tmp/check.json")" bpf "check --format=json: backend bpf"
"$OOMRISK" top --batch -n 2 -d 0.1 -r 5 >"$tmp/top"
is "$(grep -c '^victim .* tasks via bpf$' "$tmp/top")" 2 "top (auto, root): the iterator, said in the header"
done_testing
