# options: a short option means one thing in every command (every
# command's --help, see oomrisk(1) OPTION LETTERS), and the letters
# changed in this release still work (NEWS): the old spelling gives the
# same output and exit status as the new one, on a captured proc tree,
# and says nothing on standard error unless it is a terminal (cron mails
# what is printed, Nagios and Icinga show it).
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/help-lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Every "SHORT LONG" of every command: a letter, one long option.
for cmd in $(help_commands); do
	help_option_pairs "$cmd" | awk -v c="$cmd" '$1 != "-" { print $1, $2, c }'
done | LC_ALL=C sort >"$tmp/letters"
sed 's/^/# /' "$tmp/letters"
[ -s "$tmp/letters" ]
ok $? "the commands' --help name short options"
twice=$(awk '{ if (($1 in long) && long[$1] != $2) print $1 ": " long[$1] " and " $2; long[$1] = $2 }' \
	"$tmp/letters")
is "$twice" "" "no letter stands for two long options"
for want in "-C --config" "-c --cmdline" "-n --count" "-i --iterations" "-s --state" "-k --sort" \
    "-m --model" "-b --batch" "-B --boot" "-g --cgroup" "-f --format"; do
	grep -q -- "^$want " "$tmp/letters"
	ok $? "$want, as OPTION LETTERS in oomrisk(1) says"
done

command -v xz >/dev/null || { skip "old letters on a capture" "needs xz"; done_testing; }
xz -dc "$srcdir/tests/fixtures/procroot/host-memcg.tar.xz" | tar -C "$tmp" -xf -
root=$tmp/host-memcg/proc
printf '[check]\n' >"$tmp/conf"

# same NAME CMD "OLD ARGS" "NEW ARGS": the old and new spellings of CMD
# print the same (top's clock and own size aside) and exit the same; the
# old one is silent on a standard error that is a file.
same() {
	name=$1 cmd=$2
	for how in old new; do
		rm -f "$tmp/state"
		[ $how = old ] && args=$3 || args=$4
		# shellcheck disable=SC2086 # the arguments are words
		COLUMNS=100 "$OOMRISK" "$cmd" $args --proc-root="$root" >"$tmp/$how.out" 2>"$tmp/$how.err"
		echo "exit $?" >>"$tmp/$how.out"
		sed -i -e 's/^\(oomrisk top  \)[0-9:]*/\1T/' -e 's/  self [0-9.]*[KMG]*  /  self S  /' \
			"$tmp/$how.out"
	done
	cmp -s "$tmp/old.out" "$tmp/new.out"
	ok $? "$name: '$3' as '$4' ($(tail -1 "$tmp/new.out"), $(wc -l <"$tmp/new.out") lines)"
	cmp -s "$tmp/old.err" "$tmp/new.err"
	ok $? "$name: the old letter adds nothing to a standard error that is not a terminal"
}
same "check -c" check "-c $tmp/conf -s $tmp/state" "-C $tmp/conf -s $tmp/state"
same "export -c -m" export "-c $tmp/conf -m 2 -s $tmp/state" "-C $tmp/conf --max-cgroups 2 -s $tmp/state"
same "audit -c" audit "-c $tmp/conf" "-C $tmp/conf"
same "top -n -s" top "--no-mlock -b -n 2 -d 0.01 -r 5 -s rss" "--no-mlock -b -i 2 -d 0.01 -r 5 -k rss"
# The first frame only, and sorted by rss, not by score: the letters took.
grep -c '^oomrisk top ' "$tmp/new.out" | grep -qx 2
ok $? "top -i 2: two frames"
grep -q 'sort rss' "$tmp/new.out"
ok $? "top -k rss: sorted by rss"
is "$(cd "$tmp" && "$OOMRISK" explain -b x 2>&1 >/dev/null; echo "exit $?")" \
	"$(cd "$tmp" && "$OOMRISK" explain -B x 2>&1 >/dev/null; echo "exit $?")" \
	"explain -b is -B (--boot): the same refusal with a file"

# On a terminal, the old letter is named, on standard error only.
if command -v script >/dev/null; then
	script -qec "$OOMRISK audit -c $tmp/conf --proc-root=$root 2>$tmp/tty.err >/dev/null" /dev/null \
		>/dev/null 2>&1
	is "$(cat "$tmp/tty.err")" "" "a standard error redirected away from the terminal: silent"
	script -qec "$OOMRISK audit -c $tmp/conf --proc-root=$root >/dev/null" /dev/null >"$tmp/tty" 2>&1
	grep -q "^oomrisk: audit: -c is now -C (--config); -c goes in the next release" "$tmp/tty"
	ok $? "on a terminal: the note about -c$(head -c 200 "$tmp/tty" | tr '\n\r' '  ' | sed 's/^/: /')"
else
	skip "the note on a terminal" "needs script (util-linux)"
fi
done_testing
