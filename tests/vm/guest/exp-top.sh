# top: `oomrisk top --batch -g /tp` frames while the cgroup fills.  A 40M
# task sits in /tp (96M); a grower adds 4M every 400 ms until the cgroup's
# OOM kills it.  The frames must show the grower growing, name it as the
# victim once it is the largest, and show the kill afterwards.  top runs
# until four frames after the kill (it flushes each frame; the last one,
# perhaps cut by the signal, is not read).

# rss_kb SIZE: top's human size (880K, 1.1M, 2.0G) in kB.
rss_kb() {
	awk -v s="$1" 'BEGIN {
		u = substr(s, length(s)); v = substr(s, 1, length(s) - 1)
		if (u == "K") print int(v); else if (u == "M") print int(v * 1024)
		else if (u == "G") print int(v * 1048576); else print int(s) }'
}

exp_top() {
	D=$OUT/top
	klog_mark
	cg_make tp
	echo $((96 << 20)) >"$CG/tp/memory.max"
	hog tpS tp 40 0
	ready tpS || return
	oomrisk top --batch -d 0.5 -n 10000 -r 5 -g /tp >"$D/frames.txt" 2>"$D/top.err" &
	top=$!
	sleep 1
	rm -f "$W/tpG.pid"
	memhog -g "$CG/tp" -n tpG -m 120 -s 4 -t 400 -r "$W/tpG.pid" &
	g=$!
	wait "$g"
	nk=$(grep -c '^oomrisk top ' "$D/frames.txt")
	for _i in $(seq 150); do
		[ "$(grep -c '^oomrisk top ' "$D/frames.txt")" -ge $((nk + 4)) ] && break
		sleep 0.2
	done
	alive "$top"
	tap $? "top: --batch -g /tp still running after the kill"
	kill "$top"
	wait "$top" 2>/dev/null
	klog_take "$D/kernel.log"
	kill=$(kills "$D/kernel.log")

	# One line per frame: "FRAME VICTIM-PID KILLS-SINCE-START G-RSS(kB or -)".
	awk -v g="$g" '
		/^oomrisk top / { if (n) print n, v, k, r; n++; v = "-"; k = "-"; r = "-" }
		/^victim / { v = $2 }
		/OOM kills/ { s = $0; sub(/.*, \+/, "", s); sub(/ .*/, "", s); k = s }
		$2 == g && $1 ~ /^[0-9]+$/ { r = $6 }
	' "$D/frames.txt" >"$D/frames.sum"
	nf=$(wc -l <"$D/frames.sum")
	[ "$nf" -ge $((nk + 3)) ]
	tap $? "top: $nf whole frames, $((nf - nk)) after the grower's end"
	diag "top: frame, victim, kills since start, grower rss: $(tr '\n' ';' <"$D/frames.sum")"
	last=0 grew=0 mono=0
	while read -r _f _v _k _r; do
		[ "$_r" = - ] && continue
		kb=$(rss_kb "$_r")
		[ "$kb" -gt "$last" ] && grew=$((grew + 1))
		[ "$kb" -lt "$last" ] && mono=1
		last=$kb
	done <"$D/frames.sum"
	[ "$grew" -ge 3 ] && [ "$mono" = 0 ]
	tap $? "top: the grower's RSS rises from frame to frame ($grew rises)"
	pred=$(awk '$4 != "-" { v = $2 } END { print v }' "$D/frames.sum")
	vs "top" "$kill" "$pred ($(awk -v p="$pred" '$2 == p { print $NF; exit }' "$D/frames.txt"))"
	after=$(awk '$4 == "-" && $3 != "-" && $3 > 0 { print $1; exit }' "$D/frames.sum")
	[ -n "$after" ]
	tap $? "top: a later frame (${after:-none}) shows the kill (OOM kills +1 since start) without the grower"
}
