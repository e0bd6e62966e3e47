# completion: etc/bash-completion/oomrisk, sourced in bash and called the
# way bash calls it (COMP_WORDS, COMP_CWORD), against what the binary says
# and does: the commands and every option of every command as their --help
# lists them (so an option added without its completion fails here), no
# option offered where an option wants a value, the --format, --model and
# --sort values that the binary accepts among the words of that option's
# help, memory cgroup directories, files and pids.  Where it is installed is
# tests/install.sh's part.
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/help-lib.sh"
. "$srcdir/tests/cgroup-lib.sh"

command -v bash >/dev/null || skip_all "needs bash"
COMPLETION=$srcdir/etc/bash-completion/oomrisk
tmp=$(mktemp -d)
cg_dir=
trap 'memcg_destroy; rm -rf "$tmp"' EXIT

# The completion of the last of WORDS (after "oomrisk"), sorted, one a line.
comp() {
	bash -c '. "$0" && COMP_WORDS=("$@") && COMP_CWORD=$(($# - 1)) && _oomrisk &&
	    printf "%s\n" "${COMPREPLY[@]}"' "$COMPLETION" oomrisk "$@" | sed '/^$/d' | LC_ALL=C sort
}
lines() { tr ' ' '\n' | sed '/^$/d' | LC_ALL=C sort; }
flat() { tr '\n' ' ' | sed 's/ $//'; }

bash -n "$COMPLETION"
ok $? "bash parses it"
is "$(bash -c '. "$0" && complete -p oomrisk' "$COMPLETION")" "complete -F _oomrisk oomrisk" \
	"it registers _oomrisk for oomrisk"

is "$(comp "" | flat)" "$(help_commands | LC_ALL=C sort | flat)" "the commands of oomrisk --help"
is "$(comp ra | flat)" "rank" "a command from its first letters"
is "$(comp - | flat)" "$(help_options | cut -d' ' -f1 | LC_ALL=C sort | flat)" \
	"before a command: the options of oomrisk --help"

for cmd in $(help_commands); do
	help_options "$cmd" >"$tmp/opts"
	want=$(cut -d' ' -f1 "$tmp/opts" | LC_ALL=C sort | flat)
	is "$(comp "$cmd" - | flat)" "$want" "$cmd: every option of its --help"
	is "$(comp "$cmd" -- | flat)" "$(echo "$want" | lines | grep '^--' | flat)" \
		"$cmd: -- offers the long ones"
	bad=
	while read -r opt takes; do
		if [ "$takes" = arg ]; then
			# A value is due: never an option.
			comp "$cmd" "$opt" "" | grep -q '^-' && bad="$bad $opt"
			comp "$cmd" "$opt" - | grep -q '^-' && bad="$bad $opt"
		else
			[ "$(comp "$cmd" "$opt" - | flat)" = "$want" ] || bad="$bad $opt"
		fi
	done <"$tmp/opts"
	is "$bad" "" "$cmd: options after a flag, none where a value is due"
done

# Each completed value of OPTION must be accepted by the command, and every
# word of the option's help that the command accepts must be completed.
# accepted CMD OPTION VALUE runs the command with that value; a usage error
# (1; 3 for check) rejects it.
printf '[check]\n' >"$tmp/empty.conf"
accepted() {
	case $1 in
	rank) "$OOMRISK" rank -n 1 "$2=$3" ;;
	check) "$OOMRISK" check -C "$tmp/empty.conf" -s "$tmp/state" "$2=$3"
	    [ $? -ne 3 ]; return ;;
	explain) "$OOMRISK" explain "$2=$3" /dev/null ;;
	audit) "$OOMRISK" audit -C "$tmp/empty.conf" "$2=$3" ;;
	zones) "$OOMRISK" zones "$2=$3" ;;
	top) "$OOMRISK" top --no-mlock -b -i 1 -r 1 "$2=$3" ;;
	esac >/dev/null 2>&1
	[ $? -ne 1 ]
}
values() {	# values CMD OPTION: the words of the help that the command takes
	help_option_text "$1" "$2" | tr -c 'a-z0-9.\n' ' ' | lines | uniq | while read -r w; do
		accepted "$1" "$2" "$w" && echo "$w"
	done
}
for cmd in $(help_commands); do
	help_options "$cmd" >"$tmp/opts.$cmd"
	for opt in --format --model --sort; do
		grep -q "^$opt " "$tmp/opts.$cmd" || continue
		accepted "$cmd" "$opt" xml
		is $? 1 "$cmd $opt=xml is refused (the probe can fail)"
		want=$(values "$cmd" "$opt" | flat)
		[ -n "$want" ]
		ok $? "$cmd $opt: its help names values ($want)"
		is "$(comp "$cmd" "$opt" "" | flat)" "$want" "$cmd $opt: the values it accepts"
		is "$(comp "$cmd" "$opt" = "" | flat)" "$want" "$cmd $opt=: the same"
		short=$(awk -v l="$opt" 'prev != "" && $1 == l { print prev } { prev = ($1 !~ /^--/) ? $1 : "" }' \
		    "$tmp/opts.$cmd")
		[ -z "$short" ] ||
			is "$(comp "$cmd" "$short" "" | flat)" "$want" "$cmd $short: the same"
	done
done
first=$(values rank --model | head -1)
is "$(comp rank --model = "${first%.*}" | head -1)" "$first" "rank --model=PREFIX completes"
is "$(comp rank --format=j | flat)" "--format=json" "--format=j as one word (no = word break)"

# Files for --config, --state, --output, explain's logs; directories for
# --proc-root.
mkdir "$tmp/cfg" && : >"$tmp/cfg/site.conf"
is "$(comp check -C "$tmp/cfg/si")" "$tmp/cfg/site.conf" "check -C: files"
is "$(comp check -c "$tmp/cfg/si")" "$tmp/cfg/site.conf" "check -c (the old letter): files"
is "$(comp audit --config = "$tmp/cfg/si")" "$tmp/cfg/site.conf" "audit --config=: files"
is "$(comp top -C "$tmp/cfg/si")" "$tmp/cfg/site.conf" "top -C: files"
is "$(comp check -s "$tmp/cfg/si")" "$tmp/cfg/site.conf" "check -s: files"
is "$(comp export -o "$tmp/cfg/si")" "$tmp/cfg/site.conf" "export -o: files"
is "$(comp explain "$tmp/cfg/si")" "$tmp/cfg/site.conf" "explain: log files"
comp explain "" | grep -qx -- -
ok $? "explain: - for standard input"
is "$(comp zones --proc-root "$tmp/cf")" "$tmp/cfg" "zones --proc-root: directories"
is "$(comp top -c "")" "" "top -c is --cmdline: no value"
# The old letters kept for a release: not offered, but their values are.
is "$(comp top -s "" | flat)" "$(comp top -k "" | flat)" "top -s (old --sort): the sort keys"
comp top -n "" | grep -q '^-'
is $? 1 "top -n (old --iterations): a value is due, no option offered"
for w in "check -c" "export -c" "export -m" "audit -c" "top -n" "top -s" "explain -b"; do
	# shellcheck disable=SC2086 # "CMD -x", two words
	comp ${w% *} - | grep -qx -- "${w#* }"
	is $? 1 "$w (an old letter) is not offered"
done

# --adj/--grow: PID=.
comp rank --adj "$$" | grep -qx "$$="
ok $? "rank --adj: pid="
comp rank --grow "$$" | grep -qx "$$="
ok $? "rank --grow: pid="

# --cgroup: the memory controller's directories.
# shellcheck disable=SC2046 # "VERSION DIR", two words
if ! set -- $(memcg_mount); then
	skip "--cgroup completes memory cgroups" "no memory cgroup controller mounted"
	done_testing
fi
mnt=$2
# Other tests may make and remove cgroups meanwhile: what was there before
# and after must be offered, and nothing that was not there at some time.
top_cgroups() { find "$mnt" -mindepth 1 -maxdepth 1 -type d | LC_ALL=C sort; }
top_cgroups >"$tmp/before"
comp rank -g "" >"$tmp/offered"
top_cgroups >"$tmp/after"
is "$(LC_ALL=C comm -12 "$tmp/before" "$tmp/after" | LC_ALL=C comm -23 - "$tmp/offered" | flat)" "" \
	"rank -g: every top-level memory cgroup under $mnt"
is "$(LC_ALL=C sort -u "$tmp/before" "$tmp/after" | LC_ALL=C comm -13 - "$tmp/offered" | flat)" "" \
	"rank -g: nothing else"
if [ "$(id -u)" -ne 0 ]; then
	skip "a cgroup made here is completed both ways" "needs root"
	done_testing
fi
memcg_create "oomrisk-compl-$$" 67108864
ok $? "made memory cgroup $cg_path"
is "$(comp check --cgroup = "$mnt/oomrisk-compl-")" "$cg_dir" "check --cgroup=: the directory"
is "$(comp top -g "/oomrisk-compl-")" "$cg_path" "top -g: the cgroup path as in /proc/PID/cgroup"
"$OOMRISK" rank -n 1 -g "$(comp rank -g "/oomrisk-compl-")" >/dev/null
ok $? "rank takes the completed path"
done_testing
