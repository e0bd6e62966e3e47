# rank-escape: a process named with an escape sequence is shown escaped in
# text and round-trips through JSON.  Fifty rows: tests running alongside
# have their own adj 999 and 1000 tasks.
. "$srcdir/tests/lib.sh"

tmp=$(mktemp -d)
evil=$(printf '\033[31mX\a')
"$MEMHOG" -m 4 -a 999 -n "$evil" -r "$tmp/ready" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
wait_ready "$tmp/ready"

"$OOMRISK" rank -n 50 -w >"$tmp/out.txt"
grep -q "$(printf '\033')" "$tmp/out.txt"
ok $((! $?)) "no raw ESC in text output"
grep -q "$(printf '\a')" "$tmp/out.txt"
ok $((! $?)) "no raw BEL in text output"
grep -qF "$pid root" "$tmp/out.txt" && grep -F "$pid root" "$tmp/out.txt" | grep -qF '\e[31mX\a'
ok $? "the name is shown as \\e[31mX\\a"
"$OOMRISK" rank -n 50 -c -w | grep -qF '\e[31mX\a'
ok $? "command lines are escaped too"

"$OOMRISK" rank -n 50 --format=json >"$tmp/out.json"
jq -e . "$tmp/out.json" >/dev/null
ok $? "JSON stays valid"
got=$(jq -j --argjson p "$pid" '.tasks[] | select(.pid == $p) | .comm' "$tmp/out.json" | od -An -tx1 | tr -d ' \n')
want=$(printf '%s' "$evil" | od -An -tx1 | tr -d ' \n')
is "$got" "$want" "comm round-trips through JSON byte for byte"
"$OOMRISK" rank -n 50 --format=csv | grep -q "$(printf '\033')"
ok $((! $?)) "no raw ESC in CSV"
done_testing
