/*
 * test-fold: a storm of header lines.  reports.c keeps the parse of a
 * header line it has seen (keyed by its text) and, when the report it
 * starts stays that line alone, folds it into the report it repeats
 * without filling in a report of its own (hostctx.lazy).  Neither may
 * change what comes out: every storm here is read twice, as it is and
 * with each header line padded with blanks past the length the parser
 * keeps (so each one is parsed afresh and every report filled in), and
 * the reports must agree field by field, folded repeats included.
 *
 * The storms mix real header lines of tests/oom-logs (their pids and
 * names varied, so that more distinct lines come than are kept and kept
 * ones are replaced while a report still refers to them), hosts, a CPU
 * line that gives a release to the reports after it, lines that turn a
 * report into more than its header (Mem-Info, a kill), a header whose
 * oom_score_adj no kernel prints (dropped at the end), and other programs'
 * lines.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "log/reports.h"
#include "tap.h"

#define MAX_OUT 4096

/* What a report says, as explain would print it (not its buffers' tails). */
struct got {
	uint64_t line, last_line, repeats, repeat_last_line;
	int file, kind, kind_known, source, has_host, has_time, has_uptime;
	char host[OOM_TEXT_MAX], time[64], uptime[32];
	char invoker[OOM_COMM_MAX], gfp_names[256], nodemask[64], kernel[96];
	int64_t invoker_pid, gfp_mask, order, oom_adj, oom_score_adj, kill_pid;
	unsigned seen, lines_cut, implausible;
	int kernel_from_earlier, nkilled;
	char implausible_what[112];
};

struct out {
	int n;
	struct got g[MAX_OUT];
};

static void
collect(const struct oom_report *r, void *arg)
{
	struct out *o = arg;
	struct got *g;

	if (o->n >= MAX_OUT)
		return;
	g = &o->g[o->n++];
	memset(g, 0, sizeof(*g));
	g->line = r->line;
	g->last_line = r->last_line;
	g->repeats = r->repeats;
	g->repeat_last_line = r->repeat_last_line;
	g->file = r->file;
	g->kind = (int)r->kind;
	g->kind_known = r->kind_known;
	g->source = r->source;
	g->has_host = r->has_host;
	g->has_time = r->has_time;
	g->has_uptime = r->has_uptime;
	snprintf(g->host, sizeof(g->host), "%s", r->host);
	snprintf(g->time, sizeof(g->time), "%s", r->time);
	snprintf(g->uptime, sizeof(g->uptime), "%s", r->uptime);
	snprintf(g->invoker, sizeof(g->invoker), "%s", r->invoker);
	snprintf(g->gfp_names, sizeof(g->gfp_names), "%s", r->gfp_names);
	snprintf(g->nodemask, sizeof(g->nodemask), "%s", r->nodemask);
	snprintf(g->kernel, sizeof(g->kernel), "%s", r->kernel);
	g->invoker_pid = r->invoker_pid;
	g->gfp_mask = r->gfp_mask;
	g->order = r->order;
	g->oom_adj = r->oom_adj;
	g->oom_score_adj = r->oom_score_adj;
	g->kill_pid = r->kill.pid;
	g->seen = r->seen;
	g->lines_cut = r->lines_cut;
	g->implausible = r->implausible;
	snprintf(g->implausible_what, sizeof(g->implausible_what), "%s", r->implausible_what);
	g->kernel_from_earlier = r->kernel_from_earlier;
	g->nkilled = r->nkilled;
}

static void
read_storm(const struct buf *text, struct out *o)
{
	struct reports *ol = reports_new(collect, o);
	const char *p = buf_str(text), *end = p + text->len;
	uint64_t lineno = 0;

	o->n = 0;
	reports_set_fold(ol, true);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (nl == NULL)
			nl = end;
		reports_line(ol, p, (size_t)(nl - p), ++lineno);
		p = nl + 1;
	}
	reports_finish(ol);
	reports_free(ol);
}

/* "" when equal, else the first difference. */
static const char *
compare(const struct out *a, const struct out *b, char *why, size_t size)
{
	int i;

	if (a->n != b->n) {
		snprintf(why, size, "%d reports, want %d", a->n, b->n);
		return why;
	}
	for (i = 0; i < a->n; i++) {
		const struct got *x = &a->g[i], *y = &b->g[i];

#define NUM(f) if (x->f != y->f) { snprintf(why, size, "report %d (line %llu): " #f \
	" %lld, want %lld", i + 1, (unsigned long long)y->line, (long long)x->f, \
	(long long)y->f); return why; }
#define STR(f) if (strcmp(x->f, y->f) != 0) { snprintf(why, size, "report %d (line %llu): " \
	#f " \"%s\", want \"%s\"", i + 1, (unsigned long long)y->line, x->f, y->f); return why; }
		NUM(line) NUM(last_line) NUM(repeats) NUM(repeat_last_line) NUM(file)
		NUM(kind) NUM(kind_known) NUM(source) NUM(has_host) NUM(has_time)
		NUM(has_uptime) STR(host) STR(time) STR(uptime) STR(invoker) STR(gfp_names)
		STR(nodemask) STR(kernel) NUM(invoker_pid) NUM(gfp_mask) NUM(order)
		NUM(oom_adj) NUM(oom_score_adj) NUM(kill_pid) NUM(seen) NUM(lines_cut)
		NUM(implausible) STR(implausible_what) NUM(kernel_from_earlier) NUM(nkilled)
#undef NUM
#undef STR
	}
	why[0] = '\0';
	return why;
}

/* Header lines as tests/oom-logs has them: name, then before and after the order. */
static const struct {
	const char *gfp, *tail;
} headers[] = {
	{ "gfp_mask=0x14000c0(GFP_KERNEL), nodemask=(null), ", ", oom_score_adj=0" },
	{ "gfp_mask=0xcc0(GFP_KERNEL), ", ", oom_score_adj=0" },
	{ "gfp_mask=0x14200ca(GFP_HIGHUSER_MOVABLE), nodemask=(null), ", ", oom_score_adj=0" },
	{ "gfp_mask=0x280da, ", ", oom_adj=0, oom_score_adj=0" },
	{ "gfp_mask=0x201da, ", ", oom_score_adj=0" },
	{ "gfp_mask=0xcc0(GFP_KERNEL), ", ", oom_score_adj=-1000" },
	/* No kernel prints this oom_score_adj: report_bound() drops it at the end. */
	{ "gfp_mask=0xcc0(GFP_KERNEL), ", ", oom_score_adj=5000" },
};
static const char *const names[] = { "dd", "fxpush", "containerd", "big_mm", "AliYunDun", "push",
	"java", "php-fpm" };

/*
 * One storm of n lines; pad: header lines padded past what is kept.
 * bare: header lines and other programs' only (nothing ends the folding).
 */
static void
storm(struct buf *b, uint64_t seed, int n, int distinct, bool bare, bool pad)
{
	int i;

	tap_rng = seed;
	buf_reset(b);
	for (i = 0; i < n; i++) {
		unsigned k = (unsigned)(tap_rand() % 100);

		if (bare && k >= 80)
			k = k < 97 ? 0 : 99;
		unsigned v = (unsigned)(tap_rand() % (uint64_t)distinct);
		char head[64];
		size_t at;

		snprintf(head, sizeof(head), "Sep %2d 10:%02d:%02d web%u kernel: ", 1 + i / 3600 % 28,
		    i / 60 % 60, i % 60, (unsigned)(tap_rand() % 3));
		if (k < 80) {
			buf_add(b, head, strlen(head));
			at = b->len;
			buf_printf(b, "%s invoked oom-killer: %sorder=%u%s",
			    names[v / 7 % (sizeof(names) / sizeof(names[0]))], headers[v % 7].gfp,
			    v / 56, headers[v % 7].tail);
			if (pad)
				while (b->len - at < 300)
					buf_putc(b, ' ');
		} else if (k < 85) {
			buf_printf(b, "%sCPU: 1 PID: 2%u Comm: x Not tainted 4.%u.0-%u #1\n", head,
			    v, v % 20, v);
			continue;
		} else if (k < 90) {
			buf_printf(b, "%sMem-Info:", head);
		} else if (k < 93) {
			buf_printf(b, "%sOut of memory: Killed process %u (x) total-vm:1000kB, "
			    "anon-rss:10kB, file-rss:0kB, shmem-rss:0kB", head, 100 + v);
		} else {
			buf_printf(b, "Sep %2d 10:00:00 web1 CRON[%u]: (root) CMD (true)", 1, v);
		}
		buf_putc(b, '\n');
	}
}

int
main(void)
{
	struct out *kept = malloc(sizeof(*kept)), *fresh = malloc(sizeof(*fresh));
	struct buf a = BUF_INIT, b = BUF_INIT;
	char why[512];
	int s, folded = 0;
	bool same = true;

	if (kept == NULL || fresh == NULL)
		return 99;
	/*
	 * Few distinct lines (all kept) up to more than HEADER_CACHE (kept
	 * ones replaced); half of the storms of header lines alone, so that
	 * folding runs long and kept lines are replaced meanwhile.
	 */
	for (s = 0; s < 40 && same; s++) {
		int distinct = s % 4 == 0 ? 7 : s % 4 == 1 ? 60 : s % 4 == 2 ? 400 : 3000;
		int i;

		storm(&a, 1000 + (uint64_t)s, 3000, distinct, s % 8 >= 4, false);
		storm(&b, 1000 + (uint64_t)s, 3000, distinct, s % 8 >= 4, true);
		read_storm(&a, kept);
		read_storm(&b, fresh);
		for (i = 0; i < kept->n; i++)
			folded += kept->g[i].repeats > 0;
		compare(kept, fresh, why, sizeof(why));
		if (why[0] != '\0') {
			printf("# storm %d (%d distinct header lines): %s\n", s, distinct, why);
			same = false;
		}
	}
	ok(same, "40 storms of 3,000 lines: the kept header lines' reports are the fresh parses'");
	ok(folded > 1000, "the storms fold (%d reports with repeats)", folded);
	buf_free(&a);
	buf_free(&b);
	free(kept);
	free(fresh);
	return tap_done();
}
