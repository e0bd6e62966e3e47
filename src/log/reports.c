/*
 * reports.c: assemble OOM reports from a stream of log lines.
 *
 * Physical lines become logical lines first: prefixes are taken off
 * (log/prefix.c), a line that a terminal or an author wrapped is joined back
 * to the line before it, and rsyslog's "#012" and /dev/kmsg's "\x0a"
 * escapes split one record into the lines the kernel printed.  Logical
 * lines then go to the report of their host (syslog files mix hosts), one
 * open report per host, each built by log/message.c.  A report ends when the
 * next one starts, when its kill (or panic) has been printed and a few more
 * lines have passed for late oom_reaper lines, or when nothing of it has
 * been seen for STALE_LINES lines; then it is handed to the callback.
 *
 * Memory: one logical line (at most OOM_LINE_MAX) plus one report per host
 * (MAX_HOSTS), whatever the size of the input.
 */
#include "proc/release.h"
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "log/prefix.h"
#include "log/message.h"
#include "lib/parse.h"
#include "log/anchor.h"
#include "log/bounds.h"
#include "lib/xalloc.h"

#define MAX_HOSTS 16
#define AFTER_LINES 64		/* lines after the kill that may still add reaper lines */
#define STALE_LINES 4096	/* an open report that stops getting lines is closed */

struct hostctx {
	bool used, open;
	char host[OOM_TEXT_MAX];
	bool has_host;
	char release[96];
	enum ol_mode mode;
	struct oom_report r;
	struct ol_state st;
	uint64_t last_line;	/* last line that was part of the report */
	uint64_t last_use;
};

/* The logical line being assembled (it may still get a wrapped tail). */
struct pending {
	bool valid, prefixed, cut;
	struct buf text;
	enum logline_src src;
	bool kmsg, syslog, has_host, has_time, has_uptime;
	char host[OOM_TEXT_MAX], time[64], uptime[32];
	uint64_t lineno;
	size_t phys_len;
};

struct reports {
	reports_emit_fn emit;
	void *arg;
	int file;
	uint64_t tick;
	struct hostctx hosts[MAX_HOSTS];
	struct pending pend;
	struct oom_report scratch;
	struct ol_state scratch_st;
};

struct reports *
reports_new(reports_emit_fn emit, void *arg)
{
	struct reports *ol = xcalloc(1, sizeof(*ol));

	ol->emit = emit;
	ol->arg = arg;
	return ol;
}

void
reports_free(struct reports *ol)
{
	int i;

	if (ol == NULL)
		return;
	for (i = 0; i < MAX_HOSTS; i++)
		free(ol->hosts[i].r.tasks);
	free(ol->scratch.tasks);
	buf_free(&ol->pend.text);
	free(ol);
}

void
reports_set_file(struct reports *ol, int file)
{
	ol->file = file;
}

static void
copy_span(char *dst, size_t size, const struct span *s, bool *has)
{
	size_t n = s->len < size - 1 ? s->len : size - 1;

	if (n > 0)
		memcpy(dst, s->p, n);
	dst[n] = '\0';
	if (has != NULL)
		*has = s->len > 0;
}

/* Hand a finished report to the caller and close it. */
static void
finish_report(struct reports *ol, struct hostctx *h)
{
	struct oom_report *r = &h->r;

	if (!h->open)
		return;
	h->open = false;
	if (!r->kind_known && (r->seen & (OP_MEMINFO | OP_ZONES) || strcmp(r->kill.message,
	    "Out of memory") == 0)) {
		r->kind = OOM_KIND_GLOBAL;
		r->kind_known = true;
	}
	if (r->kernel[0] == '\0' && h->release[0] != '\0') {
		snprintf(r->kernel, sizeof(r->kernel), "%s", h->release);
		r->kernel_from_earlier = true;
	}
	report_bound(r);
	ol->emit(r, ol->arg);
}

static struct hostctx *
host_find(struct reports *ol, const struct pending *pl)
{
	int i;

	for (i = 0; i < MAX_HOSTS; i++) {
		struct hostctx *h = &ol->hosts[i];

		if (h->used && h->has_host == pl->has_host &&
		    (!pl->has_host || strcmp(h->host, pl->host) == 0)) {
			h->last_use = ++ol->tick;
			return h;
		}
	}
	return NULL;
}

/* A slot for a new host: a free one, else the least recently used (idle first). */
static struct hostctx *
host_new(struct reports *ol, const struct pending *pl)
{
	struct hostctx *victim = NULL;
	int i;

	for (i = 0; i < MAX_HOSTS; i++) {
		struct hostctx *h = &ol->hosts[i];

		if (!h->used) {
			victim = h;
			break;
		}
		if (victim == NULL || (victim->open && !h->open) ||
		    (victim->open == h->open && h->last_use < victim->last_use))
			victim = h;
	}
	finish_report(ol, victim);
	victim->used = true;
	victim->open = false;
	victim->release[0] = '\0';
	victim->st.release_version = -1;
	victim->has_host = pl->has_host;
	snprintf(victim->host, sizeof(victim->host), "%s", pl->host);
	victim->last_use = ++ol->tick;
	return victim;
}

/* Start h's report (already filled by its first line) with the line's prefix. */
static void
begin_report(struct reports *ol, struct hostctx *h, const struct pending *pl)
{
	struct oom_report *r = &h->r;

	r->file = ol->file;
	r->line = r->last_line = pl->lineno;
	r->has_host = pl->has_host;
	snprintf(r->host, sizeof(r->host), "%s", pl->host);
	r->has_time = pl->has_time;
	snprintf(r->time, sizeof(r->time), "%s", pl->time);
	r->has_uptime = pl->has_uptime;
	snprintf(r->uptime, sizeof(r->uptime), "%s", pl->uptime);
	if (pl->cut)
		r->lines_cut++;
	h->open = true;
	h->last_line = pl->lineno;
}

/* The kernel release a CPU line shows ("Comm: x Not tainted 5.4.0 #1"). */
static bool
line_release(const char *msg, size_t len, char *rel, size_t size)
{
	const char *end = msg + len;

	return find_str(msg, end, "ainted") != NULL && (find_str(msg, end, "Comm: ") != NULL ||
	    find_str(msg, end, "comm: ") != NULL) && message_release(msg, len, rel, size);
}

/* Install the scratch report (its first line just parsed) as h's report. */
static void
adopt_scratch(struct reports *ol, struct hostctx *h, const struct pending *pl, enum ol_result res)
{
	struct oom_report tmp;

	finish_report(ol, h);
	tmp = h->r;
	h->r = ol->scratch;
	ol->scratch = tmp;
	h->st.memcg_stats = ol->scratch_st.memcg_stats;
	h->st.slab_info = false;
	begin_report(ol, h, pl);
	h->mode = res == OLR_END ? OLM_AFTER : OLM_OPEN;
}

/* Remember where the kill line was, once. */
static void
note_kill_line(struct oom_report *r, uint64_t lineno)
{
	if ((r->seen & OP_KILLED) && r->kill.line == 0)
		r->kill.line = lineno;
}

/* One kernel message line (prefix removed, escapes split). */
static void
handle_msg(struct reports *ol, const struct pending *pl, const char *msg, size_t len)
{
	struct hostctx *h = host_find(ol, pl);
	enum ol_result res;
	char rel[96];
	bool has_rel = line_release(msg, len, rel, sizeof(rel));
	bool start = message_is_start(msg, len);

	if (h != NULL && h->open && !start) {
		res = message_apply(&h->r, &h->st, h->mode, msg, len);
		if (has_rel)
			snprintf(h->release, sizeof(h->release), "%s", rel);
		if (res != OLR_IGNORED) {
			h->last_line = h->r.last_line = pl->lineno;
			note_kill_line(&h->r, pl->lineno);
			if (pl->cut)
				h->r.lines_cut++;
			if (res == OLR_END)
				h->mode = OLM_AFTER;
			if (h->r.kernel[0] != '\0')
				h->st.release_version = release_version_code(h->r.kernel);
			return;
		}
	}
	if (start) {
		if (h == NULL)
			h = host_new(ol, pl);
		finish_report(ol, h);
		message_report_init(&h->r);
		h->st.memcg_stats = h->st.slab_info = false;
		message_apply(&h->r, &h->st, OLM_OPEN, msg, len);
		begin_report(ol, h, pl);
		note_kill_line(&h->r, pl->lineno);
		h->mode = OLM_OPEN;
		return;
	}
	if (has_rel) {
		if (h == NULL)
			h = host_new(ol, pl);
		snprintf(h->release, sizeof(h->release), "%s", rel);
		h->st.release_version = release_version_code(rel);
	}
	/* Maybe the (cut) beginning of another report: a kill, a dump row... */
	message_report_init(&ol->scratch);
	ol->scratch_st.memcg_stats = ol->scratch_st.slab_info = false;
	ol->scratch_st.release_version = h != NULL ? h->st.release_version : -1;
	res = message_apply(&ol->scratch, &ol->scratch_st, OLM_NEW, msg, len);
	if (res == OLR_IGNORED)
		return;
	if (h == NULL)
		h = host_new(ol, pl);
	adopt_scratch(ol, h, pl, res);
	note_kill_line(&h->r, pl->lineno);
}

/* Split a logical line at the escapes rsyslog and /dev/kmsg write for newlines. */
static void
process_pending(struct reports *ol)
{
	struct pending *pl = &ol->pend;
	const char *p, *end, *sep;
	const char *esc = pl->kmsg ? "\\x0a" : pl->syslog ? "#012" : NULL;

	if (!pl->valid)
		return;
	pl->valid = false;
	if (pl->src == LL_OTHER)
		return;
	p = buf_str(&pl->text);
	end = p + pl->text.len;
	while (esc != NULL && (sep = find_str(p, end, esc)) != NULL) {
		handle_msg(ol, pl, p, (size_t)(sep - p));
		p = sep + 4;
	}
	handle_msg(ol, pl, p, (size_t)(end - p));
}

/* Close reports that stopped receiving lines. */
static void
expire(struct reports *ol, uint64_t lineno)
{
	int i;

	for (i = 0; i < MAX_HOSTS; i++) {
		struct hostctx *h = &ol->hosts[i];

		if (h->open && lineno > h->last_line + (h->mode == OLM_AFTER ? AFTER_LINES : STALE_LINES))
			finish_report(ol, h);
	}
}

static bool
any_collecting(const struct reports *ol)
{
	int i;

	for (i = 0; i < MAX_HOSTS; i++)
		if (ol->hosts[i].open)
			return true;
	return false;
}

static bool
has_anchor(const char *line, size_t len)
{
	return anchor_find(line, line + len) != NULL;
}

void
reports_line(struct reports *ol, const char *line, size_t len, uint64_t lineno)
{
	struct pending *pl = &ol->pend;
	struct logline ll;
	bool cut = false;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (len > OOM_LINE_MAX) {
		len = OOM_LINE_MAX;
		cut = true;
	}
	expire(ol, lineno);
	prefix_parse(line, len, &ll);

	/* A line with no prefix in a prefixed stream continues the one before. */
	if (pl->valid && pl->prefixed && ll.src == LL_BARE && len > 0) {
		if (line[0] != ' ' && line[0] != '\t') {
			/* Wrapped by a terminal (no longer than the line before) or an author. */
			if (pl->text.len + len + 1 <= OOM_LINE_MAX) {
				if (len > pl->phys_len)
					buf_putc(&pl->text, ' ');
				buf_add(&pl->text, line, len);
			} else {
				pl->cut = true;
			}
			pl->phys_len = len;
			return;
		}
		/* An indented continuation (dmesg's multi-line records): its own line. */
		process_pending(ol);
		buf_reset(&pl->text);
		buf_add(&pl->text, line, len);
		pl->valid = true;
		pl->lineno = lineno;
		pl->phys_len = len;
		pl->cut = cut;
		return;
	}
	process_pending(ol);
	if (len == 0 || (!any_collecting(ol) && !has_anchor(ll.msg.p, ll.msg.len)))
		return;
	buf_reset(&pl->text);
	buf_add(&pl->text, ll.msg.p, ll.msg.len);
	pl->valid = true;
	pl->cut = cut;
	pl->prefixed = ll.src != LL_BARE;
	pl->src = ll.src;
	pl->kmsg = ll.kmsg;
	pl->syslog = ll.syslog;
	copy_span(pl->host, sizeof(pl->host), &ll.host, &pl->has_host);
	copy_span(pl->time, sizeof(pl->time), &ll.time, &pl->has_time);
	copy_span(pl->uptime, sizeof(pl->uptime), &ll.uptime, &pl->has_uptime);
	if (ll.kmsg && ll.uptime.len > 6 && ll.uptime.len < sizeof(pl->uptime) - 1) {
		/* /dev/kmsg gives microseconds: print them as dmesg does */
		size_t s = ll.uptime.len - 6;

		memcpy(pl->uptime, ll.uptime.p, s);
		pl->uptime[s] = '.';
		memcpy(pl->uptime + s + 1, ll.uptime.p + s, 6);
		pl->uptime[ll.uptime.len + 1] = '\0';
	}
	pl->lineno = lineno;
	pl->phys_len = len;
}

bool
reports_wants_all(const struct reports *ol)
{
	return ol->pend.valid || any_collecting(ol);
}

void
reports_advance(struct reports *ol, uint64_t lineno)
{
	process_pending(ol);
	expire(ol, lineno);
}

void
reports_quiet(struct reports *ol)
{
	int i;

	process_pending(ol);
	for (i = 0; i < MAX_HOSTS; i++)
		if (ol->hosts[i].open && ol->hosts[i].mode == OLM_AFTER)
			finish_report(ol, &ol->hosts[i]);
}

void
reports_finish(struct reports *ol)
{
	int i;

	process_pending(ol);
	for (i = 0; i < MAX_HOSTS; i++)
		finish_report(ol, &ol->hosts[i]);
}

void
reports_parse_buf(const char *buf, size_t len, reports_emit_fn emit, void *arg)
{
	struct reports *ol = reports_new(emit, arg);
	struct lines it;
	const char *line;
	size_t n;

	lines_init(&it, buf, len);
	while (lines_next(&it, &line, &n))
		reports_line(ol, line, n, it.lineno);
	reports_finish(ol);
	reports_free(ol);
}
