# visibility: every command run where it cannot see everything: as nobody,
# with /proc mounted hidepid=invisible or hidepid=noaccess (in a private
# mount namespace: a new proc mount has its own options, the host's /proc
# is untouched), in a pid namespace of its own, and with subset=pid (no
# /proc/meminfo).  Each must exit as the table says, never die of a
# signal, write only "oomrisk: ..." lines on stderr and valid JSON on
# stdout, and say what it could not see in exactly one note.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/cgroup-lib.sh"
need_root
command -v jq >/dev/null || skip_all "needs jq"
command -v setpriv >/dev/null && command -v unshare >/dev/null ||
	skip_all "needs setpriv and unshare (util-linux)"

# The environments, in the order of the table's columns.  "ptrace" is
# root (CAP_SYS_PTRACE) under hidepid=invisible, which hides nothing.
ENVS="nobody hidden unread pidns ptrace subset"

# One line per command: its arguments after "oomrisk", then per
# environment the exit status expected, with "n" when the output must
# carry the one note on what was not visible; "v" is check's verdict on
# this machine as it is now, OK, WARNING or CRITICAL (0, 1 or 2: a loaded
# machine may be right to warn), but not UNKNOWN.  @CG@ is a throwaway memory
# cgroup holding one memhog, @ST@ a state file path anyone may write,
# @LOG@ a real OOM report (tests/oom-logs/050) anyone may read.  zones and
# explain FILE do not depend on which tasks are visible (no note); explain
# without a file needs the kernel log, which nobody may not read here.
COMMANDS='
#                                          nobody hidden unread pidns ptrace subset
rank                                         0     0n     0n     0n    0      2
rank --all --format=json                     0     0n     0n     0n    0      2
rank -n 3 --format=csv                       0     0n     0n     0n    0      2
rank --cgroup @CG@ --all --format=json       0     0n     0n     0n    0      2
rank --cgroup @CG@                           0     0n     0n     0n    0      2
zones                                        0     0      0      0     0      2
zones --format=json                          0     0      0      0     0      2
top --batch -n 1                             0     0n     0n     0n    0      2
check -s @ST@                                v     vn     vn     vn    v      3
check -s @ST@ --format=json                  v     vn     vn     vn    v      3
export -s @ST@                               0     0n     0n     0n    0      2
explain @LOG@                                0     0      0      0     0      0
explain @LOG@ --format=json                  0     0      0      0     0      0
audit                                        0     0n     0n     0n    0      2
audit --format=json                          0     0n     0n     0n    0      2
'

NOBODY="setpriv --reuid=nobody --regid=nogroup --clear-groups --"

in_env() {	# in_env ENV COMMAND...: run COMMAND in that environment
	e=$1
	shift
	case $e in
	nobody) $NOBODY "$@" ;;
	hidden | unread)
		[ "$e" = hidden ] && opt=hidepid=invisible || opt=hidepid=noaccess
		unshare -m --propagation private -- sh -c \
			'mount -t proc -o "$0" proc /proc && exec '"$NOBODY"' "$@"' "$opt" "$@" ;;
	pidns) unshare -m -p --fork --mount-proc -- "$@" ;;
	ptrace)
		unshare -m --propagation private -- sh -c \
			'mount -t proc -o hidepid=invisible proc /proc && exec "$@"' sh "$@" ;;
	subset)
		unshare -m --propagation private -- sh -c \
			'mount -t proc -o subset=pid proc /proc && exec "$@"' sh "$@" ;;
	esac
}

$NOBODY test -x "$OOMRISK" || skip_all "nobody cannot run $OOMRISK (a private directory?)"
tmp=$(mktemp -d)
chmod 755 "$tmp"
mkdir "$tmp/state" && chmod 1777 "$tmp/state"
cp "$srcdir/tests/oom-logs/050-seed-3.10-rocketmq-java-global-noswap.log" "$tmp/050.log"
chmod 644 "$tmp/050.log"
name=oomrisk-vis-$$
cleanup() { memcg_destroy; rm -rf "$tmp"; }
trap cleanup EXIT

cg=
if memcg_mount >/dev/null && memcg_create "$name" 268435456; then
	cg=$cg_dir
	"$MEMHOG" -g "$cg_dir" -m 8 -n vishog -r "$tmp/ready" &
	wait_ready "$tmp/ready"
fi

# Which environments this kernel and machine allow.
usable=
for e in $ENVS; do
	if in_env "$e" true 2>/dev/null; then
		usable="$usable $e"
	else
		skip "environment $e" "cannot set it up here (unshare/mount refused)"
	fi
done

nenv=$(echo $ENVS | wc -w)
echo "$COMMANDS" | grep -v '^ *#' | grep . >"$tmp/table"
lineno=0
while read -r line; do
	lineno=$((lineno + 1))
	# The command's words, then one expectation per environment.
	args=$(echo "$line" | awk -v k="$nenv" '{ NF -= k; print }')
	expect=$(echo "$line" | awk -v k="$nenv" '{ for (i = NF - k + 1; i <= NF; i++) printf "%s ", $i }')
	case $args in
	*@CG@*) [ -n "$cg" ] || { skip "$args" "no memory cgroup could be made"; continue; }
		args=$(echo "$args" | sed "s|@CG@|$cg|g") ;;
	esac
	args=$(echo "$args" | sed "s|@ST@|$tmp/state/vis|g; s|@LOG@|$tmp/050.log|g")
	i=0
	for e in $ENVS; do
		i=$((i + 1))
		want=$(echo $expect | cut -d' ' -f$i)
		what="$e: oomrisk $(echo "$args" | sed "s|$cg|CG|g")"
		case " $usable " in *" $e "*) ;; *) continue ;; esac
		# A state of its own per command and environment: one user cannot
		# replace another's state in the sticky directory (check reports
		# that), and a first run has no kills or growth to compare, so an
		# OOM kill elsewhere in the suite meanwhile cannot make it warn.
		eargs=$(echo "$args" | sed "s|$tmp/state/vis|$tmp/state/vis-$e-$lineno|g")
		# shellcheck disable=SC2086
		in_env "$e" "$OOMRISK" $eargs >"$tmp/out" 2>"$tmp/err"
		st=$?
		[ $st -lt 128 ]
		ok $? "$what: not killed by a signal (exit $st)"
		case $want in
		v*) [ "$st" -le 2 ]
		    ok $? "$what: exits with a verdict, 0-2 ($st)" ;;
		*) is "$st" "${want%n}" "$what: exits ${want%n}" ;;
		esac
		stray=$(grep -cv '^oomrisk: ' "$tmp/err")
		is "$stray" 0 "$what: stderr holds only 'oomrisk: ' lines"
		[ "$stray" -eq 0 ] || head -3 "$tmp/err" | sed 's/^/# /'
		notes=$(cat "$tmp/out" "$tmp/err" | grep -o 'not visible:' | wc -l)
		case $want in
		*n) is "$notes" 1 "$what: one note on what it could not see" ;;
		0 | v) is "$notes" 0 "$what: no note: it sees everything" ;;
		*) is "$(grep -c '^oomrisk: ' "$tmp/err")" 1 "$what: one error line"
		   head -1 "$tmp/err" | sed 's/^/# /' ;;
		esac
		case "$st $want $args" in
		"0 "*json* | [12]" v"*json*) jq -e . "$tmp/out" >/dev/null
			ok $? "$what: valid JSON" ;;
		esac
	done
done <"$tmp/table"

# What each view actually shows.
if case " $usable " in *" nobody "*) true ;; *) false ;; esac; then
	in_env nobody "$OOMRISK" rank --all --format=json >"$tmp/all.json"
	root=$(jq '[.tasks[] | select(.uid == 0)] | length' "$tmp/all.json")
	[ "$root" -gt 0 ]
	ok $? "nobody without hidepid still ranks root's tasks ($root)"
fi
for e in hidden unread; do
	case " $usable " in *" $e "*) ;; *) continue ;; esac
	in_env "$e" "$OOMRISK" rank --all --format=json >"$tmp/$e.json"
	is "$(jq '[.tasks[] | select(.uid != 65534)] | length' "$tmp/$e.json")" 0 \
		"$e: only nobody's own tasks are ranked"
done
case " $usable " in *" unread "*)
	n=$(jq .tasks_unreadable "$tmp/unread.json")
	[ "$n" -gt 0 ]
	ok $? "unread: the tasks it could not read are counted ($n)" ;;
esac
done_testing
