/*
 * test-metamorphic: the prefix of a kernel log line must not change what
 * is read from it.  Every real report in tests/oom-logs is taken apart
 * into its kernel messages (by the parser's own line reader, frames
 * unwrapped, rsyslog "#012" and kmsg "\x0a" newlines restored), then
 * written again under each prefix style a user may meet:
 *
 *   no prefix, dmesg, dmesg -x, dmesg -T (English and five other
 *   locales), dmesg -Tx, dmesg --time-format iso, syslog with and
 *   without the uptime, busybox logread, RFC 5424, journalctl -k short,
 *   short-iso, short-precise, short-monotonic, -o json, -o export,
 *   /dev/kmsg records, console "<4>", Android logcat with vendor brackets,
 *   vendor brackets of random content and width, printk caller ids,
 *   "... kernel:" elisions, mail quoting, docker json-file, Kubernetes
 *   CRI container logs, and two mixtures that change style every few lines
 *
 * and read through the same feed explain uses.  The facts (kind, invoker,
 * gfp_mask, order, constraint, memcg, victim and its sizes and score,
 * selected task, every killed task, swap, and the replay's pick) must be
 * those of the original, report by report.
 *
 * Lines the original has without a prefix in a prefixed file (journal
 * continuation lines, mail wraps, remarks) stay without one, as they
 * would under any prefix; lines of other programs stay as they were.
 * With METAMORPHIC_KEEP=dir set, each rewritten log that fails is kept
 * there (every one with METAMORPHIC_ALL=1 too: seeds for fuzz-oomlog).
 */
#include "config.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/explain.h"
#include "lib/buf.h"
#include "log/feed.h"
#include "log/frame.h"
#include "log/prefix.h"
#include "log/reports.h"
#include "tap.h"

/* ---- what is compared ---------------------------------------------------- */

#define MAX_REPORTS 64
#define MAX_KILLED 8

struct facts {
	int kind;
	char invoker[OOM_COMM_MAX];
	int64_t invoker_pid, gfp, order;
	char constraint[32], memcg[OOM_PATH_MAX], oom_memcg[OOM_PATH_MAX];
	int64_t victim_pid, total_vm, anon, file, shmem, score;
	char victim[OOM_COMM_MAX];
	int64_t chosen_pid, chosen_score;
	int nkilled;
	int64_t killed_pid[MAX_KILLED];
	bool killed_exiting[MAX_KILLED];
	int64_t swap_total, swap_free;
	int64_t replay_pid;
	uint64_t repeats;
};

struct run {
	int n;
	struct facts f[MAX_REPORTS];
};

static void
collect(const struct oom_report *r, void *arg)
{
	struct run *run = arg;
	struct facts *f;
	struct explanation *ex;
	int i;

	if (run->n >= MAX_REPORTS)
		return;
	f = &run->f[run->n++];
	memset(f, 0, sizeof(*f));
	f->kind = r->kind_known ? (int)r->kind : -1;
	snprintf(f->invoker, sizeof(f->invoker), "%s", r->has_invoker ? r->invoker : "");
	f->invoker_pid = r->invoker_pid;
	f->gfp = r->gfp_mask;
	f->order = r->order;
	snprintf(f->constraint, sizeof(f->constraint), "%s", r->constraint);
	snprintf(f->memcg, sizeof(f->memcg), "%s", r->memcg);
	snprintf(f->oom_memcg, sizeof(f->oom_memcg), "%s", r->oom_memcg);
	f->victim_pid = r->kill.pid;
	snprintf(f->victim, sizeof(f->victim), "%s", r->kill.comm);
	f->total_vm = r->kill.total_vm_kb;
	f->anon = r->kill.anon_rss_kb;
	f->file = r->kill.file_rss_kb;
	f->shmem = r->kill.shmem_rss_kb;
	f->score = r->kill.score;
	f->chosen_pid = r->kill.chosen_pid;
	f->chosen_score = r->kill.score;
	f->nkilled = r->nkilled;
	for (i = 0; i < r->nkilled && i < MAX_KILLED; i++) {
		f->killed_pid[i] = r->killed[i].pid;
		f->killed_exiting[i] = r->killed[i].exiting;
	}
	f->swap_total = r->total_swap_kb;
	f->swap_free = r->free_swap_kb;
	f->repeats = r->repeats;
	ex = calloc(1, sizeof(*ex));
	if (ex == NULL)
		abort();
	explain_report(r, NULL, ex);
	f->replay_pid = ex->replay.done ? ex->replay.victim_pid : OOM_NONE;
	free(ex);
}

/* Read buf as `oomrisk explain` reads a file: through the log feed, in chunks. */
static void
read_log(const char *buf, size_t len, struct run *run)
{
	struct reports *ol;
	struct log_feed feed;
	size_t off = 0;

	memset(run, 0, sizeof(*run));
	ol = reports_new(collect, run);
	reports_set_fold(ol, true);
	log_feed_init(&feed, ol, NULL);
	while (off < len) {
		size_t room, n;
		char *p = log_feed_space(&feed, &room);

		n = len - off < room ? len - off : room;
		if (n > 4093)
			n = 4093;	/* odd chunks: lines cross chunk ends */
		memcpy(p, buf + off, n);
		log_feed_commit(&feed, n);
		off += n;
	}
	log_feed_end(&feed);
	log_feed_free(&feed);
	reports_finish(ol);
	reports_free(ol);
}

/* "" when equal, else which fact differs and how. */
static const char *
compare(const struct run *a, const struct run *b, char *why, size_t size)
{
	int i, k;

	why[0] = '\0';
	if (a->n != b->n) {
		snprintf(why, size, "%d reports, want %d", b->n, a->n);
		return why;
	}
	for (i = 0; i < a->n; i++) {
		const struct facts *x = &a->f[i], *y = &b->f[i];

#define NUM(field) if (x->field != y->field) { \
	snprintf(why, size, "report %d: " #field " %lld, want %lld", i + 1, \
	    (long long)y->field, (long long)x->field); return why; }
#define STR(field) if (strcmp(x->field, y->field) != 0) { \
	snprintf(why, size, "report %d: " #field " \"%s\", want \"%s\"", i + 1, \
	    y->field, x->field); return why; }
		NUM(kind) STR(invoker) NUM(invoker_pid) NUM(gfp) NUM(order)
		STR(constraint) STR(memcg) STR(oom_memcg)
		NUM(victim_pid) STR(victim) NUM(total_vm) NUM(anon) NUM(file) NUM(shmem)
		NUM(score) NUM(chosen_pid) NUM(chosen_score) NUM(nkilled)
		NUM(swap_total) NUM(swap_free) NUM(replay_pid) NUM(repeats)
		for (k = 0; k < x->nkilled && k < MAX_KILLED; k++) {
			NUM(killed_pid[k]) NUM(killed_exiting[k])
		}
#undef NUM
#undef STR
	}
	return "";
}

/* ---- the original, taken apart ------------------------------------------- */

enum item_kind {
	IT_MSG,		/* a kernel message (the prefix taken off) */
	IT_CONT,	/* a line without a prefix in a prefixed file: kept bare */
	IT_OTHER,	/* another program's line: kept as it was */
};

struct item {
	enum item_kind kind;
	char *text;
	size_t len;
	bool same_record;	/* a further line of the record before it */
};

struct items {
	struct item *v;
	size_t n, cap;
};

static void
add_item(struct items *it, enum item_kind kind, const char *p, size_t len, bool same)
{
	struct item *x;

	if (it->n == it->cap) {
		it->cap = it->cap ? it->cap * 2 : 256;
		it->v = realloc(it->v, it->cap * sizeof(*it->v));
		if (it->v == NULL)
			abort();
	}
	x = &it->v[it->n++];
	x->kind = kind;
	x->text = malloc(len + 1);
	if (x->text == NULL)
		abort();
	memcpy(x->text, p, len);
	x->text[len] = '\0';
	x->len = len;
	x->same_record = same;
}

/* A message that may hold escaped newlines ("#012", "\x0a") or real ones. */
static void
add_message(struct items *it, enum item_kind kind, const char *p, size_t len, bool syslog,
    bool kmsg)
{
	const char *e = p + len;
	bool same = false;

	while (p <= e) {
		const char *q = p, *next = NULL;

		for (; q < e; q++) {
			if (*q == '\n') {
				next = q + 1;
				break;
			}
			if (syslog && e - q >= 4 && memcmp(q, "#012", 4) == 0) {
				next = q + 4;
				break;
			}
			if (kmsg && e - q >= 4 && memcmp(q, "\\x0a", 4) == 0) {
				next = q + 4;
				break;
			}
		}
		if (next == NULL) {
			if (q > p || !same)
				add_item(it, kind, p, (size_t)(q - p), same);
			return;
		}
		add_item(it, kind, p, (size_t)(q - p), same);
		same = true;
		p = next;
	}
}

static void
take_apart(const char *buf, size_t len, struct items *it)
{
	const char *p = buf, *end = buf + len;
	struct export_rec x;
	struct frame f;
	size_t i, nprefixed = 0;

	memset(&x, 0, sizeof(x));
	memset(&f, 0, sizeof(f));
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl != NULL ? nl : end;
		size_t n = (size_t)(le - p);
		struct logline ll;

		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (x.active || x.binary || (n > 0 && (p[0] == '_' || p[0] == 'M'))) {
			enum export_res res = export_line(&x, p, n);

			if (res == EX_DONE && x.has_message) {
				x.has_message = false;
				add_message(it, x.f.other ? IT_OTHER : IT_MSG, buf_str(&x.f.text),
				    x.f.text.len, false, false);
				nprefixed++;
			}
			if (res != EX_NOT)
				goto next;
		}
		if (n > 0 && p[0] == '{' && frame_json(p, n, &f)) {
			if (f.kind == FR_DOCKER) {
				prefix_parse(buf_str(&f.text), f.text.len, &ll);
				add_message(it, ll.src == LL_OTHER ? IT_OTHER : IT_MSG, ll.msg.p,
				    ll.msg.len, ll.syslog, ll.kmsg);
			} else {
				add_message(it, f.other ? IT_OTHER : IT_MSG, buf_str(&f.text),
				    f.text.len, false, false);
			}
			nprefixed++;
			goto next;
		}
		prefix_parse(p, n, &ll);
		if (ll.src == LL_OTHER) {
			add_item(it, IT_OTHER, p, n, false);
		} else {
			add_message(it, ll.src == LL_BARE ? IT_CONT : IT_MSG, ll.msg.p, ll.msg.len,
			    ll.syslog, ll.kmsg);
			if (ll.src != LL_BARE)
				nprefixed++;
		}
next:
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	if (x.active && x.has_message)
		add_message(it, x.f.other ? IT_OTHER : IT_MSG, buf_str(&x.f.text), x.f.text.len,
		    false, false);
	export_free(&x);
	frame_free(&f);
	/* A file without any prefix: every line is a message. */
	if (nprefixed == 0)
		for (i = 0; i < it->n; i++)
			if (it->v[i].kind == IT_CONT)
				it->v[i].kind = IT_MSG;
}

static void
items_free(struct items *it)
{
	size_t i;

	for (i = 0; i < it->n; i++)
		free(it->v[i].text);
	free(it->v);
	memset(it, 0, sizeof(*it));
}

/* ---- the styles ------------------------------------------------------------ */

enum style {
	ST_BARE, ST_DMESG, ST_DMESG_X, ST_DMESG_T, ST_DMESG_T_LOCALE, ST_DMESG_TX,
	ST_DMESG_ISO, ST_SYSLOG, ST_SYSLOG_NOUPTIME, ST_BUSYBOX, ST_RFC5424, ST_J_SHORT,
	ST_J_ISO, ST_J_PRECISE, ST_J_MONO, ST_J_JSON, ST_J_EXPORT, ST_KMSG, ST_CONSOLE,
	ST_ANDROID, ST_VENDOR, ST_CALLER, ST_ELIDED, ST_QUOTE, ST_DOCKER, ST_CRI,
	ST_MIXED_PLAIN, ST_MIXED_HOSTED, ST_COUNT
};

static const char *const style_name[ST_COUNT] = {
	"no prefix", "dmesg", "dmesg -x", "dmesg -T", "dmesg -T (locale)", "dmesg -Tx",
	"dmesg --time-format iso", "syslog", "syslog without uptime", "busybox logread",
	"RFC 5424", "journalctl -k", "journalctl -o short-iso", "journalctl -o short-precise",
	"journalctl -o short-monotonic", "journalctl -o json", "journalctl -o export",
	"/dev/kmsg records", "console <N>", "Android logcat + vendor brackets",
	"vendor brackets", "printk caller ids", "... kernel: elision", "mail quote",
	"docker json-file", "Kubernetes CRI", "mixed, no host", "mixed, with host",
};

/* Styles a mixture switches between: the same host (or none) throughout. */
static const enum style mixed_plain[] = {
	ST_BARE, ST_DMESG, ST_DMESG_X, ST_DMESG_T, ST_DMESG_T_LOCALE, ST_DMESG_TX, ST_DMESG_ISO,
	ST_CONSOLE, ST_ANDROID, ST_VENDOR, ST_CALLER, ST_ELIDED,
};
static const enum style mixed_hosted[] = {
	ST_SYSLOG, ST_SYSLOG_NOUPTIME, ST_BUSYBOX, ST_J_SHORT, ST_J_ISO, ST_J_PRECISE, ST_J_MONO,
	ST_RFC5424,
};

struct locale_names {
	const char *day[7], *mon[12];
};

/* Abbreviations as glibc's strftime %a and %b give them. */
static const struct locale_names locales[] = {
	{ { "dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam." },
	  { "janv.", "févr.", "mars", "avril", "mai", "juin", "juil.", "août", "sept.", "oct.",
	    "nov.", "déc." } },
	{ { "So", "Mo", "Di", "Mi", "Do", "Fr", "Sa" },
	  { "Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez" } },
	{ { "日", "月", "火", "水", "木", "金", "土" },
	  { "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月" } },
	{ { "Вс", "Пн", "Вт", "Ср", "Чт", "Пт", "Сб" },
	  { "янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек" } },
	{ { "dom", "lun", "mar", "mié", "jue", "vie", "sáb" },
	  { "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic" } },
};
static const struct locale_names english = {
	{ "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" },
	{ "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" },
};

static uint64_t rng;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return n ? (uint32_t)(rng % n) : 0;
}

struct clock {
	uint64_t up_us;		/* kernel time */
	int64_t epoch;		/* wall clock of uptime 0 */
	uint64_t seq;
	int locale;
};

static void
put_uptime(struct buf *b, const struct clock *c, bool android)
{
	buf_printf(b, "[%5llu.%06llu%s]", (unsigned long long)(c->up_us / 1000000),
	    (unsigned long long)(c->up_us % 1000000), android ? "s" : "");
}

static struct tm
wall(const struct clock *c, unsigned *usec)
{
	time_t t = (time_t)(c->epoch + (int64_t)(c->up_us / 1000000));
	struct tm tm;

	gmtime_r(&t, &tm);
	if (usec != NULL)
		*usec = (unsigned)(c->up_us % 1000000);
	return tm;
}

static void
put_ctime(struct buf *b, const struct clock *c, const struct locale_names *ln)
{
	struct tm tm = wall(c, NULL);

	buf_printf(b, "[%s %s %2d %02d:%02d:%02d %d]", ln->day[tm.tm_wday], ln->mon[tm.tm_mon],
	    tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_year + 1900);
}

static void
put_syslog_time(struct buf *b, const struct clock *c, bool journal, bool precise)
{
	unsigned us;
	struct tm tm = wall(c, &us);

	buf_printf(b, journal ? "%s %02d %02d:%02d:%02d" : "%s %2d %02d:%02d:%02d",
	    english.mon[tm.tm_mon], tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (precise)
		buf_printf(b, ".%06u", us);
}

static void
put_iso(struct buf *b, const struct clock *c, const char *fracsep, int digits, const char *zone)
{
	unsigned us;
	struct tm tm = wall(c, &us);

	buf_printf(b, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (digits == 6)
		buf_printf(b, "%s%06u", fracsep, us);
	else if (digits == 9)
		buf_printf(b, "%s%06u%03u", fracsep, us, rnd(1000));
	buf_puts(b, zone);
}

static const char *const levels[] = { "emerg", "alert", "crit", "err", "warn", "notice",
    "info", "debug" };

/* A vendor's bracket: random content and width, never a number or a message's. */
static void
put_vendor(struct buf *b)
{
	static const char first[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
	static const char rest[] = "abcdefghijklmnopqrstuvwxyz0123456789:,./_=-"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	unsigned w = 1 + rnd(30), i;

	buf_putc(b, '[');
	switch (rnd(4)) {
	case 0:
		buf_printf(b, "pid:%u,cpu%u,%s", 1 + rnd(99999), rnd(64), rnd(2) ? "kworker/u16:2" :
		    "sManagerService");
		break;
	case 1:
		/* not a caller id: a letter after the digits */
		buf_printf(b, "%*s%c%ux", (int)rnd(4), "", "TC"[rnd(2)], rnd(100000));
		break;
	default:
		buf_putc(b, first[rnd(sizeof(first) - 1)]);
		for (i = 1; i < w; i++)
			buf_putc(b, rnd(9) == 0 ? ' ' : rest[rnd(sizeof(rest) - 1)]);
		break;
	}
	buf_putc(b, ']');
}

static void
put_json_string(struct buf *b, const char *s, size_t len)
{
	size_t i;

	buf_putc(b, '"');
	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '"' || ch == '\\')
			buf_printf(b, "\\%c", ch);
		else if (ch == '\n')
			buf_puts(b, "\\n");
		else if (ch == '\t')
			buf_puts(b, "\\t");
		else if (ch < 0x20 || ch == 0x7f)
			buf_printf(b, "\\u%04x", ch);
		else
			buf_putc(b, (char)ch);
	}
	buf_putc(b, '"');
}

/* Whether s is valid UTF-8 (the journal writes other MESSAGEs as byte arrays). */
static bool
utf8_valid(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned n = s[i] < 0x80 ? 0 : (s[i] & 0xe0) == 0xc0 ? 1 : (s[i] & 0xf0) == 0xe0 ? 2 :
		    (s[i] & 0xf8) == 0xf0 ? 3 : 9;
		unsigned k;

		if (n == 9 || i + n >= len + (n == 0))
			if (n != 0)
				return false;
		for (k = 1; k <= n; k++)
			if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
				return false;
		i += n + 1;
	}
	return true;
}

/* One line (or record) of item x under style st. */
static void
emit(struct buf *b, enum style st, const struct item *x, const struct clock *c)
{
	const char *m = x->text;
	size_t n = x->len;
	unsigned us;
	struct tm tm;

	if (x->kind == IT_OTHER && st != ST_J_JSON && st != ST_J_EXPORT && st != ST_DOCKER) {
		buf_add(b, m, n);
		buf_putc(b, '\n');
		return;
	}
	if (x->kind == IT_CONT && st != ST_J_JSON && st != ST_J_EXPORT && st != ST_DOCKER &&
	    st != ST_KMSG && st != ST_QUOTE) {
		buf_add(b, m, n);
		buf_putc(b, '\n');
		return;
	}
	switch (st) {
	case ST_BARE:
		break;
	case ST_DMESG:
		put_uptime(b, c, false);
		buf_putc(b, ' ');
		break;
	case ST_DMESG_X:
		buf_printf(b, "kern  :%-6s: ", levels[4 + rnd(3)]);
		put_uptime(b, c, false);
		buf_putc(b, ' ');
		break;
	case ST_DMESG_T:
		put_ctime(b, c, &english);
		buf_putc(b, ' ');
		break;
	case ST_DMESG_T_LOCALE:
		put_ctime(b, c, &locales[c->locale]);
		buf_putc(b, ' ');
		break;
	case ST_DMESG_TX:
		buf_printf(b, "kern  :%-6s: ", levels[3 + rnd(4)]);
		put_ctime(b, c, &locales[1]);
		buf_putc(b, ' ');
		break;
	case ST_DMESG_ISO:
		put_iso(b, c, ",", 6, "+00:00");
		buf_putc(b, ' ');
		break;
	case ST_SYSLOG:
		put_syslog_time(b, c, false, false);
		buf_puts(b, " node-1 kernel: ");
		put_uptime(b, c, false);
		buf_putc(b, ' ');
		break;
	case ST_SYSLOG_NOUPTIME:
	case ST_J_SHORT:
		put_syslog_time(b, c, st == ST_J_SHORT, false);
		buf_puts(b, " node-1 kernel: ");
		break;
	case ST_BUSYBOX:
		put_syslog_time(b, c, false, false);
		buf_printf(b, " node-1 kern.%s kernel: ", levels[4 + rnd(3)]);
		put_uptime(b, c, false);
		buf_putc(b, ' ');
		break;
	case ST_RFC5424:
		buf_printf(b, "<%u>1 ", 4 + rnd(3));
		put_iso(b, c, ".", 6, "+00:00");
		buf_puts(b, " node-1 kernel - - - ");
		break;
	case ST_J_ISO:
		put_iso(b, c, ".", 0, "+0000");
		buf_puts(b, " node-1 kernel: ");
		break;
	case ST_J_PRECISE:
		put_syslog_time(b, c, true, true);
		buf_puts(b, " node-1 kernel: ");
		break;
	case ST_J_MONO:
		put_uptime(b, c, false);
		buf_puts(b, " node-1 kernel: ");
		break;
	case ST_J_JSON:
		tm = wall(c, &us);
		buf_printf(b, "{\"__REALTIME_TIMESTAMP\":\"%lld\",\"_HOSTNAME\":\"node-1\",",
		    (long long)(c->epoch * 1000000 + (int64_t)c->up_us));
		if (x->kind == IT_OTHER)
			buf_puts(b, "\"_TRANSPORT\":\"syslog\",\"SYSLOG_IDENTIFIER\":\"cron\",");
		else
			buf_printf(b, "\"_TRANSPORT\":\"kernel\",\"SYSLOG_IDENTIFIER\":\"kernel\","
			    "\"_SOURCE_MONOTONIC_TIMESTAMP\":\"%llu\",", (unsigned long long)c->up_us);
		buf_puts(b, "\"MESSAGE\":");
		if (utf8_valid((const unsigned char *)m, n)) {
			put_json_string(b, m, n);
		} else {
			size_t i;

			buf_putc(b, '[');
			for (i = 0; i < n; i++)
				buf_printf(b, "%s%u", i ? "," : "", (unsigned char)m[i]);
			buf_putc(b, ']');
		}
		buf_printf(b, ",\"PRIORITY\":\"%u\"}\n", 4 + rnd(3));
		(void)tm;
		return;
	case ST_J_EXPORT:
		buf_printf(b, "__CURSOR=s=0;i=%llx\n__REALTIME_TIMESTAMP=%lld\n"
		    "__MONOTONIC_TIMESTAMP=%llu\n_HOSTNAME=node-1\n",
		    (unsigned long long)c->seq, (long long)(c->epoch * 1000000 + (int64_t)c->up_us),
		    (unsigned long long)c->up_us + 20000);
		if (x->kind == IT_OTHER)
			buf_puts(b, "_TRANSPORT=syslog\nSYSLOG_IDENTIFIER=cron\n");
		else
			buf_printf(b, "_TRANSPORT=kernel\nSYSLOG_IDENTIFIER=kernel\n"
			    "_SOURCE_MONOTONIC_TIMESTAMP=%llu\n", (unsigned long long)c->up_us);
		if (memchr(m, '\n', n) != NULL || !utf8_valid((const unsigned char *)m, n)) {
			uint64_t l = n;
			int i;

			buf_puts(b, "MESSAGE\n");
			for (i = 0; i < 8; i++)
				buf_putc(b, (char)(l >> (8 * i)));
			buf_add(b, m, n);
			buf_putc(b, '\n');
		} else {
			buf_puts(b, "MESSAGE=");
			buf_add(b, m, n);
			buf_putc(b, '\n');
		}
		buf_puts(b, "PRIORITY=4\n\n");
		return;
	case ST_KMSG:
		buf_printf(b, "%u,%llu,%llu,%s;", 4 + rnd(3), (unsigned long long)c->seq,
		    (unsigned long long)c->up_us, x->kind == IT_CONT ? "c" : "-");
		break;
	case ST_CONSOLE:
		buf_printf(b, "<%u>", 4 + rnd(3));
		put_uptime(b, c, false);
		buf_putc(b, ' ');
		break;
	case ST_ANDROID:
		tm = wall(c, &us);
		buf_printf(b, "%02d-%02d %02d:%02d:%02d.%03u <%u>", tm.tm_mon + 1, tm.tm_mday,
		    tm.tm_hour, tm.tm_min, tm.tm_sec, us / 1000, 4 + rnd(3));
		put_uptime(b, c, true);
		put_vendor(b);
		if (rnd(3) == 0)
			put_vendor(b);
		break;
	case ST_VENDOR:
		if (rnd(2))
			put_vendor(b);
		put_uptime(b, c, false);
		if (rnd(2)) {
			if (rnd(2))
				buf_putc(b, ' ');
			put_vendor(b);
		}
		buf_putc(b, ' ');
		break;
	case ST_CALLER:
		put_uptime(b, c, false);
		buf_printf(b, "[%*s%c%u] ", (int)rnd(3), "", "TC"[rnd(4) == 0], 1 + rnd(20000));
		break;
	case ST_ELIDED:
		buf_puts(b, rnd(2) ? "... kernel: " : "\xe2\x80\xa6 kernel: ");
		put_uptime(b, c, false);
		buf_putc(b, ' ');
		break;
	case ST_QUOTE:
		buf_puts(b, rnd(4) == 0 ? "> > " : "> ");
		if (x->kind != IT_CONT) {
			put_uptime(b, c, false);
			buf_putc(b, ' ');
		}
		break;
	case ST_DOCKER:
		buf_puts(b, "{\"log\":");
		{
			struct buf inner = { 0 };

			if (x->kind == IT_MSG) {
				put_uptime(&inner, c, false);
				buf_putc(&inner, ' ');
			}
			buf_add(&inner, m, n);
			buf_putc(&inner, '\n');
			put_json_string(b, buf_str(&inner), inner.len);
			buf_free(&inner);
		}
		buf_puts(b, ",\"stream\":\"stdout\",\"time\":\"");
		put_iso(b, c, ".", 9, "Z");
		buf_puts(b, "\"}\n");
		return;
	case ST_CRI:
		put_iso(b, c, ".", 9, "Z");
		buf_printf(b, " stdout %c ", 'F');
		put_uptime(b, c, false);
		buf_putc(b, ' ');
		break;
	case ST_MIXED_PLAIN:
	case ST_MIXED_HOSTED:
	case ST_COUNT:
		abort();
	}
	buf_add(b, m, n);
	buf_putc(b, '\n');
}

static void
rewrite(const struct items *it, enum style st, unsigned seed, struct buf *out)
{
	struct clock c = { 0 };
	enum style cur = st;
	size_t i, left = 0;

	rng = 0x9e3779b97f4a7c15ull ^ ((uint64_t)seed << 20) ^ (uint64_t)st;
	c.up_us = 100000000ull + rnd(1000000000);
	c.epoch = 1796283619 - (int64_t)(c.up_us / 1000000);
	c.seq = 1000 + rnd(100000);
	c.locale = (int)(seed % (sizeof(locales) / sizeof(locales[0])));
	buf_reset(out);
	for (i = 0; i < it->n; i++) {
		if (st == ST_MIXED_PLAIN || st == ST_MIXED_HOSTED) {
			if (left == 0) {
				cur = st == ST_MIXED_PLAIN ?
				    mixed_plain[rnd(sizeof(mixed_plain) / sizeof(mixed_plain[0]))] :
				    mixed_hosted[rnd(sizeof(mixed_hosted) / sizeof(mixed_hosted[0]))];
				left = 1 + rnd(12);
			}
			left--;
		}
		if (!it->v[i].same_record) {
			c.up_us += 1 + rnd(400);
			c.seq++;
		}
		emit(out, cur, &it->v[i], &c);
	}
}

/* ---- the prefix memo ------------------------------------------------------- */

static bool
same_span(const struct span *a, const struct span *b)
{
	return a->len == b->len && (a->len == 0 || a->p == b->p);
}

static bool
same_parse(const struct logline *a, const struct logline *b)
{
	bool same = a->src == b->src && a->kmsg == b->kmsg && a->syslog == b->syslog &&
	    a->indent == b->indent && same_span(&a->host, &b->host) &&
	    same_span(&a->time, &b->time) && same_span(&a->uptime, &b->uptime) &&
	    same_span(&a->msg, &b->msg) && a->nelem == b->nelem && a->shape == b->shape;
	int i;

	for (i = 0; same && i < a->nelem; i++)
		same = a->elem[i].kind == b->elem[i].kind && a->elem[i].start == b->elem[i].start &&
		    a->elem[i].end == b->elem[i].end;
	return same;
}

/*
 * prefix_parse_memo(), which explain reads lines with, must give what
 * prefix_parse() gives on every line, the memo carried from line to line,
 * and so must prefix_parse_full() (no shortcut): the first difference is
 * put in why.
 */
static void
memo_agrees(const char *text, size_t len, char *why, size_t whylen)
{
	static struct prefix_memo memo;
	const char *p = text, *end = text + len;
	unsigned lineno = 0;

	memset(&memo, 0, sizeof(memo));
	why[0] = '\0';
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		struct logline a, b, c;

		lineno++;
		prefix_parse(p, n, &a);
		prefix_parse_memo(&memo, p, n, &b);
		prefix_parse_full(p, n, &c);
		if (!same_parse(&a, &b) || !same_parse(&a, &c)) {
			snprintf(why, whylen, "line %u: the %s parse differs: %.*s", lineno,
			    same_parse(&a, &b) ? "unshortened" : "memo's", (int)(n < 120 ? n : 120), p);
			return;
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

/* ---- the test -------------------------------------------------------------- */

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
keep(const char *name, enum style st, const struct buf *b)
{
	const char *dir = getenv("METAMORPHIC_KEEP");
	char path[4096];
	FILE *f;

	if (dir == NULL || *dir == '\0')
		return;
	snprintf(path, sizeof(path), "%s/%.3s-style%02d.log", dir, name, (int)st);
	f = fopen(path, "wb");
	if (f == NULL)
		return;
	fwrite(b->data, 1, b->len, f);
	fclose(f);
	if (getenv("METAMORPHIC_ALL") == NULL)
		printf("#   kept as %s\n", path);
}

int
main(void)
{
	const char *srcdir = getenv("srcdir");
	char dir[4096], *names[512], why[512];
	size_t nnames = 0, i;
	DIR *d;
	struct dirent *de;
	struct buf out = { 0 };
	static struct run orig, got;

	snprintf(dir, sizeof(dir), "%s/tests/oom-logs", srcdir ? srcdir : ".");
	d = opendir(dir);
	if (d == NULL)
		tap_skip_all("no tests/oom-logs");
	while ((de = readdir(d)) != NULL && nnames < 512) {
		size_t l = strlen(de->d_name);

		if (l > 4 && strcmp(de->d_name + l - 4, ".log") == 0)
			names[nnames++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, nnames, sizeof(names[0]), cmp_names);

	for (i = 0; i < nnames; i++) {
		char rel[600];
		size_t len;
		char *buf;
		struct items it = { 0 };
		int st;

		snprintf(rel, sizeof(rel), "oom-logs/%s", names[i]);
		buf = fixture_load(rel, &len);
		read_log(buf, len, &orig);
		memo_agrees(buf, len, why, sizeof(why));
		ok(why[0] == '\0', "%.3s: the prefix memo parses every line as prefix_parse() %s",
		    names[i], why);
		take_apart(buf, len, &it);
		for (st = 0; st < ST_COUNT; st++) {
			rewrite(&it, (enum style)st, (unsigned)i, &out);
			read_log(out.data, out.len, &got);
			compare(&orig, &got, why, sizeof(why));
			if (why[0] == '\0')
				memo_agrees(out.data, out.len, why, sizeof(why));
			ok(why[0] == '\0', "%.3s under %s: same facts (%d reports), same prefixes "
			    "with the memo", names[i], style_name[st], orig.n);
			if (why[0] != '\0')
				printf("#   %s\n", why);
			if (why[0] != '\0' || getenv("METAMORPHIC_ALL") != NULL)
				keep(names[i], (enum style)st, &out);
		}
		items_free(&it);
		free(buf);
		free(names[i]);
	}
	buf_free(&out);
	return tap_done();
}
