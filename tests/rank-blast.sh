# rank-blast: what a kill of the would-be victim takes down.  On a cgroup
# v1 memory controller (the development machine) rank must say why no
# group kill applies.  On cgroup v2 with the memory controller (as root),
# a throwaway cgroup P with memory.oom.group=1 and a child C holding three
# memhogs: `rank --blast-radius` must list all three for the top
# candidate, and an OOM of C alone (C is the domain, its own flag is 0)
# must not take the group.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/cgroup-lib.sh"

tmp=$(mktemp -d)
pids=
P= C= V=
cleanup() {
	[ -n "$pids" ] && kill $pids 2>/dev/null
	wait 2>/dev/null
	[ -n "$V" ] && { cg_dir=$V; memcg_destroy; }
	# Only what this test made: C, then P.
	[ -n "$C" ] && [ -d "$C" ] && rmdir "$C"
	[ -n "$P" ] && [ -d "$P" ] && rmdir "$P"
	rm -rf "$tmp"
}
trap cleanup EXIT

set -- $(memcg_mount) 0 none
version=$1 mount=$2

# A would-be victim that stays alive for the whole test (the machine's own
# top candidate may be a short-lived process, or another suite's bigger
# task): on v1 as root, alone in a throwaway memory cgroup ranked as the
# scope, so that it is the top candidate whatever else runs.
scope=
if [ "$version" = 1 ] && [ "$(id -u)" -eq 0 ] && memcg_create "oomrisk-blastv1-$$" $((512 << 20)); then
	V=$cg_dir
	scope="--cgroup=$cg_path"
fi
"$MEMHOG" ${V:+-g "$V"} -m 64 -a 1000 -n blastvictim -r "$tmp/victim" &
pids="$pids $!"
wait_ready "$tmp/victim"

# shellcheck disable=SC2086
out=$(COLUMNS=1000 "$OOMRISK" rank -n 1 --blast-radius $scope); st=$?	# one line each
is "$st" 0 "rank --blast-radius succeeds"
case $version in
1)
	printf '%s\n' "$out" | grep -q '^blast radius: [0-9]* (.*) alone: memory.oom.group exists only in cgroup v2; the memory controller here is cgroup v1, so the kernel kills the victim alone (and any process sharing its memory)$'
	ok $? "v1: text says why no group kill applies"
	# shellcheck disable=SC2086
	"$OOMRISK" rank -n 2 --blast-radius --format=json $scope >"$tmp/r.json"
	is "$(jq -r '.blast_radius.group_kill' "$tmp/r.json")" false "v1: JSON group_kill false"
	is "$(jq -r '.blast_radius.cgroup_version' "$tmp/r.json")" 1 "v1: cgroup_version 1"
	jq -r '.blast_radius.reason' "$tmp/r.json" | grep -q "cgroup v1"
	ok $? "v1: JSON reason names cgroup v1"
	top=$(jq -r '.tasks[0].pid' "$tmp/r.json")
	if [ -n "$scope" ]; then
		is "$top" "$(cat "$tmp/victim")" "v1: our 64 MiB adj-1000 task is the top candidate"
	else
		skip "v1: our 64 MiB adj-1000 task is the top candidate" "not root: no cgroup of our own"
	fi
	is "$(jq -r '.blast_radius.cgroup' "$tmp/r.json")" \
		"$(sed -n 's/^[0-9]*:\([^:]*,\)\{0,1\}memory\(,[^:]*\)\{0,1\}:\(.*\)/\3/p' /proc/$top/cgroup)" \
		"v1: the victim's memory cgroup is named"
	is "$(jq -r '[.tasks[] | .blast_radius.group_kill] | unique | .[]' "$tmp/r.json")" false \
		"v1: --blast-radius gives every task its own entry"
	;;
*)
	skip "v1: text says why no group kill applies" "memory controller is cgroup v$version"
	;;
esac

[ "$version" = 2 ] || { skip "v2: a group kill lists all three" "no cgroup v2 memory controller here (v$version)"; done_testing; }
[ "$(id -u)" -eq 0 ] || { skip "v2: a group kill lists all three" "needs root"; done_testing; }

# P/ (oom.group 1) > C/ (oom.group 0, 512M limit) with three memhogs.
P=$mount/oomrisk-blast-$$
C=$P/c
mkdir "$P" || { skip "v2: a group kill lists all three" "cannot create a cgroup under $mount"; P=; done_testing; }
grep -qw memory "$mount/cgroup.subtree_control" || echo +memory >"$mount/cgroup.subtree_control"
echo +memory >"$P/cgroup.subtree_control" && mkdir "$C" && echo 1 >"$P/memory.oom.group" &&
	echo 536870912 >"$C/memory.max"
ok $? "v2: created $P (oom.group 1) and its child c (512M)"
i=0
for spec in "32 900" "16 0" "8 0"; do
	set -- $spec
	"$MEMHOG" -g "$C" -m "$1" -a "$2" -n "blast$i$$" -r "$tmp/ready$i" &
	pids="$pids $!"
	i=$((i + 1))
done
for n in $(seq 100); do
	[ "$(ls "$tmp"/ready* 2>/dev/null | wc -l)" -eq 3 ] && break
	sleep 0.1
done
X=$(cat "$tmp/ready0") Y=$(cat "$tmp/ready1") Z=$(cat "$tmp/ready2")
want=$(printf '%s\n' "$X" "$Y" "$Z" | sort -n | tr '\n' ' ')

# A system-wide OOM (P's flag counts): the three die together.
out=$(COLUMNS=1000 "$OOMRISK" rank --cgroup "$P" --blast-radius); st=$?	# one line each
is "$st" 0 "v2: rank --cgroup P --blast-radius succeeds"
printf '%s\n' "$out" | grep -q "^blast radius: memory.oom.group is set on /oomrisk-blast-$$: a kill of $X takes all 3 of its tasks"
ok $? "v2: the group and its three tasks are named"
for p in $X $Y $Z; do
	printf '%s\n' "$out" | grep -q "^ *$p "
	ok $? "v2: member $p listed"
done
"$OOMRISK" rank --cgroup "$P" --blast-radius --format=json >"$tmp/p.json"
is "$(jq -r '.blast_radius.group_kill' "$tmp/p.json")" true "v2: JSON group_kill"
is "$(jq -r '.blast_radius.oom_group' "$tmp/p.json")" "/oomrisk-blast-$$" "v2: JSON oom_group"
is "$(jq -r '[.blast_radius.members[].pid] | sort | map(tostring) | join(" ")' "$tmp/p.json") " \
	"$want" "v2: JSON members are the three"
is "$(jq -r '[.tasks[0].blast_radius.pids[]] | sort | map(tostring) | join(" ")' "$tmp/p.json") " \
	"$want" "v2: per-task pids for the top candidate"
"$OOMRISK" rank --all --blast-radius --format=json >"$tmp/g.json"
is "$(jq -r --argjson x "$X" '[.tasks[] | select(.pid == $x) | .blast_radius.pids[]] | sort | map(tostring) | join(" ")' "$tmp/g.json") " \
	"$want" "v2: system-wide ranking: a kill of X takes the three"

# An OOM of C (its own limit) stops the walk at C, whose flag is 0.
"$OOMRISK" rank --cgroup "$C" --format=json >"$tmp/c.json"
is "$(jq -r '.blast_radius.group_kill' "$tmp/c.json")" false "v2: an OOM of C alone does not take the group"
jq -r '.blast_radius.reason' "$tmp/c.json" | grep -q "memory.oom.group is 0 from /oomrisk-blast-$$/c up to /oomrisk-blast-$$/c"
ok $? "v2: and says the walk stops at C"
done_testing
