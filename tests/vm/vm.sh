# tests/vm/vm.sh: oomrisk against a real cgroup v2 kernel (tests/vm/README.md).
# Boots Debian's kernel under qemu from an initramfs holding the oomrisk
# just built, runs the experiments of tests/vm/guest inside and prints
# their TAP, renumbered, after the host's own points.  The guest's kernel
# log and oomrisk's outputs land in $builddir/tests/vm-out.
#
#   sh tests/vm/vm.sh [EXPERIMENT...]      (srcdir, builddir in the env)
#   OOMRISK_VM_EXPERIMENTS="ties group" make check-vm
#
# Skips only when qemu cannot run at all.  Environment: OOMRISK_VM_CACHE
# (kernel cache), OOMRISK_VM_KERNEL_DEB, OOMRISK_VM_ACCEL (kvm or tcg),
# OOMRISK_VM_MEM (MiB, 512), OOMRISK_VM_TIMEOUT (seconds, 900),
# OOMRISK_VM_NUMA (2: two NUMA nodes).
. "$srcdir/tests/lib.sh"
. "$srcdir/tests/vm/kernel.sh"
. "$srcdir/tests/vm/initramfs.sh"

qemu=$(command -v qemu-system-x86_64) ||
	skip_all "qemu-system-x86_64 is not installed (Debian: qemu-system-x86)"
"$qemu" -version >/dev/null 2>&1 || skip_all "qemu-system-x86_64 does not run here"

exps=${*:-${OOMRISK_VM_EXPERIMENTS:-}}
out=$builddir/tests/vm-out
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$out"
mkdir -p "$out"
t_start=$(date +%s)

# What goes into the guest.
vm_busybox=
for b in /bin/busybox /usr/bin/busybox; do
	[ -x "$b" ] && ! ldd "$b" >/dev/null 2>&1 && vm_busybox=$b && break
done
[ -n "$vm_busybox" ]
ok $? "a static busybox (Debian: busybox-static)" || done_testing
command -v jq >/dev/null
ok $? "jq is installed" || done_testing
[ -x "$OOMRISK" ]
ok $? "oomrisk is built ($OOMRISK)" || done_testing
vm_memhog=$work/memhog
${CC:-cc} -O2 -static -o "$vm_memhog" "$srcdir/tests/helper/memhog.c" 2>"$work/cc.err"
ok $? "memhog links statically (libc.a)" || { sed 's/^/# /' "$work/cc.err"; done_testing; }
# The bpf experiment's helpers: the kernel's scores read fast, sleepers,
# and tests/bpf/probe (built by make check-vm; with its libraries).
vm_helpers=$work/helpers
mkdir -p "$vm_helpers"
${CC:-cc} -O2 -static -o "$vm_helpers/oomscores" "$srcdir/tests/helper/oomscores.c" \
	2>"$work/cc.err" &&
${CC:-cc} -O2 -static -o "$vm_helpers/sleepers" "$srcdir/tests/helper/sleepers.c" 2>>"$work/cc.err" &&
${CC:-cc} -O2 -static -o "$vm_helpers/zonecap" "$srcdir/tests/helper/zonecap.c" 2>>"$work/cc.err"
ok $? "oomscores, sleepers and zonecap link statically" || { sed 's/^/# /' "$work/cc.err"; done_testing; }
vm_probe=$builddir/tests/bpf/probe
[ -x "$vm_probe" ]
ok $? "tests/bpf/probe is built" || done_testing

vm_kernel_find
ok $? "Debian's kernel: ${vm_kerr:-$vm_kpkg in $vm_kdir}" || done_testing
echo "# kernel $vm_kver ($vm_kpkg)"
echo "$vm_kver ($vm_kpkg)" >"$out/kernel-version"

initramfs_build "$work/root" "$work/initrd.cpio"
ok $? "initramfs ($(($(wc -c <"$work/initrd.cpio") / 1024)) KiB)" || done_testing

# The swap experiment's disk: 64 MiB, sparse until the guest swaps.
truncate -s 64M "$work/swap.img"

accel=${OOMRISK_VM_ACCEL:-}
if [ -z "$accel" ]; then
	accel=tcg
	[ -r /dev/kvm ] && [ -w /dev/kvm ] && grep -qE '^flags.* (vmx|svm)( |$)' /proc/cpuinfo &&
		accel=kvm
fi
case $accel in
kvm) cpu=host ;;
*) cpu=max ;;
esac
echo "# accelerator $accel, cpu $cpu"

# Kernel command line: the log must hold every report (log_buf_len); THP
# off so that cgroups fill in 4K pages; no ASLR so that identical tasks
# have identical page tables (the tie experiments); quiet on the console.
append="console=ttyS0 log_buf_len=4M transparent_hugepage=never norandmaps quiet loglevel=3 panic=-1"
[ -n "$exps" ] && append="$append oomrisk.exp=$(echo $exps | tr ' ' ',')"

# OOMRISK_VM_NUMA=2: the memory split over two NUMA nodes, a CPU each (the
# zonefall capture's per-node zones).
numa=
mem=${OOMRISK_VM_MEM:-512}
if [ "${OOMRISK_VM_NUMA:-1}" = 2 ]; then
	numa="-object memory-backend-ram,id=m0,size=$((mem / 2))M
	      -object memory-backend-ram,id=m1,size=$((mem - mem / 2))M
	      -numa node,nodeid=0,cpus=0,memdev=m0 -numa node,nodeid=1,cpus=1,memdev=m1"
	echo "# two NUMA nodes of $((mem / 2)) MiB"
fi

t_boot=$(date +%s)
# $numa unquoted: it is a list of arguments or nothing.
timeout "${OOMRISK_VM_TIMEOUT:-900}" "$qemu" -accel "$accel" -cpu "$cpu" -smp 2 \
	-m "$mem" $numa -display none -no-reboot -monitor none \
	-kernel "$vm_kernel" -initrd "$work/initrd.cpio" -append "$append" \
	-serial "file:$out/console.log" -serial "file:$work/tap" -serial "file:$work/files" \
	-drive "file=$work/swap.img,if=virtio,format=raw" \
	2>"$out/qemu.err"
st=$?
t_end=$(date +%s)
is "$st" 0 "qemu ran the guest to its end (exit $st; 124 = timeout)"
sed 's/^/# qemu: /' "$out/qemu.err"

# The guest's TAP, renumbered into ours.
tr -d '\r' <"$work/tap" >"$out/guest.tap"
guest_n=0 guest_plan=
while IFS= read -r line; do
	case $line in
	"ok "*|"not ok "*)
		guest_n=$((guest_n + 1))
		tap_n=$((tap_n + 1))
		case $line in
		"ok "*) st=ok rest=${line#ok } ;;
		*) st="not ok" rest=${line#not ok } ;;
		esac
		echo "$st $tap_n ${rest#* }"
		case $line in
		"not ok "*"# TODO"*) ;;
		"not ok "*) tap_failed=$((tap_failed + 1)) ;;
		esac
		;;
	1..*) guest_plan=${line#1..} ;;
	*) echo "$line" ;;
	esac
done <"$out/guest.tap"
is "$guest_n" "${guest_plan:-no plan}" "the guest ran its whole plan"

# Its files: the kernel log and what oomrisk printed, for inspection.
tr -d '\r' <"$work/files" | sed -n '/^=== begin/,/^=== end/p' | sed '1d;$d' |
	base64 -d | tar -x -C "$out" 2>"$work/tar.err"
ok $? "the guest's files are in ${out#$builddir/}" || sed 's/^/# /' "$work/tar.err"
boot=$(sed -n 's/^# guest up \([0-9.]*\) s when the experiments start$/\1/p' "$out/guest.tap")
echo "# times: guest booted in ${boot:-?} s (its uptime), qemu ran $((t_end - t_boot)) s, all $(($(date +%s) - t_start)) s"
done_testing
