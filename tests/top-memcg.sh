# top-memcg: `top --cgroup` ranks a throwaway memory cgroup's tasks the way
# `rank --cgroup` does: A (8 MiB, adj 800) before B (24 MiB, adj 0) under a
# 128 MiB limit, and nothing from outside the cgroup; a cgroup removed
# while it runs is a note, not an error.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/cgroup-lib.sh"
need_root
memcg_mount >/dev/null || skip_all "no memory cgroup controller mounted"

tmp=$(mktemp -d)
name=oomrisk-top-$$
cleanup() { memcg_destroy; rm -rf "$tmp"; }
trap cleanup EXIT
memcg_create "$name" 134217728 || skip_all "cannot create a memory cgroup here"

"$MEMHOG" -g "$cg_dir" -a 800 -m 8 -n topcgA -r "$tmp/A" &
"$MEMHOG" -g "$cg_dir" -m 24 -n topcgB -r "$tmp/B" &
wait_ready "$tmp/A" "$tmp/B"
A=$(cat "$tmp/A") B=$(cat "$tmp/B")

"$OOMRISK" top -b -n 2 -d 0.2 -r 10 --cgroup "$cg_path" >"$tmp/out"
ok $? "top -b --cgroup PATH succeeds"
rows=$(awk '/^ *RANK /{n++; next} n == 2 && /^ *[-0-9]+ +[0-9]+ /{print $2}' "$tmp/out" | tr '\n' ' ')
is "$rows" "$A $B " "only the cgroup's tasks, A (adj 800) first"
grep -q "^victim $A (topcgA) score [0-9]*, [0-9.]*% of totalpages $((134217728 / $(getconf PAGESIZE))); 2 tasks in /$name via /*[a-z]*$" "$tmp/out"
ok $? "the victim line: A, totalpages = the limit in pages, 2 tasks in the cgroup"
# rank on the task source top used (auto: the BPF iterator where it loads).
be=$(sed -n 's|^victim .* via /*\([a-z]*\)$|\1|p' "$tmp/out" | head -1)
want=$("$OOMRISK" rank --backend="$be" --cgroup "$cg_path" -w | awk -v p="$A" '$2 == p { print $1, $2, $3, $4, $5, $6, $7, $8, $9 }')
got=$(awk -v p="$A" '/^ *RANK /{n++} n == 2 && $2 == p { print $1, $2, $3, $4, $5, $6, $7, $8, $9; exit }' "$tmp/out")
is "$got" "$want" "A's row is rank --cgroup's row"

# The cgroup removed while top -b runs (issue 11, finding 10): a note in
# the later frames and the frames go on, as on the screen; on main, exit 1.
"$OOMRISK" top -b -n 8 -d 0.25 -r 5 --cgroup "$cg_path" >"$tmp/out2" 2>"$tmp/err2" &
top=$!
sleep 0.7
memcg_destroy
wait "$top"
is "$?" 0 "the cgroup removed meanwhile: exit 0, not the usage error"
is "$(grep -c '^oomrisk top ' "$tmp/out2")" 8 "all 8 frames"
grep -q "^note: $cg_path: no such cgroup" "$tmp/out2"
ok $? "the later frames say the cgroup is gone"
is "$(cat "$tmp/err2")" "" "nothing on stderr"
done_testing
