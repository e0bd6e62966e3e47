# tests/help-lib.sh: what `oomrisk --help` and `oomrisk CMD --help` say,
# for the tests that hold the completion and the man page to it.  Source
# after lib.sh.  An option line of a command's help starts with two spaces
# and "-x, --long", or six spaces and "--long"; the words after are its
# value (VALUE, =VALUE) or its description.

help_commands() {	# the commands of `oomrisk --help`, one a line
	"$OOMRISK" --help | awk '
		/^Commands:/ { on = 1; next }
		on && /^  [a-z]/ { print $1; next }
		on { on = 0 }'
}

help_options() {	# help_options [CMD]: "OPTION arg|flag" for each option
	"$OOMRISK" "$@" --help | awk '
		/^  -[^-], --[a-z]/ || /^      --[a-z]/ {
			short = ""; long = $1; rest = $2
			if ($1 ~ /,$/) { short = substr($1, 1, length($1) - 1); long = $2; rest = $3 }
			takes = "flag"
			# --boot[=ID]: an optional value, given only as --boot=ID: a flag to complete
			if (long ~ /\[=/) sub(/\[=.*/, "", long)
			else if (long ~ /=/ || rest ~ /^[A-Z][A-Z]*(=[A-Z]+)?$/ || rest ~ /^[A-Z]+=/) takes = "arg"
			sub(/=.*/, "", long)
			if (short != "") print short, takes
			print long, takes
		}'
}

help_option_text() {	# help_option_text CMD LONG: the option's description
	"$OOMRISK" "$1" --help | awk -v opt="$2" '
		function starts(l) { return l ~ /^  -[^-], --[a-z]/ || l ~ /^      --[a-z]/ }
		on && (starts($0) || $0 == "") { exit }
		on { print; next }
		starts($0) {
			l = $0; sub(/^ +(-[^-], )?/, "", l)
			name = l; sub(/[= ].*/, "", name)
			if (name == opt) { on = 1; print l }
		}'
}

help_option_pairs() {	# help_option_pairs CMD: "SHORT LONG" ("- LONG" without a short one)
	"$OOMRISK" "$@" --help | awk '
		/^  -[^-], --[a-z]/ { s = substr($1, 1, length($1) - 1); l = $2; sub(/\[?=.*/, "", l); print s, l }
		/^      --[a-z]/ { l = $1; sub(/\[?=.*/, "", l); print "-", l }'
}
