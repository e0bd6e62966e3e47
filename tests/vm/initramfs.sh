# tests/vm/initramfs.sh: the guest's root file system, sourced by vm.sh.
# initramfs_build DIR CPIO: lays out DIR and packs it into CPIO (newc,
# uncompressed: unpacking is faster than gunzip under TCG).  The guest runs
# from this initramfs alone (tmpfs root); nothing of the host is shared.
#
#   /init, /vm/*.sh          the guest side (tests/vm/guest)
#   /bin/busybox             static busybox; /init installs its applets
#   /bin/oomrisk             the binary just built, with the shared libraries
#   /bin/jq                  ldd lists, copied at their host paths
#   /bin/memhog              tests/helper/memhog.c linked statically (no
#                            loader or library pages: identical tasks stay
#                            identical, which the tie experiments need)
#   /bin/oomscores, sleepers tests/helper/oomscores.c, bench/sleepers.c, static
#   /bin/zonecap             tests/helper/zonecap.c, static (zonefall's frames)
#   /bin/probe               tests/bpf/probe with its libraries (the BPF
#                            programs are inside it and oomrisk: light
#                            skeletons, no object files to copy)
#   /lib/modules/*.ko        the modules kernel.sh kept
#   /oomrisk/tests/          tests/*.sh: the suite's shell tests, some of which
#                            the guest runs as they are (exp-suite.sh)
#   /bin/getconf             PAGESIZE only (busybox has no getconf)

# copy_with_libs BIN DEST DIR: BIN as DIR/DEST plus every library ldd names.
copy_with_libs() {
	cp "$1" "$3/$2" || return 1
	ldd "$1" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' |
	while read -r _lib; do
		mkdir -p "$3/$(dirname "$_lib")" && cp -L "$_lib" "$3/$_lib" || exit 1
	done
}

initramfs_build() {
	_root=$1
	mkdir -p "$_root/bin" "$_root/lib/modules" "$_root/vm" "$_root/etc" \
		"$_root/oomrisk/tests" "$_root/dev" "$_root/proc" "$_root/sys" "$_root/tmp" \
		"$_root/root" || return 1
	cp "$vm_busybox" "$_root/bin/busybox" || return 1
	copy_with_libs "$OOMRISK" bin/oomrisk "$_root" || return 1
	copy_with_libs "$(command -v jq)" bin/jq "$_root" || return 1
	cp "$vm_memhog" "$_root/bin/memhog" || return 1
	cp "$vm_helpers/oomscores" "$vm_helpers/sleepers" "$vm_helpers/zonecap" "$_root/bin/" ||
		return 1
	copy_with_libs "$vm_probe" bin/probe "$_root" || return 1
	cp "$vm_moddir"/* "$_root/lib/modules/" || return 1
	cp "$srcdir/tests/vm/guest/init" "$_root/init" &&
	chmod 755 "$_root/init" &&
	cp "$srcdir"/tests/vm/guest/*.sh "$_root/vm/" &&
	cp "$srcdir"/tests/*.sh "$_root/oomrisk/tests/" &&
	mkdir -p "$_root/oomrisk/tests/fixtures" &&
	cp "$srcdir/tests/fixtures/capture-procroot.sh" "$srcdir/tests/fixtures/container-workload.sh" \
		"$_root/oomrisk/tests/fixtures/" &&
	cp "$srcdir/tests/vm/guest/getconf" "$_root/bin/getconf" &&
	chmod 755 "$_root/bin/getconf" || return 1
	# rank prints user names; memhog's -n names are its own.
	echo 'root:x:0:0:root:/root:/bin/sh' >"$_root/etc/passwd"
	echo 'root:x:0:' >"$_root/etc/group"
	(cd "$_root" && find . | LC_ALL=C sort | "$vm_busybox" cpio -o -H newc 2>/dev/null) >"$2"
}
