/*
 * reports.c: assemble OOM reports from a stream of log lines.
 *
 * Physical lines become logical lines first.  A line wrapped in a container
 * format (journal JSON or export, docker json-file; log/frame.c) is
 * unwrapped.  Its prefix is taken off (log/prefix.c) by the element rule;
 * on a line that holds an anchor (log/anchor.h) the message is also found
 * by its content, and any prefix the rule did not know (a vendor's number
 * in brackets, the words of a Kubernetes event) is learned for that stream
 * (its host and prefix shape) and taken off its later lines too.  A line
 * that a terminal or an author wrapped is joined back to the line before
 * it, an indented line without a prefix continues the record before it,
 * and rsyslog's "#012", /dev/kmsg's "\x0a" and the journal's newlines
 * split one record into the lines the kernel printed.  Logical lines then
 * go to the report of their host (syslog files mix hosts), one open report
 * per host, each built by log/message.c.  A report ends when the next one
 * starts, when its kill (or panic) has been printed and a few more lines
 * have passed for late oom_reaper and memory.oom.group lines, or when
 * nothing of it has been seen for STALE_LINES lines; then it is handed to
 * the callback.
 *
 * Memory: one logical line (at most OOM_LINE_MAX) plus one report per host
 * (MAX_HOSTS) and a few folded ones, whatever the size of the input.
 */
#include "proc/release.h"
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/parse.h"
#include "lib/xalloc.h"
#include "log/anchor.h"
#include "log/frame.h"
#include "log/message.h"
#include "log/prefix.h"

#define MAX_HOSTS 16
#define MAX_LEARNED 8		/* streams whose extra prefix is known */
#define FOLD_MAX 16		/* distinct header-only reports folded at a time */
#define AFTER_LINES 64		/* lines after the kill that may still add reaper lines */
#define STALE_LINES 4096	/* an open report that stops getting lines is closed */

struct hostctx {
	bool used, open;
	char host[OOM_TEXT_MAX];
	bool has_host;
	char release[96];
	enum ol_mode mode;
	struct oom_report *r;
	struct ol_state st;
	uint64_t last_line;	/* last line that was part of the report */
	uint64_t last_use;
};

/* What a wrapper (journal, docker) said about a line, beyond its text. */
struct meta {
	bool other;
	const char *host, *time, *uptime;
};

/* The logical line being assembled (it may still get a wrapped tail). */
struct pending {
	bool valid, prefixed, cut, split_nl;
	struct buf text;
	enum logline_src src;
	bool kmsg, syslog, has_host, has_time, has_uptime;
	char host[OOM_TEXT_MAX], time[64], uptime[32];
	char event_by[32];
	uint64_t lineno;
	size_t phys_len;
};

struct learned {
	bool used;
	uint32_t shape, host;
	uint64_t use;
	struct pfx_extra x;
};

struct reports {
	reports_emit_fn emit;
	void *arg;
	int file;
	bool kmsg_input, fold;
	uint64_t tick;
	struct hostctx hosts[MAX_HOSTS];
	struct pending pend;
	struct oom_report *scratch;
	struct ol_state scratch_st;
	struct frame frame;
	struct export_rec exp;
	struct learned learn[MAX_LEARNED];
	struct oom_report *folded[FOLD_MAX];
	int nfolded;
};

static struct oom_report *
report_new(void)
{
	struct oom_report *r = xcalloc(1, sizeof(*r));

	message_report_init(r);
	return r;
}

struct reports *
reports_new(reports_emit_fn emit, void *arg)
{
	struct reports *ol = xcalloc(1, sizeof(*ol));
	int i;

	ol->emit = emit;
	ol->arg = arg;
	for (i = 0; i < MAX_HOSTS; i++)
		ol->hosts[i].r = report_new();
	ol->scratch = report_new();
	return ol;
}

static void
report_free(struct oom_report *r)
{
	if (r == NULL)
		return;
	free(r->tasks);
	free(r);
}

void
reports_free(struct reports *ol)
{
	int i;

	if (ol == NULL)
		return;
	for (i = 0; i < MAX_HOSTS; i++)
		report_free(ol->hosts[i].r);
	for (i = 0; i < FOLD_MAX; i++)
		report_free(ol->folded[i]);
	report_free(ol->scratch);
	buf_free(&ol->pend.text);
	frame_free(&ol->frame);
	export_free(&ol->exp);
	free(ol);
}

void
reports_set_file(struct reports *ol, int file)
{
	ol->file = file;
}

void
reports_set_kmsg(struct reports *ol, bool kmsg)
{
	ol->kmsg_input = kmsg;
}

void
reports_set_fold(struct reports *ol, bool fold)
{
	ol->fold = fold;
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

/* ---- folding runs of header-only reports ------------------------------- */

/* A report that holds its header line and nothing else. */
static bool
header_only(const struct oom_report *r)
{
	return r->seen == OP_HEADER && r->lines_cut == 0 && r->ntasks == 0;
}

static bool
same_header(const struct oom_report *a, const struct oom_report *b)
{
	return a->file == b->file && a->kind == b->kind && a->has_host == b->has_host &&
	    strcmp(a->host, b->host) == 0 && strcmp(a->invoker, b->invoker) == 0 &&
	    a->gfp_mask == b->gfp_mask && a->order == b->order &&
	    a->oom_score_adj == b->oom_score_adj && a->oom_adj == b->oom_adj &&
	    strcmp(a->gfp_names, b->gfp_names) == 0 && strcmp(a->nodemask, b->nodemask) == 0 &&
	    strcmp(a->kernel, b->kernel) == 0;
}

/* Emit the folded reports, in the order of their first lines. */
static void
flush_folded(struct reports *ol)
{
	int i;

	for (i = 0; i < ol->nfolded; i++)
		ol->emit(ol->folded[i], ol->arg);
	ol->nfolded = 0;
}

/* Hand r to the caller, or keep it to fold more of its kind into it. */
static void
emit(struct reports *ol, struct oom_report *r)
{
	int i;

	if (!ol->fold || !header_only(r)) {
		flush_folded(ol);
		ol->emit(r, ol->arg);
		return;
	}
	for (i = 0; i < ol->nfolded; i++) {
		struct oom_report *f = ol->folded[i];

		if (same_header(f, r)) {
			f->repeats++;
			f->repeat_last_line = r->line;
			return;
		}
	}
	if (ol->nfolded == FOLD_MAX)
		flush_folded(ol);
	if (ol->folded[ol->nfolded] == NULL)
		ol->folded[ol->nfolded] = xcalloc(1, sizeof(*r));
	/* A header-only report has nothing in its arrays or task list. */
	memcpy(ol->folded[ol->nfolded], r, offsetof(struct oom_report, zones));
	ol->folded[ol->nfolded]->tasks = NULL;
	ol->folded[ol->nfolded]->tasks_cap = 0;
	ol->folded[ol->nfolded]->ntasks = 0;
	ol->nfolded++;
}

/* ---- hosts and reports ------------------------------------------------- */

/* Hand a finished report to the caller and close it. */
static void
finish_report(struct reports *ol, struct hostctx *h)
{
	struct oom_report *r = h->r;

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
	emit(ol, r);
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
	struct oom_report *r = h->r;

	r->file = ol->file;
	r->line = r->last_line = pl->lineno;
	r->has_host = pl->has_host;
	snprintf(r->host, sizeof(r->host), "%s", pl->host);
	r->has_time = pl->has_time;
	snprintf(r->time, sizeof(r->time), "%s", pl->time);
	r->has_uptime = pl->has_uptime;
	snprintf(r->uptime, sizeof(r->uptime), "%s", pl->uptime);
	if (r->source != SRC_EVENT)
		r->source = ol->kmsg_input ? SRC_KMSG : SRC_LOG;
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
	struct oom_report *tmp;

	finish_report(ol, h);
	tmp = h->r;
	h->r = ol->scratch;
	ol->scratch = tmp;
	h->st.memcg_stats = ol->scratch_st.memcg_stats;
	h->st.slab_info = false;
	begin_report(ol, h, pl);
	h->mode = res == OLR_END ? OLM_AFTER : OLM_OPEN;
}

/* Remember where the kill line was, once; and where an event came from. */
static void
note_kill_line(struct oom_report *r, const struct pending *pl)
{
	int i;

	if ((r->seen & OP_KILLED) && r->kill.line == 0)
		r->kill.line = pl->lineno;
	for (i = r->nkilled - 1; i >= 0 && r->killed[i].line == 0; i--)
		r->killed[i].line = pl->lineno;
	if (pl->event_by[0] != '\0' && (r->seen & (OP_KILL | OP_KILLED)) &&
	    !(r->seen & (OP_HEADER | OP_TASKS | OP_SUMMARY))) {
		r->source = SRC_EVENT;
		snprintf(r->event_by, sizeof(r->event_by), "%s", pl->event_by);
	}
}

/* One kernel message line (prefix removed, escapes split). */
static void
handle_msg(struct reports *ol, const struct pending *pl, const char *msg, size_t len)
{
	struct hostctx *h = host_find(ol, pl);
	enum ol_result res;
	char rel[96];
	bool anchored = anchor_find(msg, msg + len) != NULL;
	bool has_rel = anchored && line_release(msg, len, rel, sizeof(rel));
	bool start = anchored && message_is_start(msg, len);

	if (h != NULL && h->open && !start) {
		res = message_apply(h->r, &h->st, h->mode, msg, len);
		if (has_rel)
			snprintf(h->release, sizeof(h->release), "%s", rel);
		if (res != OLR_IGNORED) {
			h->last_line = h->r->last_line = pl->lineno;
			note_kill_line(h->r, pl);
			if (pl->cut)
				h->r->lines_cut++;
			if (res == OLR_END)
				h->mode = OLM_AFTER;
			if (h->r->kernel[0] != '\0')
				h->st.release_version = release_version_code(h->r->kernel);
			return;
		}
	}
	if (start) {
		if (h == NULL)
			h = host_new(ol, pl);
		finish_report(ol, h);
		message_report_init(h->r);
		h->st.memcg_stats = h->st.slab_info = false;
		message_apply(h->r, &h->st, OLM_OPEN, msg, len);
		begin_report(ol, h, pl);
		note_kill_line(h->r, pl);
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
	if (!anchored && (len == 0 || *skip_blanks(msg, msg + len) != '['))
		return;		/* only anchors and dump rows can begin one */
	message_report_init(ol->scratch);
	ol->scratch_st.memcg_stats = ol->scratch_st.slab_info = false;
	ol->scratch_st.release_version = h != NULL ? h->st.release_version : -1;
	res = message_apply(ol->scratch, &ol->scratch_st, OLM_NEW, msg, len);
	if (res == OLR_IGNORED)
		return;
	if (h == NULL)
		h = host_new(ol, pl);
	adopt_scratch(ol, h, pl, res);
	note_kill_line(h->r, pl);
}

/* Split a logical line at the newlines and the escapes written for them. */
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
	if (pl->split_nl) {
		while ((sep = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			handle_msg(ol, pl, p, (size_t)(sep - p));
			p = sep + 1;
		}
	}
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

/* ---- learned prefixes -------------------------------------------------- */

static uint32_t
hash_span(const struct span *s)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < s->len; i++)
		h = (h ^ (unsigned char)s->p[i]) * 16777619u;
	return h;
}

static struct learned *
learned_find(struct reports *ol, uint32_t shape, uint32_t host)
{
	int i;

	for (i = 0; i < MAX_LEARNED; i++)
		if (ol->learn[i].used && ol->learn[i].shape == shape && ol->learn[i].host == host)
			return &ol->learn[i];
	return NULL;
}

static void
learned_put(struct reports *ol, uint32_t shape, uint32_t host, const struct pfx_extra *x)
{
	struct learned *slot = learned_find(ol, shape, host);
	int i;

	if (slot == NULL) {
		slot = &ol->learn[0];
		for (i = 0; i < MAX_LEARNED; i++) {
			if (!ol->learn[i].used) {
				slot = &ol->learn[i];
				break;
			}
			if (ol->learn[i].use < slot->use)
				slot = &ol->learn[i];
		}
	}
	slot->used = true;
	slot->shape = shape;
	slot->host = host;
	slot->use = ++ol->tick;
	slot->x = *x;
}

/* Who wrote the words before a kill line's message, if they name a Kubernetes event. */
static const char *
event_source(const char *p, const char *e)
{
	if (find_str(p, e, "kernel-monitor") != NULL || find_str(p, e, "OOMKilling") != NULL)
		return "node-problem-detector";
	if (find_str(p, e, "kubelet") != NULL)
		return "kubelet";
	if (find_str(p, e, "\"message\"") != NULL || find_str(p, e, "Warning") != NULL)
		return "a Kubernetes event";
	return NULL;
}

/*
 * Does [p, e) end like the first part of a kernel message ("Kernel panic -
 * not syncing: Out of memory ...", "comm: page allocation failure")?  Then
 * it is no prefix.
 */
static bool
ends_message(const char *p, const char *e)
{
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	return e > p && e[-1] == ':';
}

/*
 * Take off what the element rule left of the prefix: a learned extra
 * prefix, or, on a line that holds an anchor, whatever lies before the
 * message as its content places it (and learn that for the stream).
 * Returns the event source if the words taken off name one.
 */
static const char *
strip_unknown_prefix(struct reports *ol, struct logline *ll)
{
	const char *end = ll->msg.p + ll->msg.len, *cs, *src = NULL;
	uint32_t host = hash_span(&ll->host);
	struct learned *l;
	struct pfx_extra x;

	if (anchor_find(ll->msg.p, end) != NULL && (cs = message_content_start(ll->msg.p, end)) !=
	    NULL && cs > skip_blanks(ll->msg.p, end) && !ends_message(ll->msg.p, cs)) {
		src = event_source(ll->msg.p, cs);
		if (prefix_learn_extra(ll, cs, &x) && src == NULL)
			learned_put(ol, ll->shape, host, &x);
		ll->msg.len = (size_t)(end - cs);
		ll->msg.p = cs;
		if (ll->src == LL_BARE)
			ll->src = LL_KERNEL;
		return src;
	}
	if ((l = learned_find(ol, ll->shape, host)) != NULL) {
		const char *before = ll->msg.p;

		prefix_apply_extra(ll, &l->x);
		if (ll->msg.p != before && ll->src == LL_BARE)
			ll->src = LL_KERNEL;
	}
	return NULL;
}

/* ---- lines ------------------------------------------------------------- */

/* Start a new logical line from a parsed physical line. */
static void
pending_start(struct pending *pl, const struct logline *ll, uint64_t lineno, size_t len,
    bool cut, const struct meta *m, const char *event_by)
{
	buf_reset(&pl->text);
	buf_add(&pl->text, ll->msg.p, ll->msg.len);
	pl->valid = true;
	pl->cut = cut;
	pl->prefixed = ll->src != LL_BARE || m != NULL;
	pl->src = m != NULL && m->other ? LL_OTHER : ll->src;
	pl->kmsg = ll->kmsg;
	pl->syslog = ll->syslog;
	pl->split_nl = m != NULL;
	copy_span(pl->host, sizeof(pl->host), &ll->host, &pl->has_host);
	copy_span(pl->time, sizeof(pl->time), &ll->time, &pl->has_time);
	copy_span(pl->uptime, sizeof(pl->uptime), &ll->uptime, &pl->has_uptime);
	if (m != NULL) {
		if (m->host != NULL && m->host[0] && !pl->has_host) {
			snprintf(pl->host, sizeof(pl->host), "%s", m->host);
			pl->has_host = true;
		}
		if (m->time != NULL && m->time[0] && !pl->has_time) {
			snprintf(pl->time, sizeof(pl->time), "%s", m->time);
			pl->has_time = true;
		}
		if (m->uptime != NULL && m->uptime[0] && !pl->has_uptime) {
			snprintf(pl->uptime, sizeof(pl->uptime), "%s", m->uptime);
			pl->has_uptime = true;
		}
	}
	snprintf(pl->event_by, sizeof(pl->event_by), "%s", event_by != NULL ? event_by : "");
	if (ll->kmsg && ll->uptime.len > 6 && ll->uptime.len < sizeof(pl->uptime) - 1) {
		/* /dev/kmsg gives microseconds: print them as dmesg does */
		size_t s = ll->uptime.len - 6;

		memcpy(pl->uptime, ll->uptime.p, s);
		pl->uptime[s] = '.';
		memcpy(pl->uptime + s + 1, ll->uptime.p + s, 6);
		pl->uptime[ll->uptime.len + 1] = '\0';
	}
	pl->lineno = lineno;
	pl->phys_len = len;
}

/* One physical line of text (unwrapped if it came in a wrapper, then m says what it said). */
static void
text_line(struct reports *ol, const char *line, size_t len, uint64_t lineno, bool cut,
    const struct meta *m)
{
	struct pending *pl = &ol->pend;
	struct logline ll;
	const char *event_by;

	prefix_parse(line, len, &ll);

	/* A line with no prefix in a prefixed stream continues the one before. */
	if (m == NULL && pl->valid && pl->prefixed && ll.src == LL_BARE && ll.msg.len > 0 &&
	    anchor_find(ll.msg.p, ll.msg.p + ll.msg.len) == NULL) {
		if (ll.indent == 0) {
			/* Wrapped by a terminal (no longer than the line before) or an author. */
			if (pl->text.len + ll.msg.len + 1 <= OOM_LINE_MAX) {
				if (ll.msg.len > pl->phys_len)
					buf_putc(&pl->text, ' ');
				buf_add(&pl->text, ll.msg.p, ll.msg.len);
			} else {
				pl->cut = true;
			}
			pl->phys_len = ll.msg.len;
			return;
		}
		/* An indented continuation (dmesg's and journalctl's multi-line records). */
		process_pending(ol);
		buf_reset(&pl->text);
		buf_add(&pl->text, ll.msg.p, ll.msg.len);
		pl->valid = true;
		pl->lineno = lineno;
		pl->phys_len = ll.msg.len;
		pl->cut = cut;
		return;
	}
	process_pending(ol);
	if (ll.msg.len == 0)
		return;
	event_by = strip_unknown_prefix(ol, &ll);
	if (!any_collecting(ol) && anchor_find(ll.msg.p, ll.msg.p + ll.msg.len) == NULL)
		return;
	pending_start(pl, &ll, lineno, len, cut, m, event_by);
}

void
reports_line(struct reports *ol, const char *line, size_t len, uint64_t lineno)
{
	bool cut = false;
	const char *p;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (len > OOM_LINE_MAX) {
		len = OOM_LINE_MAX;
		cut = true;
	}
	expire(ol, lineno);

	/* journalctl -o export: "KEY=value" lines, a blank line after each record. */
	if (ol->exp.active || ol->exp.binary || (len > 0 && (line[0] == '_' || line[0] == 'M'))) {
		enum export_res res = export_line(&ol->exp, line, len);

		if (res == EX_TAKEN)
			return;
		if (res == EX_DONE && ol->exp.has_message) {
			struct meta m = { ol->exp.f.other, ol->exp.f.host, ol->exp.f.time,
			    ol->exp.f.uptime };

			ol->exp.has_message = false;
			process_pending(ol);
			text_line(ol, buf_str(&ol->exp.f.text), ol->exp.f.text.len, lineno, cut, &m);
			process_pending(ol);
		}
		if (res == EX_DONE && len == 0)
			return;
	}
	/* One JSON object per line: the journal's -o json, docker's json-file. */
	p = line;
	while (p < line + len && (*p == ' ' || *p == '\t'))
		p++;
	if (p < line + len && *p == '{' && frame_json(line, len, &ol->frame)) {
		struct frame *f = &ol->frame;
		struct meta m = { f->other, f->host, f->time, f->uptime };

		process_pending(ol);
		if (f->kind == FR_DOCKER) {
			/* The container's line: it may carry a prefix of its own. */
			m.other = false;
			text_line(ol, buf_str(&f->text), f->text.len, lineno, cut, &m);
			ol->pend.split_nl = false;
		} else {
			text_line(ol, buf_str(&f->text), f->text.len, lineno, cut, &m);
		}
		process_pending(ol);
		return;
	}
	text_line(ol, line, len, lineno, cut, NULL);
}

bool
reports_wants_all(const struct reports *ol)
{
	return ol->pend.valid || any_collecting(ol) || ol->exp.active;
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
	flush_folded(ol);
}

void
reports_finish(struct reports *ol)
{
	int i;

	if (ol->exp.active && ol->exp.has_message) {
		struct meta m = { ol->exp.f.other, ol->exp.f.host, ol->exp.f.time, ol->exp.f.uptime };

		ol->exp.active = ol->exp.has_message = false;
		process_pending(ol);
		text_line(ol, buf_str(&ol->exp.f.text), ol->exp.f.text.len, ol->pend.lineno + 1, false,
		    &m);
	}
	ol->exp.active = ol->exp.binary = false;
	process_pending(ol);
	for (i = 0; i < MAX_HOSTS; i++)
		finish_report(ol, &ol->hosts[i]);
	flush_folded(ol);
}

void
reports_parse_buf(const char *buf, size_t len, reports_emit_fn emit_fn, void *arg)
{
	struct reports *ol = reports_new(emit_fn, arg);
	struct lines it;
	const char *line;
	size_t n;

	lines_init(&it, buf, len);
	while (lines_next(&it, &line, &n))
		reports_line(ol, line, n, it.lineno);
	reports_finish(ol);
	reports_free(ol);
}
