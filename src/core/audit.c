/*
 * audit.c: the findings.  Every check reads only the input structs, so the
 * tests drive each one with fixture snapshots and task lists built from
 * real captures' numbers.
 *
 * Scopes.  The OOM killer chooses among the tasks of one scope, scored
 * against that scope's totalpages: the whole system (RAM + swap), or one
 * memory cgroup that reached its limit (the limit, plus the swap it may
 * use).  The same task can be the would-be victim in one scope and safe in
 * another, so the victim checks (adj-victim, protected-victim) run for the
 * global scope and for every memory cgroup with a limit.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "lib/format.h"
#include "lib/xalloc.h"

/* How many names a summary spells out before "and N more". */
#define NAMES_SHOWN 3
/* How much of a command line a summary quotes. */
#define CMDLINE_SHOWN 60

static const char *const severity_names[] = { "info", "warning", "critical" };

const char *
audit_severity_name(enum audit_severity s)
{
	return s <= AUDIT_CRITICAL ? severity_names[s] : "?";
}

const struct audit_finding *
audit_find(const struct audit_report *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->v[i].id, id) == 0)
			return &r->v[i];
	return NULL;
}

void
audit_report_free(struct audit_report *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].summary);
		free(r->v[i].pids);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

/* Append a finding; takes the summary from b (which is reset). */
static struct audit_finding *
add(struct audit_report *out, const char *id, enum audit_severity sev, struct buf *b)
{
	struct audit_finding *f;

	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 16;
		out->v = xreallocarray(out->v, out->cap, sizeof(*out->v));
	}
	f = &out->v[out->n++];
	memset(f, 0, sizeof(*f));
	f->id = id;
	f->severity = sev;
	f->summary = xstrdup(buf_str(b));
	buf_reset(b);
	return f;
}

static void
add_pid(struct audit_finding *f, int pid)
{
	f->pids = xreallocarray(f->pids, f->npids + 1, sizeof(*f->pids));
	f->pids[f->npids++] = pid;
}

/* ---- Helpers over the ranking ------------------------------------------- */

static uint64_t
page_kb(const struct ranking *r)
{
	return (uint64_t)r->sys.page_size / 1024;
}

/* A size in pages, human-readable. */
static const char *
pages_str(char *buf, const struct ranking *r, uint64_t pages)
{
	return fmt_kb(buf, pages * page_kb(r));
}

/* What the kernel counts for a task, in pages, whatever its eligibility. */
static uint64_t
task_pages(const struct ranking *r, const struct task *t)
{
	struct oom_task_mem m;

	task_oom_mem(t, r->sys.page_size, &m);
	return m.rss + m.swap + (r->model->count_pgtables ? m.pgtables : 0);
}

/* "PID (comm)"; the name raw (summaries are escaped on output). */
static void
say_task(struct buf *b, const struct task *t)
{
	buf_printf(b, "%d (", t->pid);
	buf_add(b, t->comm, t->comm_len);
	buf_putc(b, ')');
}

/* The scope in words: "a system-wide OOM" or "an OOM of memory cgroup X". */
static void
say_scope(struct buf *b, const char *memcg)
{
	if (memcg == NULL) {
		buf_puts(b, "a system-wide OOM");
	} else {
		buf_puts(b, "an OOM of memory cgroup ");
		buf_puts(b, memcg);
	}
}

/* One scope's candidates, sorted into the kernel's order. */
struct scope {
	const char *memcg;		/* NULL: global */
	uint64_t T;
	struct rank_entry *e;		/* eligible tasks only, best first */
	size_t n;
};

/* ---- adj-min-large --------------------------------------------------------- */

struct sized {
	const struct task *t;
	uint64_t pages;
};

static int
sized_desc(const void *a, const void *b)
{
	const struct sized *x = a, *y = b;

	return x->pages > y->pages ? -1 : x->pages < y->pages;
}

/*
 * Tasks at -1000 are skipped by the OOM killer whatever their size; a
 * large one is memory no kill can free.
 */
static void
check_adj_min(const struct audit_input *in, struct audit_report *out, struct buf *b)
{
	const struct ranking *r = in->rank;
	struct sized *big = NULL;
	size_t i, n = 0;
	uint64_t total = 0;
	double pct;
	char s1[FMT_KB_LEN], s2[FMT_KB_LEN];
	struct audit_finding *f;

	for (i = 0; i < r->tasks.n; i++) {
		const struct task *t = &r->tasks.v[i];
		uint64_t p;

		if (t->ineligible != OOM_ADJ_MIN)
			continue;
		p = task_pages(r, t);
		if (p * 1000 < r->sys.totalpages * AUDIT_LARGE_PERMILLE)
			continue;
		big = xreallocarray(big, n + 1, sizeof(*big));
		big[n].t = t;
		big[n++].pages = p;
		total += p;
	}
	if (n == 0)
		return;
	qsort(big, n, sizeof(*big), sized_desc);
	pct = 100.0 * (double)total / (double)(r->sys.totalpages ? r->sys.totalpages : 1);
	buf_printf(b, "%zu task%s at oom_score_adj -1000 hold%s %s (%.1f%% of RAM + swap), "
	    "which no OOM kill can free: ", n, n == 1 ? "" : "s", n == 1 ? "s" : "",
	    pages_str(s1, r, total), pct);
	for (i = 0; i < n && i < NAMES_SHOWN; i++) {
		buf_puts(b, i ? ", " : "");
		say_task(b, big[i].t);
		buf_printf(b, " %s", pages_str(s2, r, big[i].pages));
	}
	if (n > NAMES_SHOWN)
		buf_printf(b, " and %zu more", n - NAMES_SHOWN);
	buf_putc(b, '.');
	f = add(out, "adj-min-large", pct >= 50 ? AUDIT_CRITICAL :
	    pct >= 10 ? AUDIT_WARNING : AUDIT_INFO, b);
	for (i = 0; i < n; i++)
		add_pid(f, big[i].t->pid);
	free(big);
}

/* ---- adj-victim, adj-outranks, protected-victim ------------------------ */

/* Is a (pages) "much larger" than b in a scope of T pages? */
static bool
much_larger(uint64_t a, uint64_t b, uint64_t T)
{
	return a >= AUDIT_MUCH_LARGER * b && (a - b) * 1000 >= T * AUDIT_LARGE_PERMILLE;
}

/* The task's points with oom_score_adj 0, in the scope. */
static int64_t
points_without_adj(const struct ranking *r, const struct task *t, uint64_t T)
{
	struct oom_task_mem m;
	struct oom_score s;

	task_oom_mem(t, r->sys.page_size, &m);
	m.adj = 0;
	oom_score_compute(r->model, &m, T, r->sys.totalpages, &s);
	return s.points;
}

/*
 * The would-be victim is first only because of its positive adj, ahead
 * of a much larger task: say so, with what the adj is worth and how much
 * the larger task would have to grow to be chosen instead.
 */
static bool
check_adj_victim(const struct audit_input *in, const struct scope *sc,
    struct audit_report *out, struct buf *b)
{
	const struct ranking *r = in->rank;
	const struct task *s, *l;
	uint64_t sp, lp, grow;
	char s1[FMT_KB_LEN], s2[FMT_KB_LEN], s3[FMT_KB_LEN];
	struct audit_finding *f;

	if (sc->n < 2)
		return false;
	s = rank_task(r, &sc->e[0]);
	l = rank_task(r, &sc->e[1]);
	if (s->adj <= 0 || points_without_adj(r, s, sc->T) >= sc->e[1].score.points)
		return false;
	sp = task_pages(r, s);
	lp = task_pages(r, l);
	if (!much_larger(lp, sp, sc->T))
		return false;
	/* To be chosen first, l must pass the victim's points (ties aside). */
	grow = (uint64_t)(sc->e[0].score.points - sc->e[1].score.points) + 1;
	say_task(b, s);
	buf_printf(b, " is the would-be victim of ");
	say_scope(b, sc->memcg);
	buf_printf(b, " with only %s, because of its oom_score_adj %d (worth %s there); "
	    "without it ", pages_str(s1, r, sp), s->adj,
	    pages_str(s2, r, (uint64_t)sc->e[0].score.adj_points));
	say_task(b, l);
	buf_printf(b, ", %s, would be, and it would have to grow by %s to be chosen instead.",
	    pages_str(s1, r, lp), pages_str(s3, r, grow));
	f = add(out, "adj-victim", AUDIT_WARNING, b);
	add_pid(f, s->pid);
	add_pid(f, l->pid);
	return true;
}

/*
 * Small tasks with a positive adj ranked above a much larger task that
 * would outrank them without their adj, from entry `from` on (1 when
 * adj-victim already told the victim's story).
 */
static void
check_adj_outranks(const struct audit_input *in, const struct scope *sc, size_t from,
    struct audit_report *out, struct buf *b)
{
	const struct ranking *r = in->rank;
	size_t i, *largest, nfound = 0;
	struct audit_finding *f;
	char s1[FMT_KB_LEN], s2[FMT_KB_LEN];
	int *pids = NULL;
	size_t ex_small = 0, ex_large = 0;

	if (sc->n < from + 2)
		return;
	/* largest[i]: the entry after i holding the most memory. */
	largest = xreallocarray(NULL, sc->n, sizeof(*largest));
	largest[sc->n - 1] = sc->n - 1;
	for (i = sc->n - 1; i-- > 0; ) {
		size_t j = largest[i + 1];

		largest[i] = task_pages(r, rank_task(r, &sc->e[i + 1])) >=
		    task_pages(r, rank_task(r, &sc->e[j])) ? i + 1 : j;
	}
	for (i = from; i + 1 < sc->n; i++) {
		const struct task *s = rank_task(r, &sc->e[i]);
		size_t j = largest[i];

		if (s->adj <= 0 || !much_larger(task_pages(r, rank_task(r, &sc->e[j])),
		    task_pages(r, s), sc->T) ||
		    points_without_adj(r, s, sc->T) >= sc->e[j].score.points)
			continue;
		if (nfound++ == 0) {
			ex_small = i;
			ex_large = j;
		}
		pids = xreallocarray(pids, nfound, sizeof(*pids));
		pids[nfound - 1] = s->pid;
	}
	free(largest);
	if (nfound == 0)
		return;
	buf_printf(b, "%zu%s small task%s with a positive oom_score_adj rank%s above much "
	    "larger ones that would outrank %s without it, e.g. ", nfound, from ? " more" : "",
	    nfound == 1 ? "" : "s", nfound == 1 ? "s" : "", nfound == 1 ? "it" : "them");
	say_task(b, rank_task(r, &sc->e[ex_small]));
	buf_printf(b, " with %s at adj %d above ",
	    pages_str(s1, r, task_pages(r, rank_task(r, &sc->e[ex_small]))),
	    rank_task(r, &sc->e[ex_small])->adj);
	say_task(b, rank_task(r, &sc->e[ex_large]));
	buf_printf(b, " with %s.", pages_str(s2, r, task_pages(r, rank_task(r, &sc->e[ex_large]))));
	f = add(out, "adj-outranks", AUDIT_INFO, b);
	f->pids = pids;
	f->npids = nfound;
}

/* The victim matches a protect pattern. */
static void
check_protected(const struct audit_input *in, const struct scope *sc,
    struct audit_report *out, struct buf *b)
{
	const struct ranking *r = in->rank;
	const struct task *t;
	const struct protect_pattern *pat;
	const char *cl;
	size_t len;
	struct audit_finding *f;

	if (sc->n == 0 || in->protect == NULL || in->protect->n == 0)
		return;
	t = rank_task(r, &sc->e[0]);
	cl = task_cmdline(&r->tasks, t);
	if ((pat = protect_match(in->protect, cl != NULL ? cl : t->comm,
	    cl != NULL ? strlen(cl) : t->comm_len)) == NULL)
		return;
	len = cl != NULL ? t->cmdline_len : t->comm_len;
	buf_printf(b, "%d (", t->pid);
	buf_add(b, cl != NULL ? cl : t->comm, len > CMDLINE_SHOWN ? CMDLINE_SHOWN : len);
	buf_printf(b, "%s) matches protect pattern '%s' but is the would-be victim of ",
	    len > CMDLINE_SHOWN ? "..." : "", pat->text);
	say_scope(b, sc->memcg);
	buf_printf(b, " (oom_score_adj %d).", t->adj);
	f = add(out, "protected-victim", AUDIT_CRITICAL, b);
	add_pid(f, t->pid);
}

static void
check_scope(const struct audit_input *in, const struct scope *sc, struct audit_report *out,
    struct buf *b)
{
	bool victim;

	check_protected(in, sc, out, b);
	victim = check_adj_victim(in, sc, out, b);
	if (sc->memcg == NULL)
		check_adj_outranks(in, sc, victim ? 1 : 0, out, b);
}

/* ---- memory cgroups ------------------------------------------------------- */

struct pid_index {
	int pid;
	size_t i;
};

static int
pid_cmp(const void *a, const void *b)
{
	const struct pid_index *x = a, *y = b;

	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

/* One adj point weighs totalpages/1000 pages: 0 or a few in a small cgroup. */
static void
check_adj_step(const struct audit_input *in, const struct memcg_limited *c,
    const struct pid_index *idx, struct audit_report *out, struct buf *b)
{
	const struct ranking *r = in->rank;
	uint64_t step = c->totalpages / 1000;
	char s1[FMT_KB_LEN], s2[FMT_KB_LEN];
	struct audit_finding *f;
	int *pids = NULL;
	size_t i, n = 0;

	if (step >= AUDIT_ADJ_STEP_FEW)
		return;
	/* The tasks whose adj is affected (-1000 keeps its meaning). */
	for (i = 0; i < c->npids; i++) {
		struct pid_index key = { c->pids[i], 0 }, *hit;
		const struct task *t;

		hit = bsearch(&key, idx, r->tasks.n, sizeof(*idx), pid_cmp);
		if (hit == NULL)
			continue;
		t = &r->tasks.v[hit->i];
		if (t->adj == 0 || t->adj <= OOM_SCORE_ADJ_MIN)
			continue;
		pids = xreallocarray(pids, n + 1, sizeof(*pids));
		pids[n++] = t->pid;
	}
	buf_printf(b, "Memory cgroup %s has a %s limit (totalpages %" PRIu64 "): ", c->path,
	    fmt_kb(s1, c->limits.limit_bytes / 1024), c->totalpages);
	if (step == 0)
		buf_puts(b, "totalpages/1000 rounds to 0, so oom_score_adj has no effect on "
		    "which of its tasks an OOM there kills");
	else
		buf_printf(b, "one oom_score_adj point weighs only totalpages/1000 = %" PRIu64
		    " page%s (%s), rounded down from %.2f", step, step == 1 ? "" : "s",
		    pages_str(s2, r, step), (double)c->totalpages / 1000.0);
	if (n > 0)
		buf_printf(b, "; %zu of its tasks set a non-zero adj", n);
	buf_putc(b, '.');
	f = add(out, "memcg-adj-step", step == 0 && n > 0 ? AUDIT_WARNING : AUDIT_INFO, b);
	f->pids = pids;
	f->npids = n;
}

/* Each limited memory cgroup: its adj step, and its own would-be victim. */
static void
check_memcgs(const struct audit_input *in, struct audit_report *out, struct buf *b)
{
	const struct ranking *r = in->rank;
	struct pid_index *idx;
	struct rank_entry *e = NULL;
	size_t i, k;

	if (in->nmemcgs == 0)
		return;
	idx = xreallocarray(NULL, r->tasks.n ? r->tasks.n : 1, sizeof(*idx));
	for (i = 0; i < r->tasks.n; i++) {
		idx[i].pid = r->tasks.v[i].pid;
		idx[i].i = i;
	}
	qsort(idx, r->tasks.n, sizeof(*idx), pid_cmp);
	for (k = 0; k < in->nmemcgs; k++) {
		const struct memcg_limited *c = &in->memcgs[k];
		struct scope sc = { c->path, c->totalpages, NULL, 0 };

		check_adj_step(in, c, idx, out, b);
		e = xreallocarray(e, c->npids ? c->npids : 1, sizeof(*e));
		for (i = 0; i < c->npids; i++) {
			struct pid_index key = { c->pids[i], 0 }, *hit;
			struct oom_task_mem m;

			hit = bsearch(&key, idx, r->tasks.n, sizeof(*idx), pid_cmp);
			if (hit == NULL)
				continue;
			task_oom_mem(&r->tasks.v[hit->i], r->sys.page_size, &m);
			e[sc.n].task = hit->i;
			e[sc.n].self = r->tasks.v[hit->i].self;
			oom_score_compute(r->model, &m, c->totalpages, r->sys.totalpages,
			    &e[sc.n].score);
			if (e[sc.n].score.eligible)
				sc.n++;
		}
		rank_sort(e, sc.n, r->tasks.v, r->model->ties_to_later);
		sc.e = e;
		check_scope(in, &sc, out, b);
	}
	free(e);
	free(idx);
}

/* ---- settings ------------------------------------------------------------- */

static void
check_sysctls(const struct audit_input *in, struct audit_report *out, struct buf *b)
{
	const struct vm_sysctls *v = &in->snap->sysctl;
	const struct meminfo *mi = &in->snap->mi;
	char s1[FMT_KB_LEN], s2[FMT_KB_LEN];

	if (v->panic_on_oom == 1) {
		buf_puts(b, "vm.panic_on_oom = 1: a system-wide OOM panics the kernel instead of "
		    "killing a process (OOMs of a memory cgroup, cpuset or mempolicy still kill).");
		add(out, "panic-on-oom", AUDIT_CRITICAL, b);
	} else if (v->panic_on_oom >= 2) {
		buf_printf(b, "vm.panic_on_oom = %d: every OOM panics the kernel instead of "
		    "killing a process, even a memory cgroup's at its limit.", v->panic_on_oom);
		add(out, "panic-on-oom", AUDIT_CRITICAL, b);
	}
	if (v->oom_kill_allocating_task > 0) {
		buf_puts(b, "vm.oom_kill_allocating_task = 1: a system-wide OOM kills the task "
		    "whose allocation failed, not the one ranked first, so the ranking does not "
		    "say who dies (memory cgroup OOMs still choose by score).");
		add(out, "oom-kill-allocating-task", AUDIT_WARNING, b);
	}
	if (v->overcommit_memory == 2) {
		bool have = meminfo_has(mi, MI_COMMIT_LIMIT) && meminfo_has(mi, MI_COMMITTED_AS);
		double used = have && mi->commit_limit ?
		    100.0 * (double)mi->committed_as / (double)mi->commit_limit : 0;

		buf_puts(b, "vm.overcommit_memory = 2 (never overcommit): allocations fail with "
		    "ENOMEM once committed memory reaches CommitLimit");
		if (have)
			buf_printf(b, " %s", fmt_kb(s1, mi->commit_limit));
		if (v->overcommit_kbytes > 0)
			buf_printf(b, " (overcommit_kbytes %" PRId64 " + swap)", v->overcommit_kbytes);
		else if (v->overcommit_ratio >= 0)
			buf_printf(b, " (overcommit_ratio %d%% of RAM + swap)", v->overcommit_ratio);
		if (have)
			buf_printf(b, ", %.0f%% committed now (%s)", used,
			    fmt_kb(s2, mi->committed_as));
		buf_puts(b, "; a shortage shows as failed allocations more often than as OOM "
		    "kills.");
		add(out, "overcommit-never", used >= 90 ? AUDIT_WARNING : AUDIT_INFO, b);
	} else if (v->overcommit_memory == 1) {
		buf_puts(b, "vm.overcommit_memory = 1 (always overcommit): no allocation is "
		    "refused up front, so every shortage ends with the OOM killer.");
		add(out, "overcommit-always", AUDIT_INFO, b);
	}
	if (v->min_free_kbytes >= 0 && mi->mem_total > 0 &&
	    (uint64_t)v->min_free_kbytes * 100 > mi->mem_total * AUDIT_MIN_FREE_PCT) {
		buf_printf(b, "vm.min_free_kbytes = %" PRId64 " (%.1f%% of RAM, above the %d%% "
		    "the kernel ever picks itself): reclaim starts that much earlier, and the OOM "
		    "killer can run with %s still free.", v->min_free_kbytes,
		    100.0 * (double)v->min_free_kbytes / (double)mi->mem_total,
		    AUDIT_MIN_FREE_PCT, fmt_kb(s1, (uint64_t)v->min_free_kbytes));
		add(out, "min-free-kbytes-high", AUDIT_WARNING, b);
	}
	if (v->watermark_scale_factor >= 0 && v->watermark_scale_factor != AUDIT_WSF_DEFAULT) {
		buf_printf(b, "vm.watermark_scale_factor = %d (default %d): the gaps between "
		    "each zone's min, low and high watermarks are at least %.2f%% of the zone, so "
		    "kswapd wakes %s and allocations stall in direct reclaim %s.",
		    v->watermark_scale_factor, AUDIT_WSF_DEFAULT,
		    v->watermark_scale_factor / 100.0,
		    v->watermark_scale_factor > AUDIT_WSF_DEFAULT ? "earlier" : "later",
		    v->watermark_scale_factor > AUDIT_WSF_DEFAULT ? "less often" : "sooner");
		add(out, "watermark-scale-factor", AUDIT_INFO, b);
	}
}

static void
check_swap(const struct audit_input *in, struct audit_report *out, struct buf *b)
{
	const struct meminfo *mi = &in->snap->mi;
	const struct vm_sysctls *v = &in->snap->sysctl;
	char s1[FMT_KB_LEN], s2[FMT_KB_LEN];
	int i, nzram = 0;

	if (mi->swap_total == 0) {
		buf_puts(b, "No swap: anonymous memory can be freed only by killing its owner, so "
		    "the OOM killer runs as soon as RAM is full of it, and totalpages is RAM "
		    "alone.");
		add(out, "no-swap", AUDIT_INFO, b);
		return;
	}
	for (i = 0; in->swaps != NULL && i < in->swaps->n; i++) {
		const struct swap_dev *d = &in->swaps->dev[i];

		if (!d->zram)
			continue;
		buf_printf(b, "%s%s (%s, %s used)", nzram++ ? ", " : "Swap on zram: ", d->name,
		    fmt_kb(s1, d->size_kb), fmt_kb(s2, d->used_kb));
	}
	if (nzram > 0) {
		/*
		 * Reclaim counts free zram slots as room, but filling them
		 * takes RAM: such systems can stall in direct reclaim for a
		 * long time before the OOM killer runs (linux-mm, "mm: Reduce
		 * direct reclaim stalls with RAM-backed swap", March 2026).
		 */
		buf_puts(b, " is compressed RAM: it counts in totalpages like disk swap, but "
		    "every page stored there still takes RAM, so its free space overstates the "
		    "room left and the system can stall in reclaim for long before the OOM "
		    "killer runs.");
		add(out, "zram-swap", AUDIT_INFO, b);
	}
	if (mi->swap_free * 100 < mi->swap_total * (100 - AUDIT_SWAP_FULL_PCT)) {
		buf_printf(b, "Swap is %.0f%% used (%s of %s): little room is left to absorb a "
		    "shortage before the OOM killer has to run.",
		    100.0 * (double)(mi->swap_total - mi->swap_free) / (double)mi->swap_total,
		    fmt_kb(s1, mi->swap_total - mi->swap_free), fmt_kb(s2, mi->swap_total));
		add(out, "swap-full", AUDIT_WARNING, b);
	}
	if (v->swappiness == 0) {
		buf_puts(b, "vm.swappiness = 0 with swap: reclaim swaps anonymous memory only as "
		    "a last resort, and on cgroup v2 a memory cgroup's own reclaim never swaps and "
		    "its OOM scores against the memory limit alone (swap left out of "
		    "totalpages).");
		add(out, "swappiness-zero", AUDIT_INFO, b);
	}
}

/* ---- the victim's blast radius ------------------------------------------- */

static void
check_oom_group(const struct audit_input *in, struct audit_report *out, struct buf *b)
{
	const struct ranking *r = in->rank;
	const struct oom_group *g = in->victim_group;
	const struct blast_members *mb = in->victim_members;
	struct audit_finding *f;
	char s1[FMT_KB_LEN];
	size_t i;

	if (g == NULL || !g->group_kill || mb == NULL || mb->nkilled < 2 || r->n == 0)
		return;
	buf_puts(b, "A kill of the would-be victim ");
	say_task(b, rank_task(r, &r->entries[0]));
	buf_printf(b, " takes down all %zu tasks of %s", mb->nkilled, g->path);
	if (g->unit[0] != '\0')
		buf_printf(b, " (systemd unit %s)", g->unit);
	buf_printf(b, ", %s resident, because memory.oom.group is set there.",
	    fmt_kb(s1, mb->killed_rss_kb));
	f = add(out, "oom-group", AUDIT_WARNING, b);
	for (i = 0; i < mb->tasks.n; i++)
		if (blast_member_killed(&mb->tasks.v[i]))
			add_pid(f, mb->tasks.v[i].pid);
}

/* ---- run ------------------------------------------------------------------ */

void
audit_run(const struct audit_input *in, struct audit_report *out)
{
	const struct ranking *r = in->rank;
	struct buf b = BUF_INIT;
	struct scope global = { NULL, r->totalpages, r->entries, 0 };
	struct audit_report tmp = { 0 };
	size_t i, sev;

	while (global.n < r->n && rank_candidate(&r->entries[global.n]))
		global.n++;
	check_scope(in, &global, &tmp, &b);
	check_oom_group(in, &tmp, &b);
	check_adj_min(in, &tmp, &b);
	check_memcgs(in, &tmp, &b);
	if (in->snap != NULL) {
		check_sysctls(in, &tmp, &b);
		check_swap(in, &tmp, &b);
	}
	buf_free(&b);
	/* Most severe first; within a severity, the order of the checks (stable). */
	for (sev = AUDIT_CRITICAL + 1; sev-- > 0; )
		for (i = 0; i < tmp.n; i++)
			if (tmp.v[i].severity == (enum audit_severity)sev) {
				if (out->n == out->cap) {
					out->cap = out->cap ? out->cap * 2 : 16;
					out->v = xreallocarray(out->v, out->cap, sizeof(*out->v));
				}
				out->v[out->n++] = tmp.v[i];
			}
	free(tmp.v);
}
