# check-nagios: `oomrisk check` run the way Nagios or Icinga runs a plugin
# (no environment but PATH, stdin from /dev/null, stdout read, the exit
# status mapped to a state), its output read the way they read it, and the
# performance data parsed by a parser written here from the
# monitoring-plugins guidelines ('label'=value[UOM];[warn];[crit];[min];[max],
# each level a range [@]start:end, "~" minus infinity, no end infinity,
# alert outside the range, or inside it with "@").  Issue 15:
# - a status line is always printed, OK included (else Nagios shows
#   "(No output returned from plugin)");
# - bad options and configuration give "OOMRISK UNKNOWN - reason", exit 3;
# - levels of low-is-bad values are "N:" ranges, so a healthy value is not
#   read as an alert; every series' ranges give the status the plugin gives
#   that check;
# - --notify-on-change prints only when the status or the top candidate
#   changes (cron mails only then).
. "$srcdir/tests/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- the perfdata parser --------------------------------------------------
# mode=parse: a perfdata string in, one series a line out:
#   label TAB value TAB uom TAB warn TAB crit TAB min TAB max
# or "ERROR TAB reason".  mode=state: those lines in, "label TAB state TAB
# edge" out: state 2 when the value is in alert by the critical range, 1 by
# the warning one, else 0; edge 1 when the value sits on a range's end.
cat >"$tmp/perf.awk" <<'EOF'
function isnum(s) { return s ~ /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/ }
function perr(msg) { print "ERROR\t" msg; failed = 1 }
# A range: [@]start:end, start 0 (and ':') optional, "~" for minus infinity,
# an empty end for infinity, start <= end.
function range_ok(r,   i, s, e) {
	if (r == "")
		return 1
	if (substr(r, 1, 1) == "@")
		r = substr(r, 2)
	i = index(r, ":")
	if (i == 0)
		return isnum(r)
	s = substr(r, 1, i - 1)
	e = substr(r, i + 1)
	if (index(e, ":") > 0 || (s != "~" && !isnum(s)) || (e != "" && !isnum(e)))
		return 0
	return s == "~" || e == "" || s + 0 <= e + 0
}
function bounds(r,   i, s, e) {
	lo_inf = hi_inf = 0
	inside = substr(r, 1, 1) == "@"
	if (inside)
		r = substr(r, 2)
	i = index(r, ":")
	if (i == 0) {
		lo = 0
		hi = r + 0
		return
	}
	s = substr(r, 1, i - 1)
	e = substr(r, i + 1)
	lo_inf = s == "~"
	lo = s + 0
	hi_inf = e == ""
	hi = e + 0
}
function alert(r, v,   in_range) {
	if (r == "")
		return 0
	bounds(r)
	in_range = (lo_inf || v >= lo) && (hi_inf || v <= hi)
	return inside ? in_range : !in_range
}
function edge(r, v) {
	if (r == "")
		return 0
	bounds(r)
	return (!lo_inf && v == lo) || (!hi_inf && v == hi)
}
mode == "parse" {
	s = $0
	n = length(s)
	p = 1
	while (p <= n && !failed) {
		while (p <= n && substr(s, p, 1) == " ")
			p++
		if (p > n)
			break
		label = ""
		if (substr(s, p, 1) == "'") {
			for (p++; ; ) {
				if (p > n) {
					perr("unterminated label " label)
					exit
				}
				c = substr(s, p, 1)
				if (c == "'" && substr(s, p + 1, 1) == "'") {
					label = label "'"
					p += 2
				} else if (c == "'") {
					p++
					break
				} else {
					label = label c
					p++
				}
			}
		} else {
			while (p <= n && substr(s, p, 1) != "=" && substr(s, p, 1) != " ") {
				label = label substr(s, p, 1)
				p++
			}
		}
		if (label == "" || substr(s, p, 1) != "=") {
			perr("no label=value at " substr(s, p, 40))
			exit
		}
		for (p++; p <= n && substr(s, p, 1) != " "; p++)
			rest = rest substr(s, p, 1)
		nf = split(rest, f, ";")
		rest = ""
		if (nf > 5) {
			perr(label ": more than 5 fields")
			exit
		}
		if (!match(f[1], /^[-+]?[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?/)) {
			perr(label ": no number in " f[1])
			exit
		}
		value = substr(f[1], 1, RLENGTH)
		uom = substr(f[1], RLENGTH + 1)
		if (uom != "" && uom !~ /^(s|ms|us|%|B|KB|MB|GB|TB|c)$/)
			perr(label ": unit " uom " is not one of the guidelines'")
		else if (!range_ok(f[2]) || !range_ok(f[3]))
			perr(label ": bad range in " f[2] ";" f[3])
		else if ((f[4] != "" && !isnum(f[4])) || (f[5] != "" && !isnum(f[5])))
			perr(label ": bad min or max " f[4] ";" f[5])
		if (failed)
			exit
		print label "\t" value "\t" uom "\t" f[2] "\t" f[3] "\t" f[4] "\t" f[5]
		delete f
	}
}
mode == "state" {
	split($0, f, "\t")
	v = f[2] + 0
	print f[1] "\t" (alert(f[5], v) ? 2 : alert(f[4], v) ? 1 : 0) "\t" \
	    (edge(f[4], v) || edge(f[5], v) ? 1 : 0)
}
EOF
perf_parse() { printf '%s\n' "$1" | awk -v mode=parse -f "$tmp/perf.awk"; }
perf_state() { awk -v mode=state -F '\t' -f "$tmp/perf.awk"; }

# The parser on the guidelines' own cases first: a parser that cannot fail
# would make every assertion below worthless.
is "$(perf_parse "'a b''c=d'=5.5%;10:;~:20;0;100 x=3c 'y'=-2.5e1s;@3:7 z=7B;;;;" | tr '\t' '|')" \
	"a b'c=d|5.5|%|10:|~:20|0|100
x|3|c||||
y|-2.5e1|s|@3:7|||
z|7|B||||" "perfdata parser: quoted labels with '' and =, units, empty fields"
is "$(perf_parse "a=1;2;3;4;5;6" | cut -f1)" ERROR "more than five fields is an error"
is "$(perf_parse "a=1XB" | cut -f1)" ERROR "an unknown unit is an error"
is "$(perf_parse "a=1;20:10" | cut -f1)" ERROR "a range with start > end is an error"
is "$(perf_parse "'a=1" | cut -f1)" ERROR "an unterminated label is an error"
printf 'r\t%s\t\t%s\t%s\t\t\n' 5 "10:" "" 15 "10:" "" 9 "" "~:8" -3 "" "~:8" 11 "10" "" \
    -1 "10" "" 4 "10" "" 5 "@3:7" "" 8 "@3:7" "" 3 "" "@3:7" 10 "10:" "" >"$tmp/cases"
is "$(perf_state <"$tmp/cases" | cut -f2,3 | tr '\t\n' ': ')" \
	"1:0 0:0 2:0 0:0 1:0 1:0 0:0 1:0 0:0 2:1 0:1 " \
	"ranges: N: alerts below N, ~:N above N, N outside 0..N, @ inside; ends are in range"

# ---- run as a plugin --------------------------------------------------------
# nagios_run ARGS...: like a Nagios check_command: an empty environment but
# PATH, no terminal, a timeout, stdout only.  Sets rc, state, line (the
# first line or Nagios' text for no output), perf (after the first '|').
nagios_run() {
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin timeout 60 "$OOMRISK" check "$@" \
	    </dev/null >"$tmp/stdout" 2>"$tmp/stderr"
	rc=$?
	case $rc in
	0) state=OK ;; 1) state=WARNING ;; 2) state=CRITICAL ;; 3) state=UNKNOWN ;;
	*) state="UNKNOWN (Return code of $rc is out of bounds)" ;;
	esac
	if [ -s "$tmp/stdout" ]; then
		line=$(head -1 "$tmp/stdout")
	else
		line="(No output returned from plugin)"
	fi
	case $line in
	*"|"*) perf=${line#*|} ;;
	*) perf= ;;
	esac
}

# series_vs_lines: each series with a level against the -v line of its check
# ("OK       mem_available 97.6% (23G)"): prints "label by-ranges by-plugin
# edge" for each; the series and -v lines come from the same run.
series_vs_lines() {
	perf_parse "$perf" >"$tmp/series"
	awk -F '\t' '$4 != "" || $5 != ""' "$tmp/series" | perf_state >"$tmp/states"
	# Labels and lines compared with their \xHH escapes decoded: a perfdata
	# label escapes ' and = as well as |, a line only | (a cgroup named
	# "a|'b'=c", such as check-plugin.sh's, run beside this test).
	awk -F '\t' 'function unx(s,  out, h) {
			while (match(s, /\\x[0-9a-f][0-9a-f]/)) {
				h = index("0123456789abcdef", substr(s, RSTART + 2, 1)) * 16 - 17
				h += index("0123456789abcdef", substr(s, RSTART + 3, 1))
				out = out substr(s, 1, RSTART - 1) sprintf("%c", h)
				s = substr(s, RSTART + RLENGTH)
			}
			return out s
		}
		NR == FNR { l = unx($1); st[l] = $2; ed[l] = $3; n++; next }
		FNR > 1 && $0 ~ /^(OK|WARNING|CRITICAL) / {
			word = $0; sub(/ .*/, "", word)
			msg = unx(substr($0, 10))
			for (l in st)
				if (index(msg, l " ") == 1 && !(l in got))
					got[l] = word == "OK" ? 0 : word == "WARNING" ? 1 : 2
		}
		END { for (l in st) print l "\t" st[l] "\t" (l in got ? got[l] : "none") "\t" ed[l] }' \
	    "$tmp/states" "$tmp/stdout"
}

# agree WHAT: the ranges of every series give the status the plugin gives its
# check (a value exactly on a level is left out: the plugin alerts at the level,
# the range convention's ends are inside), and the exit status is the worst.
agree() {
	series_vs_lines >"$tmp/cmp"
	is "$(grep -c . "$tmp/cmp")" "$(awk -F '\t' '$4 != "" || $5 != ""' "$tmp/series" | grep -c .)" \
		"$1: every series with levels ($(grep -c . "$tmp/cmp")) compared"
	is "$(awk -F '\t' '$4 == 0 && $2 != $3' "$tmp/cmp" | tr '\t\n' ' ;')" "" \
		"$1: each series' ranges give its check's status (label ranges plugin)"
	is "$(awk -F '\t' 'BEGIN { m = 0 } $2 > m { m = $2 } END { print m }' "$tmp/cmp")" "$rc" \
		"$1: the exit status is the worst series' state"
}

# Built-in levels (-c /dev/null: no machine configuration), a fresh state.
nagios_run -c /dev/null -s "$tmp/st" -v
case $state in OK|WARNING|CRITICAL) r=0 ;; *) r=1 ;; esac
ok $r "live: a verdict ($state)"
case $line in "OOMRISK $state - "*" | "*) r=0 ;; *) r=1 ;; esac
ok $r "live: the first line is 'OOMRISK $state - ... | perfdata' ($(echo "$line" | cut -c1-70))"
is "$(grep -c '|' "$tmp/stdout")" 1 "live: one '|', on the first line"
perf_parse "$perf" >"$tmp/series"
is "$(grep -c '^ERROR' "$tmp/series")" 0 "live: the perfdata parses ($(grep '^ERROR' "$tmp/series" | head -1))"
grep -q "^mem_available	" "$tmp/series" && grep -q "^zone 0/" "$tmp/series"
ok $? "live: MemAvailable and the zones are there"
# Which way is bad: low for free memory (N:), high for the rest (a bare N).
is "$(awk -F '\t' '{ low = $1 ~ /^(mem_available|swap_free|zone )/
	for (i = 4; i <= 5; i++)
		if ($i != "" && (low ? $i !~ /^[0-9.]+:$/ : $i !~ /^[0-9.]+$/))
			print $1 "=" $i }' "$tmp/series" | tr '\n' ' ')" "" \
	"live: low-is-bad levels are 'N:', high-is-bad ones a bare N"
is "$(awk -F '\t' '($6 != "" && $2 + 0 < $6 + 0) || ($7 != "" && $2 + 0 > $7 + 0) { print $1 }' \
	"$tmp/series" | tr '\n' ' ')" "" "live: every value within its min and max"
# The levels are the built-in ones: 10% and 5% of MemTotal; low and min marks.
mt=$(awk '/^MemTotal:/ { printf "%.0f", $2 * 1024 }' /proc/meminfo)
is "$(awk -F '\t' '$1 == "mem_available" { print $4, $5, $7 }' "$tmp/series")" \
	"$(awk -v t="$mt" 'BEGIN { printf "%.0f: %.0f: %s\n", int(t / 10), int(t / 20), t }')" \
	"live: mem_available warn 10%: crit 5%: of MemTotal, max MemTotal"
ps=$(getconf PAGESIZE)
awk -v ps="$ps" '/^Node/ { z = "zone " $2 $4; sub(/,/, "/", z); present = 0 }
	$1 == "min" && NF == 2 { mn = $2 } $1 == "low" && NF == 2 { lo = $2 }
	$1 == "present" { if ($2 > 0) printf "%s %.0f: %.0f:\n", z, lo * ps, mn * ps }' \
	/proc/zoneinfo | sort >"$tmp/marks"
awk -F '\t' '/^zone / { print $1, $4, $5 }' "$tmp/series" | sort >"$tmp/zlevels"
is "$(comm -3 "$tmp/marks" "$tmp/zlevels" | tr '\n' ';')" "" \
	"live: each zone's levels are its low and min watermarks from /proc/zoneinfo, as N:"
agree "live, built-in levels"
mem=$(awk -F '\t' '$1 == "mem_available" { print $2 "," $3 }' "$tmp/cmp")
if grep -q '^OK       mem_available ' "$tmp/stdout"; then
	is "$mem" "0,0" "live: the healthy MemAvailable is not in alert by its ranges"
	is "$(awk -F '\t' '$1 ~ /^zone / && $2 != 0' "$tmp/cmp")" "" \
		"live: nor is any healthy zone"
else
	skip "live: the healthy MemAvailable is not in alert" "MemAvailable is low here now"
	skip "live: nor is any healthy zone" "MemAvailable is low here now"
fi
if [ "$rc" = 0 ]; then
	is "$(awk -F '\t' '$2 != 0 { print $1 }' "$tmp/states" | tr '\n' ' ')" "" \
		"live: OK, and no series is in alert by its ranges"
else
	skip "live: OK and no series in alert" "this machine is not OK now ($line)"
fi

# Levels that put low-is-bad and high-is-bad values in alert; the ranges
# must say so too.  (Commit is checked whatever vm.overcommit_memory.)
printf '[check]\nmem_available_warn = 100%%\nmem_available_crit = 1%%\n' >"$tmp/w.conf"
nagios_run -c "$tmp/w.conf" -s "$tmp/st" -v
is "$(series_vs_lines | awk -F '\t' '$1 == "mem_available" { print $2 $3 }')" \
	"11" "MemAvailable <= 100%: warning by the plugin and by its range 'MemTotal:'"
agree "mem_available_warn = 100%"
printf '[check]\nmem_available_crit = 100%%\nmem_available_warn = 100%%\ncommit_check = always\ncommit_warn = 0.01%%\ncommit_crit = 9000%%\ntop_share_warn = 0.01%%\n' >"$tmp/c.conf"
nagios_run -c "$tmp/c.conf" -s "$tmp/st" -v
is "$state" CRITICAL "MemAvailable <= 100% critical: CRITICAL"
agree "critical MemAvailable, warning commit"
is "$(series_vs_lines | awk -F '\t' '$1 == "commit" { print $2 $3 }')" 11 \
	"commit over 0.01%: warning by the plugin and by its range (a bare N)"

# ---- UNKNOWN ----------------------------------------------------------------
printf '[check]\nmem_available_warn = 15 %%\n' >"$tmp/bad.conf"
for args in "--bogus" "-x" "--format=xml" "--backend=nowhere" "extra-argument" "-s" \
    "-c $tmp/bad.conf -s $tmp/st" "-c $tmp/no-such.conf -s $tmp/st" \
    "--proc-root=$tmp/no-such-dir -c /dev/null -s $tmp/st" "-c /dev/null -s $tmp"; do
	# shellcheck disable=SC2086 # the words are the arguments
	nagios_run $args
	is "$rc $state" "3 UNKNOWN" "check $args: exit 3, UNKNOWN"
	case $line in "OOMRISK UNKNOWN - "?*) r=0 ;; *) r=1 ;; esac
	ok $r "check $args: 'OOMRISK UNKNOWN - reason' on stdout ($line)"
	is "$(wc -l <"$tmp/stdout")" 1 "check $args: that one line"
done
nagios_run --bogus
is "$line" "OOMRISK UNKNOWN - unknown option '--bogus'" "the reason names the option"
is "$(head -1 "$tmp/stderr")" "oomrisk: check: unknown option '--bogus'" \
	"and stderr says it in the usual form"

# ---- --notify-on-change -----------------------------------------------------
# On saved proc trees, so the top candidate holds still: host-containers
# (top candidate 24130) and vm-containers (1959).  Kills and growth are off:
# the kernel log read is this machine's, where other tests kill.
if command -v xz >/dev/null; then
	for c in host-containers vm-containers; do
		xz -dc "$srcdir/tests/fixtures/procroot/$c.tar.xz" | tar -C "$tmp" -xf -
	done
	for k in oom_kills_warn oom_kills_crit cgroup_oom_kills_warn growth_warn growth_crit \
	    psi_some_avg60_warn psi_full_avg60_warn; do
		echo "$k = off"
	done | sed '1i [check]' >"$tmp/n.conf"
	{ cat "$tmp/n.conf"; echo "mem_available_warn = 100%"; } >"$tmp/nw.conf"
	n=$tmp/notify-state
	notify() {	# notify CAPTURE CONF [ARGS]
		_c=$1 _f=$2
		shift 2
		nagios_run --notify-on-change --proc-root="$tmp/$_c/proc" -c "$_f" -s "$n" "$@"
	}
	notify host-containers "$tmp/n.conf"
	is "$rc" 0 "notify: first run: OK"
	case $line in "OOMRISK OK - all checks passed; top candidate 24130 (batch) "*) r=0 ;; *) r=1 ;; esac
	ok $r "notify: the first run prints (no previous run): $(echo "$line" | cut -c1-60)"
	notify host-containers "$tmp/n.conf"
	is "$rc:$(cat "$tmp/stdout")" "0:" "notify: unchanged: nothing printed, still exit 0"
	notify host-containers "$tmp/n.conf" -v
	is "$(wc -c <"$tmp/stdout")" 0 "notify: unchanged with -v: nothing either"
	notify host-containers "$tmp/n.conf" --format=json
	is "$(wc -c <"$tmp/stdout")" 0 "notify: unchanged in JSON: nothing either"
	notify host-containers "$tmp/nw.conf"
	is "$rc" 1 "notify: MemAvailable <= 100%: WARNING"
	case $line in "OOMRISK WARNING - mem_available "*) r=0 ;; *) r=1 ;; esac
	ok $r "notify: the status changed: printed ($(echo "$line" | cut -c1-50))"
	notify host-containers "$tmp/nw.conf"
	is "$rc:$(cat "$tmp/stdout")" "1:" "notify: still WARNING: nothing printed, exit 1"
	notify vm-containers "$tmp/nw.conf"
	is "$rc" 1 "notify: another machine's tree, WARNING too"
	case $line in "OOMRISK WARNING - "*"top candidate 1959 (batch) "*) r=0 ;; *) r=1 ;; esac
	ok $r "notify: the top candidate changed (24130 -> 1959): printed"
	notify vm-containers "$tmp/nw.conf"
	is "$rc:$(cat "$tmp/stdout")" "1:" "notify: the same again: nothing"
	notify vm-containers "$tmp/n.conf"
	is "$rc" 0 "notify: back to OK"
	case $line in "OOMRISK OK - "*) r=0 ;; *) r=1 ;; esac
	ok $r "notify: the recovery is printed"
	notify vm-containers "$tmp/n.conf" --bogus
	case $rc:$line in "3:OOMRISK UNKNOWN - "*) r=0 ;; *) r=1 ;; esac
	ok $r "notify: UNKNOWN is always printed"
	printf 'oomrisk-state 1\ndamaged\n' >"$n"
	notify vm-containers "$tmp/n.conf"
	case $rc:$line in "0:OOMRISK OK - "*) r=0 ;; *) r=1 ;; esac
	ok $r "notify: a damaged state (nothing to compare with): printed"
	grep -q "^oomrisk: check: state unusable, rebuilt" "$tmp/stderr"
	ok $? "notify: and the damage said on stderr"
else
	for _ in $(seq 16); do skip "notify-on-change" "needs xz for the saved proc trees"; done
fi
done_testing
