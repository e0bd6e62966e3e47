# tests/vm/kernel.sh: the guest kernel, sourced by vm.sh.  Sets vm_kernel
# (the vmlinuz), vm_moddir (the few modules the guest loads), vm_kver (its
# uname -r) and vm_kpkg (package and version), or returns 1 with vm_kerr.
#
# The kernel is Debian's own, the one linux-image-amd64 depends on (6.1.x
# on Debian 12), fetched once with `apt-get download` into a cache outside
# the tree: $OOMRISK_VM_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/oomrisk-vm.
# Only vmlinuz and the virtio modules are kept; the .deb is deleted.  When
# apt cannot answer (offline) the newest kernel already cached is used.
# OOMRISK_VM_KERNEL_DEB=FILE uses that package instead of asking apt.

vm_cache=${OOMRISK_VM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/oomrisk-vm}

# What the guest needs as modules: the block device for its swap (virtio
# over PCI).  Serial ports (8250), tmpfs, cgroup2 and swap are built in.
# Listed in load order (each one's dependencies first), as modinfo shows:
# virtio_pci depends=virtio_ring,virtio_pci_modern_dev,virtio_pci_legacy_dev,virtio
vm_modules="virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk"

# kernel_extract DEB DIR: vmlinuz, the modules and the version into DIR.
kernel_extract() {
	_tmp=$(mktemp -d) || return 1
	dpkg-deb --fsys-tarfile "$1" | tar -x -C "$_tmp" --wildcards \
		'./boot/vmlinuz-*' './lib/modules/*/kernel/drivers/virtio/*' \
		'./lib/modules/*/kernel/drivers/block/virtio_blk.ko*' || { rm -rf "$_tmp"; return 1; }
	mkdir -p "$2/modules" &&
	cp "$_tmp"/boot/vmlinuz-* "$2/vmlinuz" &&
	for _m in $vm_modules; do
		find "$_tmp/lib/modules" -name "$_m.ko*" -exec cp {} "$2/modules/" \; || return 1
	done
	basename "$_tmp"/boot/vmlinuz-* | sed 's/^vmlinuz-//' >"$2/release"
	dpkg-deb -f "$1" Package Version | sed 's/^[A-Za-z]*: //' | tr '\n' ' ' |
		sed 's/ $/\n/' >"$2/package"
	rm -rf "$_tmp"
}

# kernel_fetch: download the package linux-image-amd64 depends on (once).
kernel_fetch() {
	if [ -n "${OOMRISK_VM_KERNEL_DEB:-}" ]; then
		_deb=$OOMRISK_VM_KERNEL_DEB
		_name=$(dpkg-deb -f "$_deb" Package)_$(dpkg-deb -f "$_deb" Version)
	else
		_pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
			sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*\)$/\1/p' | head -n 1)
		_ver=$(apt-cache show "$_pkg" 2>/dev/null | sed -n 's/^Version: //p' | head -n 1)
		[ -n "$_pkg" ] && [ -n "$_ver" ] || return 1
		_name=${_pkg}_$_ver
	fi
	[ -f "$vm_cache/$_name/vmlinuz" ] && { vm_kdir=$vm_cache/$_name; return 0; }
	mkdir -p "$vm_cache/$_name.part" || return 1
	if [ -z "${OOMRISK_VM_KERNEL_DEB:-}" ]; then
		# apt writes the .deb into the current directory.
		(cd "$vm_cache/$_name.part" && apt-get download -q "$_pkg=$_ver") >&2 || return 1
		_deb=$(ls "$vm_cache/$_name.part"/*.deb)
	fi
	kernel_extract "$_deb" "$vm_cache/$_name.part" || return 1
	rm -f "$vm_cache/$_name.part"/*.deb
	mv "$vm_cache/$_name.part" "$vm_cache/$_name" || return 1
	vm_kdir=$vm_cache/$_name
}

vm_kernel_find() {
	vm_kdir=
	kernel_fetch || {
		# Offline: the newest kernel a previous run left.
		rm -rf "$vm_cache"/*.part
		vm_kdir=$(ls -d "$vm_cache"/linux-image-*/ 2>/dev/null | sort -V | tail -n 1)
		vm_kdir=${vm_kdir%/}
	}
	if [ -z "$vm_kdir" ] || [ ! -f "$vm_kdir/vmlinuz" ]; then
		vm_kerr="no kernel: apt-get download of linux-image-amd64's kernel failed and $vm_cache holds none"
		return 1
	fi
	vm_kernel=$vm_kdir/vmlinuz
	vm_moddir=$vm_kdir/modules
	vm_kver=$(cat "$vm_kdir/release")
	vm_kpkg=$(cat "$vm_kdir/package")
}
