#!/bin/sh
# layering.sh: the folders of src/ are layers, and linking proves it.
#
# The pure layers (lib, proc, log, core, view) take buffers and structs and
# return structs and text: their objects must not reference any call that
# reaches the file system, the task list or the user database, and must not
# include a header of an I/O layer.  The unit tests of pure code must link
# none of libproc2, ncursesw and inih.  A pure file that calls open() makes
# this test fail, naming the file and the symbol.
. "$srcdir/tests/lib.sh"

PURE="lib proc log core view"
# Calls that open, read, list or stat a file, or ask the system for
# something a capture cannot give (uid names, arbitrary syscalls).
BANNED='open open64 openat openat64 fopen fopen64 freopen opendir fdopendir
readdir readdir64 read pread pread64 readv readlink readlinkat stat stat64 lstat
lstat64 fstat fstat64 fstatat fstatat64 statx statfs getdents64 syscall getpwuid
getpwuid_r getpwnam getpwnam_r klogctl __xstat __lxstat __fxstat __fxstatat'

for layer in $PURE; do
	lib=$builddir/src/$layer/liboom$layer.a
	if [ ! -f "$lib" ]; then
		ok 1 "$layer: $lib was built"
		continue
	fi
	# "obj.o:  U symbol" for every undefined symbol of every object.
	bad=$(nm -u -A "$lib" 2>/dev/null | awk -v banned="$BANNED" '
		BEGIN { n = split(banned, b, /[ \n]+/); for (i = 1; i <= n; i++) ban[b[i]] = 1 }
		{ sym = $NF; sub(/@.*/, "", sym); if (sym in ban) { obj = $1; sub(/:$/, "", obj);
		  sub(/.*:/, "", obj); print obj ": " sym } }')
	is "$bad" "" "$layer: no object calls the file system (nm -u of liboom$layer.a)"
done

# Includes: a pure file includes headers of pure layers only.
for layer in $PURE; do
	bad=$(grep -H '^#include "\(sys\|tui\|cmd\)/' "$srcdir"/src/$layer/*.[ch] 2>/dev/null |
	    sed "s|^$srcdir/||")
	is "$bad" "" "$layer: includes no header of sys/, tui/ or cmd/"
done
# And lower layers do not reach up: lib includes only lib; proc lib and proc;
# log lib, proc and log; core everything pure but view.
check_up() {
	layer=$1 allowed=$2
	bad=$(grep -H '^#include "[a-z]*/' "$srcdir"/src/$layer/*.[ch] |
	    grep -v "#include \"\($allowed\)/" | sed "s|^$srcdir/||")
	is "$bad" "" "$layer: includes only from $(echo "$allowed" | sed "s|\\\\||, |g")"
}
check_up lib 'lib'
check_up proc 'lib\|proc'
check_up log 'lib\|proc\|log'
check_up core 'lib\|proc\|log\|core'
check_up view 'lib\|proc\|log\|core\|view'

# The unit tests of pure code link no system library beyond libc and libm.
for t in $PURE_TESTS; do
	bin=$builddir/$t
	if [ ! -x "$bin" ]; then
		ok 1 "$t was built"
		continue
	fi
	libs=$(objdump -p "$bin" 2>/dev/null | awk '$1 == "NEEDED" { print $2 }' |
	    grep -i 'proc2\|ncurses\|tinfo\|inih' | tr '\n' ' ')
	is "$libs" "" "$(basename "$t") links none of libproc2, ncursesw, inih"
done

done_testing
