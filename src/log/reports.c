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
#include "log/anchor.h"
#include "log/bounds.h"
#include "lib/xalloc.h"
#include "log/frame.h"
#include "log/message.h"
#include "log/prefix.h"
#include "log/row.h"

#define MAX_HOSTS 16
#define MAX_LEARNED 8		/* streams whose extra prefix is known */
#define HEADER_CACHE 256	/* header lines whose parse is kept */
#define HEADER_TEXT 240
#define FOLD_MAX 256		/* distinct header-only reports folded at a time */
#define FOLD_HASH 512
#define AFTER_LINES 64		/* lines after the kill that may still add reaper lines */
#define STALE_LINES 4096	/* an open report that stops getting lines is closed */

/* Where a report begins: its first line's place and prefix (the host is its hostctx's). */
struct origin {
	int file;
	uint64_t lineno;
	bool kmsg, cut, has_time, has_uptime;
	char time[64], uptime[32];	/* struct pending's, copied whole */
};

struct hostctx {
	bool used, open;
	char host[OOM_TEXT_MAX];
	size_t host_len;	/* strlen(host) */
	bool has_host;
	char release[96];
	enum ol_mode mode;
	struct oom_report *r;
	/*
	 * Not NULL: r is not filled in; the report is this kept header line's
	 * parse at origin (materialize() fills r).  A storm of header lines
	 * folds without copying each one's report.
	 */
	struct header_cached *lazy;
	struct origin origin;
	struct ol_state st;
	uint64_t last_line;	/* last line that was part of the report */
	uint64_t last_use;
};

/* What a wrapper (journal, docker) said about a line, beyond its text. */
struct meta {
	bool other;
	const char *host, *time, *uptime;
};

/*
 * The logical line being assembled (it may still get a wrapped tail).
 * Its text, time and uptime are held where they are (no copy per line):
 * in the caller's line while held (reports_line_held()), else in text and
 * the arrays here (reports_release() copies them there).
 */
struct pending {
	bool valid, prefixed, cut, split_nl;
	bool held;		/* tp, tm or up may point into the caller's line */
	int anchored;		/* the text holds an anchor: 1, 0, or -1 (not known) */
	int anchor_id;		/* the first one's enum anchor_id, if anchored */
	size_t anchor_off;	/* and its offset in text */
	const char *tp;		/* the text: the caller's line or text.data */
	size_t tlen;
	struct buf text;
	enum logline_src src;
	bool kmsg, syslog;
	char host[OOM_TEXT_MAX], time[64], uptime[32];
	/*
	 * Host, time and uptime: in the line as the prefix parser found them
	 * (SPAN_CUT() cuts them to the arrays' size - 1 where they are used),
	 * or in the arrays.  Empty: the line has none.
	 */
	struct span hs, tm, up;
	const char *hend;	/* the end of the bytes readable from hs.p on */
	bool event;		/* the line is a Kubernetes event's */
	char event_by[32];
	uint64_t lineno;
	size_t phys_len;
};
_Static_assert(sizeof(((struct pending *)0)->time) == sizeof(((struct origin *)0)->time) &&
    sizeof(((struct pending *)0)->uptime) == sizeof(((struct origin *)0)->uptime),
    "a pending line's time and uptime fit the origin's");

/* A header line's text and what parsing it alone gave (the report's head). */
struct header_cached {
	uint32_t hash;
	uint16_t len;
	/*
	 * A report of this line alone ends as it is (finish_report() guesses
	 * no kind and report_bound() drops nothing): it may fold by reference.
	 */
	bool folds_as_is;
	/* The folded report the last one of these went into, while ol->fold_epoch is this. */
	uint64_t fold_epoch;
	int fold_index;
	char text[HEADER_TEXT];
	struct oom_report *r;
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
	uint64_t expire_at;	/* no open report can expire before this line */
	int nopen;		/* hosts with an open report */
	int last_host;		/* the host of the last line, tried first */
	struct hostctx hosts[MAX_HOSTS];
	struct pending pend;
	struct oom_report *scratch;
	struct ol_state scratch_st;
	struct oom_report *probe;	/* stands_alone()'s, made when first needed */
	struct frame frame;
	struct export_rec exp;
	struct prefix_memo memo;	/* the last line's prefix (prefix_parse_memo()) */
	struct learned learn[MAX_LEARNED];
	struct header_cached hcache[HEADER_CACHE];
	struct oom_report *folded[FOLD_MAX];
	uint32_t folded_hash[FOLD_MAX];
	int16_t fold_slot[FOLD_HASH];	/* hash -> index in folded + 1, 0: empty */
	int nfolded;
	uint64_t fold_epoch;	/* changes when the folded reports are flushed */
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
	ol->fold_epoch = 1;	/* a header_cached's 0: no folded report */
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
	for (i = 0; i < HEADER_CACHE; i++)
		free(ol->hcache[i].r);
	report_free(ol->scratch);
	report_free(ol->probe);
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

/* The length of span s as span_str() cuts it to fit the array dst. */
#define SPAN_CUT(s, dst) ((s).len < sizeof(dst) - 1 ? (s).len : sizeof(dst) - 1)

/*
 * A span's bytes, cut to size - 1, and a NUL into dst: the span as a
 * string.  Returns the length copied.
 */
static inline size_t
span_str(char *dst, size_t size, const struct span *s)
{
	size_t n = s->len < size - 1 ? s->len : size - 1;

	if (n > 0)		/* an empty span's p may be NULL */
		memcpy(dst, s->p, n);
	dst[n] = '\0';
	return n;
}

/* Span s copied into the array dst (unless it is there) and pointed at it. */
static inline void
span_own(struct span *s, char *dst, size_t size)
{
	if (s->p != dst) {
		s->len = span_str(dst, size, s);
		s->p = dst;
	}
}

/* ---- folding runs of header-only reports ------------------------------- */

/* A report that holds its header line and nothing else. */
static bool
header_only(const struct oom_report *r)
{
	return r->seen == OP_HEADER && r->lines_cut == 0 && r->ntasks == 0;
}

/* What two header-only reports must share to fold into one. */
struct fold_key {
	int file;
	enum oom_kind kind;
	bool has_host;
	const char *host, *invoker, *gfp_names, *nodemask, *kernel;
	int64_t gfp_mask, order, oom_adj, oom_score_adj;
};

static void
fold_key_of(struct fold_key *k, const struct oom_report *r)
{
	k->file = r->file;
	k->kind = r->kind;
	k->has_host = r->has_host;
	k->host = r->host;
	k->invoker = r->invoker;
	k->gfp_names = r->gfp_names;
	k->nodemask = r->nodemask;
	k->kernel = r->kernel;
	k->gfp_mask = r->gfp_mask;
	k->order = r->order;
	k->oom_adj = r->oom_adj;
	k->oom_score_adj = r->oom_score_adj;
}

static bool
same_header(const struct oom_report *a, const struct fold_key *k)
{
	return a->file == k->file && a->kind == k->kind && a->has_host == k->has_host &&
	    strcmp(a->host, k->host) == 0 && strcmp(a->invoker, k->invoker) == 0 &&
	    a->gfp_mask == k->gfp_mask && a->order == k->order &&
	    a->oom_score_adj == k->oom_score_adj && a->oom_adj == k->oom_adj &&
	    strcmp(a->gfp_names, k->gfp_names) == 0 && strcmp(a->nodemask, k->nodemask) == 0 &&
	    strcmp(a->kernel, k->kernel) == 0;
}

/* What same_header() compares, hashed. */
static uint32_t
header_hash(const struct fold_key *k)
{
	uint32_t h = 2166136261u;
	const char *s;

	for (s = k->invoker; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	for (s = k->host; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	h = (h ^ (uint32_t)k->gfp_mask) * 16777619u;
	h = (h ^ (uint32_t)k->order) * 16777619u;
	h = (h ^ (uint32_t)k->oom_score_adj) * 16777619u;
	return (h ^ (uint32_t)k->kind) * 16777619u;
}

/*
 * Count one more report like k's, first seen at line, into the folded one
 * it repeats: its index.  Else -1, with *hash and *slot where k's would go.
 */
static int
fold_repeat(struct reports *ol, const struct fold_key *k, uint64_t line, uint32_t *hash,
    unsigned *slot)
{
	unsigned s;

	*hash = header_hash(k);
	/* Open addressing over FOLD_HASH slots, at most FOLD_MAX used. */
	for (s = *hash % FOLD_HASH; ol->fold_slot[s] != 0; s = (s + 1) % FOLD_HASH) {
		int i = ol->fold_slot[s] - 1;

		if (ol->folded_hash[i] == *hash && same_header(ol->folded[i], k)) {
			ol->folded[i]->repeats++;
			ol->folded[i]->repeat_last_line = line;
			return i;
		}
	}
	*slot = s;
	return -1;
}

/* Emit the folded reports, in the order of their first lines. */
static void
flush_folded(struct reports *ol)
{
	int i;

	if (ol->nfolded == 0)
		return;
	for (i = 0; i < ol->nfolded; i++)
		ol->emit(ol->folded[i], ol->arg);
	ol->nfolded = 0;
	ol->fold_epoch++;
	memset(ol->fold_slot, 0, sizeof(ol->fold_slot));
}

/* Hand r to the caller, or keep it to fold more of its kind into it. */
static void
emit(struct reports *ol, struct oom_report *r)
{
	struct fold_key k;
	uint32_t hash;
	unsigned slot;
	struct oom_report *f;

	if (!ol->fold || !header_only(r)) {
		flush_folded(ol);
		ol->emit(r, ol->arg);
		return;
	}
	fold_key_of(&k, r);
	if (fold_repeat(ol, &k, r->line, &hash, &slot) >= 0)
		return;
	if (ol->nfolded == FOLD_MAX) {
		flush_folded(ol);
		slot = hash % FOLD_HASH;
	}
	if (ol->folded[ol->nfolded] == NULL)
		ol->folded[ol->nfolded] = xcalloc(1, sizeof(*r));
	f = ol->folded[ol->nfolded];
	/* A header-only report has nothing in its arrays or task list. */
	memcpy(f, r, offsetof(struct oom_report, zones));
	f->tasks = NULL;
	f->tasks_cap = 0;
	f->ntasks = 0;
	ol->folded_hash[ol->nfolded] = hash;
	ol->fold_slot[slot] = (int16_t)(ol->nfolded + 1);
	ol->nfolded++;
}

/* ---- hosts and reports ------------------------------------------------- */

/* The report's first line, its place and prefix, into r. */
static void
apply_origin(struct oom_report *r, const struct hostctx *h)
{
	const struct origin *o = &h->origin;

	r->file = o->file;
	r->line = r->last_line = o->lineno;
	r->has_host = h->has_host;
	memcpy(r->host, h->host, sizeof(r->host));
	r->has_time = o->has_time;
	memcpy(r->time, o->time, sizeof(r->time));
	r->has_uptime = o->has_uptime;
	memcpy(r->uptime, o->uptime, sizeof(r->uptime));
	if (r->source != SRC_EVENT)
		r->source = o->kmsg ? SRC_KMSG : SRC_LOG;
	if (o->cut)
		r->lines_cut++;
}

/* Fill in h's report if it is still a kept header line's (h->lazy). */
static void
materialize(struct hostctx *h)
{
	struct oom_report *r = h->r;
	struct oom_task *tasks = r->tasks;
	size_t cap = r->tasks_cap;

	if (h->lazy == NULL)
		return;
	memcpy(r, h->lazy->r, offsetof(struct oom_report, zones));
	r->tasks = tasks;
	r->tasks_cap = cap;
	h->lazy = NULL;
	apply_origin(r, h);
}

/*
 * finish_report() guesses a global OOM from the Mem-Info and zone lines,
 * or the kill's "Out of memory" when the kind was not printed.
 */
static bool
guess_global(const struct oom_report *r)
{
	return !r->kind_known && (r->seen & (OP_MEMINFO | OP_ZONES) ||
	    strcmp(r->kill.message, "Out of memory") == 0);
}

/*
 * A report still made of a kept header line alone (h->lazy) that repeats a
 * folded one: counted there, nothing copied.  What emit() would compare is
 * taken from the kept parse and h.
 */
static bool
fold_lazy(struct reports *ol, struct hostctx *h)
{
	struct header_cached *lz = h->lazy;
	const struct oom_report *c = lz->r;
	const char *kernel = c->kernel[0] == '\0' && h->release[0] != '\0' ? h->release : c->kernel;
	struct fold_key k;
	uint32_t hash;
	unsigned slot;
	int i;

	if (!ol->fold || h->origin.cut)
		return false;	/* not header-only: lines_cut */
	/*
	 * The folded report that the line's last report went into has the
	 * line's parse: only what comes from h may differ.
	 */
	if (lz->fold_epoch == ol->fold_epoch) {
		struct oom_report *f = ol->folded[lz->fold_index];

		if (f->file == h->origin.file && f->has_host == h->has_host &&
		    strcmp(f->host, h->host) == 0 && strcmp(f->kernel, kernel) == 0) {
			f->repeats++;
			f->repeat_last_line = h->origin.lineno;
			h->lazy = NULL;
			return true;
		}
	}
	fold_key_of(&k, c);
	k.file = h->origin.file;
	k.has_host = h->has_host;
	k.host = h->host;
	k.kernel = kernel;
	if ((i = fold_repeat(ol, &k, h->origin.lineno, &hash, &slot)) < 0)
		return false;
	lz->fold_epoch = ol->fold_epoch;
	lz->fold_index = i;
	h->lazy = NULL;
	return true;
}

/* Hand a finished report to the caller and close it. */
static void
finish_report(struct reports *ol, struct hostctx *h)
{
	struct oom_report *r = h->r;

	if (!h->open)
		return;
	h->open = false;
	ol->nopen--;
	if (h->lazy != NULL && fold_lazy(ol, h))
		return;
	materialize(h);
	if (guess_global(r)) {
		r->kind = OOM_KIND_GLOBAL;
		r->kind_known = true;
	}
	if (r->kernel[0] == '\0' && h->release[0] != '\0') {
		buf_strcpy(r->kernel, sizeof(r->kernel), h->release);
		r->kernel_from_earlier = true;
	}
	report_bound(r);
	emit(ol, r);
}

/*
 * Is h's host the string that pl's host span holds (its bytes up to the
 * first NUL, as a copy would keep them)?  A host of up to 16 bytes is
 * compared in two words, no call: this runs for every line.
 */
static inline bool
host_is(const struct hostctx *h, const struct pending *pl)
{
	/* 16 bytes of 0xff then 16 of 0: from 16 - n on, a mask of n bytes. */
	static const unsigned char ones[32] = {
		255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	};
	size_t n = SPAN_CUT(pl->hs, pl->host), hl = h->host_len;

	if (!h->used || h->has_host != (n > 0))
		return false;
	if (n == 0)
		return true;
	if (n != hl)	/* equal only if the span's string ends at hl */
		return n > hl && pl->hs.p[hl] == '\0' && memcmp(h->host, pl->hs.p, hl) == 0;
	if (n <= 16 && pl->hend - pl->hs.p >= 16) {
		uint64_t a0, a1, b0, b1, m0, m1;

		memcpy(&a0, h->host, 8);
		memcpy(&a1, h->host + 8, 8);
		memcpy(&b0, pl->hs.p, 8);
		memcpy(&b1, pl->hs.p + 8, 8);
		memcpy(&m0, ones + 16 - n, 8);
		memcpy(&m1, ones + 24 - n, 8);
		return (((a0 ^ b0) & m0) | ((a1 ^ b1) & m1)) == 0;
	}
	return memcmp(h->host, pl->hs.p, n) == 0;
}

static struct hostctx * __attribute__((noinline))
host_find_slow(struct reports *ol, const struct pending *pl)
{
	int i;

	for (i = 0; i < MAX_HOSTS; i++) {
		struct hostctx *h = &ol->hosts[i];

		if (host_is(h, pl)) {
			h->last_use = ++ol->tick;
			ol->last_host = i;
			return h;
		}
	}
	return NULL;
}

/* The host of the last line first, inline: the next line's, nearly always. */
static inline struct hostctx *
host_find(struct reports *ol, const struct pending *pl)
{
	struct hostctx *h = &ol->hosts[ol->last_host];

	if (host_is(h, pl)) {
		h->last_use = ++ol->tick;
		return h;
	}
	return host_find_slow(ol, pl);
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
	victim->has_host = pl->hs.len > 0;
	/* As a string: up to a NUL in the span. */
	span_str(victim->host, sizeof(victim->host), &pl->hs);
	victim->host_len = strlen(victim->host);
	victim->last_use = ++ol->tick;
	return victim;
}

/* h's report may now expire sooner than expire() last computed. */
static void
note_due(struct reports *ol, const struct hostctx *h)
{
	uint64_t due = h->last_line + (h->mode == OLM_AFTER ? AFTER_LINES : STALE_LINES);

	if (due < ol->expire_at)
		ol->expire_at = due;
}

/* Start h's report (its first line parsed, or kept: h->lazy) at pl. */
static void
begin_report(struct reports *ol, struct hostctx *h, const struct pending *pl)
{
	struct origin *o = &h->origin;

	o->file = ol->file;
	o->kmsg = ol->kmsg_input;
	o->lineno = pl->lineno;
	o->cut = pl->cut;
	o->has_time = pl->tm.len > 0;
	span_str(o->time, sizeof(o->time), &pl->tm);
	o->has_uptime = pl->up.len > 0;
	span_str(o->uptime, sizeof(o->uptime), &pl->up);
	if (h->lazy == NULL)
		apply_origin(h->r, h);
	if (!h->open)
		ol->nopen++;
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
	note_due(ol, h);
}

/* Remember where the kill line was, once; and where an event came from. */
static void
note_kill_line_slow(struct oom_report *r, const struct pending *pl)
{
	int i;

	if ((r->seen & OP_KILLED) && r->kill.line == 0)
		r->kill.line = pl->lineno;
	for (i = r->nkilled - 1; i >= 0 && r->killed[i].line == 0; i--)
		r->killed[i].line = pl->lineno;
	if (pl->event && (r->seen & (OP_KILL | OP_KILLED)) &&
	    !(r->seen & (OP_HEADER | OP_TASKS | OP_SUMMARY))) {
		r->source = SRC_EVENT;
		buf_strcpy(r->event_by, sizeof(r->event_by), pl->event_by);
	}
}

/* Called for every line of a report: nothing to do before its kill line. */
static inline void
note_kill_line(struct oom_report *r, const struct pending *pl)
{
	if (r->nkilled > 0 || (r->seen & (OP_KILL | OP_KILLED)))
		note_kill_line_slow(r, pl);
}

/*
 * Does a report of header line r alone end as it is: no kind guessed, no
 * number dropped by report_bound() (tried on a copy)?  Then it can fold
 * by reference (header_cached.folds_as_is).
 */
static bool
ends_as_is(struct reports *ol, const struct oom_report *r)
{
	struct oom_report *t;
	struct oom_task *tasks;
	size_t cap;

	if (!header_only(r) || guess_global(r))
		return false;
	if (ol->probe == NULL)
		ol->probe = report_new();	/* the spare report for trial parses */
	t = ol->probe;
	tasks = t->tasks;
	cap = t->tasks_cap;
	memcpy(t, r, offsetof(struct oom_report, zones));
	t->tasks = tasks;
	t->tasks_cap = cap;
	report_bound(t);
	return t->implausible == r->implausible;
}

/*
 * Begin r with its header line.  A log of many reports repeats a few header
 * lines (grep output, storms): their parse is kept, keyed by their text,
 * and copied instead of parsing again.
 */
static void
start_from_header(struct reports *ol, struct hostctx *h, const char *msg, size_t len)
{
	struct oom_report *r = h->r;
	struct header_cached *c;
	uint32_t hash = 2166136261u;
	size_t i;

	if (len > HEADER_TEXT) {
		message_report_init(r);
		message_apply(r, &h->st, OLM_OPEN, msg, len, true);
		return;
	}
	/* Eight bytes at a time: this runs for every header line of a storm. */
	for (i = 0; i + 8 <= len; i += 8) {
		uint64_t w;

		memcpy(&w, msg + i, 8);
		hash = (hash ^ (uint32_t)(w ^ w >> 29)) * 16777619u;
	}
	for (; i < len; i++)
		hash = (hash ^ (unsigned char)msg[i]) * 16777619u;
	/* Two ways: the slot of the hash, or the next one. */
	c = &ol->hcache[hash % HEADER_CACHE];
	if (!(c->r != NULL && c->hash == hash))
		c = &ol->hcache[(hash + 1) % HEADER_CACHE];
	if (c->r != NULL && c->hash == hash && c->len == len && memcmp(c->text, msg, len) == 0) {
		struct oom_task *tasks = r->tasks;
		size_t cap = r->tasks_cap;

		if (ol->fold && c->folds_as_is) {
			h->lazy = c;	/* copied only if more than a fold needs it */
			return;
		}
		memcpy(r, c->r, offsetof(struct oom_report, zones));
		r->tasks = tasks;
		r->tasks_cap = cap;
		return;
	}
	message_report_init(r);
	message_apply(r, &h->st, OLM_OPEN, msg, len, true);
	if (r->seen != OP_HEADER)
		return;		/* only a plain header line is kept */
	if (c->r != NULL && c->hash != hash)
		c = &ol->hcache[hash % HEADER_CACHE];	/* both taken: replace the first */
	if (c->r == NULL)
		c->r = xmalloc(offsetof(struct oom_report, zones));
	for (i = 0; i < MAX_HOSTS; i++)
		if (ol->hosts[i].lazy == c)
			materialize(&ol->hosts[i]);	/* before its parse is replaced */
	memcpy(c->r, r, offsetof(struct oom_report, zones));
	c->r->tasks = NULL;
	c->hash = hash;
	c->len = (uint16_t)len;
	memcpy(c->text, msg, len);
	c->folds_as_is = ends_as_is(ol, r);
	c->fold_epoch = 0;
}

/*
 * A line that h's open report (if any) did not take: maybe the (cut)
 * beginning of another report, a kill, a dump row...
 */
static void
try_begin(struct reports *ol, struct hostctx *h, const struct pending *pl, const char *msg,
    size_t len, bool anchored)
{
	enum ol_result res;
	const char *q = skip_blanks(msg, msg + len);

	/* Only anchors and dump rows can begin one.  msg is not NUL-terminated (held lines). */
	if (!anchored && (q == msg + len || *q != '['))
		return;
	message_report_init(ol->scratch);
	ol->scratch_st.memcg_stats = ol->scratch_st.slab_info = false;
	ol->scratch_st.release_version = h != NULL ? h->st.release_version : -1;
	res = message_apply(ol->scratch, &ol->scratch_st, OLM_NEW, msg, len, anchored);
	if (res == OLR_IGNORED)
		return;
	if (h == NULL)
		h = host_new(ol, pl);
	adopt_scratch(ol, h, pl, res);
	note_kill_line(h->r, pl);
}

/* h's open report took pl's line (res from message_apply()): note where, and its end. */
static inline void
took_line(struct reports *ol, struct hostctx *h, const struct pending *pl, enum ol_result res)
{
	h->last_line = h->r->last_line = pl->lineno;
	note_kill_line(h->r, pl);
	if (pl->cut)
		h->r->lines_cut++;
	if (res == OLR_END) {
		h->mode = OLM_AFTER;
		note_due(ol, h);
	}
}

/*
 * handle_msg() for a line known to hold no anchor (most of a report):
 * it cannot start a report nor name a release.
 */
static inline __attribute__((always_inline)) void
handle_plain(struct reports *ol, const struct pending *pl, const char *msg, size_t len)
{
	struct hostctx *h = host_find(ol, pl);

	if (h != NULL && h->open) {
		enum ol_result res;

		materialize(h);
		res = message_apply(h->r, &h->st, h->mode, msg, len, false);
		if (res != OLR_IGNORED) {
			took_line(ol, h, pl, res);
			return;
		}
	}
	try_begin(ol, h, pl, msg, len, false);
}

/*
 * One kernel message line (prefix removed, escapes split).  hint: pl's
 * anchor facts hold for this text (the whole of it); else they are found.
 */
static void
handle_msg(struct reports *ol, const struct pending *pl, const char *msg, size_t len, bool hint)
{
	struct hostctx *h = host_find(ol, pl);
	enum ol_result res;
	char rel[96];
	int id = -1;
	const char *a = hint ? (pl->anchored > 0 ? msg + pl->anchor_off : NULL) :
	    anchor_find_id(msg, msg + len, &id);
	bool anchored = a != NULL, has_rel, start;
	/*
	 * The header and CPU lines start with a task's name (at most 64 bytes
	 * escaped): their first anchor is their own, unless that name holds one.
	 */
	bool near = anchored && a - msg < 80;

	if (hint)
		id = pl->anchor_id;
	has_rel = anchored && (id == AN_TAINTED || (near && id != AN_INVOKED &&
	    id != AN_ALLOC_FAILURE)) && line_release(msg, len, rel, sizeof(rel));
	start = anchored && (id == AN_INVOKED || id == AN_ALLOC_FAILURE || near) &&
	    message_is_start(msg, len);

	if (h != NULL && h->open && !start) {
		materialize(h);
		res = message_apply(h->r, &h->st, h->mode, msg, len, anchored);
		if (has_rel)
			buf_strcpy(h->release, sizeof(h->release), rel);
		if (res != OLR_IGNORED) {
			took_line(ol, h, pl, res);
			if (has_rel && h->r->kernel[0] != '\0')
				h->st.release_version = release_version_code(h->r->kernel);
			return;
		}
	}
	if (start) {
		if (h == NULL)
			h = host_new(ol, pl);
		finish_report(ol, h);
		h->st.memcg_stats = h->st.slab_info = false;
		start_from_header(ol, h, msg, len);
		begin_report(ol, h, pl);
		if (h->lazy == NULL)	/* a kept header line has no kill */
			note_kill_line(h->r, pl);
		h->mode = OLM_OPEN;
		note_due(ol, h);
		return;
	}
	if (has_rel) {
		if (h == NULL)
			h = host_new(ol, pl);
		buf_strcpy(h->release, sizeof(h->release), rel);
		h->st.release_version = release_version_code(rel);
	}
	try_begin(ol, h, pl, msg, len, anchored);
}

/*
 * Split a logical line at the newlines and the escapes written for them.
 * Inlined where each line comes (text_line(): one call less a line),
 * called elsewhere.
 */
static inline __attribute__((always_inline)) void
process_pending_in(struct reports *ol)
{
	struct pending *pl = &ol->pend;
	const char *p, *end, *sep;

	if (!pl->valid)
		return;
	pl->valid = false;
	if (pl->src == LL_OTHER)
		return;
	p = pl->tp;
	end = p + pl->tlen;
	if (pl->split_nl) {
		while ((sep = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			handle_msg(ol, pl, p, (size_t)(sep - p), false);
			p = sep + 1;
		}
	}
	/* Each escape a literal: find_strn()'s search byte is chosen when compiling. */
	if (pl->kmsg) {
		while ((sep = find_strn(p, end, "\\x0a", 4)) != NULL) {
			handle_msg(ol, pl, p, (size_t)(sep - p), false);
			p = sep + 4;
		}
	} else if (pl->syslog) {
		while ((sep = find_strn(p, end, "#012", 4)) != NULL) {
			handle_msg(ol, pl, p, (size_t)(sep - p), false);
			p = sep + 4;
		}
	}
	if (p == pl->tp && pl->anchored == 0)
		handle_plain(ol, pl, p, (size_t)(end - p));
	else
		handle_msg(ol, pl, p, (size_t)(end - p), p == pl->tp && pl->anchored >= 0);
}

static void __attribute__((noinline))
process_pending(struct reports *ol)
{
	process_pending_in(ol);
}

/*
 * Close reports that stopped receiving lines.  Reports' last lines only
 * grow, so the hosts are looked at only once the earliest deadline seen at
 * the last look has passed.
 */
static void
expire(struct reports *ol, uint64_t lineno)
{
	uint64_t next = UINT64_MAX;
	int i;

	if (lineno <= ol->expire_at)
		return;
	for (i = 0; i < MAX_HOSTS; i++) {
		struct hostctx *h = &ol->hosts[i];
		uint64_t due;

		if (!h->open)
			continue;
		due = h->last_line + (h->mode == OLM_AFTER ? AFTER_LINES : STALE_LINES);
		if (lineno > due)
			finish_report(ol, h);
		else if (due < next)
			next = due;
	}
	ol->expire_at = next == UINT64_MAX ? lineno : next;
}

static bool
any_collecting(const struct reports *ol)
{
	return ol->nopen > 0;
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
		return "";	/* an event, its source not named */
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
strip_unknown_prefix(struct reports *ol, struct logline *ll, const char *anchor, int id)
{
	bool anchored = anchor != NULL;
	const char *end = ll->msg.p + ll->msg.len, *cs, *src = NULL;
	uint32_t host;
	struct learned *l;
	struct pfx_extra x;

	if (!anchored && ol->learn[0].used == false)
		return NULL;	/* nothing learned, nothing to learn */
	host = hash_span(&ll->host);
	if (anchored && (cs = message_content_start(ll->msg.p, end, anchor, id)) !=
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

/*
 * A line without a prefix in a prefixed stream: is it a report line on its
 * own ("Total swap = 0kB" of a file whose lines lost their prefixes here
 * and there), or the wrapped tail of the line before ("gfp_mask=0x..."
 * after "python invoked oom-killer: ")?  By content: a tail when the line
 * before stops at a separator, else a line of its own when the report's
 * line parsers take it alone.  Only such lines get here: no cost on logs
 * whose lines all have their prefix.
 */
static bool
stands_alone(struct reports *ol, const struct pending *pl, const char *p, size_t len)
{
	const char *end = p + len, *t = pl->tp;
	size_t tl = pl->tlen;
	struct ol_state st = { 0 };

	while (tl > 0 && (t[tl - 1] == ' ' || t[tl - 1] == '\t'))
		tl--;
	if (tl == 0 || t[tl - 1] == ',' || t[tl - 1] == ':' || t[tl - 1] == '=' ||
	    t[tl - 1] == '(' || t[tl - 1] == '|')
		return false;
	p = skip_blanks(p, end);
	{
		/* A run of "key:value" (or "key=value") fields cut in two. */
		const char *lt = t + tl, *fe = p;

		while (lt > t && lt[-1] != ' ' && lt[-1] != '\t')
			lt--;
		while (fe < end && *fe != ' ' && *fe != '\t')
			fe++;
		if ((memchr(lt, ':', (size_t)(t + tl - lt)) != NULL &&
		    memchr(p, ':', (size_t)(fe - p)) != NULL) ||
		    (memchr(lt, '=', (size_t)(t + tl - lt)) != NULL &&
		    memchr(p, '=', (size_t)(fe - p)) != NULL))
			return false;
	}
	if (p < end && *p == '[') {
		const char *q = skip_blanks(p + 1, end);

		/* A dump row or the dump's header "[  pid  ]". */
		return task_row_start(p, end) || (end - q >= 3 && memcmp(q, "pid", 3) == 0);
	}
	if (ol->probe == NULL)
		ol->probe = report_new();
	else
		message_report_init(ol->probe);
	st.release_version = -1;
	st.memcg_stats = ol->hosts[ol->last_host].st.memcg_stats ||
	    (tl > 24 && memcmp(t, "Memory cgroup stats for ", 24) == 0);
	return message_apply(ol->probe, &st, OLM_OPEN, p, (size_t)(end - p), false) != OLR_IGNORED;
}

/*
 * Does the line at p continue the pending one, which the kernel printed in
 * pieces or a mailer cut, whatever prefix each piece got?  By content:
 * "python invoked oom-killer: " then "gfp_mask=0x14201ca(...), nodemask=0, "
 * then "order=0, oom_score_adj=0"; "Killed process 995 (named) total-vm:399260kB, "
 * then "anon-rss:86516kB, ..."; "... score 170 or" then "sacrifice child".
 */
static bool
continues_fields(const struct pending *pl, const char *p, const char *end)
{
	const char *t = pl->tp, *q;
	size_t tl = pl->tlen;
	char c;

	while (tl > 0 && (t[tl - 1] == ' ' || t[tl - 1] == '\t'))
		tl--;
	if (tl < 3)
		return false;
	c = t[tl - 1];
	p = skip_blanks(p, end);
	if (c == 'r' && t[tl - 2] == 'o' && t[tl - 3] == ' ')
		return end - p >= 15 && memcmp(p, "sacrifice child", 15) == 0;
	if (c != ',' && !(c == ':' && pl->anchor_id == AN_INVOKED && tl >= 11 &&
	    memcmp(t + tl - 11, "oom-killer:", 11) == 0))
		return false;
	/* A field: "key=value" after the header, "key:value" after a kill line. */
	for (q = p; q < end && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
	    *q == '_' || *q == '-'); q++)
		;
	if (q == p || q >= end)
		return false;
	return pl->anchor_id == AN_INVOKED ? *q == '=' : *q == ':';
}

/* The pending text is pl->text, as it is now. */
static inline void
pending_text_is_own(struct pending *pl)
{
	pl->tp = pl->text.data;
	pl->tlen = pl->text.len;
}

/* Host, time and uptime into pl's arrays (before the caller's line goes). */
static void
pending_own_spans(struct pending *pl)
{
	span_own(&pl->hs, pl->host, sizeof(pl->host));
	pl->hend = pl->host + sizeof(pl->host);
	span_own(&pl->tm, pl->time, sizeof(pl->time));
	span_own(&pl->up, pl->uptime, sizeof(pl->uptime));
}

/*
 * /dev/kmsg gives microseconds: the uptime as dmesg prints it, in pl's own
 * array (up), when it fits.
 */
static inline void
kmsg_uptime(struct pending *pl, const struct span *us)
{
	size_t s;

	if (us->len <= 6 || us->len >= sizeof(pl->uptime) - 1)
		return;
	s = us->len - 6;
	memcpy(pl->uptime, us->p, s);
	pl->uptime[s] = '.';
	memcpy(pl->uptime + s + 1, us->p + s, 6);
	pl->uptime[us->len + 1] = '\0';
	pl->up.p = pl->uptime;
	pl->up.len = us->len + 1;
}

/* What both starts of a pending line set last: the event, the kmsg uptime, where it was. */
static inline void
pending_end(struct pending *pl, const struct logline *ll, uint64_t lineno, size_t len,
    const char *event_by)
{
	pl->event = event_by != NULL;
	if (event_by != NULL)
		buf_strcpy(pl->event_by, sizeof(pl->event_by), event_by);
	if (ll->kmsg)
		kmsg_uptime(pl, &ll->uptime);
	pl->lineno = lineno;
	pl->phys_len = len;
}

/*
 * Start a new logical line from a parsed physical line that is held (see
 * reports_line_held()) and came in no wrapper: the line's spans are kept,
 * nothing copied.  Most lines of a report come here.
 */
static inline void
pending_hold(struct pending *pl, const struct logline *ll, const char *line, uint64_t lineno,
    size_t len, bool cut, const char *event_by, const char *anchor, int id)
{
	pl->anchored = anchor != NULL;
	pl->anchor_id = id;
	pl->anchor_off = anchor != NULL ? (size_t)(anchor - ll->msg.p) : 0;
	pl->held = true;
	pl->tp = ll->msg.p;
	pl->tlen = ll->msg.len;
	pl->valid = true;
	pl->cut = cut;
	pl->prefixed = ll->src != LL_BARE;
	pl->src = ll->src;
	pl->kmsg = ll->kmsg;
	pl->syslog = ll->syslog;
	pl->split_nl = false;
	/* The prefix parser's spans lie in the line; cut where used. */
	pl->hs = ll->host;
	pl->tm = ll->time;
	pl->up = ll->uptime;
	pl->hend = line + len;
	pending_end(pl, ll, lineno, len, event_by);
}

/*
 * Start a new logical line from a parsed physical line that is not held,
 * or came in a wrapper (m says what that said): copied.
 */
static void __attribute__((noinline))
pending_start(struct pending *pl, const struct logline *ll, uint64_t lineno,
    size_t len, bool cut, const struct meta *m, const char *event_by,
    const char *anchor, int id)
{
	pl->anchored = anchor != NULL;
	pl->anchor_id = id;
	pl->anchor_off = anchor != NULL ? (size_t)(anchor - ll->msg.p) : 0;
	pl->held = false;
	buf_reset(&pl->text);
	buf_add(&pl->text, ll->msg.p, ll->msg.len);
	pending_text_is_own(pl);
	pl->valid = true;
	pl->cut = cut;
	pl->prefixed = ll->src != LL_BARE || m != NULL;
	pl->src = m != NULL && m->other ? LL_OTHER : ll->src;
	pl->kmsg = ll->kmsg;
	pl->syslog = ll->syslog;
	pl->split_nl = m != NULL;
	pl->hs = ll->host;
	pl->tm = ll->time;
	pl->up = ll->uptime;
	pending_own_spans(pl);
	if (m != NULL) {
		if (m->host != NULL && m->host[0] && pl->hs.len == 0)
			pl->hs.len = buf_strcpy(pl->host, sizeof(pl->host), m->host);
		if (m->time != NULL && m->time[0] && pl->tm.len == 0)
			pl->tm.len = buf_strcpy(pl->time, sizeof(pl->time), m->time);
		if (m->uptime != NULL && m->uptime[0] && pl->up.len == 0)
			pl->up.len = buf_strcpy(pl->uptime, sizeof(pl->uptime), m->uptime);
	}
	pending_end(pl, ll, lineno, len, event_by);
}

/* The pending text into pl->text (to append to it, or before the caller's line goes). */
static void
pending_own_text(struct pending *pl)
{
	if (pl->tp != pl->text.data) {
		buf_reset(&pl->text);
		buf_add(&pl->text, pl->tp, pl->tlen);
		pending_text_is_own(pl);
	}
}

/* text_line()'s how: the line was cut (longer than OOM_LINE_MAX); it is held (see reports_line_held()). */
enum { TL_CUT = 1, TL_HELD = 2 };

/*
 * One physical line of text (unwrapped if it came in a wrapper, then m
 * says what it said).  Inline in the feed's loop (reports_lines_held()),
 * text_line() elsewhere: six arguments, all in registers, so that
 * line_in() can jump there.
 */
static inline __attribute__((always_inline)) void
text_line_in(struct reports *ol, const char *line, size_t len, uint64_t lineno,
    const struct meta *m, unsigned how)
{
	bool cut = how & TL_CUT, held = how & TL_HELD;
	struct pending *pl = &ol->pend;
	struct logline ll;
	const char *event_by, *anchor = NULL;
	bool anchored;
	int id = -1;

	prefix_parse_memo(&ol->memo, line, len, &ll);
	/* A task-dump row holds no anchor (a comm is at most 15 bytes): the bulk of a report. */
	if (!task_row_start(ll.msg.p, ll.msg.p + ll.msg.len))
		anchor = anchor_find_id(ll.msg.p, ll.msg.p + ll.msg.len, &id);
	anchored = anchor != NULL;

	/* The next piece of a line printed in pieces. */
	if (pl->valid && pl->anchored == 1 && !anchored && ll.src != LL_OTHER && ll.msg.len > 0 &&
	    continues_fields(pl, ll.msg.p, ll.msg.p + ll.msg.len)) {
		const char *q = skip_blanks(ll.msg.p, ll.msg.p + ll.msg.len);
		size_t n = (size_t)(ll.msg.p + ll.msg.len - q);

		if (pl->tlen + n + 1 <= OOM_LINE_MAX) {
			pending_own_text(pl);
			if (pl->text.len > 0 && pl->text.data[pl->text.len - 1] != ' ')
				buf_putc(&pl->text, ' ');
			buf_add(&pl->text, q, n);
			pending_text_is_own(pl);
		} else {
			pl->cut = true;
		}
		pl->phys_len = ll.msg.len;
		return;
	}
	/* A line with no prefix in a prefixed stream continues the one before. */
	if (m == NULL && pl->valid && pl->prefixed && ll.src == LL_BARE && ll.msg.len > 0 &&
	    !anchored) {
		if (ll.indent == 0 && !stands_alone(ol, pl, ll.msg.p, ll.msg.len)) {
			/* Wrapped by a terminal (no longer than the line before) or an author. */
			pl->anchored = -1;
			if (pl->tlen + ll.msg.len + 1 <= OOM_LINE_MAX) {
				pending_own_text(pl);
				if (ll.msg.len > pl->phys_len)
					buf_putc(&pl->text, ' ');
				buf_add(&pl->text, ll.msg.p, ll.msg.len);
				pending_text_is_own(pl);
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
		pending_text_is_own(pl);
		pl->anchored = 0;
		pl->valid = true;
		pl->lineno = lineno;
		pl->phys_len = ll.msg.len;
		pl->cut = cut;
		return;
	}
	process_pending_in(ol);
	if (ll.msg.len == 0)
		return;
	/* Nothing learned, nothing to learn: no call (most lines). */
	event_by = anchor == NULL && !ol->learn[0].used ? NULL :
	    strip_unknown_prefix(ol, &ll, anchor, id);
	if (!anchored && !any_collecting(ol))
		return;
	if (held && m == NULL)
		pending_hold(pl, &ll, line, lineno, len, cut, event_by, anchor, id);
	else
		pending_start(pl, &ll, lineno, len, cut, m, event_by, anchor, id);
}

/* text_line_in() out of line, for every caller but reports_lines_held(). */
static void __attribute__((noinline))
text_line(struct reports *ol, const char *line, size_t len, uint64_t lineno,
    const struct meta *m, unsigned how)
{
	text_line_in(ol, line, len, lineno, m, how);
}

/*
 * A line that may be a journal export field or a JSON object (its first
 * byte says so, or an export record is open): unwrapped, or passed as it is.
 */
static void __attribute__((noinline))
line_framed(struct reports *ol, const char *line, size_t len, uint64_t lineno, unsigned how)
{
	const char *p;

	/* journalctl -o export: "KEY=value" lines, a blank line after each record. */
	/*
	 * Outside a record only "__CURSOR=", "__REALTIME_TIMESTAMP=" or
	 * "MESSAGE=" begins one (export_line()); "Mem-Info:" and "May  4 ..."
	 * need not be looked at.
	 */
	if (ol->exp.active || ol->exp.binary || (len > 0 && (line[0] == '_' ||
	    (len >= 7 && memcmp(line, "MESSAGE", 7) == 0)))) {
		enum export_res res = export_line(&ol->exp, line, len);

		if (res == EX_TAKEN)
			return;
		if (res == EX_DONE && ol->exp.has_message) {
			struct meta m = { ol->exp.f.other, ol->exp.f.host, ol->exp.f.time,
			    ol->exp.f.uptime };

			ol->exp.has_message = false;
			text_line(ol, buf_str(&ol->exp.f.text), ol->exp.f.text.len, lineno, &m,
			    how & TL_CUT);
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

		if (f->kind == FR_DOCKER) {
			/* The container's line: it may carry a prefix of its own. */
			m.other = false;
			text_line(ol, buf_str(&f->text), f->text.len, lineno, &m, how & TL_CUT);
			ol->pend.split_nl = false;
		} else {
			text_line(ol, buf_str(&f->text), f->text.len, lineno, &m, how & TL_CUT);
		}
		return;
	}
	text_line(ol, line, len, lineno, NULL, how);
}

/*
 * The first bytes of a line that may be framed: export fields begin with
 * '_' or 'M', JSON objects with '{' after blanks.
 */
static const bool may_frame[256] = {
	['_'] = true, ['M'] = true, ['{'] = true, [' '] = true, ['\t'] = true,
};

/* A line as it comes: a '\r' before its newline dropped, cut to OOM_LINE_MAX. */
static void __attribute__((noinline))
line_slow(struct reports *ol, const char *line, size_t len, uint64_t lineno, unsigned how)
{
	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (len > OOM_LINE_MAX) {
		len = OOM_LINE_MAX;
		how |= TL_CUT;
	}
	expire(ol, lineno);
	if (ol->exp.active || ol->exp.binary || (len > 0 && may_frame[(unsigned char)line[0]]))
		line_framed(ol, line, len, lineno, how);
	else
		text_line(ol, line, len, lineno, NULL, how);
}

/*
 * Does the line need none of line_slow()'s steps but the last (most lines
 * of a report): no '\r' to drop, no cut, no report due to expire, no
 * export field or JSON object (by its first byte)?
 */
static inline bool
line_is_plain(const struct reports *ol, const char *line, size_t len, uint64_t lineno)
{
	/* len - 1 < OOM_LINE_MAX: not empty, not too long. */
	return len - 1 < OOM_LINE_MAX && line[len - 1] != '\r' &&
	    !may_frame[(unsigned char)line[0]] && lineno <= ol->expire_at && !ol->exp.active &&
	    !ol->exp.binary;
}

/* A line: a plain one straight to text_line() (a jump), the others by line_slow(). */
static inline void
line_in(struct reports *ol, const char *line, size_t len, uint64_t lineno, unsigned how)
{
	if (line_is_plain(ol, line, len, lineno))
		text_line(ol, line, len, lineno, NULL, how);
	else
		line_slow(ol, line, len, lineno, how);
}

void
reports_line(struct reports *ol, const char *line, size_t len, uint64_t lineno)
{
	line_in(ol, line, len, lineno, 0);
}

void
reports_line_held(struct reports *ol, const char *line, size_t len, uint64_t lineno)
{
	line_in(ol, line, len, lineno, TL_HELD);
}

const char *
reports_lines_held(struct reports *ol, const char *p, const char *end, uint64_t *lineno)
{
	uint64_t n = *lineno;

	do {
		/* The sentinel stops the search: no length to count down. */
#ifdef HAVE_RAWMEMCHR
		const char *nl = rawmemchr(p, '\n');
#else
		const char *nl = memchr(p, '\n', (size_t)(end - p) + 1);
#endif

		if (nl >= end)
			break;
		/* text_line() inline: this loop is where nearly every line comes. */
		if (line_is_plain(ol, p, (size_t)(nl - p), n))
			text_line_in(ol, p, (size_t)(nl - p), n, NULL, TL_HELD);
		else
			line_slow(ol, p, (size_t)(nl - p), n, TL_HELD);
		n++;
		p = nl + 1;
	} while (p < end && reports_wants_all(ol));
	*lineno = n;
	return p;
}

void
reports_release(struct reports *ol)
{
	struct pending *pl = &ol->pend;

	if (!pl->held)
		return;
	pl->held = false;
	if (!pl->valid)
		return;
	pending_own_text(pl);
	pending_own_spans(pl);
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
		text_line(ol, buf_str(&ol->exp.f.text), ol->exp.f.text.len, ol->pend.lineno + 1, &m, 0);
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
		reports_line_held(ol, line, n, it.lineno);	/* buf outlives ol */
	reports_finish(ol);
	reports_free(ol);
}
