# explain-annotations: every value in the .json beside each log in
# tests/oom-logs (facts read off the log by hand, see its README) must come
# out of `oomrisk explain --format=json` unchanged.
#
# Which report an annotation describes: the first report of the file that
# has its header line ("invoked oom-killer" or "page allocation failure"),
# else the first report; `preceding_kill` is the report just before it.
# Normalisation, and only this: kind "alloc-failure-only" is our
# "alloc-failure" and a note in parentheses after the kind is dropped; a
# kernel written "unknown; ..." must come out null, otherwise its first word
# must be our kernel; a gfp_mask with names is our gfp_mask plus
# "(" gfp_flags joined with "|" ")" when the kernel printed the names.
. "$srcdir/tests/lib.sh"
command -v jq >/dev/null || skip_all "needs jq"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for ann in "$srcdir"/tests/oom-logs/*.json; do
	log=${ann%.json}.log
	name=$(basename "$ann" .json)
	"$OOMRISK" explain --format=json "$log" >"$tmp/out.json"
	ok $? "$name: explain --format=json succeeds"
	# One line per annotated fact: "key<TAB>expected<TAB>got".
	jq -r --slurpfile out "$tmp/out.json" '
	  def norm_kind: sub(" \\(.*\\)$"; "") | sub("-only$"; "");
	  def gfp($r): if $r.gfp_mask == null then null
	    elif $r.gfp_flags_printed then "\($r.gfp_mask)(\($r.gfp_flags | join("|")))"
	    else $r.gfp_mask end;
	  ($out[0].reports) as $reps
	  | ([$reps | to_entries[] | select(.value.header)] | first // {key: 0}) .key as $i
	  | $reps[$i] as $r
	  | (if $i > 0 then $reps[$i - 1] else null end) as $p
	  | [
	    (if has("kernel") then ["kernel",
	        (if (.kernel | startswith("unknown")) then null else (.kernel | split(" ")[0]) end),
	        $r.kernel] else empty end),
	    (if has("kind") then ["kind", (.kind | norm_kind), $r.kind] else empty end),
	    (if has("invoker") then
	        (.invoker | to_entries[] | ["invoker.\(.key)", .value, $r.invoker[.key]])
	      else empty end),
	    (if has("gfp_mask") then ["gfp_mask", .gfp_mask, gfp($r)] else empty end),
	    (if has("order") then ["order", .order, $r.order] else empty end),
	    (if has("victim") then
	        (.victim | to_entries[] | ["victim.\(.key)", .value, $r.victim[.key]])
	      else empty end),
	    (if has("victim_score") then ["victim_score", .victim_score, $r.victim.score]
	      else empty end),
	    (if has("selected") then
	        (.selected | to_entries[] | ["selected.\(.key)", .value, $r.selected[.key]])
	      else empty end),
	    (if has("constraint") then ["constraint", .constraint, $r.constraint] else empty end),
	    (if has("memcg") then ["memcg", .memcg, $r.memcg] else empty end),
	    (if has("swap_total_kb") then ["swap_total_kb", .swap_total_kb, $r.swap.total_kb]
	      else empty end),
	    (if has("swap_free_kb") then ["swap_free_kb", .swap_free_kb, $r.swap.free_kb]
	      else empty end),
	    (if has("preceding_kill") then
	        (.preceding_kill | to_entries[] | ["preceding_kill.\(.key)", .value,
	          (if $p == null then "(no earlier report)"
	           elif .key == "constraint" then $p.constraint
	           else $p.victim[.key] end)])
	      else empty end)
	  ][] | map(tojson) | join("\t")' "$ann" >"$tmp/facts"
	ok $? "$name: annotation read"
	while IFS='	' read -r key want got; do
		is "$got" "$want" "$name: $key"
	done <"$tmp/facts"
done
done_testing
