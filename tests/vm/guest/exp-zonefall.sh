# zonefall: free memory falling machine-wide through the watermarks, saved
# as proc roots, one per moment, for top's zones panel
# (tests/fixtures/procroot/zonefall-6.1/, tests/top-zones.sh).  Not in
# ALL_EXPERIMENTS: it is a capture, run on its own, with two NUMA nodes so
# that the panel's per-node grouping has a real machine to show:
#
#   OOMRISK_VM_NUMA=2 OOMRISK_VM_EXPERIMENTS=zonefall make check-vm
#
# No cgroup limit and no swap: a memhog at adj 1000 grows 1 MiB every
# 40 ms until the kernel's OOM killer takes it.  Nothing else can be
# reclaimed here (the root file system is in RAM), so free memory falls
# through high and low (kswapd wakes and finds nothing) to min, where the
# allocator's slow path gives up and the OOM killer runs.  Meanwhile
# zonecap (tests/helper/zonecap.c), at adj -1000 like this shell, copies
# what top reads into $OUT/zonefall/frames/NNNN/ every 20 ms; the frames
# end a second after the kill.
exp_zonefall() {
	D=$OUT/zonefall/frames
	mkdir -p "$D"
	klog_mark
	echo -1000 >/proc/self/oom_score_adj
	rm -f "$W/zf.stop"
	zonecap "$D" 20 "$W/zf.stop" >"$W/zf.n" &
	cap=$!
	sleep 1
	memhog -a 1000 -n zfhog -m 4096 -s 1 -t 40 &
	hog=$!
	wait "$hog"
	sleep 1
	touch "$W/zf.stop"
	wait "$cap"
	klog_take "$OUT/zonefall/kernel.log"
	kill=$(kills "$OUT/zonefall/kernel.log")
	case $kill in
	"$hog (zfhog)") r=0 ;;
	*) r=1 ;;
	esac
	tap $r "zonefall: the OOM killer took the hog ($kill)"
	nf=$(ls "$D" | wc -l)
	diag "zonefall: $nf frames"
	# Each frame's zones as "frame node zone verdict" (oomrisk zones reads the root).
	for f in "$D"/*; do
		oomrisk zones --proc-root="$f" 2>/dev/null |
			awk -v f="${f##*/}" '/^ *NODE ZONE +MANAGED/ { t = 1; next } /^$/ { t = 0 }
			    { sub(/ \(node unreclaimable\)$/, "") }
			    t && $NF != "empty" {
				v = $NF; if ($(NF-1) == "below") v = "below_" $NF
				print f, $1, $2, v, $4 }'
	done >"$OUT/zonefall/verdicts"
	for v in ok below_high below_low below_min; do
		diag "zonefall: frames with a zone $v: $(awk -v v="$v" '$4 == v { print $1 }' "$OUT/zonefall/verdicts" | sort -u | wc -l)"
	done
	# A zone below min in some frame (the slow path's last moments).
	awk '$4 == "below_min" { print $2, $3; found = 1; exit } END { exit found ? 0 : 1 }' \
		"$OUT/zonefall/verdicts" >"$W/zf.zone"
	tap $? "zonefall: a zone below min in the frames ($(cat "$W/zf.zone"))"
	last=$(ls "$D" | tail -1)
	awk -v f="$last" '$1 == f && $4 != "ok" { bad = 1 } END { exit bad ? 1 : 0 }' \
		"$OUT/zonefall/verdicts"
	tap $? "zonefall: after the kill every zone is ok again (frame $last)"
	echo 0 >/proc/self/oom_score_adj
}
