/*
 * replay.c: the kernel's victim choice, recomputed from a task dump.
 *
 * totalpages (kernel OOM reference §1.3): global = pages RAM - pages
 * reserved (= managed pages) + total swap pages; memcg v1 = the limit, or
 * min(limit + total swap, memory+swap limit) when swappiness allows swap;
 * v2 = memory.max + min(swap.max, total swap).  A memcg report prints no
 * total swap, so several readings are tried (totalpages_candidates()).
 * Victim ties (§1.4): the earlier scanned task wins before 5.3, the later
 * one from 5.3.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/replay.h"
#include "lib/buf.h"
#include "log/gfp.h"

#define MAX_MODELS 4
#define MAX_T 5
/* cgroup v1 prints "unlimited" as PAGE_COUNTER_MAX pages in kB or larger. */
#define UNLIMITED_KB (INT64_C(1) << 50)

struct hypo {
	const struct oom_model *model;
	uint64_t T;
	const char *basis;
	bool root;
};

/* Every field of *m set (no memset: this runs per task and reading). */
static inline void
task_mem(const struct oom_report *r, size_t i, int64_t page_bytes, bool root,
    struct oom_task_mem *m)
{
	const struct oom_task *t = &r->tasks[i];
	int64_t pgt = replay_task_pgtables(r, i, page_bytes);

	m->rss = t->rss > 0 ? (uint64_t)t->rss : 0;
	m->swap = t->swapents > 0 ? (uint64_t)t->swapents : 0;
	m->pgtables = pgt > 0 ? (uint64_t)pgt : 0;
	m->adj = 0;
	if (t->oom_score_adj != OOM_NONE)
		m->adj = t->oom_score_adj < -1000 ? -1000 : t->oom_score_adj > 1000 ? 1000 :
		    (int)t->oom_score_adj;
	else if (t->oom_adj != OOM_NONE)
		m->adj = t->oom_adj == -17 ? -1000 : t->oom_adj == 15 ? 1000 :
		    (int)(t->oom_adj * 1000 / 17);
	m->cap_sys_admin = root && t->uid == 0;
	/* The dump lists only tasks with an mm that are not kernel threads or init. */
	m->ineligible = oom_task_eligible(&(struct oom_task_facts){ .has_mm = true,
	    .adj = m->adj });
}

static void
score_one(const struct oom_report *r, size_t i, int64_t page_bytes, const struct hypo *h,
    struct oom_score *s)
{
	struct oom_task_mem m;

	task_mem(r, i, page_bytes, h->root, &m);
	oom_score_compute(h->model, &m, h->T ? h->T : 1, h->T ? h->T : 1, s);
}

/*
 * The kernel's pick under one hypothesis: index of the winner, ties per
 * era.  Only eligibility and points decide (oom_score_points(): the
 * other terms of a score are not computed for every task of the dump).
 */
static size_t
pick(const struct oom_report *r, int64_t page_bytes, const struct hypo *h, bool later,
    bool *tie)
{
	size_t i, best = SIZE_MAX;
	int64_t bp = 0, p;
	uint64_t T = h->T ? h->T : 1;

	*tie = false;
	for (i = 0; i < r->ntasks; i++) {
		struct oom_task_mem m;

		task_mem(r, i, page_bytes, h->root, &m);
		if (!oom_score_points(h->model, &m, T, &p))
			continue;
		if (best == SIZE_MAX || p > bp || (later && p == bp)) {
			*tie = best != SIZE_MAX && p == bp;
			if (best == SIZE_MAX || p > bp)
				*tie = false;
			best = i;
			bp = p;
		} else if (p == bp) {
			*tie = true;
		}
	}
	return best;
}

static size_t
find_pid(const struct oom_report *r, int64_t pid)
{
	size_t i;

	if (pid == OOM_NONE)
		return SIZE_MAX;
	for (i = 0; i < r->ntasks; i++)
		if (r->tasks[i].pid == pid)
			return i;
	for (i = 0; i < r->ntasks; i++)
		if (r->tasks[i].tgid == pid)
			return i;
	return SIZE_MAX;
}

/* Models for a dump without a kernel version, from its column layout. */
static int
models_from_layout(enum oom_layout l, const struct oom_model **out)
{
	static const char *const ptes[] = { "3.5", "3.14" };
	static const char *const pmds[] = { "3.14" };
	static const char *const bytes[] = { "3.14", "4.17", "5.9" };
	static const char *const split[] = { "5.9" };
	static const char *const old[] = { "2.6.36", "2.6.39", "3.5" };
	const char *const *names;
	int n, i;

	switch (l) {
	case TL_PTES: names = ptes; n = 2; break;
	case TL_PMDS: names = pmds; n = 1; break;
	case TL_BYTES: names = bytes; n = 3; break;
	case TL_SPLIT: names = split; n = 1; break;
	case TL_2636: names = old; n = 3; break;
	default: return 0;
	}
	for (i = 0; i < n; i++)
		out[i] = oom_model_by_name(names[i]);
	return n;
}

static bool
known(int64_t v)
{
	return v != OOM_NONE;
}

/* Add reading T unless an earlier one is the same number. */
static int
add_reading(uint64_t *T, const char **basis, int n, uint64_t t, const char *why)
{
	int i;

	for (i = 0; i < n; i++)
		if (T[i] == t)
			return n;
	T[n] = t;
	basis[n] = why;
	return n + 1;
}

/*
 * A memcg's totalpages (mem_cgroup_get_max()): its limit plus the swap it
 * may use, min(room, total swap), where room is swap.max (v2) or the
 * memory+swap limit less the limit (v1).  The report prints the limits
 * but never the machine's total swap.  Readings, most likely first: with
 * host_swap_kb (SwapTotal of the machine whose own log this is, read now)
 * the kernel's formula itself; the limit alone (swappiness 0, or no
 * swap); the limits as printed (total swap at least the room); and the
 * limit plus the swap the cgroup uses, a floor of the total swap.
 */
static int
memcg_candidates(const struct oom_report *r, int64_t page_kb, int64_t host_swap_kb,
    uint64_t *T, const char **basis)
{
	int64_t room = OOM_NONE, used = OOM_NONE;
	int n = 0;

	if (r->memcg_v2 && known(r->swap_limit_kb) && r->swap_limit_kb >= 0) {
		room = r->swap_limit_kb;
		used = r->swap_usage_kb;
	} else if (!r->memcg_v2 && known(r->memsw_limit_kb) && r->memsw_limit_kb >= r->mem_limit_kb) {
		room = r->memsw_limit_kb - r->mem_limit_kb;
		if (known(r->memsw_usage_kb) && known(r->mem_usage_kb) &&
		    r->memsw_usage_kb >= r->mem_usage_kb)
			used = r->memsw_usage_kb - r->mem_usage_kb;
	}
	if (known(room) && host_swap_kb >= 0)
		n = add_reading(T, basis, n, (uint64_t)((r->mem_limit_kb +
		    (room < host_swap_kb ? room : host_swap_kb)) / page_kb), r->memcg_v2 ?
		    "memory.max + min(swap.max, this machine's SwapTotal now)" :
		    "the limit + min(memory+swap limit - limit, this machine's SwapTotal now)");
	n = add_reading(T, basis, n, (uint64_t)(r->mem_limit_kb / page_kb), "the memcg limit");
	if (known(room) && room > 0 && room < UNLIMITED_KB)
		n = add_reading(T, basis, n, (uint64_t)((r->mem_limit_kb + room) / page_kb),
		    r->memcg_v2 ? "memory.max + swap.max" :
		    "the memcg memory+swap limit (limit plus the swap it may use)");
	if (known(room) && known(used) && used > 0)
		n = add_reading(T, basis, n, (uint64_t)((r->mem_limit_kb +
		    (room < used ? room : used)) / page_kb), r->memcg_v2 ?
		    "memory.max + the cgroup's swap usage, which total swap is at least "
		    "(a memcg report does not print total swap)" :
		    "the limit + the cgroup's swap usage, which total swap is at least "
		    "(a memcg report does not print total swap)");
	return n;
}

/* totalpages readings for the report's scope, most likely first. */
static int
totalpages_candidates(const struct oom_report *r, int64_t page_kb, int64_t host_swap_kb,
    uint64_t *T, const char **basis)
{
	int n = 0;

	if (r->kind == OOM_KIND_MEMCG) {
		if (!known(r->mem_limit_kb) || r->mem_limit_kb <= 0)
			return 0;
		return memcg_candidates(r, page_kb, host_swap_kb, T, basis);
	}
	if (r->kind == OOM_KIND_CPUSET || r->kind == OOM_KIND_MEMPOLICY)
		return 0;	/* the allowed nodes' pages: not in the report */
	if (!known(r->ram_pages) || !known(r->reserved_pages) || r->ram_pages < r->reserved_pages)
		return 0;
	T[n] = (uint64_t)(r->ram_pages - r->reserved_pages);
	if (known(r->total_swap_kb)) {
		T[n] += (uint64_t)(r->total_swap_kb / page_kb);
		basis[n++] = "pages RAM - pages reserved + total swap";
	} else {
		basis[n++] = "pages RAM - pages reserved (no swap lines: a kernel without swap)";
	}
	return n;
}

static void __attribute__((format(printf, 2, 3)))
note(struct replay *out, const char *fmt, ...)
{
	size_t n = strlen(out->reason);
	va_list ap;

	if (n > 0 && n + 2 < sizeof(out->reason)) {
		memcpy(out->reason + n, "; ", 3);
		n += 2;
	}
	va_start(ap, fmt);
	buf_vsnprintf(out->reason + n, sizeof(out->reason) - n, fmt, ap);
	va_end(ap);
}

void
replay_report(const struct oom_report *r, int64_t page_kb, int version, int64_t host_swap_kb,
    struct replay *out)
{
	const struct oom_model *models[MAX_MODELS];
	uint64_t Ts[MAX_T];
	const char *bases[MAX_T];
	struct hypo best = { 0 };
	int nmodels = 0, nT, mi, ti, ri, best_rank = -1, top_rank;
	size_t i, best_victim = SIZE_MAX;
	bool uid0 = false, best_tie = false;
	int64_t printed = r->kill.score;

	memset(out, 0, sizeof(*out));
	out->victim = out->kernel_index = SIZE_MAX;
	out->victim_pid = out->victim_points = out->victim_score = OOM_NONE;
	out->kernel_points = out->kernel_score = OOM_NONE;
	out->implied_base_lo = out->implied_base_hi = OOM_NONE;
	out->implied_T_lo = out->implied_T_hi = OOM_NONE;
	out->page_bytes = page_kb * 1024;
	out->kernel_pid = known(r->kill.chosen_pid) ? r->kill.chosen_pid :
	    known(r->kill.pid) ? r->kill.pid : r->summary_pid;

	if (r->ntasks == 0) {
		note(out, "%s", (r->seen & OP_TASKS) ? "the task dump has no rows (cut or elided)" :
		    "no task dump in the log");
		return;
	}
	if (r->kernel[0]) {
		models[0] = oom_model_for_code(r->kernel, version);	/* parsed once, by the caller */
		nmodels = models[0] != NULL;
		if (nmodels == 0) {
			note(out, "kernel %s scores with the pre-2.6.36 heuristic (virtual size, "
			    "CPU and run time, capabilities), which a task dump cannot reproduce",
			    r->kernel);
			return;
		}
	} else {
		nmodels = models_from_layout(r->layout, models);
		out->model_from_shape = true;
		if (nmodels == 0) {
			note(out, "the kernel version is not in the log and the dump's layout "
			    "does not tell the era");
			return;
		}
	}
	if (r->layout == TL_2632 || r->layout == TL_2636 || r->layout == TL_NONE) {
		out->model = models[0];
		note(out, "%s", r->layout == TL_NONE ? "the dump's columns are unknown (rows "
		    "without their header line)" : "this dump has no swap and no page-table column, "
		    "which the kernel counted");
		/* Still say where the printed score puts the victim. */
		nT = totalpages_candidates(r, page_kb, host_swap_kb, Ts, bases);
		if (nT > 0 && known(printed) && models[0]->permille) {
			out->totalpages = Ts[0];
			out->totalpages_basis = bases[0];
			/* printed = base * 1000 / T (adj 0): base in [printed*T/1000, (printed+1)*T/1000) */
			out->implied_base_lo = (int64_t)(((uint64_t)printed * Ts[0] + 999) / 1000);
			out->implied_base_hi = (int64_t)(((uint64_t)(printed + 1) * Ts[0] - 1) / 1000);
		}
		out->kernel_index = find_pid(r, out->kernel_pid);
		return;
	}

	nT = totalpages_candidates(r, page_kb, host_swap_kb, Ts, bases);
	if (nT == 0) {
		Ts[0] = 0;
		bases[0] = NULL;
		nT = 1;
	}
	out->kernel_index = find_pid(r, out->kernel_pid);
	for (i = 0; i < r->ntasks && !uid0; i++)
		uid0 = r->tasks[i].uid == 0;
	/*
	 * The best rank a reading can reach: once one has, no later one can
	 * replace it (only a higher rank does), so the rest are not read.
	 * Most reports reach it with their first reading.
	 */
	top_rank = out->kernel_index == SIZE_MAX ? 0 : known(printed) ? 6 : 2;
	for (mi = 0; mi < nmodels && best_rank < top_rank; mi++) {
		for (ti = 0; ti < nT && best_rank < top_rank; ti++) {
			for (ri = 0; ri < 2 && best_rank < top_rank; ri++) {
				struct hypo h = { models[mi], Ts[ti], bases[ti], ri == 0 };
				bool later = version >= 0 ? version >= GFP_VERSION(5, 3, 0) :
				    h.model->ties_to_later;
				bool tie;
				size_t v;
				int rank = 0;

				/*
				 * Without a root bonus in the era, or a uid-0 task in the
				 * dump, the second reading scores every task as the first
				 * did: same rank, so it could not replace it.
				 */
				if (ri == 1 && (h.model->root_bonus == ROOT_BONUS_NONE || !uid0))
					continue;
				v = pick(r, out->page_bytes, &h, later, &tie);
				if (v != SIZE_MAX && out->kernel_index != SIZE_MAX &&
				    (v == out->kernel_index || r->tasks[v].pid == r->tasks[out->kernel_index].pid))
					rank += 2;
				if (known(printed) && out->kernel_index != SIZE_MAX && h.T) {
					struct oom_score s;

					score_one(r, out->kernel_index, out->page_bytes, &h, &s);
					if (s.kill_score == printed)
						rank += 4;
				}
				if (rank > best_rank) {
					best_rank = rank;
					best = h;
					best_victim = v;
					best_tie = tie;
				}
			}
		}
	}
	out->model = best.model;
	out->totalpages = best.T;
	out->totalpages_basis = best.basis;
	out->root_bonus = best.root && best.model->root_bonus != ROOT_BONUS_NONE;
	out->root_bonus_matters = uid0 && best.model->root_bonus != ROOT_BONUS_NONE;
	{
		struct oom_score s;

		/* The best reading's pick, made above (pick() has no other effect). */
		out->victim = best_victim;
		out->tie = best_tie;
		out->done = true;
		if (out->victim != SIZE_MAX) {
			score_one(r, out->victim, out->page_bytes, &best, &s);
			out->victim_pid = r->tasks[out->victim].pid;
			out->victim_points = s.points;
			out->victim_score = best.T ? s.kill_score : OOM_NONE;
		}
		if (out->kernel_index != SIZE_MAX) {
			score_one(r, out->kernel_index, out->page_bytes, &best, &s);
			out->kernel_points = s.points;
			out->kernel_score = best.T ? s.kill_score : OOM_NONE;
		}
	}
	if (known(printed) && best.T && out->kernel_index != SIZE_MAX) {
		out->score_checked = true;
		out->score_matches = out->kernel_score == printed;
	}
	if (!known(out->kernel_pid)) {
		note(out, "%s", r->no_killable ? "the kernel found no killable task: the ones "
		    "listed were already victims being reaped or exiting (MMF_OOM_SKIP), which a "
		    "dump does not show" :
		    r->panic_on_oom ? "no victim: the kernel panicked (panic_on_oom)" :
		    "the log does not name a victim");
		return;
	}
	if (out->kernel_index == SIZE_MAX) {
		out->agrees_known = true;
		out->agrees = false;
		note(out, "the kernel's victim is not in the dump%s",
		    r->tasks_cut ? " (the dump was cut)" : "");
		return;
	}
	out->agrees_known = true;
	out->agrees = out->victim == out->kernel_index ||
	    (out->victim != SIZE_MAX && r->tasks[out->victim].pid == out->kernel_pid);
	/*
	 * A printed score we cannot reproduce because totalpages is not in the
	 * log (a memcg report never prints total swap): say what it implies.
	 */
	if (known(printed) && printed > 0 && (!best.T || !out->score_matches) &&
	    !best.model->permille && r->tasks[out->kernel_index].oom_score_adj == 0 &&
	    (!best.T || r->kind == OOM_KIND_MEMCG)) {
		int64_t pts = out->kernel_points;

		out->score_checked = false;
		out->totalpages = 0;	/* what we assumed is not what the kernel used */
		out->totalpages_basis = NULL;
		out->victim_score = out->kernel_score = OOM_NONE;
		out->implied_T_lo = pts * 1000 / (printed + 1) + 1;
		out->implied_T_hi = pts * 1000 / printed;
		note(out, "score %lld cannot be checked: the kernel's totalpages is not in the log "
		    "(%s); the score implies %lld-%lld pages", (long long)printed,
		    r->kind == OOM_KIND_MEMCG ? "a memcg report does not print total swap" :
		    "no page totals", (long long)out->implied_T_lo, (long long)out->implied_T_hi);
	} else if (out->score_checked && !out->score_matches) {
		out->agrees = false;
	} else if (!best.T) {
		note(out, "totalpages is unknown (%s), so no score",
		    r->kind == OOM_KIND_MEMCG ? "the memcg limit is not in the log" :
		    "pages RAM/reserved are not in the log");
	}
	if (out->tie)
		note(out, "tasks tie on points: the kernel's scan order decides");
	if (r->tasks_cut)
		note(out, "the dump was cut after %zu rows", r->ntasks);
}

bool
replay_task_score(const struct replay *rp, const struct oom_report *r, size_t i,
    struct oom_score *out)
{
	struct hypo h;

	if (!rp->done || rp->model == NULL)
		return false;
	h.model = rp->model;
	h.T = rp->totalpages;
	h.basis = rp->totalpages_basis;
	h.root = rp->root_bonus;
	score_one(r, i, rp->page_bytes, &h, out);
	return true;
}
