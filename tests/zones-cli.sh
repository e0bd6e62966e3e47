# zones-cli: `oomrisk zones` against /proc/zoneinfo read at the same time,
# and its verdicts on real captures (tests/fixtures/procroot, see README).
. "$srcdir/tests/lib.sh"

fx=$srcdir/tests/fixtures/procroot
pk=$(( $(getconf PAGESIZE) / 1024 ))
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

out=$("$OOMRISK" zones --help); st=$?
is "$st" 0 "--help exits 0"
case $out in *--format*--proc-root*below\ min*) r=0 ;; *) r=1 ;; esac
ok $r "--help names --format, --proc-root and the verdicts"
err=$("$OOMRISK" zones --bogus 2>&1); st=$?
is "$st" 1 "unknown option exits 1"
is "$(echo "$err" | head -1)" "oomrisk: zones: unknown option '--bogus'" "unknown option message"
"$OOMRISK" zones --format=xml >/dev/null 2>&1
is $? 1 "bad --format exits 1"
"$OOMRISK" zones extra >/dev/null 2>&1
is $? 1 "an argument exits 1"
err=$("$OOMRISK" zones --proc-root=/no/such/dir 2>&1); st=$?
is "$st" 2 "missing proc root exits 2"
is "$err" "oomrisk: zones: /no/such/dir: No such file or directory" "missing root message"
mkdir "$tmp/empty"
err=$("$OOMRISK" zones --proc-root="$tmp/empty" 2>&1); st=$?
is "$st" 2 "a root without zoneinfo exits 2"
case $err in "oomrisk: zones: $tmp/empty/zoneinfo: not readable"*) r=0 ;; *) r=1 ;; esac
ok $r "says zoneinfo is missing ($err)"
mkdir "$tmp/bad"
printf 'Node 0, zone      DMA\n  pages free     12\n        min      x\n' >"$tmp/bad/zoneinfo"
err=$("$OOMRISK" zones --proc-root="$tmp/bad" 2>&1); st=$?
is "$st" 2 "malformed zoneinfo exits 2"
is "$err" "oomrisk: zones: zoneinfo:3: malformed" "the error names the line"

# The live system: every zone, and its numbers, as /proc/zoneinfo says
# right before and right after.  The watermarks, managed pages and
# protection must be equal; free may move in between (and back), so it
# must be within what moved plus 1% of the zone and 16 MiB: a unit
# error would be off by a factor.
zi_kb() {
	awk -v pk="$pk" '
	function out() { if (z != "") print z, free, min, low, high, managed, prot }
	/^Node/ { out(); n = $2; sub(",", "", n); z = n " " $4
		  free = min = low = high = managed = "-"; prot = "" }
	$1 == "pages" && $2 == "free" { free = $3 * pk }
	$1 == "min" { min = $2 * pk }
	$1 == "low" { low = $2 * pk }
	$1 == "high" { high = $2 * pk }
	$1 == "managed" { managed = $2 * pk }
	$1 == "protection:" { p = $0; sub(/.*\(/, "", p); sub(/\).*/, "", p); gsub(/,/, "", p); prot = p }
	END { out() }' /proc/zoneinfo
}
zi_kb >"$tmp/before"
"$OOMRISK" zones --format=json >"$tmp/zones.json"; st=$?
zi_kb >"$tmp/after"
is "$st" 0 "zones --format=json exits 0"
jq -e . "$tmp/zones.json" >/dev/null
ok $? "valid JSON"
jq -r '.zones[] | "\(.node) \(.zone) \(.free_kb) \(.min_kb) \(.low_kb) \(.high_kb) \(.managed_kb // "-") \(.lowmem_reserve_pages | map(tostring) | join(" "))"' \
	"$tmp/zones.json" >"$tmp/ours"
is "$(wc -l <"$tmp/ours")" "$(grep -c '^Node' /proc/zoneinfo)" "one JSON zone per zone in /proc/zoneinfo"
bad=0
paste -d '|' "$tmp/ours" "$tmp/before" "$tmp/after" | while IFS='|' read -r o b a; do
	set -- $o; of=$3; shift 3; orest=$*
	set -- $b; bname="$1 $2"; bf=$3; shift 3; brest=$*
	set -- $a; af=$3; shift 3; arest=$*
	oname=$(echo "$o" | cut -d' ' -f1-2)
	lo=$bf hi=$af
	[ "$lo" -gt "$hi" ] && lo=$af hi=$bf
	set -- $brest
	managed=$4
	case $managed in ''|*[!0-9]*) managed=0 ;; esac
	slack=$((managed / 100 + 16384))
	lo=$((lo - slack)) hi=$((hi + slack))
	if [ "$oname" != "$bname" ] || [ "$of" -lt "$lo" ] || [ "$of" -gt "$hi" ] ||
	   { [ "$orest" != "$brest" ] && [ "$orest" != "$arest" ]; }; then
		echo "# ours:   $o"
		echo "# before: $b"
		echo "# after:  $a"
		echo bad
	fi
done >"$tmp/cmp"
! grep -q '^bad' "$tmp/cmp"
ok $? "free, min, low, high, managed and protection match /proc/zoneinfo (kB)"
grep '^#' "$tmp/cmp"
jq -e '[.zones[] | .verdict] | all(. == "ok" or . == "below high" or . == "below low" or . == "below min" or . == "empty")' \
	"$tmp/zones.json" >/dev/null
ok $? "every verdict is one of the documented ones"
out=$("$OOMRISK" zones)
is "$(echo "$out" | sed -n 2p | awk '{print $1, $2, $NF}')" "NODE ZONE VERDICT" "text header"
is "$(echo "$out" | awk '/^ +[0-9]+ /' | head -n "$(grep -c '^Node' /proc/zoneinfo)" | wc -l)" \
	"$(grep -c '^Node' /proc/zoneinfo)" "one text row per zone"
csv=$("$OOMRISK" zones --format=csv)
is "$(echo "$csv" | head -1 | cut -d, -f1-3)" "node,zone,zone_index" "CSV header"
is "$(echo "$csv" | wc -l)" "$(( $(grep -c '^Node' /proc/zoneinfo) + 1 ))" "CSV: header + a row per zone"

# Real captures, checked by hand (pages x page size): one per verdict.
j=$("$OOMRISK" zones --format=json --proc-root="$fx/zte-3.x-below-high")
is "$(echo "$j" | jq -r '.zones[0] | "\(.zone) \(.verdict) \(.free_kb) \(.min_kb) \(.low_kb) \(.high_kb) \(.lowmem_reserve_pages)"' | tr -d ' \n')" \
	"Normalbelowhigh$((388 * pk))$((306 * pk))$((382 * pk))$((459 * pk))[0,0]" \
	"ZTE router: Normal 388 pages, low 382, high 459: below high"
j=$("$OOMRISK" zones --format=json --proc-root="$fx/coreos-4.x-below-low")
is "$(echo "$j" | jq -r '[.zones[] | .verdict] | join(",")')" "ok,ok,below low,empty,empty" \
	"CoreOS sosreport: Normal below low, empty zones say so"
is "$(echo "$j" | jq -r '.zones[2].headroom_low_kb')" "$((-3 * pk))" "3 pages short of low"
is "$(echo "$j" | jq -c '.zones[0].lowmem_reserve_pages')" "[0,3828,7894,7894,7894]" \
	"DMA's protection as printed"
is "$(echo "$j" | jq -r '.zones[0].boost_kb')" "null" "no boost line: null"
j=$("$OOMRISK" zones --format=json --proc-root="$fx/issabel-5.x-below-low")
is "$(echo "$j" | jq -r '.zones[2] | "\(.verdict) \(.headroom_min_kb)"')" "below low $(( (8846 - 7104) * pk ))" \
	"Issabel: Normal below low, 1742 pages above min"
j=$("$OOMRISK" zones --format=json --proc-root="$fx/ppc64-2015-below-min")
is "$(echo "$j" | jq -r '.zones[0] | "\(.node) \(.zone) \(.verdict)"')" "2 DMA below min" \
	"ppc64 node 2 with no free page: below min"
out=$("$OOMRISK" zones --proc-root="$fx/ppc64-2015-below-min")
echo "$out" | grep -q '^below min: direct reclaim; the OOM killer may run$'
ok $? "text legend explains below min"
done_testing
