# deb: the Debian package, end to end (run by .ci/run; it builds the whole
# package, so it is not part of make check):
#   make check-deb
# Builds a copy of the source tree with `dpkg-buildpackage -us -uc -b`,
# checks it with lintian (an error fails; warnings are listed), installs it
# with `dpkg -i`, checks what it installed and that nothing was enabled or
# started, runs it, then removes and purges it and checks that every file it
# added (and the state oomrisk wrote as root) is gone.  It refuses to run
# where oomrisk or its files are already present: it never replaces or
# purges anything it did not install.
. "$srcdir/tests/lib.sh"

need_root
for c in dpkg-buildpackage dh git; do
	command -v "$c" >/dev/null ||
		skip_all "needs $c (build-aux/debian-packages-tests: dpkg-dev, debhelper; git)"
done
[ -f "$srcdir/debian/control" ] || skip_all "no debian/ in $srcdir (a release tarball)"
git -C "$srcdir" rev-parse --git-dir >/dev/null 2>&1 || skip_all "$srcdir is not a git checkout"
if dpkg-query -W -f='${db:Status-Abbrev}' oomrisk 2>/dev/null | grep -q '^[ihrc]'; then
	skip_all "oomrisk is installed here; not replacing or purging it"
fi
TEXTFILE=/var/lib/prometheus/node-exporter/oomrisk.prom
for f in /etc/oomrisk.conf /var/lib/oomrisk "$TEXTFILE"; do
	if [ -e "$f" ]; then skip_all "$f exists; purging the package would remove it"; fi
done

tmp=$(mktemp -d)
installed=no
cleanup() {
	[ "$installed" = no ] || dpkg --purge oomrisk >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
units="oomrisk-check.service oomrisk-check.timer oomrisk-export.service oomrisk-export.timer"

# debian/control builds from what ./bootstrap installs.
deps=$(sed -n '/^Build-Depends:/,/^[A-Z][A-Za-z-]*:/p' "$srcdir/debian/control" |
	sed '$d; s/^Build-Depends://' | tr ',' '\n' | sed 's/(.*)//; s/^[[:space:]]*//; s/[[:space:]]*$//' |
	sed '/^$/d')
missing=$(sed 's/#.*//' "$srcdir/build-aux/debian-packages" | while read -r p; do
	[ -z "$p" ] || [ "$p" = build-essential ] || printf '%s\n' "$deps" | grep -qx "$p" || echo "$p"
done | tr '\n' ' ')
is "$missing" "" "Build-Depends names every package of build-aux/debian-packages"

# Build in a copy: dpkg-buildpackage cleans the tree it builds in.
mkdir "$tmp/src"
(cd "$srcdir" && git ls-files -co --exclude-standard -z | tar --null -T - -cf -) | tar -xf - -C "$tmp/src"
(cd "$tmp/src" && dpkg-buildpackage -us -uc -b) >"$tmp/build.log" 2>&1
st=$?
[ $st -eq 0 ] || tail -30 "$tmp/build.log" | sed 's/^/# /'
ok $st "dpkg-buildpackage -us -uc -b"
set -- "$tmp"/oomrisk_*.deb
deb=$1
[ -f "$deb" ]
ok $? "it built ${deb##*/}"
[ -f "$deb" ] || done_testing
grep -n 'warning:' "$tmp/build.log" | grep -v 'dpkg-\|debian/changelog' | sed 's/^/# /'
grep 'warning:' "$tmp/build.log" | grep -qv 'dpkg-\|debian/changelog'
is $? 1 "the build compiles without a warning"

if command -v lintian >/dev/null; then
	(cd "$tmp/src" && dpkg-buildpackage -us -uc -S) >"$tmp/source.log" 2>&1
	ok $? "dpkg-buildpackage -us -uc -S (the source package, for lintian)"
	lintian --pedantic "$tmp"/oomrisk_*_"$(dpkg --print-architecture)".changes "$tmp"/oomrisk_*.dsc \
		2>&1 | grep -v '^running with root privileges' >"$tmp/lintian"
	sed 's/^/# /' "$tmp/lintian"
	is "$(grep -c '^E:' "$tmp/lintian")" 0 "lintian: no error ($(grep -c '^W:' "$tmp/lintian") warnings)"
else
	skip "lintian" "lintian not installed (build-aux/debian-packages-tests)"
fi

# What the package holds.
dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|' >"$tmp/contents"
miss=
for f in /usr/bin/oomrisk /usr/share/man/man1/oomrisk.1.gz /usr/share/man/man5/oomrisk.conf.5.gz \
    /etc/oomrisk.conf /usr/share/bash-completion/completions/oomrisk \
    /usr/share/oomrisk/prometheus/oomrisk.rules.yml /usr/share/oomrisk/grafana/oomrisk.json \
    /usr/share/doc/oomrisk/examples/oomrisk.cron /usr/share/doc/oomrisk/copyright; do
	grep -qx "$f" "$tmp/contents" || miss="$miss $f"
done
for u in $units; do grep -qx "/lib/systemd/system/$u" "$tmp/contents" || miss="$miss $u"; done
is "$miss" "" "it holds the binary, man pages, configuration, units, completion, rules, dashboard"
dpkg-deb -e "$deb" "$tmp/control"
is "$(cat "$tmp/control/conffiles")" "/etc/oomrisk.conf" "/etc/oomrisk.conf is its conffile"
starts=$(cat "$tmp/control/postinst" "$tmp/control/preinst" 2>/dev/null |
	grep -E 'deb-systemd-invoke +(start|restart)|systemctl +(start|restart|enable)|invoke-rc\.d')
is "$starts" "" "its maintainer scripts start nothing"

# Install it.
find /etc/systemd /var/lib/systemd/deb-systemd-helper-enabled -name 'oomrisk*' 2>/dev/null \
	>"$tmp/links.before"
installed=yes
dpkg -i "$deb" >"$tmp/install.log" 2>&1
st=$?
[ $st -eq 0 ] || sed 's/^/# /' "$tmp/install.log"
ok $st "dpkg -i"
is "$(dpkg-query -W -f='${db:Status-Abbrev}' oomrisk)" "ii " "installed"
is "$(find /etc/systemd -name 'oomrisk*' | tr '\n' ' ')" "" "no unit enabled (no link under /etc/systemd)"
for u in oomrisk-check.timer oomrisk-export.timer; do
	is "$(systemctl --root=/ is-enabled "$u" 2>&1)" disabled "$u is disabled"
done
if [ -d /run/systemd/system ]; then
	for u in $units; do
		is "$(systemctl is-active "$u")" inactive "$u is not running"
	done
else
	skip "no unit running" "systemd is not running here: nothing could be started (scripts checked above)"
fi

version=$(dpkg-query -W -f='${Version}' oomrisk)
is "$(oomrisk --version 2>&1 | head -1)" "oomrisk ${version%-*}" "oomrisk --version is the package's"
oomrisk rank -n 3 >"$tmp/rank" 2>&1
st=$?
sed 's/^/# /' "$tmp/rank"
ok $st "oomrisk rank runs"
grep -q '^RANK ' "$tmp/rank"
ok $? "and prints the ranking"
oomrisk check --help | grep -q ' /etc/oomrisk\.conf '
ok $? "it reads /etc/oomrisk.conf"
is "$(man -w oomrisk 2>&1)" /usr/share/man/man1/oomrisk.1.gz "man oomrisk"
is "$(man -w 5 oomrisk.conf 2>&1)" /usr/share/man/man5/oomrisk.conf.5.gz "man 5 oomrisk.conf"
if command -v systemd-analyze >/dev/null; then
	# shellcheck disable=SC2086 # one word per unit
	(cd /lib/systemd/system && systemd-analyze verify $units) >"$tmp/verify" 2>&1
	st=$?
	sed 's/^/# /' "$tmp/verify"
	[ $st -eq 0 ] && [ ! -s "$tmp/verify" ]
	ok $? "systemd-analyze verify: the installed units"
else
	skip "systemd-analyze verify" "systemd-analyze not installed"
fi
if [ -r /usr/share/bash-completion/bash_completion ]; then
	# shellcheck disable=SC2016 # expanded by bash
	is "$(bash -c '. /usr/share/bash-completion/bash_completion && __load_completion oomrisk &&
		complete -p oomrisk' 2>&1)" "complete -F _oomrisk oomrisk" "bash-completion loads its completion"
else
	skip "bash-completion loads its completion" "bash-completion not installed"
fi

# What oomrisk writes as root, for purge to remove.
oomrisk check >/dev/null 2>&1
[ $? -le 2 ]
ok $? "oomrisk check as root"
[ -f /var/lib/oomrisk/state ]
ok $? "wrote its state, /var/lib/oomrisk/state"
if [ -d "${TEXTFILE%/*}" ]; then
	oomrisk export --output "$TEXTFILE"
	ok $? "oomrisk export --output $TEXTFILE"
fi

dpkg -r oomrisk >"$tmp/remove.log" 2>&1
ok $? "dpkg -r"
is "$(dpkg-query -W -f='${db:Status-Abbrev}' oomrisk)" "rc " "removed, configuration kept"
[ ! -e /usr/bin/oomrisk ] && [ -f /etc/oomrisk.conf ]
ok $? "the binary is gone, /etc/oomrisk.conf is not"
dpkg --purge oomrisk >"$tmp/purge.log" 2>&1
st=$?
[ $st -eq 0 ] || sed 's/^/# /' "$tmp/purge.log"
ok $st "dpkg --purge"
installed=no
dpkg-query -W -f='${db:Status-Abbrev}' oomrisk 2>/dev/null | grep -q '^[ihrc]'
is $? 1 "not installed any more"
left=$(grep -v '/$' "$tmp/contents" | while read -r f; do [ -e "$f" ] && echo "$f"; done | tr '\n' ' ')
is "$left" "" "every file of the package is gone"
left=$(for f in /etc/oomrisk.conf /var/lib/oomrisk "$TEXTFILE"; do [ -e "$f" ] && echo "$f"; done | tr '\n' ' ')
is "$left" "" "and the configuration, the state and the metrics file"
find /etc/systemd /var/lib/systemd/deb-systemd-helper-enabled -name 'oomrisk*' 2>/dev/null >"$tmp/links.after"
is "$(diff "$tmp/links.before" "$tmp/links.after")" "" "no unit link or deb-systemd-helper state left"
done_testing
