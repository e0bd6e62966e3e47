/*
 * test-logline: the prefixes of real logs (tests/oom-logs) and of the
 * formats journalctl and syslog daemons write, taken apart.  prefix.c is
 * included to reach its static tests, whose block versions are compared
 * with the byte loops they stand in for.
 */
#include "../../src/log/prefix.c"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

struct want {
	const char *line;
	enum logline_src src;
	const char *host, *time, *uptime, *msg;
	int kmsg;
};

static const struct want cases[] = {
	{ "[  128.496873] min_free_kbytes invoked oom-killer: x", LL_KERNEL, "", "", "128.496873",
	  "min_free_kbytes invoked oom-killer: x", 0 },
	{ "[Fri Jan 15 08:35:34 2021] influxd cpuset=6bb mems_allowed=0", LL_KERNEL, "",
	  "Fri Jan 15 08:35:34 2021", "", "influxd cpuset=6bb mems_allowed=0", 0 },
	{ "[ven. nov. 28 07:26:44 2025] Mem-Info:", LL_KERNEL, "", "ven. nov. 28 07:26:44 2025", "",
	  "Mem-Info:", 0 },
	{ "Jun  4 17:19:10 iZ23tpcto8eZ kernel: AliYunDun invoked oom-killer:", LL_KERNEL,
	  "iZ23tpcto8eZ", "Jun  4 17:19:10", "", "AliYunDun invoked oom-killer:", 0 },
	{ "Jun 20 12:47:02 new-db1 kernel: [15180285.537297] php-fpm invoked", LL_KERNEL, "new-db1",
	  "Jun 20 12:47:02", "15180285.537297", "php-fpm invoked", 0 },
	{ "Jan  5 15:19:27 kernel: [ 5864.708440] memorymonster invoked", LL_KERNEL, "",
	  "Jan  5 15:19:27", "5864.708440", "memorymonster invoked", 0 },
	{ "Apr 18 16:56:16 v125000100.bja kernel: : [22254383.898423] Out of memory: Kill",
	  LL_KERNEL, "v125000100.bja", "Apr 18 16:56:16", "22254383.898423", "Out of memory: Kill", 0 },
	{ "Feb 03 19:57:08 ** kernel: memory: usage 17024340kB", LL_KERNEL, "**", "Feb 03 19:57:08",
	  "", "memory: usage 17024340kB", 0 },
	{ "Oct 12 19:00:20 aks-1 containerd[2388]: time=\"x\" level=info", LL_OTHER, "aks-1",
	  "Oct 12 19:00:20", "", "time=\"x\" level=info", 0 },
	{ "Jan  5 15:20:01 /usr/bin/lock: called by /bin/bash", LL_OTHER, "", "Jan  5 15:20:01", "",
	  "called by /bin/bash", 0 },
	{ "Oct 12 19:00:20.347168 node kernel: oom-kill:constraint=X", LL_KERNEL, "node",
	  "Oct 12 19:00:20.347168", "", "oom-kill:constraint=X", 0 },
	{ "2023-10-12T19:00:20+0000 node kernel: Mem-Info:", LL_KERNEL, "node",
	  "2023-10-12T19:00:20+0000", "", "Mem-Info:", 0 },
	{ "2023-10-12T19:00:20.879932+00:00 node kernel: Mem-Info:", LL_KERNEL, "node",
	  "2023-10-12T19:00:20.879932+00:00", "", "Mem-Info:", 0 },
	{ "<4>1 2023-10-12T19:00:20.1Z node kernel - - - Mem-Info:", LL_KERNEL, "node",
	  "2023-10-12T19:00:20.1Z", "", "Mem-Info:", 0 },
	{ "[ 8523.347168] node kernel: Mem-Info:", LL_KERNEL, "node", "", "8523.347168", "Mem-Info:", 0 },
	{ "3,7002,192203018349,-;Out of memory: Kill process 14910", LL_KERNEL, "", "", "192203018349",
	  "Out of memory: Kill process 14910", 1 },
	{ "4,7005,192206114689,-,caller=T123;x invoked", LL_KERNEL, "", "", "192206114689",
	  "x invoked", 1 },
	{ "<4>[  128.1] x invoked", LL_KERNEL, "", "", "128.1", "x invoked", 0 },
	{ "<6>oom_reaper: reaped", LL_KERNEL, "", "", "", "oom_reaper: reaped", 0 },
	/* dmesg -x, -Tx in any locale, --time-format iso. */
	{ "kern  :warn  : [ 1986.531126] fxpush invoked oom-killer: x", LL_KERNEL, "", "",
	  "1986.531126", "fxpush invoked oom-killer: x", 0 },
	{ "kern  :err   : [Do Dez  3 07:40:19 2026] Memory cgroup out of memory", LL_KERNEL, "",
	  "Do Dez  3 07:40:19 2026", "", "Memory cgroup out of memory", 0 },
	{ "[Sa 2. Dez 7:05:09 2023] Mem-Info:", LL_KERNEL, "", "Sa 2. Dez 7:05:09 2023", "",
	  "Mem-Info:", 0 },
	{ "[\xe6\x9c\xa8 12\xe6\x9c\x88  3 07:40:19 2026] Call Trace:", LL_KERNEL, "",
	  "\xe6\x9c\xa8 12\xe6\x9c\x88  3 07:40:19 2026", "", "Call Trace:", 0 },
	{ "2026-12-03T07:40:19,531126+00:00 fxpush invoked", LL_KERNEL, "",
	  "2026-12-03T07:40:19,531126+00:00", "", "fxpush invoked", 0 },
	/* busybox syslogd: the facility.level between host and tag. */
	{ "Dec  3 07:40:19 router kern.warn kernel: [  12.5] x invoked", LL_KERNEL, "router",
	  "Dec  3 07:40:19", "12.5", "x invoked", 0 },
	{ "Dec  3 07:40:19 router daemon.info dnsmasq[12]: query", LL_OTHER, "router",
	  "Dec  3 07:40:19", "", "query", 0 },
	/* printk caller ids, Android logcat with vendor brackets. */
	{ "[   71.146532][ T9694] a.out invoked oom-killer: x", LL_KERNEL, "", "", "71.146532",
	  "a.out invoked oom-killer: x", 0 },
	{ "[   71.309149][   C54] oom_reaper: reaped", LL_KERNEL, "", "", "71.309149",
	  "oom_reaper: reaped", 0 },
	{ "07-13 08:41:51.341 <4>[309805.658142s][pid:1361,cpu5,sManagerService]Mem-Info:",
	  LL_KERNEL, "", "07-13 08:41:51.341", "309805.658142", "Mem-Info:", 0 },
	{ "[ 5.0] [x9:a/b c=d] [VND] Mem-Info:", LL_KERNEL, "", "", "5.0", "Mem-Info:", 0 },
	/* Elisions, mail quoting, RHEL 6's ": ". */
	{ "... kernel: [430837.193448] Xorg invoked oom-killer: x", LL_KERNEL, "", "",
	  "430837.193448", "Xorg invoked oom-killer: x", 0 },
	{ "> > [ 61.3] Out of memory: Kill process 1 (x)", LL_KERNEL, "", "", "61.3",
	  "Out of memory: Kill process 1 (x)", 0 },
	/* Kubernetes CRI container log, dmesg -d deltas. */
	{ "2023-10-12T19:00:20.123456789Z stdout F [ 8.25] Mem-Info:", LL_KERNEL, "",
	  "2023-10-12T19:00:20.123456789Z", "8.25", "Mem-Info:", 0 },
	{ "[ 8523.347168 <    0.000123>] Mem-Info:", LL_KERNEL, "", "", "8523.347168", "Mem-Info:", 0 },
	/* No prefix: the message itself, untouched. */
	{ "[  788]     0   788     2671        1   7     -17         -1000 udevd", LL_BARE, "", "", "",
	  "[  788]     0   788     2671        1   7     -17         -1000 udevd", 0 },
	{ "[<ffffffff81131420>] ? dump_header+0x90/0x1b0", LL_BARE, "", "", "",
	  "[<ffffffff81131420>] ? dump_header+0x90/0x1b0", 0 },
	{ "RIP: 0033:0x7f3fa8a9c43b", LL_BARE, "", "", "", "RIP: 0033:0x7f3fa8a9c43b", 0 },
	{ "docker0: port 2(veth380a1cd) entered disabled state", LL_BARE, "", "", "",
	  "docker0: port 2(veth380a1cd) entered disabled state", 0 },
	{ " active_file:304 inactive_file:144", LL_BARE, "", "", "", " active_file:304 inactive_file:144", 0 },
	{ "[1.]", LL_BARE, "", "", "", "[1.]", 0 },
	{ "Jun", LL_BARE, "", "", "", "Jun", 0 },
	{ "", LL_BARE, "", "", "", "", 0 },
};

static int
span_eq(const struct span *s, const char *want)
{
	return s->len == strlen(want) && (s->len == 0 || memcmp(s->p, want, s->len) == 0);
}

/* Do a and b, parses of one line, agree in every field (pointers too)? */
static int
same_parse(const struct logline *a, const struct logline *b)
{
	int e;

	if (a->src != b->src || a->kmsg != b->kmsg || a->syslog != b->syslog ||
	    a->indent != b->indent || a->host.len != b->host.len || a->time.len != b->time.len ||
	    a->uptime.len != b->uptime.len || a->msg.p != b->msg.p || a->msg.len != b->msg.len ||
	    a->nelem != b->nelem || a->shape != b->shape ||
	    (a->host.len > 0 && a->host.p != b->host.p) ||
	    (a->time.len > 0 && a->time.p != b->time.p) ||
	    (a->uptime.len > 0 && a->uptime.p != b->uptime.p))
		return 0;
	for (e = 0; e < a->nelem; e++)
		if (a->elem[e].kind != b->elem[e].kind || a->elem[e].start != b->elem[e].start ||
		    a->elem[e].end != b->elem[e].end)
			return 0;
	return 1;
}

/* ---- generated lines ------------------------------------------------------ */

static uint64_t rng = 0x2545f4914f6cdd1dull;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 11) % n;
}

/*
 * Prefixes of every shape the lexer knows (and near misses), '#' standing
 * for a digit that changes from line to line.
 */
static const char *const gen_prefix[] = {
	"", "  ", "Jun 20 12:#:# new-db1 kernel: [1518#.53##97] ", "Jun 20 12:#:# db kernel: ",
	"Jan  5 15:19:## kernel: [ ##64.708440] ", "Jan  5 15:19:## kernel: ",
	"Apr 18 16:56:1# v1.bja kernel: : [2225438#.898423] ", "[  12#.4968#3] ", "[    #.000000] ",
	"[ 1986.5315##] vm kernel: ", "[ 1986.5315##] kernel: ", "kernel: ", "  kernel: ",
	"kernel[0]: ", "node kernel: ", "kbox kernel: ", "... kernel: [43083#.196405] ",
	"\xe2\x80\xa6 kernel: [43083#.196405] ", "[   71.1465##][ T96#4] ", "[   71.1465##][   C5#] ",
	"[ven. nov. 28 07:26:4# 2025] ", "[Fri Jan 15 08:35:3# 2021] ", "kern  :warn  : [ 19#6.531126] ",
	"kern  :err   : [Do Dez  3 07:40:1# 2026] ", "2026-12-03T07:40:19,5315##+00:00 ",
	"2023-10-12T19:00:2#Z ", "1697137##0.123456 ", "Jun 20 12:47:0# ", "07-13 08:41:51.3#1 ",
	"07-13 08:41:51.3#1 <4>[309805.658142s][pid:1361,cpu5,sManagerService]",
	"Dec  3 07:40:1# router kern.warn kernel: [  12.5] ", "Oct 12 19:00:2# aks-1 containerd[2388]: ",
	"<4>1 2023-10-12T19:00:20.#Z node kernel - - - ", "<4>[  12#.1] ", "<6>", "> > [ 61.#] ",
	"4,70#5,1922061146#9,-;", "2023-10-12T19:00:20.12345678#Z stdout F ", "Thu 2023-08-17 17:29:2# CEST ",
	"Feb 03 19:57:0# ** kernel: ", "[ 8523.347168 <    0.0001#3>] ", "[  +0.00#123] ",
};

/* Beginnings of messages: report lines, and bytes a prefix element may begin with. */
static const char *const gen_msg[] = {
	"Mem-Info:", "Node 0 DMA free:15904kB", "[  788]     0   788     2671", "[<ffffffff81131420>] ? x",
	" [<ffffffff81131420>] x", "  [ 788]", "active_anon:5 inactive", " unevictable:0", "kern.warn x",
	"kern  :warn  : x", "kernel: x", "kbox kernel: x", "Jun  4 17:19:10 host kernel: x", "Jun", "DMA x",
	"CPU: 1 PID: 2", "12:47:04 x", "2026-12-03T07:40:19Z x", "1697137220.123456 x", "stdout F x",
	"... x", "..", ": x", ":", "<4>x", "<12> x", "[ 12.3] x", "[  T460] x", "[pid:1,cpu2,x] x",
	"[drm:x [i915]] x", "[1.]", "> x", "x invoked oom-killer: gfp_mask=0x0", "\t x", "\xe2\x80\xa6 x",
	"\xc3\xa9t\xc3\xa9 x", "CRON[1]: x", "/usr/bin/lock: x", "2023 x", "CEST x", "+0100 x", "",
	"lowmem_reserve[]: 0 327", "oom_reaper: reaped", "a.b x", "abc.def x", "nodemask=0,", "kern  : x",
	/* a tag as the first, second or third token after a time, or the fourth (none) */
	"host kern.warn kernel: x", "a b CRON[1]: x", "a b c kernel: x", " host kernel: x",
	"host\tkernel[0]: x", "h: x", "a b: c", "a  b  c:",
};

/* Append s to line[*n], '#' as a random digit; sometimes a byte changed. */
static void
gen_put(char *line, size_t *n, size_t cap, const char *s)
{
	for (; *s != '\0' && *n + 1 < cap; s++)
		line[(*n)++] = *s == '#' ? (char)('0' + rnd(10)) : *s;
}

static void
gen_line(char *line, size_t *n, size_t cap, const char *prefix)
{
	static const char bytes[] = " \t0123456789:.[]<>-,kTZ:/+\xe2";
	int k;

	*n = 0;
	gen_put(line, n, cap, prefix);
	if (rnd(8) == 0)
		gen_put(line, n, cap, rnd(2) ? " " : "  ");
	gen_put(line, n, cap, gen_msg[rnd(sizeof(gen_msg) / sizeof(gen_msg[0]))]);
	if (rnd(3) == 0)
		gen_put(line, n, cap, " 12:34:56 more words kernel: x");
	for (k = rnd(4); k > 0 && *n > 0; k--)	/* a few bytes changed anywhere */
		line[rnd((unsigned)*n)] = rnd(2) ? bytes[rnd(sizeof(bytes) - 1)] : (char)rnd(256);
	if (rnd(6) == 0)
		*n = rnd((unsigned)*n + 1);	/* cut */
}

/*
 * prefix_parse(), prefix_parse_full() and prefix_parse_memo() agree on
 * every line of runs that share a prefix but for its digits (so the memo
 * stands in), runs of one prefix with bytes changed, and switches between
 * prefixes of every shape; each line its own copy, its exact length.  And
 * on lines of a few prefixes interleaved (streams of several hosts or
 * tools: the memo keeps each in an entry of its own, and a line may fit
 * one that is not the last line's).
 */
static void
generated_lines(bool interleaved)
{
	static struct prefix_memo memo;
	const size_t nprefix = sizeof(gen_prefix) / sizeof(gen_prefix[0]);
	int i, bad_full = 0, bad_memo = 0;
	const char *prefix = gen_prefix[0], *pool[6] = { 0 };

	memset(&memo, 0, sizeof(memo));
	for (i = 0; i < 200000; i++) {
		char line[256], *copy;
		size_t n;
		struct logline a, b, c;

		if (interleaved) {
			if (i % 400 == 0)	/* a new set of streams */
				for (n = 0; n < 6; n++)
					pool[n] = gen_prefix[rnd((unsigned)nprefix)];
			prefix = pool[rnd(6)];
		} else if (rnd(12) == 0) {
			prefix = gen_prefix[rnd((unsigned)nprefix)];
		}
		gen_line(line, &n, sizeof(line), prefix);
		copy = malloc(n + 1);
		memcpy(copy, line, n);
		prefix_parse(copy, n, &a);
		prefix_parse_full(copy, n, &b);
		prefix_parse_memo(&memo, copy, n, &c);
		if (!same_parse(&a, &b) && bad_full++ == 0)
			printf("#   prefix_parse_full() differs: %.*s\n", (int)n, copy);
		if (!same_parse(&a, &c) && bad_memo++ == 0)
			printf("#   prefix_parse_memo() differs: %.*s\n", (int)n, copy);
		free(copy);
	}
	is_int(bad_full, 0, "generated lines%s: prefix_parse() as without its shortcut",
	    interleaved ? ", streams interleaved" : "");
	is_int(bad_memo, 0, "generated lines%s: prefix_parse_memo() as prefix_parse()",
	    interleaved ? ", streams interleaved" : "");
}

/* ---- the block tests against byte loops ------------------------------------ */

/* may_begin_time() byte by byte. */
static bool
ref_may_begin_time(const char *p, const char *end)
{
	const char *q = p, *lim = end - p > 15 ? p + 15 : end;

	if (is_digit(*p))
		return true;
	while (q < lim && is_date_byte(*q))
		q++;
	return q > p && q - p <= 14 && (q == end || is_blank(*q));
}

/* bracket_is_message() byte by byte. */
static bool
ref_bracket_is_message(const char *p, const char *end)
{
	const char *c = p + 1, *q;

	while (c < end && is_blank(*c))
		c++;
	if (c < end && *c == '<')
		return true;
	for (q = c; q < end && is_digit(*q); q++)
		;
	return q > c && q < end && *q == ']';
}

/* kernel_tag_near() byte by byte. */
static bool
ref_kernel_tag_near(const char *p, const char *end)
{
	const char *sp, *lim = end - p < TOKEN_MAX + 1 ? end : p + TOKEN_MAX + 1;

	if (*p == 'k')
		return true;
	for (sp = p; sp < lim && *sp != ' '; sp++)
		;
	if (sp >= lim)
		return false;
	while (sp < end && is_blank(*sp))
		sp++;
	return sp < end && *sp == 'k';
}

/* may_be_faclev() byte by byte. */
static bool
ref_may_be_faclev(const char *p, const char *end)
{
	const char *q = p + 1, *lim = end - p > 9 ? p + 9 : end;

	while (q < lim && is_lower(*q))
		q++;
	if (q < end && q - p <= 8 && (*q == ':' || is_blank(*q))) {
		const char *c = q;

		while (c < end && is_blank(*c))
			c++;
		if (end - c >= 2 && c[0] == ':' && is_lower(c[1]) && match_faclev(p, end) != NULL)
			return true;
	}
	while (q < lim && (is_lower(*q) || is_digit(*q)))
		q++;
	return q < lim && *q == '.' && q - p >= 3;
}

static int helper_bad[4];

/*
 * The four tests at every start of text[0..n) (its own buffer of exactly
 * n bytes: a read past it is an error under ASan), ended at n and a few
 * bytes before.
 */
static void
helpers_agree(const char *text, size_t n)
{
	char *c = malloc(n + 1);
	size_t i, cut;

	memcpy(c, text, n);
	for (cut = 0; cut < 4 && cut < n; cut++) {
		const char *end = c + n - cut;

		for (i = 0; c + i < end; i++) {
			const char *p = c + i;

			helper_bad[0] += may_begin_time(p, end) != ref_may_begin_time(p, end);
			helper_bad[1] += bracket_is_message(p, end) != ref_bracket_is_message(p, end);
			helper_bad[2] += kernel_tag_near(p, end) != ref_kernel_tag_near(p, end);
			helper_bad[3] += may_be_faclev(p, end) != ref_may_be_faclev(p, end);
		}
	}
	free(c);
}

/*
 * The block tests (SSE2) and the byte loops agree on every line of the
 * real logs and on generated lines of blanks, brackets, digits, letters
 * and the bytes the tests look for, at every offset.
 */
static void
block_tests(void)
{
	static const char *const bits[] = { " ", "  ", "\t", "[", "]", "<", "[<ffff>]", "[  788]",
		"[ 12.5]", "kern", "kernel:", " kernel: ", "kern  :warn  :", "kern.warn", "Jun",
		"12:34:56", "2023-10-12", "ven.", ",", ".", ":", "a", "k", "Z", "0", "123456789012",
		"abcdefghijklmnop", "\xe2\x80\xa6", "\xc3\xa9", "-", "_" };
	const char *srcdir = getenv("srcdir");
	char path[4096];
	DIR *d;
	struct dirent *de;
	int k, files = 0;
	long lines = 0;

	snprintf(path, sizeof(path), "%s/tests/oom-logs", srcdir ? srcdir : ".");
	d = opendir(path);
	while (d != NULL && (de = readdir(d)) != NULL) {
		char rel[600];
		size_t len;
		char *buf;
		const char *p, *end;

		if (de->d_name[0] == '.')
			continue;
		snprintf(rel, sizeof(rel), "oom-logs/%s", de->d_name);
		buf = fixture_load(rel, &len);
		if (buf == NULL)
			continue;
		files++;
		for (p = buf, end = buf + len; p < end; lines++) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);

			helpers_agree(p, n < 200 ? n : 200);
			p += n + 1;
		}
		free(buf);
	}
	if (d != NULL)
		closedir(d);
	ok(files > 50 && lines > 5000, "real logs read: %d files, %ld lines", files, lines);
	for (k = 0; k < 200000; k++) {
		char line[128];
		size_t n = 0;

		while (n < 40 + rnd(60)) {
			const char *b = bits[rnd(sizeof(bits) / sizeof(bits[0]))];
			size_t bl = strlen(b);

			if (n + bl > sizeof(line))
				break;
			memcpy(line + n, b, bl);
			n += bl;
		}
		helpers_agree(line, n);
	}
	is_int(helper_bad[0], 0, "may_begin_time() as byte by byte");
	is_int(helper_bad[1], 0, "bracket_is_message() as byte by byte");
	is_int(helper_bad[2], 0, "kernel_tag_near() as byte by byte");
	is_int(helper_bad[3], 0, "may_be_faclev() as byte by byte");
}

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct want *w = &cases[i];
		struct logline ll;

		struct logline full;

		prefix_parse(w->line, strlen(w->line), &ll);
		prefix_parse_full(w->line, strlen(w->line), &full);
		ok(same_parse(&ll, &full), "as without the shortcut: %s", w->line);
		is_int(ll.src, w->src, "src: %s", w->line);
		ok(span_eq(&ll.host, w->host), "host '%s': %s", w->host, w->line);
		ok(span_eq(&ll.time, w->time), "time '%s': %s", w->time, w->line);
		ok(span_eq(&ll.uptime, w->uptime), "uptime '%s': %s", w->uptime, w->line);
		ok(span_eq(&ll.msg, w->msg), "msg: %s", w->line);
		is_int(ll.kmsg, w->kmsg, "kmsg flag: %s", w->line);
	}

	/*
	 * The shape (the key of a stream's learned prefix) is the line's own,
	 * whatever the struct held before: it once carried the last line's on.
	 */
	{
		struct logline a, b;
		const char *line = "Jun 20 12:47:02 db1 kernel: [15180285.537889] Mem-Info:";

		memset(&a, 0, sizeof(a));
		memset(&b, 0x5a, sizeof(b));
		prefix_parse(line, strlen(line), &a);
		prefix_parse(line, strlen(line), &b);
		is_int(a.nelem, 4, "four prefix elements: %s", line);
		ok(a.shape == b.shape, "the shape does not depend on what the struct held");
		prefix_parse(line, strlen(line), &b);
		ok(a.shape == b.shape, "nor on the line parsed before");
	}

	/*
	 * The memo of prefix_parse_memo() stands in for the lexer only where
	 * the lexer would do the same: lines that differ from the one before
	 * in a digit of the clock or uptime reuse it, others must not.
	 */
	{
		static const char *const seq[] = {
			"Jun 20 12:47:02 db1 kernel: [15180285.537889] Mem-Info:",
			"Jun 20 12:47:03 db1 kernel: [15180286.537890] Node 0 DMA free:15904kB",
			"Jun 20 12:47:0x db1 kernel: [15180286.537890] Node 0 DMA free:15904kB",
			"Jun 20 12:47:03 db1 kernel: [15180286.537890]  [ 788]     0   788",
			"Jun 20 12:47:03 db1 kernel: [15180286.537890] [pid:1361,cpu5,name] x",
			"Jun 20 12:47:03 db1 kernel: [15180286.53789x] Mem-Info:",
			"Jun 20 12:47:03 db1 kernel: [15180286.537890]",
			"Jun 20 12:47:03 db1 kernel: [15180286.537890] ",
			"Jun 20 12:47:03 db1 kernel:x[15180286.537890] Mem-Info:",
			"Jun 20 12:47:04 db2 kernel: [15180286.537890] Mem-Info:",
			"Jun 20 12:47:04 db2 kernel:  [15180286.537890] Mem-Info:",
			"Jun 20 12:47:04 db2 kernel: 12:47:04 Mem-Info:",
			"Jun 20 12:47:05 db2 kernel: 12:47:04 Mem-Info:",
			"Jun 20 12:47:05 db2 kernel:   Mem-Info:",
			"Jun 20 12:47:05 db2 CRON[1]: Mem-Info:",
			"[  128.496873] Mem-Info:",
			"[  128.496874] [  T460] Mem-Info:",
			"[  128.496875]   [ 788]     0   788",
			"[  128.496876]  ... Mem-Info:",
			"[  128.4968760] Mem-Info:",
			"[  128.496876]",
			"[ven. nov. 28 07:26:44 2025] Mem-Info:",
			"[ven. nov. 28 07:26:45 2025] Node 0 DMA free:15904kB",
			"[ven. nov. 28 07:26:4x 2025] Mem-Info:",
			"[ven. nov. 28 07:26:46 2025]  [ 788]     0   788",
			"[ven. nov. 28 07:2646 2025] Mem-Info:",
			"[ven. nov. 28 7:26:46 20256] Mem-Info:",
			"[ven. nov. 28 07:26:47 2025]",
			"[ven. nov. 28 07:26:47 2025] [  T460] Mem-Info:",
			"kern  :warn  : [Do Dez  7 10:11:12 2023] Mem-Info:",
			"kern  :warn  : [Do Dez  7 10:11:13 2023] [ 788]     0   788",
			"kern  :warn  : [Do Dez  7 1a:11:13 2023] Mem-Info:",
			"kern  :info  : [ 1234.567890] Mem-Info:",
			"kern  :info  : [ 1234.567891] Node 0 DMA free:15904kB",
			"kern  :info  : [ 1234.56789x] Node 0 DMA free:15904kB",
			"kern  :info  : [ 1235.567891]   kern  :info  : x",
			"kernel: Mem-Info:",
			"kernel: [ 788]     0   788",
			"kernel: kernel: x",
			"kernel:  kbox kernel: x",
			"kernel:x Mem-Info:",
			"db kernel: Mem-Info:",
			"db kernel: 12:34:56 Node 0",
			"dc kernel: Mem-Info:",
			"[ 1986.531536] vm kernel: Mem-Info:",
			"[ 1986.531537] vm kernel: swap 0",
			"[ 1986.531537] vm kernel: kern.warn x",
			"[ 1986.531537] vm  kernel: swap 0",
			"... kernel: [430837.196405] Normal: 256*4kB",
			"... kernel: [430837.196406] Jun  4 17:19:10 x",
			"... kernel: [430837.196407] ... x",
			"Apr 18 16:56:18 v1.bja kernel: : [22254386.738968] Call Trace:",
			"Apr 18 16:56:19 v1.bja kernel: : [22254386.738979] [<ffffffff81213ffc>] x",
			"[   71.146532][ T9694] Mem-Info:",
			"[   71.146533][ T9694] [ 788]     0   788",
			"[   71.146533][ T9694][  C12] x",
			"2026-12-03T07:40:19,531552+00:00 total_swap 0",
			"2026-12-03T07:40:19,531553+00:00 host kernel: x",
			"2026-12-03T07:40:19,531554+00:00 stdout F x",
			"2026-12-03T07:40:19,531555+00:00 CRON[1]: x",
			"1697137220.123456 Mem-Info:",
			"1697137221.123457 host kernel: Mem-Info:",
			"1697137221.123457 Node 0",
			"Jun 20 12:47:02 Mem-Info:",
			"Jun 20 12:47:03 DMA x",
			"Jun 20 12:47:03 2023 x",
			"07-13 08:41:51.341 <4>[309805.658142s][pid:1361,cpu5,sManagerService]Mem-Info:",
			"07-13 08:41:51.347 <4>[309805.658233s][pid:1361,cpu5,sManagerService][<ffff>] x",
			"07-13 08:41:51.347 <4>[309805.658233s][pid:1361,cpu5,sManagerService] x",
			"07-13 08:41:51.347 <4>[309805.658233s][pid:1361,cpu5,sManagerService]  [ 7] x",
			"07-13 08:41:51.347 <4>[309805.658233s][pid:1361,cpu5,sManagerService][ 1.5] x",
			"07-13 08:41:51.347 <4>[309805.658233s][pid:1361,cpu5,sManagerService]",
			"07-13 08:41:52.347 <4>[309805.658233s] Mem-Info:",
			"07-13 08:41:52.347 <4>[309805.658233s]kernel: x",
			"[  128.496873]Mem-Info:",
			"[  128.496874]kern.warn x",
			"[  128.496874] Mem-Info:",
			"[   71.146532][ T9694]Mem-Info:",
			"[   71.146532][ T9694][<ffff>] x",
		};
		static struct prefix_memo memo;
		size_t k;

		for (k = 0; k < sizeof(seq) / sizeof(seq[0]); k++) {
			struct logline a, b;
			size_t n = strlen(seq[k]);
			int e, same;

			prefix_parse(seq[k], n, &a);
			prefix_parse_memo(&memo, seq[k], n, &b);
			same = a.src == b.src && a.syslog == b.syslog && a.indent == b.indent &&
			    a.host.len == b.host.len && a.time.len == b.time.len &&
			    a.uptime.len == b.uptime.len && a.msg.p == b.msg.p &&
			    a.msg.len == b.msg.len && a.nelem == b.nelem && a.shape == b.shape &&
			    (a.uptime.len == 0 || a.uptime.p == b.uptime.p) &&
			    (a.host.len == 0 || a.host.p == b.host.p);
			for (e = 0; same && e < a.nelem; e++)
				same = a.elem[e].kind == b.elem[e].kind &&
				    a.elem[e].start == b.elem[e].start && a.elem[e].end == b.elem[e].end;
			ok(same, "the memo parses as prefix_parse(): %s", seq[k]);
		}
	}
	generated_lines(false);
	generated_lines(true);
	block_tests();
	return tap_done();
}
