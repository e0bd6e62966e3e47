# top-batch: `oomrisk top --batch` frames, options and errors; the rows are
# rank's rows (same formatter) with the victim first.
. "$srcdir/tests/lib.sh"

tmp=$(mktemp -d)
pids=
cleanup() { [ -n "$pids" ] && kill $pids 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
nzones=$(grep -c '^Node' /proc/zoneinfo)

out=$("$OOMRISK" top --help); st=$?
is "$st" 0 "--help exits 0"
case $out in *--delay*--iterations*--batch*--cgroup*--sort*Keys:*NO_COLOR*) r=0 ;; *) r=1 ;; esac
ok $r "--help names the options, the keys and NO_COLOR"
for bad in "--delay=0" "--delay=abc" "--delay=1e9" "-n 0" "--rows=x" "--sort=size" "--bogus" "extra"; do
	err=$("$OOMRISK" top -b $bad 2>&1); st=$?
	is "$st" 1 "'$bad' is a usage error (exit 1)"
done
err=$("$OOMRISK" top -b --delay=0 2>&1)
is "$(echo "$err" | head -1)" "oomrisk: top: --delay: expected seconds from 0.01 to 86400: '0'" \
	"--delay error message"
err=$("$OOMRISK" top </dev/null 2>&1); st=$?
is "$st" 1 "the screen without a terminal is a usage error"
is "$(echo "$err" | head -1)" "oomrisk: top: not a terminal; use --batch for plain text" \
	"and says to use --batch"
if command -v script >/dev/null; then
	err=$(TERM=no-such-term script -qec "$OOMRISK top -i 1" /dev/null 2>&1 | tr -d '\r'); st=$?
	is "$err" "oomrisk: top: cannot drive terminal type 'no-such-term'; try --batch" \
		"an unknown TERM is reported, not a crash"
	# A terminal that cannot move the cursor drew a blank screen (issue 11, 10).
	err=$(TERM=dumb script -qec "$OOMRISK top -i 1" /dev/null 2>&1 | tr -d '\r')
	is "$err" "oomrisk: top: cannot drive terminal type 'dumb'; try --batch" \
		"TERM=dumb is refused like an unknown TERM"
else
	skip "an unknown TERM is reported" "no script(1)"
	skip "TERM=dumb is refused" "no script(1)"
fi
err=$("$OOMRISK" top -b -n 1 --cgroup=/no/such/cgroup 2>&1); st=$?
is "$st" 1 "--cgroup naming no cgroup exits 1"
case $err in "oomrisk: top: /no/such/cgroup: no such cgroup"*) r=0 ;; *) r=1 ;; esac
ok $r "and says so ($err)"

# A task the kernel would surely take first: adj 1000 and 16 MiB.
"$MEMHOG" -m 16 -a 1000 -n "tophog$$" -r "$tmp/ready" &
hog=$!
pids="$pids $hog"
wait_ready "$tmp/ready"

# top picks its task source (auto: the BPF iterator where it loads, as
# root); rank is compared on the same one.
be=$("$OOMRISK" top -b -n 1 -r 1 | sed -n 's|.* tasks via /*\([a-z]*\)$|\1|p')
case $be in proc|bpf) r=0 ;; *) r=1 ;; esac
ok $r "the header says where the tasks come from ($be)"

# Other tests may run alongside with their own adj 1000 tasks: compare with
# rank right before and after, and find the hog's row wherever it is.
rank1=$("$OOMRISK" rank --backend="$be" -n 1 --format=json | jq '.tasks[0].pid')
"$OOMRISK" top -b -n 3 -d 0.2 -r 50 >"$tmp/out"; st=$?
rank2=$("$OOMRISK" rank --backend="$be" -n 1 --format=json | jq '.tasks[0].pid')
is "$st" 0 "top -b -n 3 exits 0"
is "$(grep -c '^oomrisk top ' "$tmp/out")" 3 "three frames"
is "$(grep -c '^NODE ZONE ' "$tmp/out")" 3 "each with the zone table"
is "$(awk '/^NODE ZONE /{z=1; next} z && /^ *RANK /{z=0} z' "$tmp/out" | wc -l)" $((3 * nzones)) \
	"every zone of /proc/zoneinfo in every frame"
is "$(grep -c '^ *RANK  *PID USER  *SCORE  *ADJ  *RSS  *SWAP  *PGTBL  *SHARE  *GROW/s CGROUP  *COMMAND$' "$tmp/out")" 3 \
	"the process panel header with GROW/s and CGROUP"
first=$(awk '/^ *RANK /{n++; if (n == 3) {getline; print $2; exit}}' "$tmp/out")
[ "$first" = "$rank1" ] || [ "$first" = "$rank2" ]
ok $? "the first row is rank's first ($first; rank: $rank1, $rank2)"
grep -q "^victim $first (.*) score [0-9]*, [0-9.]*% of totalpages [0-9]*; [0-9]* tasks via /*$be$" "$tmp/out"
ok $? "the victim line names the first row"
line=$(awk -v p="$hog" '/^ *RANK /{n++} n == 3 && $2 == p {print; exit}' "$tmp/out")
rline=$("$OOMRISK" rank --backend="$be" -n 50 -w | awk -v p="$hog" '$2 == p')
[ -n "$line" ]
ok $? "the hog (adj 1000) is among the first rows"
# top sizes its columns from the data, rank has fixed ones: compare fields.
is "$(echo "$line" | awk '{print $2, $3, $4, $5, $6, $7, $8, $9}')" \
	"$(echo "$rline" | awk '{print $2, $3, $4, $5, $6, $7, $8, $9}')" \
	"its row is rank's row (PID..SHARE fields)"
is "$(echo "$line" | awk '{print $11}')" "$(echo "$rline" | awk '{print $10}')" "and rank's COMMAND"
is "$(awk -v p="$hog" '/^ *RANK /{n++} n == 1 && $2 == p {print $10; exit}' "$tmp/out")" "-" \
	"frame 1: growth unknown"
g=$(awk -v p="$hog" '/^ *RANK /{n++} n == 3 && $2 == p {print $10; exit}' "$tmp/out")
case $g in 0|+*|-?*) r=0 ;; *) r=1 ;; esac
ok $r "frame 3: growth measured ($g)"
grep -q '^Mem .* avail .*Swap .*Commit ' "$tmp/out"
ok $? "memory, swap and commit line"
if [ -r /proc/pressure/memory ]; then
	grep -q '^PSI some [0-9.]*/[0-9.]*/[0-9.]* full ' "$tmp/out"
	ok $? "PSI line"
else
	skip "PSI line" "no /proc/pressure/memory"
fi
grep -q '  self [0-9.]*[KMG]  ' "$tmp/out"
ok $? "top's own resident memory in the header"

"$OOMRISK" top -b -n 2 -d 0.1 -r 500 --sort=pid >"$tmp/pid"
awk '/^ *RANK /{n++; next} n == 2 && /^ *[-0-9]+ +[0-9]+ /{print $2}' "$tmp/pid" >"$tmp/pids"
sort -n -c "$tmp/pids" && [ "$(wc -l <"$tmp/pids")" -gt 5 ]
ok $? "--sort=pid: pids ascending ($(wc -l <"$tmp/pids") rows)"
"$OOMRISK" top -b -n 2 -d 0.1 -r 500 --sort=rss >"$tmp/rss"
# Sizes back to kB (fmt_kb rounds, so compare the rounded values).
awk '/^ *RANK /{n++; next} n == 2 && /^ *[-0-9]+ +[0-9]+ /{
	v = $6; u = substr(v, length(v)); k = v + 0
	if (u == "M") k *= 1024; else if (u == "G") k *= 1048576
	print k }' "$tmp/rss" >"$tmp/sizes"
sort -g -r -c "$tmp/sizes"
ok $? "--sort=rss: RSS descending"
"$OOMRISK" top -b -n 1 -r 100 -c | grep -q -- "-m 16 -a 1000 -n tophog$$"
ok $? "-c shows the command line"

evil=$(printf '\033]0;pwned\007\033[31m')
"$MEMHOG" -m 1 -a 1000 -n "$evil" -r "$tmp/ready2" &
pids="$pids $!"
wait_ready "$tmp/ready2"
"$OOMRISK" top -b -n 1 -r 100 >"$tmp/evil"
grep -q "$(printf '\033')" "$tmp/evil"
ok $((! $?)) "no raw ESC from a hostile process name"
grep -qF '\e]0;pwned\a\e[31m' "$tmp/evil"
ok $? "the name is shown escaped"
# [top] of the configuration: the refresh interval and the header's levels.
# MemAvailable is between 1% and 100% of MemTotal on any machine that runs
# this, so a 100% warn level always fires, a 1% one never does.
printf '[top]\ninterval = 0.2\nmem_available_warn = 100%%\nmem_available_crit = 1%%\n' >"$tmp/warn.conf"
"$OOMRISK" top -b -n 1 -r 1 -C "$tmp/warn.conf" >"$tmp/conf1"
ok $? "top -C FILE runs"
grep -q '^oomrisk top .* every 0.2s ' "$tmp/conf1"
ok $? "[top] interval sets the refresh"
grep -q '^Mem .* avail .*(.*%) WARN  Swap' "$tmp/conf1"
ok $? "MemAvailable at a [top] warn level is tagged WARN"
printf '[top]\nmem_available_warn = 1%%\nmem_available_crit = 0.5%%\n' >"$tmp/quiet.conf"
"$OOMRISK" top -b -n 1 -r 1 -C "$tmp/quiet.conf" | grep -q '^Mem .*%)  Swap'
ok $? "below its levels it is not tagged"
"$OOMRISK" top -b -n 1 -r 1 -d 0.5 -C "$tmp/warn.conf" | grep -q ' every 0.5s '
ok $? "-d wins over [top] interval"
printf '[top]\nmem_available_warn = lots\n' >"$tmp/bad.conf"
err=$("$OOMRISK" top -b -n 1 -C "$tmp/bad.conf" 2>&1)
is "$?" 1 "a bad [top] level is a usage error"
case $err in "oomrisk: top: $tmp/bad.conf:2: mem_available_warn: "*) r=0 ;; *) r=1 ;; esac
ok $r "naming file:line and key ($(printf '%s\n' "$err" | head -1))"
done_testing
