# top-valgrind: a 60-second `top --batch` run under valgrind leaks nothing
# and makes no memory error.  (--no-mlock: locking valgrind's own shadow
# memory would only waste RAM.)
. "$srcdir/tests/lib.sh"
command -v valgrind >/dev/null || skip_all "needs valgrind (build-aux/debian-packages)"
case $(cat "$builddir/config.log" 2>/dev/null | grep -c 'fsanitize=address') in
0) ;;
*) skip_all "sanitizer build: valgrind and ASan do not mix" ;;
esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s)
valgrind --error-exitcode=3 --leak-check=full --show-leak-kinds=definite,indirect,possible \
	--errors-for-leak-kinds=definite,indirect,possible --log-file="$tmp/vg" \
	"$OOMRISK" top -b -d 1 -n 61 -r 20 --no-mlock >"$tmp/out"
st=$?
end=$(date +%s)
is "$st" 0 "valgrind: no error and no leak (exit $st)"
[ "$st" -eq 0 ] || sed 's/^/# /' "$tmp/vg" | tail -40
[ $((end - start)) -ge 60 ]
ok $? "ran for 60 seconds or more ($((end - start)) s)"
is "$(grep -c '^oomrisk top ' "$tmp/out")" 61 "61 frames, one a second"
grep -q 'definitely lost: 0 bytes in 0 blocks' "$tmp/vg" || grep -q 'All heap blocks were freed' "$tmp/vg"
ok $? "the leak summary says nothing was lost"
grep -E 'definitely lost|indirectly lost|possibly lost|still reachable|All heap' "$tmp/vg" | sed 's/^==[0-9]*== */# /'
done_testing
