# backend-cli: --backend and the backend keys of oomrisk.conf: values and
# usage errors; a saved proc tree (--proc-root) forces /proc and says so;
# one-shot commands stay on /proc with auto; and wherever the BPF iterator
# cannot be had (a build without it, no privileges, a kernel without BTF,
# simulated with $OOMRISK_BTF pointing at a missing file) every command
# works on /proc and says why in one line, once.  The iterator's numbers:
# tests/bpf-live.sh.
. "$srcdir/tests/lib.sh"
command -v jq >/dev/null || skip_all "needs jq"
command -v xz >/dev/null || skip_all "needs xz"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xz -dc "$srcdir/tests/fixtures/procroot/host-memcg.tar.xz" | tar -C "$tmp" -xf -
root=$tmp/host-memcg/proc
export OOMRISK_CONFIG=/dev/null

for cmd in rank top check export; do
	"$OOMRISK" $cmd --help | grep -q -- '--backend=WHERE'
	ok $? "$cmd --help names --backend"
	extra=
	[ "$cmd" = top ] && extra=--batch
	err=$("$OOMRISK" $cmd $extra --backend=sideways 2>&1 >/dev/null); st=$?
	want=1
	[ "$cmd" = check ] && want=3
	is "$st" "$want" "$cmd --backend=sideways: a usage error (exit $want)"
	is "$(echo "$err" | head -1)" "oomrisk: $cmd: --backend: expected auto, proc or bpf" \
		"$cmd: and says what is expected"
done

# A saved tree has no kernel to attach to: /proc, said once; auto says nothing.
note="--proc-root: a saved proc tree has no kernel to attach the BPF iterator to; using /proc"
"$OOMRISK" rank -n 5 --format=json --proc-root="$root" >"$tmp/auto.json" 2>"$tmp/auto.err"
"$OOMRISK" rank -n 5 --format=json --backend=bpf --proc-root="$root" >"$tmp/bpf.json" 2>"$tmp/bpf.err"
is "$?" 0 "rank --backend=bpf --proc-root: succeeds"
is "$(cat "$tmp/bpf.err")" "oomrisk: rank: $note" "and says, in one line, that it uses /proc"
is "$(cat "$tmp/auto.err")" "" "auto --proc-root: nothing to say"
is "$(jq -r .backend "$tmp/bpf.json")" proc "JSON: backend proc"
# But for the time each run took place (a second may turn between them).
[ "$(jq -S 'del(.time)' "$tmp/auto.json")" = "$(jq -S 'del(.time)' "$tmp/bpf.json")" ]
ok $? "the same output as auto's (but the time)"
"$OOMRISK" top --batch -n 2 -d 0.01 -r 3 --backend=bpf --proc-root="$root" >"$tmp/top" 2>&1
is "$(grep -c -- "$note" "$tmp/top")" 1 "top --batch: the note once, not per frame"
is "$(head -1 "$tmp/top")" "note: $note" "as the first line"
is "$(grep -c '^victim .* tasks via /proc$' "$tmp/top")" 2 "top's header: via /proc"
"$OOMRISK" check --backend=bpf --proc-root="$root" --state="$tmp/state" --format=json \
	>"$tmp/check.json" 2>"$tmp/check.err"
is "$(jq -r .backend "$tmp/check.json"):$(cat "$tmp/check.err")" "proc:oomrisk: check: $note" \
	"check: backend proc in JSON, the note on stderr"
"$OOMRISK" export --backend=bpf --proc-root="$root" --state="$tmp/none" >"$tmp/prom" \
	2>"$tmp/prom.err"
is "$(cat "$tmp/prom.err")" "oomrisk: export: $note" "export: the note on stderr"
grep -q '^oomrisk_backend_info{backend="proc"} 1$' "$tmp/prom"
ok $? "export: oomrisk_backend_info says proc"

# The keys: [top] backend for top, [check] backend for check and export.
printf '[top]\nbackend = bpf\n[check]\nbackend = proc\n' >"$tmp/ok.conf"
"$OOMRISK" top --batch -n 1 -r 1 -C "$tmp/ok.conf" --proc-root="$root" 2>&1 | head -1 |
	grep -qF -- "$note"
ok $? "[top] backend = bpf is read by top"
"$OOMRISK" top --batch -n 1 -r 1 -C "$tmp/ok.conf" --backend=auto --proc-root="$root" 2>&1 |
	grep -qF -- "$note"
[ $? -ne 0 ]
ok $? "--backend overrides the key"
printf '[check]\nbackend = bpf\n' >"$tmp/check.conf"
"$OOMRISK" export -c "$tmp/check.conf" --proc-root="$root" --state="$tmp/none" 2>&1 >/dev/null |
	grep -qF -- "$note"
ok $? "[check] backend = bpf is read by export"
printf '[top]\nbackend = fast\n' >"$tmp/bad.conf"
err=$("$OOMRISK" top --batch -n 1 -C "$tmp/bad.conf" 2>&1); st=$?
is "$st" 1 "a bad backend value is a configuration error (exit 1)"
is "$(echo "$err" | head -1)" \
	"oomrisk: top: $tmp/bad.conf:2: backend: malformed value 'fast': expected auto, proc or bpf" \
	"naming the file, the line and the key"

# One-shot commands stay on /proc with auto, privileges or not.
"$OOMRISK" rank -n 1 --format=json >"$tmp/live.json" 2>"$tmp/live.err"
is "$(jq -r .backend "$tmp/live.json"):$(cat "$tmp/live.err")" "proc:" "rank (auto): /proc, quietly"

# Without the iterator: /proc, and one line that says why.
# expect_fallback WHY PREFIX...: the live commands under PREFIX say WHY once.
expect_fallback() {
	why=$1
	shift
	"$@" "$OOMRISK" rank --backend=bpf -n 3 --format=json >"$tmp/fb.json" 2>"$tmp/fb.err"
	is "$?:$(jq -r .backend "$tmp/fb.json")" "0:proc" "rank --backend=bpf ($why): works on /proc"
	is "$(cat "$tmp/fb.err")" "oomrisk: rank: BPF backend unavailable: $why; using /proc" \
		"rank ($why): one line says why"
	"$@" "$OOMRISK" top --batch -n 2 -d 0.05 -r 3 >"$tmp/fb.top" 2>&1
	is "$(grep -c 'BPF backend unavailable' "$tmp/fb.top")" 1 "top, auto ($why): said once"
	is "$(grep -c '^victim .* via /proc$' "$tmp/fb.top")" 2 "top ($why): via /proc"
	"$@" "$OOMRISK" export --backend=bpf --state="$tmp/none" >/dev/null 2>"$tmp/fb.err"
	is "$?:$(grep -c 'BPF backend unavailable' "$tmp/fb.err")" "0:1" "export ($why): works, said once"
}
if ! grep -q '^#define HAVE_BPF 1' "$builddir/config.h" 2>/dev/null; then
	expect_fallback "oomrisk was built without BPF support (configure --enable-bpf)" env
elif [ "$(id -u)" -ne 0 ]; then
	expect_fallback "needs CAP_BPF and CAP_PERFMON (or root)" env
else
	if setpriv --help 2>&1 | grep -q -- --reuid; then
		# nobody cannot read our temporary directory: give it its own.
		chmod 755 "$tmp"
		expect_fallback "needs CAP_BPF and CAP_PERFMON (or root)" \
			setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=/nonexistent
	else
		skip "as nobody" "no setpriv"
	fi
	expect_fallback "no kernel BTF at $tmp/no-btf (No such file or directory)" \
		env OOMRISK_BTF="$tmp/no-btf"
fi
done_testing
