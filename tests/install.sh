# install: `make install DESTDIR=...` from this build.  The systemd units
# and the cron file name the installed binary (no @var@ or ${var} left),
# `systemd-analyze verify` accepts the units with the tree at its prefix (a
# private mount namespace), the units are sandboxed yet may write where
# oomrisk writes (check's state, export's --output), the binary reads the
# configuration where it was installed, bash-completion's loader finds the
# completion, and `make uninstall` removes it all again.
. "$srcdir/tests/lib.sh"

[ -f "$builddir/Makefile" ] || skip_all "no Makefile in $builddir (run it from make check)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root

# Not the parent's make flags (-j and its job server, -s, -k).
make_here() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$builddir" "$@"; }
make_here install DESTDIR="$root" >"$tmp/install.log" 2>&1
st=$?
[ $st -eq 0 ] || tail -20 "$tmp/install.log" | sed 's/^/# /'
ok $st "make install DESTDIR=..."
[ $st -eq 0 ] || done_testing

installed() {	# installed /NAME: the one installed file whose path ends so, as on the target
	_f=$(find "$root" -path "*$1" \( -type f -o -type l \))
	[ "$(printf '%s\n' "$_f" | grep -c .)" = 1 ] || return 1
	printf '%s\n' "${_f#"$root"}"
}
bin=$(installed /bin/oomrisk)
is "${bin##*/}" oomrisk "the binary is installed (${bin:-nowhere})"
prefix=${bin%/bin/oomrisk}
units=
for u in oomrisk-check.service oomrisk-check.timer oomrisk-export.service oomrisk-export.timer; do
	p=$(installed "/$u")
	ok $? "$u installed (${p:-nowhere})"
	units="$units $p"
done
unitdir=$(dirname "$(installed /oomrisk-check.service)")
cron=$(installed /oomrisk.cron)
ok $? "the cron example installed ($cron)"

# Every path is the installed one, fully expanded.
for f in $units $cron; do
	grep -n '@[A-Za-z_]*@\|\${\|\$(' "$root$f" | sed 's/^/# /'
	grep -q '@[A-Za-z_]*@\|\${\|\$(' "$root$f"
	is $? 1 "${f##*/}: no @var@, \${var} or \$(var) left"
done
for f in $unitdir/oomrisk-check.service $unitdir/oomrisk-export.service; do
	execs=$(sed -n 's/^ExecStart=//p' "$root$f" | awk '{ print $1 }')
	is "$execs" "$bin" "${f##*/}: ExecStart runs $bin"
done
is "$(grep -v '^#' "$root$cron" | grep -o '/[^ ]*/oomrisk ' | sort -u | tr -d ' ')" "$bin" \
	"oomrisk.cron runs $bin"
"$root$bin" --version >/dev/null
ok $? "the installed binary runs"

# The configuration where the binary looks for it.
conf=$(installed /oomrisk.conf)
reads=$("$root$bin" check --help | grep -o '/[^ ]*/oomrisk\.conf' | head -1)
is "$reads" "$conf" "the binary reads the configuration make install put there"

# The sandbox: read-only system, and write access only where oomrisk
# writes: check's default state (as root) under its StateDirectory,
# export's --output directory in ReadWritePaths.
for f in $unitdir/oomrisk-check.service $unitdir/oomrisk-export.service; do
	miss=
	for kv in ProtectSystem=strict ProtectHome=yes PrivateTmp=yes NoNewPrivileges=yes \
	    ProtectKernelModules=yes ProtectKernelTunables=yes ProtectControlGroups=yes \
	    RestrictSUIDSGID=yes LockPersonality=yes MemoryDenyWriteExecute=yes; do
		grep -qx "$kv" "$root$f" || miss="$miss $kv"
	done
	is "$miss" "" "${f##*/}: hardened"
done
state=$("$root$bin" check --help | grep -o '/var/lib/[^ ]*' | head -1)
statedir=$(sed -n 's/^StateDirectory=//p' "$root$unitdir/oomrisk-check.service")
case $state in "/var/lib/$statedir/"*) r=0 ;; *) r=1 ;; esac
ok $r "check's state as root ($state) is in its StateDirectory (/var/lib/$statedir)"
grep -qx 'CapabilityBoundingSet=.*CAP_SYSLOG.*' "$root$unitdir/oomrisk-check.service" &&
	! grep -q '^ProtectKernelLogs=yes\|^PrivateDevices=yes' "$root$unitdir/oomrisk-check.service"
ok $? "check may read /dev/kmsg (CAP_SYSLOG; no ProtectKernelLogs or PrivateDevices)"
out=$(sed -n 's/^ExecStart=.* --output \([^ ]*\).*/\1/p' "$root$unitdir/oomrisk-export.service")
rw=$(sed -n 's/^ReadWritePaths=-\{0,1\}//p' "$root$unitdir/oomrisk-export.service")
is "$rw" "$(dirname "$out")" "export may write its --output ($out) and rename into its directory"
grep -q "^ExecStartPre=+.*mkdir -p $rw\$" "$root$unitdir/oomrisk-export.service"
ok $? "and that directory is made before the sandbox needs it"

# systemd-analyze verify, with this tree mounted at its prefix so that
# every path in the units resolves as it will on the target.
if ! command -v systemd-analyze >/dev/null; then
	skip "systemd-analyze verify" "systemd-analyze not installed (Debian package systemd)"
elif [ "$(id -u)" -ne 0 ] || ! [ -d "$prefix" ] || ! unshare -m true 2>/dev/null; then
	skip "systemd-analyze verify" "needs root, unshare -m and an existing $prefix to mount the tree there"
else
	man_opt=--man=yes
	mandir=$(dirname "$(dirname "$(installed /oomrisk.1)")")
	command -v man >/dev/null || man_opt=--man=no
	# shellcheck disable=SC2016 # expanded by the inner shell
	in_prefix() {
		unshare -m sh -c 'mount --bind "$1" "$2" && shift 2 && exec "$@"' sh \
			"$root$prefix" "$prefix" env MANPATH="$mandir:" "$@"
	}
	# shellcheck disable=SC2086 # $units: one word each
	in_prefix systemd-analyze verify $man_opt $units >"$tmp/verify" 2>&1
	st=$?
	sed 's/^/# /' "$tmp/verify"
	[ $st -eq 0 ] && [ ! -s "$tmp/verify" ]
	ok $? "systemd-analyze verify $man_opt: the four units, without a message"
	# The check can fail: the unsubstituted unit of old is rejected.
	sed "s|^ExecStart=$bin |ExecStart=@bindir@/oomrisk |" "$root$unitdir/oomrisk-check.service" \
		>"$tmp/oomrisk-check.service"
	in_prefix systemd-analyze verify --man=no "$tmp/oomrisk-check.service" >/dev/null 2>&1
	is $? 1 "and it rejects ExecStart=@bindir@/oomrisk"
	for u in check export; do
		in_prefix systemd-analyze security --offline=true "$unitdir/oomrisk-$u.service" \
			>"$tmp/security" 2>&1
		level=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]* [A-Z]*\).*/\1/p' "$tmp/security")
		case $level in *" SAFE" | *" OK") r=0 ;; *) r=1 ;; esac
		ok $r "systemd-analyze security: oomrisk-$u.service exposure ${level:-?}"
	done
fi

# bash-completion finds the completion where it is installed: under a
# directory of $XDG_DATA_DIRS, the one pkg-config names for this prefix.
comp=$(installed /completions/oomrisk)
ok $? "the bash completion installed (${comp:-nowhere})"
data=${comp%/bash-completion/completions/oomrisk}
if pkg-config --exists bash-completion 2>/dev/null; then
	is "$(pkg-config --define-variable=prefix="$prefix" --define-variable=datadir="$prefix/share" \
	    --variable=completionsdir bash-completion)" \
		"$(dirname "$comp")" "in bash-completion's completionsdir for $prefix"
else
	skip "in bash-completion's completionsdir" "no bash-completion.pc"
fi
if [ -r /usr/share/bash-completion/bash_completion ] && [ "$data" != "$comp" ]; then
	# shellcheck disable=SC2016 # expanded by bash
	got=$(XDG_DATA_DIRS="$root$data" bash -c '. /usr/share/bash-completion/bash_completion &&
		__load_completion oomrisk && complete -p oomrisk' 2>&1)
	is "$got" "complete -F _oomrisk oomrisk" "bash-completion's loader finds it"
else
	skip "bash-completion's loader finds it" "bash-completion not installed"
fi
for f in oomrisk.1 oomrisk.conf.5 oomrisk.rules.yml; do
	p=$(installed "/$f")
	ok $? "$f installed (${p:-nowhere})"
done
p=$(installed /grafana/oomrisk.json)
ok $? "the Grafana dashboard installed (${p:-nowhere})"

make_here uninstall DESTDIR="$root" >"$tmp/uninstall.log" 2>&1
ok $? "make uninstall"
is "$(find "$root" -type f | sed "s|^$root||" | tr '\n' ' ')" "" "and no file is left"
done_testing
