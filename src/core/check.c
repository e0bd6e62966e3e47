/*
 * check.c: evaluate every check against its warning and critical levels.
 *
 * Levels are "reached" inclusively, the way the kernel compares free pages
 * with a watermark: a value at or below a low-is-bad level (MemAvailable,
 * SwapFree, zone free) alerts, and so does a value at or above a
 * high-is-bad one (PSI, commit, shares, kills, growth, cgroups).  The
 * critical level is tested first.
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/watermark.h"
#include "lib/escape.h"
#include "lib/format.h"
#include "lib/xalloc.h"

#define MAX_GROWTH_ITEMS 3
#define MAX_KILLS_SHOWN 3

const char *
check_status_name(enum check_status s)
{
	switch (s) {
	case CS_OK: return "OK";
	case CS_WARNING: return "WARNING";
	case CS_CRITICAL: return "CRITICAL";
	case CS_UNKNOWN: return "UNKNOWN";
	}
	return "UNKNOWN";
}

const char *
check_item_name(const struct check_item *it)
{
	return it->m == M_PROTECT ? "protect" : it->m == M_STATE ? "state" :
	    measure_table[it->m].name;
}

static struct check_item *
add_item(struct check_report *r, int m, const char *label)
{
	struct check_item *it;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->items = xreallocarray(r->items, r->cap, sizeof(*r->items));
	}
	it = &r->items[r->n++];
	memset(it, 0, sizeof(*it));
	it->m = m;
	it->evaluated = true;
	it->warn = it->crit = it->max = NAN;
	snprintf(it->label, sizeof(it->label), "%s", label);
	return it;
}

/* A check that could not run: noted for -v and JSON, never alerting. */
static void
skip_item(struct check_report *r, int m, const char *label, const char *why)
{
	struct check_item *it = add_item(r, m, label);

	it->evaluated = false;
	buf_puts(&it->msg, why);
}

/* A task as "1234 (name)", the name escaped for plugin output. */
void
check_put_task(struct buf *out, int pid, const char *comm, size_t len)
{
	buf_printf(out, "%d (", pid);
	escape_plugin(out, comm, len);
	buf_putc(out, ')');
}

static void
put_kb(struct buf *out, uint64_t kb)
{
	char s[FMT_KB_LEN];

	buf_puts(out, fmt_kb(s, kb));
}

/* Hundredths of a percent as "12.34%". */
static void
put_centi(struct buf *out, uint64_t c)
{
	buf_printf(out, "%" PRIu64 ".%02" PRIu64 "%%", c / 100, c % 100);
}

/* " <= crit 5%" / " >= warn 90%": the level that was reached. */
static void
put_level(struct buf *out, enum measure m, enum check_status st, const struct thr *t)
{
	buf_puts(out, measure_table[m].dir == DIR_LOW_BAD ? " <= " : " >= ");
	buf_puts(out, st == CS_CRITICAL ? "crit " : "warn ");
	thr_format(out, st == CS_CRITICAL ? &t->crit : &t->warn);
}

static bool
thr_active(const struct thr *t)
{
	return t->warn.unit != THR_OFF || t->crit.unit != THR_OFF;
}

/* MemAvailable or SwapFree: % of a total or an absolute size. */
static void
check_free(const struct check_input *in, struct check_report *r, enum measure m,
    uint64_t free_kb, uint64_t total_kb)
{
	const struct thr *t = &in->conf->check.t[m];
	struct check_item *it = add_item(r, m, measure_table[m].name);
	uint64_t base = total_kb * 1024;
	double pct = total_kb ? 100.0 * (double)free_kb / (double)total_kb : 0;

	it->unit = "bytes";
	it->value = (double)free_kb * 1024;
	it->have_levels = true;
	it->warn = thr_level(&t->warn, base);
	it->crit = thr_level(&t->crit, base);
	it->status = thr_grade(m, it->value, it->warn, it->crit);
	buf_printf(&it->msg, "%s %.1f%% (", measure_table[m].name, pct);
	put_kb(&it->msg, free_kb);
	buf_putc(&it->msg, ')');
	if (it->status != CS_OK)
		put_level(&it->msg, m, it->status, t);
}

static void
check_zones(const struct check_input *in, struct check_report *r)
{
	const struct thr *t = &in->conf->check.t[M_ZONE];
	const struct zoneinfo *zi = &in->snap->zi;
	int i;

	for (i = 0; i < zi->nzones; i++) {
		const struct zone_wm *z = &zi->zones[i].wm;
		struct check_item *it;
		char label[64];
		enum wm_mark hit;

		/* An empty zone prints min 32 and free 0: nothing to allocate from. */
		if (!zi->zones[i].populated)
			continue;
		snprintf(label, sizeof(label), "zone %d/%s", z->node, z->name);
		it = add_item(r, M_ZONE, label);
		it->unit = "bytes";
		it->value = (double)z->free_kb * 1024;
		it->max = (double)z->managed_kb * 1024;
		it->have_levels = true;
		if (t->warn.unit == THR_MARK)
			it->warn = (double)wm_mark_kb(z, (enum wm_mark)t->warn.v) * 1024;
		if (t->crit.unit == THR_MARK)
			it->crit = (double)wm_mark_kb(z, (enum wm_mark)t->crit.v) * 1024;
		it->status = thr_grade(M_ZONE, it->value, it->warn, it->crit);
		buf_printf(&it->msg, "zone %d/", z->node);
		escape_plugin(&it->msg, z->name, strnlen(z->name, sizeof(z->name)));
		buf_puts(&it->msg, " free ");
		put_kb(&it->msg, z->free_kb);
		if (it->status == CS_OK)
			continue;
		hit = (enum wm_mark)(it->status == CS_CRITICAL ? t->crit.v : t->warn.v);
		buf_printf(&it->msg, " <= %s %s ", it->status == CS_CRITICAL ? "crit" : "warn",
		    hit == WM_MIN ? "min" : hit == WM_LOW ? "low" : "high");
		put_kb(&it->msg, wm_mark_kb(z, hit));
	}
}

static void
check_psi(const struct check_input *in, struct check_report *r, enum measure m,
    const struct psi_line *l, bool sixty)
{
	const struct thr *t = &in->conf->check.t[m];
	struct check_item *it = add_item(r, m, measure_table[m].name);
	uint64_t v = sixty ? l->avg60 : l->avg10;

	it->unit = "percent";
	it->value = (double)v / 100.0;
	it->have_levels = true;
	it->warn = thr_level(&t->warn, 0);
	it->crit = thr_level(&t->crit, 0);
	/* Compare in exact hundredths rather than doubles. */
	it->status = t->crit.unit != THR_OFF && v >= t->crit.v ? CS_CRITICAL :
	    t->warn.unit != THR_OFF && v >= t->warn.v ? CS_WARNING : CS_OK;
	buf_printf(&it->msg, "%s ", measure_table[m].name);
	put_centi(&it->msg, v);
	if (it->status != CS_OK)
		put_level(&it->msg, m, it->status, t);
}

static void
check_commit(const struct check_input *in, struct check_report *r)
{
	const struct meminfo *mi = &in->snap->mi;
	const struct thr *t = &in->conf->check.t[M_COMMIT];
	int mode = in->snap->sysctl.overcommit_memory;
	struct check_item *it;
	char why[200];

	if (!meminfo_has(mi, MI_COMMIT_LIMIT) || !meminfo_has(mi, MI_COMMITTED_AS) ||
	    mi->commit_limit == 0) {
		skip_item(r, M_COMMIT, "commit", "no CommitLimit/Committed_AS in meminfo");
		return;
	}
	if (in->conf->commit_when == COMMIT_NEVER) {
		skip_item(r, M_COMMIT, "commit", "commit_check = never");
		return;
	}
	if (in->conf->commit_when == COMMIT_AUTO && mode != 2) {
		snprintf(why, sizeof(why), "vm.overcommit_memory is %d%s: CommitLimit is enforced "
		    "only in mode 2 (set commit_check = always to check it anyway)",
		    mode, mode < 0 ? " (unreadable)" : "");
		skip_item(r, M_COMMIT, "commit", why);
		return;
	}
	it = add_item(r, M_COMMIT, "commit");
	it->unit = "percent";
	it->value = 100.0 * (double)mi->committed_as / (double)mi->commit_limit;
	it->have_levels = true;
	it->warn = thr_level(&t->warn, 0);
	it->crit = thr_level(&t->crit, 0);
	it->status = thr_grade(M_COMMIT, it->value, it->warn, it->crit);
	buf_printf(&it->msg, "commit %.1f%% (Committed_AS ", it->value);
	put_kb(&it->msg, mi->committed_as);
	buf_puts(&it->msg, " of CommitLimit ");
	put_kb(&it->msg, mi->commit_limit);
	buf_putc(&it->msg, ')');
	if (it->status != CS_OK)
		put_level(&it->msg, M_COMMIT, it->status, t);
}

static void
check_top_share(const struct check_input *in, struct check_report *r)
{
	const struct thr *t = &in->conf->check.t[M_TOP_SHARE];
	struct check_item *it;

	if (!in->have_victim) {
		skip_item(r, M_TOP_SHARE, "top_share", "no killable task");
		return;
	}
	it = add_item(r, M_TOP_SHARE, "top_share");
	it->unit = "percent";
	it->value = in->victim.share_pct;
	it->have_levels = true;
	it->warn = thr_level(&t->warn, 0);
	it->crit = thr_level(&t->crit, 0);
	it->status = thr_grade(M_TOP_SHARE, it->value, it->warn, it->crit);
	buf_printf(&it->msg, "top_share %.2f%%", it->value);
	if (it->status != CS_OK)
		put_level(&it->msg, M_TOP_SHARE, it->status, t);
}

/* Does the previous state come from this boot? */
static bool
same_boot(const struct check_input *in)
{
	return in->prev != NULL && in->boot_id != NULL && in->boot_id[0] != '\0' &&
	    strcmp(in->prev->boot_id, in->boot_id) == 0;
}

/* The scope of a kill: "" global, the memcg path, or NULL when unknown. */
static const char *
kill_scope(const struct oom_kill_event *ev)
{
	if (!ev->memcg)
		return "";
	return ev->have_memcg_path ? ev->memcg_path : NULL;
}

/* Match the kills against the previous run's predictions. */
static void
match_predictions(const struct check_input *in, struct check_report *r)
{
	const char *done[STATE_MAX_PREDICTIONS + 1];
	size_t ndone = 0, i, j;

	if (in->kills == NULL || in->kills->n == 0)
		return;
	r->kills = xcalloc(in->kills->n, sizeof(*r->kills));
	for (i = 0; i < in->kills->n; i++) {
		struct check_kill *k = &r->kills[r->nkills++];
		const char *scope = kill_scope(&in->kills->v[i]);
		const struct state_prediction *p;
		bool first = true;

		k->ev = in->kills->v[i];
		k->outcome = PRED_NONE;
		if (scope == NULL || in->prev == NULL ||
		    (p = state_prediction_for(in->prev, scope)) == NULL) {
			r->next.unpredicted++;
			continue;
		}
		for (j = 0; j < ndone; j++)
			if (strcmp(done[j], scope) == 0)
				first = false;
		k->have_prediction = true;
		k->predicted = *p;
		/* Only the first kill in a scope tests the prediction; the rest follow it. */
		if (!first) {
			r->next.unpredicted++;
			continue;
		}
		if (ndone < ARRAY_SIZE(done))
			done[ndone++] = p->scope;
		if (p->pid == k->ev.pid && (p->comm_len == 0 || k->ev.comm_len == 0 ||
		    (p->comm_len == k->ev.comm_len &&
		    memcmp(p->comm, k->ev.comm, p->comm_len) == 0))) {
			k->outcome = PRED_CONFIRMED;
			r->next.confirmed++;
		} else {
			k->outcome = PRED_MISSED;
			r->next.missed++;
		}
	}
}

/* One kill in words: "killed 4410 (python3) in /t: predicted" */
void
check_put_kill(struct buf *out, const struct check_kill *k)
{
	buf_puts(out, "killed ");
	check_put_task(out, k->ev.pid, k->ev.comm, k->ev.comm_len);
	if (!k->ev.memcg) {
		buf_puts(out, " (global OOM)");
	} else if (k->ev.have_memcg_path) {
		buf_puts(out, " in memcg ");
		escape_plugin(out, k->ev.memcg_path, strlen(k->ev.memcg_path));
	} else {
		buf_puts(out, " in a memcg");
	}
	switch (k->outcome) {
	case PRED_CONFIRMED:
		buf_puts(out, ", as predicted");
		break;
	case PRED_MISSED:
		buf_puts(out, ", predicted ");
		check_put_task(out, k->predicted.pid, k->predicted.comm, k->predicted.comm_len);
		break;
	case PRED_NONE:
		buf_puts(out, k->have_prediction ? ", after the predicted kill" :
		    ", no prediction for that scope");
		break;
	}
}

/* Kills the log shows at a memory cgroup's limit (not system-wide). */
static size_t
memcg_kills(const struct check_report *r)
{
	size_t i, n = 0;

	for (i = 0; i < r->nkills; i++)
		n += r->kills[i].ev.memcg;
	return n;
}

static void
check_kills(const struct check_input *in, struct check_report *r)
{
	const struct thr *t = &in->conf->check.t[M_OOM_KILLS];
	const struct vmstat *vm = &in->snap->vm;
	struct check_item *it;
	size_t i, shown = 0, nmemcg = 0;
	uint64_t global;

	if (!in->snap->have_vmstat || !vm->have_oom_kill) {
		skip_item(r, M_OOM_KILLS, "oom_kills", "no oom_kill counter in /proc/vmstat "
		    "(kernel before 4.13)");
		return;
	}
	if (in->prev == NULL || !in->prev->have_oom_kill) {
		skip_item(r, M_OOM_KILLS, "oom_kills", "no previous run to count from");
		return;
	}
	r->new_kills_known = true;
	if (same_boot(in) && vm->oom_kill >= in->prev->oom_kill)
		r->new_kills = vm->oom_kill - in->prev->oom_kill;
	else
		r->new_kills = vm->oom_kill;	/* rebooted: every kill of this boot is new */
	/*
	 * vmstat counts every kill, memory cgroups' included.  The host-wide
	 * check counts the system-wide ones only: the kernel log says which
	 * kills were at a cgroup's limit (those are cgroup_oom_kills).  Records
	 * the log lost count as system-wide, so a loss never hides a kill.
	 */
	if (in->kills_read)
		nmemcg = memcg_kills(r);
	global = r->new_kills > nmemcg ? r->new_kills - nmemcg : 0;
	r->new_global_kills = global;
	r->new_memcg_kills = nmemcg;
	it = add_item(r, M_OOM_KILLS, "oom_kills");
	it->unit = "count";
	it->value = (double)global;
	it->have_levels = true;
	it->warn = thr_level(&t->warn, 0);
	it->crit = thr_level(&t->crit, 0);
	it->status = thr_grade(M_OOM_KILLS, it->value, it->warn, it->crit);
	buf_printf(&it->msg, "oom_kills %" PRIu64 " new", global);
	if (in->kills_read)
		buf_puts(&it->msg, " system-wide");
	if (it->status != CS_OK)
		put_level(&it->msg, M_OOM_KILLS, it->status, t);
	if (nmemcg > 0)
		buf_printf(&it->msg, " (%zu more at memory cgroup limits: cgroup_oom_kills)", nmemcg);
	if (r->new_kills == 0)
		return;
	if (!in->kills_read) {
		buf_puts(&it->msg, " (system-wide and memory cgroup kills together: the kernel "
		    "log, which tells them apart, is unreadable: ");
		escape_plugin(&it->msg, in->kills_error ? in->kills_error : "?",
		    in->kills_error ? strlen(in->kills_error) : 1);
		buf_putc(&it->msg, ')');
		return;
	}
	if (global == 0)
		return;
	if (r->nkills == nmemcg) {
		buf_puts(&it->msg, " (no kill line found in the kernel log)");
		return;
	}
	buf_puts(&it->msg, ": ");
	for (i = 0; i < r->nkills; i++) {
		if (r->kills[i].ev.memcg)
			continue;
		if (shown == MAX_KILLS_SHOWN) {
			buf_printf(&it->msg, " and %zu more", r->nkills - nmemcg - shown);
			break;
		}
		if (shown++ > 0)
			buf_puts(&it->msg, ", ");
		check_put_kill(&it->msg, &r->kills[i]);
	}
}

/*
 * Which cgroup a memcg kill is counted for: the [cgroup] section that
 * covers the OOM's cgroup, else the nearest watched cgroup at or above it,
 * else that cgroup itself.
 */
static const char *
kill_cgroup(const struct check_input *in, const struct oom_kill_event *ev)
{
	const struct conf_cgroup *sec;
	const char *best = NULL;
	size_t i, bestlen = 0;

	if (!ev->have_memcg_path)
		return "(unknown cgroup)";
	if ((sec = conf_cgroup_for(in->conf, ev->memcg_path, false)) != NULL)
		return sec->path;
	for (i = 0; i < in->ncgroups; i++) {
		const char *p = in->cgroups[i].path;
		size_t n = strlen(p);

		if (strncmp(ev->memcg_path, p, n) == 0 &&
		    (ev->memcg_path[n] == '\0' || ev->memcg_path[n] == '/') && n > bestlen) {
			best = p;
			bestlen = n;
		}
	}
	return best != NULL ? best : ev->memcg_path;
}

/* One cgroup_oom_kills item: the kills counted for cgroup path. */
static void
cgroup_kills_item(const struct check_input *in, struct check_report *r, const char *path)
{
	const struct conf_cgroup *sec = conf_cgroup_for(in->conf, path, false);
	const struct thr_value *w = conf_cgroup_level(in->conf, sec, M_CGROUP_KILLS, false);
	const struct thr_value *c = conf_cgroup_level(in->conf, sec, M_CGROUP_KILLS, true);
	struct check_item *it;
	struct buf label = BUF_INIT;
	size_t i, n = 0, shown = 0;

	for (i = 0; i < r->nkills; i++)
		n += r->kills[i].ev.memcg && strcmp(kill_cgroup(in, &r->kills[i].ev), path) == 0;
	buf_puts(&label, "cgroup_oom_kills ");
	escape_text(&label, path, strlen(path), 0);
	it = add_item(r, M_CGROUP_KILLS, buf_str(&label));
	buf_free(&label);
	it->unit = "count";
	it->value = (double)n;
	it->have_levels = true;
	it->warn = thr_level(w, 0);
	it->crit = thr_level(c, 0);
	it->status = thr_grade(M_CGROUP_KILLS, it->value, it->warn, it->crit);
	buf_printf(&it->msg, "%s %zu new", it->label, n);
	if (it->status != CS_OK) {
		buf_puts(&it->msg, " >= ");
		buf_puts(&it->msg, it->status == CS_CRITICAL ? "crit " : "warn ");
		thr_format(&it->msg, it->status == CS_CRITICAL ? c : w);
		if (sec != NULL)
			buf_printf(&it->msg, " ([cgroup] line %u)", sec->line);
	}
	for (i = 0; i < r->nkills && n > 0; i++) {
		if (!r->kills[i].ev.memcg || strcmp(kill_cgroup(in, &r->kills[i].ev), path) != 0)
			continue;
		if (shown == MAX_KILLS_SHOWN) {
			buf_printf(&it->msg, " and %zu more", n - shown);
			break;
		}
		buf_puts(&it->msg, shown++ == 0 ? ": " : ", ");
		check_put_kill(&it->msg, &r->kills[i]);
	}
}

/*
 * Kills at memory cgroup limits, per cgroup, each against its own levels:
 * a busy container warns about itself and leaves oom_kills, the host's
 * count, alone.  Every [cgroup] section gets an item; other cgroups one
 * when they had kills.
 */
static void
check_cgroup_kills(const struct check_input *in, struct check_report *r)
{
	const char **done;
	size_t ndone = 0, i, j;

	if (!in->kills_read) {
		if (in->kills != NULL || in->kills_error != NULL)
			skip_item(r, M_CGROUP_KILLS, "cgroup_oom_kills", "the kernel log, which "
			    "names the cgroup of each kill, is unreadable");
		return;
	}
	if (in->prev == NULL) {
		skip_item(r, M_CGROUP_KILLS, "cgroup_oom_kills", "no previous run to count from");
		return;
	}
	done = xcalloc(in->conf->ncgroups + r->nkills + 1, sizeof(*done));
	for (i = 0; i < in->conf->ncgroups; i++) {
		cgroup_kills_item(in, r, in->conf->cgroups[i].path);
		done[ndone++] = in->conf->cgroups[i].path;
	}
	for (i = 0; i < r->nkills; i++) {
		const char *p;

		if (!r->kills[i].ev.memcg)
			continue;
		p = kill_cgroup(in, &r->kills[i].ev);
		for (j = 0; j < ndone && strcmp(done[j], p) != 0; j++)
			;
		if (j < ndone)
			continue;
		cgroup_kills_item(in, r, p);
		done[ndone++] = p;
	}
	free(done);
}

/* A rate in bytes per hour, e.g. "+1.2G/h". */
static void
put_rate(struct buf *out, double bytes_per_h)
{
	buf_putc(out, bytes_per_h < 0 ? '-' : '+');
	put_kb(out, (uint64_t)(fabs(bytes_per_h) / 1024));
	buf_puts(out, "/h");
}

struct growth {
	const struct check_task *t;
	double bytes_per_h;
	enum check_status st;
};

static int
growth_cmp(const void *a, const void *b)
{
	const struct growth *x = a, *y = b;

	return x->bytes_per_h > y->bytes_per_h ? -1 : x->bytes_per_h < y->bytes_per_h;
}

/* A growth level in bytes per hour (a % of totalpages per time, or a size). */
static double
growth_level(const struct thr_value *v, uint64_t total_bytes)
{
	if (v->unit == THR_OFF || v->per_s == 0)
		return NAN;
	return (double)thr_resolve(v, total_bytes) * 3600.0 / (double)v->per_s;
}

static void
check_growth(const struct check_input *in, struct check_report *r)
{
	const struct thr *t = &in->conf->check.t[M_GROWTH];
	const struct check_state *prev = in->prev;
	uint64_t total = in->totalpages_kb * 1024;
	double dt_s, warn, crit;
	struct growth *g;
	size_t i, j, ng = 0, shown = 0;
	char why[160];

	if (prev == NULL || !same_boot(in) || prev->ntasks == 0 || prev->baseline_ms == 0 ||
	    in->uptime_ms <= prev->baseline_ms) {
		skip_item(r, M_GROWTH, "growth", prev != NULL && !same_boot(in) ?
		    "rebooted since the last run: no baseline" : "no baseline from a previous run");
		return;
	}
	dt_s = (double)(in->uptime_ms - prev->baseline_ms) / 1000.0;
	if (dt_s < (double)in->conf->growth_min_interval) {
		snprintf(why, sizeof(why), "baseline only %.0f s old; rates need %" PRIu64 " s "
		    "(growth_min_interval)", dt_s, in->conf->growth_min_interval);
		skip_item(r, M_GROWTH, "growth", why);
		return;
	}
	warn = growth_level(&t->warn, total);
	crit = growth_level(&t->crit, total);
	g = xcalloc(in->ntasks ? in->ntasks : 1, sizeof(*g));
	for (i = 0; i < in->ntasks; i++) {
		const struct check_task *ct = &in->tasks[i];

		for (j = 0; j < prev->ntasks; j++) {
			const struct state_task *pt = &prev->tasks[j];

			if (pt->pid != ct->pid || pt->start != ct->start || ct->start == 0)
				continue;
			g[ng].t = ct;
			g[ng].bytes_per_h = ((double)ct->mem_kb - (double)pt->mem_kb) * 1024.0 *
			    3600.0 / dt_s;
			g[ng].st = thr_grade(M_GROWTH, g[ng].bytes_per_h, warn, crit);
			ng++;
			break;
		}
	}
	qsort(g, ng, sizeof(*g), growth_cmp);
	for (i = 0; i < ng && (shown == 0 || (g[i].st != CS_OK && shown < MAX_GROWTH_ITEMS));
	    i++) {
		struct check_item *it;
		char label[64];

		snprintf(label, sizeof(label), "growth %d", g[i].t->pid);
		it = add_item(r, M_GROWTH, label);
		it->unit = "bytes_per_hour";
		it->value = g[i].bytes_per_h;
		it->have_levels = true;
		it->warn = warn;
		it->crit = crit;
		it->status = g[i].st;
		buf_puts(&it->msg, "growth ");
		check_put_task(&it->msg, g[i].t->pid, g[i].t->comm, g[i].t->comm_len);
		buf_putc(&it->msg, ' ');
		put_rate(&it->msg, g[i].bytes_per_h);
		if (total)
			buf_printf(&it->msg, " (%.1f%% of RAM+swap/h)",
			    100.0 * g[i].bytes_per_h / (double)total);
		if (it->status != CS_OK)
			put_level(&it->msg, M_GROWTH, it->status, t);
		shown++;
	}
	if (ng == 0)
		skip_item(r, M_GROWTH, "growth", "none of the largest tasks was in the baseline");
	free(g);
}

static void
check_cgroups(const struct check_input *in, struct check_report *r)
{
	bool ws = in->conf->cgroup_measure == CGROUP_WORKING_SET;
	size_t i;

	for (i = 0; i < in->ncgroups; i++) {
		const struct check_cgroup *cg = &in->cgroups[i];
		const struct conf_cgroup *sec = conf_cgroup_for(in->conf, cg->path, true);
		struct thr own, *t = &own;
		struct check_item *it;
		char label[sizeof(it->label)];
		uint64_t used = cg->usage_bytes;

		/* Its [cgroup] section's levels, [check]'s where it sets none. */
		memset(&own, 0, sizeof(own));
		own.warn = *conf_cgroup_level(in->conf, sec, M_CGROUP, false);
		own.crit = *conf_cgroup_level(in->conf, sec, M_CGROUP, true);
		if (cg->limit_bytes == 0)
			continue;	/* watched for its kills only: no limit of its own */

		if (ws && cg->have_inactive_file)
			used = used > cg->inactive_file_bytes ? used - cg->inactive_file_bytes : 0;
		/* Raw (each output escapes it its own way), cut to the label's size. */
		snprintf(label, sizeof(label), "cgroup %.*s", (int)sizeof(label) - 8, cg->path);
		it = add_item(r, M_CGROUP, label);
		it->unit = "percent";
		it->value = cg->limit_bytes ? 100.0 * (double)used / (double)cg->limit_bytes : 0;
		it->have_levels = true;
		it->warn = thr_level(&t->warn, 0);
		it->crit = thr_level(&t->crit, 0);
		it->status = thr_grade(M_CGROUP, it->value, it->warn, it->crit);
		buf_puts(&it->msg, "cgroup ");
		escape_plugin(&it->msg, cg->path, strlen(cg->path));
		buf_printf(&it->msg, " %.1f%% of ", it->value);
		put_kb(&it->msg, cg->limit_bytes / 1024);
		if (ws && cg->have_inactive_file) {
			buf_puts(&it->msg, " (working set ");
			put_kb(&it->msg, used / 1024);
			buf_puts(&it->msg, ", usage ");
			put_kb(&it->msg, cg->usage_bytes / 1024);
			buf_putc(&it->msg, ')');
		}
		if (it->status != CS_OK) {
			put_level(&it->msg, M_CGROUP, it->status, t);
			if (cg->have_victim) {
				buf_puts(&it->msg, ", its top candidate ");
				check_put_task(&it->msg, cg->victim.pid, cg->victim.comm,
				    cg->victim.comm_len);
				buf_printf(&it->msg, " %.2f%%", cg->victim.share_pct);
			}
		}
	}
}

double
check_cgroup_risk(const struct check_cgroup *cg)
{
	uint64_t used = cg->usage_bytes;

	if (cg->limit_bytes == 0)
		return 0;
	if (cg->have_inactive_file)
		used = used > cg->inactive_file_bytes ? used - cg->inactive_file_bytes : 0;
	return (double)used / (double)cg->limit_bytes;
}

/* A protected task is a scope's top candidate. */
static void
check_protect_one(const struct check_input *in, struct check_report *r,
    const struct check_task *t, const char *scope)
{
	const struct protect_pattern *p;
	struct check_item *it;

	if (t->cmdline == NULL ||
	    (p = protect_match(&in->conf->protect, t->cmdline, t->cmdline_len)) == NULL)
		return;
	it = add_item(r, M_PROTECT, "protect");
	it->status = in->conf->protect_critical ? CS_CRITICAL : CS_WARNING;
	buf_puts(&it->msg, "protect: ");
	check_put_task(&it->msg, t->pid, t->comm, t->comm_len);
	buf_puts(&it->msg, " is the top candidate");
	if (scope != NULL) {
		buf_puts(&it->msg, " in ");
		escape_plugin(&it->msg, scope, strlen(scope));
	}
	buf_printf(&it->msg, " (matches [protect] pattern on line %u)", p->line);
}

static void
check_protect(const struct check_input *in, struct check_report *r)
{
	size_t i;

	if (in->conf->protect.n == 0)
		return;
	if (in->have_victim)
		check_protect_one(in, r, &in->victim, NULL);
	for (i = 0; i < in->ncgroups; i++)
		if (in->cgroups[i].have_victim)
			check_protect_one(in, r, &in->cgroups[i].victim, in->cgroups[i].path);
}

/* The state the next run compares with. */
static void
next_state(const struct check_input *in, struct check_report *r)
{
	struct check_state *n = &r->next;
	const struct check_state *prev = in->prev;
	bool keep_baseline;
	size_t i;

	snprintf(n->boot_id, sizeof(n->boot_id), "%s", in->boot_id ? in->boot_id : "-");
	n->uptime_ms = in->uptime_ms;
	n->wall = in->wall;
	n->have_oom_kill = in->snap->have_vmstat && in->snap->vm.have_oom_kill;
	n->oom_kill = in->snap->vm.oom_kill;
	if (in->kills_read && in->window.any) {
		n->have_kmsg_seq = true;
		n->kmsg_seq = in->window.last_seq + 1;
	} else if (same_boot(in) && prev->have_kmsg_seq) {
		n->have_kmsg_seq = true;
		n->kmsg_seq = prev->kmsg_seq;
	}
	/* Keep a baseline younger than growth_min_interval, so rates span enough time. */
	keep_baseline = same_boot(in) && prev->ntasks > 0 && in->uptime_ms >= prev->baseline_ms &&
	    in->uptime_ms - prev->baseline_ms < in->conf->growth_min_interval * 1000;
	if (keep_baseline) {
		n->baseline_ms = prev->baseline_ms;
		n->ntasks = prev->ntasks;
		memcpy(n->tasks, prev->tasks, prev->ntasks * sizeof(*n->tasks));
	} else {
		n->baseline_ms = in->uptime_ms;
		for (i = 0; i < in->ntasks && n->ntasks < STATE_MAX_TASKS; i++) {
			if (in->tasks[i].start == 0)
				continue;
			n->tasks[n->ntasks].pid = in->tasks[i].pid;
			n->tasks[n->ntasks].start = in->tasks[i].start;
			n->tasks[n->ntasks++].mem_kb = in->tasks[i].mem_kb;
		}
	}
	if (in->have_victim) {
		struct state_prediction *p = &n->pred[n->npred++];

		p->scope[0] = '\0';
		p->pid = in->victim.pid;
		p->comm_len = in->victim.comm_len < sizeof(p->comm) ? in->victim.comm_len : 0;
		memcpy(p->comm, in->victim.comm, p->comm_len);
	}
	for (i = 0; i < in->ncgroups && n->npred < STATE_MAX_PREDICTIONS; i++) {
		const struct check_cgroup *cg = &in->cgroups[i];
		struct state_prediction *p;

		if (!cg->have_victim || strlen(cg->path) >= sizeof(p->scope) || cg->path[0] == '\0')
			continue;
		p = &n->pred[n->npred++];
		snprintf(p->scope, sizeof(p->scope), "%s", cg->path);
		p->pid = cg->victim.pid;
		p->comm_len = cg->victim.comm_len < sizeof(p->comm) ? cg->victim.comm_len : 0;
		memcpy(p->comm, cg->victim.comm, p->comm_len);
	}
}

/* warn/crit pairs in mixed units can be ordered only once the base is known. */
static bool
levels_ordered(const struct check_input *in, struct check_report *r)
{
	static const enum measure ms[] = { M_MEM_AVAILABLE, M_SWAP_FREE, M_GROWTH };
	const struct meminfo *mi = &in->snap->mi;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ms); i++) {
		const struct thr *t = &in->conf->check.t[ms[i]];
		uint64_t base = ms[i] == M_MEM_AVAILABLE ? mi->mem_total * 1024 :
		    ms[i] == M_SWAP_FREE ? mi->swap_total * 1024 : in->totalpages_kb * 1024;
		struct buf w = BUF_INIT, c = BUF_INIT;

		if (thr_ordered(ms[i], t, base))
			continue;
		thr_format(&w, &t->warn);
		thr_format(&c, &t->crit);
		buf_printf(&r->error, "%s:%u: %s_crit: %s is %s than %s_warn %s here "
		    "(%s = ", in->conf->path ? in->conf->path : "(defaults)",
		    t->crit_line ? t->crit_line : t->warn_line, measure_table[ms[i]].name,
		    buf_str(&c), measure_table[ms[i]].dir == DIR_LOW_BAD ? "higher" : "lower",
		    measure_table[ms[i]].name, buf_str(&w),
		    ms[i] == M_MEM_AVAILABLE ? "MemTotal" : ms[i] == M_SWAP_FREE ? "SwapTotal" :
		    "RAM+swap");
		put_kb(&r->error, base / 1024);
		buf_puts(&r->error, "): the critical level must be the worse one");
		buf_free(&w);
		buf_free(&c);
		return false;
	}
	return true;
}

void
check_evaluate(const struct check_input *in, struct check_report *r)
{
	const struct snapshot *s = in->snap;
	const struct thresholds *th = &in->conf->check;
	size_t i;

	memset(r, 0, sizeof(*r));
	if (in->prev != NULL) {
		r->next.confirmed = in->prev->confirmed;
		r->next.missed = in->prev->missed;
		r->next.unpredicted = in->prev->unpredicted;
	}
	next_state(in, r);
	if (!levels_ordered(in, r)) {
		r->status = CS_UNKNOWN;
		return;
	}
	match_predictions(in, r);

	if (thr_active(&th->t[M_MEM_AVAILABLE])) {
		if (meminfo_has(&s->mi, MI_MEM_AVAILABLE))
			check_free(in, r, M_MEM_AVAILABLE, s->mi.mem_available, s->mi.mem_total);
		else
			skip_item(r, M_MEM_AVAILABLE, "mem_available",
			    "no MemAvailable in meminfo (kernel before 3.14)");
	}
	if (thr_active(&th->t[M_SWAP_FREE])) {
		if (s->mi.swap_total > 0)
			check_free(in, r, M_SWAP_FREE, s->mi.swap_free, s->mi.swap_total);
		else
			skip_item(r, M_SWAP_FREE, "swap_free", "no swap");
	}
	if (thr_active(&th->t[M_ZONE])) {
		if (s->have_zoneinfo)
			check_zones(in, r);
		else
			skip_item(r, M_ZONE, "zone", "no /proc/zoneinfo");
	}
	{
		static const struct { enum measure m; bool full, sixty; } p[] = {
			{ M_PSI_SOME_AVG10, false, false }, { M_PSI_SOME_AVG60, false, true },
			{ M_PSI_FULL_AVG10, true, false }, { M_PSI_FULL_AVG60, true, true },
		};

		for (i = 0; i < ARRAY_SIZE(p); i++) {
			const struct psi_line *l = p[i].full ? &s->psi.full : &s->psi.some;

			if (!thr_active(&th->t[p[i].m]))
				continue;
			if (s->have_psi && l->present)
				check_psi(in, r, p[i].m, l, p[i].sixty);
			else
				skip_item(r, p[i].m, measure_table[p[i].m].name,
				    "no PSI (kernel before 4.20, CONFIG_PSI off or psi=0)");
		}
	}
	if (thr_active(&th->t[M_COMMIT]))
		check_commit(in, r);
	if (thr_active(&th->t[M_TOP_SHARE]))
		check_top_share(in, r);
	if (thr_active(&th->t[M_OOM_KILLS]))
		check_kills(in, r);
	if (thr_active(&th->t[M_CGROUP_KILLS]) || in->conf->ncgroups > 0)
		check_cgroup_kills(in, r);
	if (thr_active(&th->t[M_GROWTH]))
		check_growth(in, r);
	if (thr_active(&th->t[M_CGROUP]) || in->conf->ncgroups > 0)
		check_cgroups(in, r);
	check_protect(in, r);

	if (in->kills_read && same_boot(in) && in->prev->have_kmsg_seq && in->window.any &&
	    in->window.first_seq > in->prev->kmsg_seq)
		buf_printf(&r->notes, "the kernel log no longer holds records %" PRIu64 "-%"
		    PRIu64 ": kills there are counted but not named\n", in->prev->kmsg_seq,
		    in->window.first_seq - 1);
	for (i = 0; i < r->n; i++)
		if (r->items[i].evaluated && r->items[i].status > r->status)
			r->status = r->items[i].status;
}

void
check_state_unsaved(struct check_report *r, const char *why)
{
	struct check_item *it = add_item(r, M_STATE, "state");

	it->status = CS_WARNING;
	buf_puts(&it->msg, "state not saved: ");
	escape_plugin(&it->msg, why, strlen(why));
	if (r->status < CS_WARNING)
		r->status = CS_WARNING;
}

void
check_report_free(struct check_report *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		buf_free(&r->items[i].msg);
	free(r->items);
	free(r->kills);
	buf_free(&r->error);
	buf_free(&r->notes);
	memset(r, 0, sizeof(*r));
}

