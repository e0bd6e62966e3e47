/*
 * badness.c: oom_badness() for each kernel era.
 *
 * Every division is C integer division on signed 64-bit values, as in the
 * kernel (long on 64-bit; 2.6.36 used int, whose overflow, CVE-2011-4097,
 * we do not reproduce).  The terms are kept apart so that the caller can
 * explain a score: base pages, root bonus, adj term.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/badness.h"
#include "proc/release.h"

const struct oom_model oom_models[] = {
	{ "2.6.36", "2.6.36-2.6.38", true, false, ROOT_BONUS_30_PERMILLE, true,
	  PROC_SCALE_RAW, true, false },
	{ "2.6.39", "2.6.39-3.4, RHEL 6", true, true,
	  ROOT_BONUS_30_PERMILLE, true, PROC_SCALE_RAW, true, false },
	{ "3.5", "3.5-3.13", false, true, ROOT_BONUS_30_PERMILLE, true,
	  PROC_SCALE_PERMILLE, true, false },
	{ "3.14", "3.14-4.16, 3.10.99+, RHEL 7", false, true,
	  ROOT_BONUS_3_PERCENT, true, PROC_SCALE_PERMILLE, true, false },
	{ "4.17", "4.17-5.8", false, true, ROOT_BONUS_NONE, true,
	  PROC_SCALE_PERMILLE, false, false },
	{ "5.9", "5.9+, 5.4.144+", false, true, ROOT_BONUS_NONE, false,
	  PROC_SCALE_CENTERED, false, true },
	{ NULL, NULL, false, false, ROOT_BONUS_NONE, false, PROC_SCALE_RAW, false, false },
};

const struct oom_model *
oom_model_by_name(const char *name)
{
	const struct oom_model *m;

	for (m = oom_models; m->name != NULL; m++)
		if (strcmp(m->name, name) == 0)
			return m;
	return NULL;
}

/* Indices into oom_models[], in its order. */
enum { M_2_6_36, M_2_6_39, M_3_5, M_3_14, M_4_17, M_5_9 };

const struct oom_model *
oom_model_for_code(const char *release, int v)
{
	/* release_code()'s parts: C is at most 999 there, enough for the tests below. */
	int a = v / 1000000, b = v / 1000 % 1000, c = v % 1000;

	if (v < 0)
		return NULL;
	/*
	 * Distribution kernels keep an old version number and carry newer OOM
	 * code: RHEL 6 "2.6.32" has the 2.6.36 rewrite (with oom_score_adj),
	 * RHEL 7 "3.10" the 3.14 root bonus.
	 */
	if (a == 2 && b == 6 && c == 32 && strstr(release, ".el6") != NULL)
		return &oom_models[M_2_6_39];
	if (a == 3 && b == 10 && strstr(release, ".el7") != NULL)
		return &oom_models[M_3_14];
	if (v < release_code(2, 6, 36))
		return NULL;
	if (v < release_code(2, 6, 39))
		return &oom_models[M_2_6_36];
	if (v < release_code(3, 5, 0))
		return &oom_models[M_2_6_39];
	/* 778c14affaf9 (3.14) reached 3.10.y stable by 3.10.99. */
	if (a == 3 && b == 10 && c >= 99)
		return &oom_models[M_3_14];
	if (v < release_code(3, 14, 0))
		return &oom_models[M_3_5];
	if (v < release_code(4, 17, 0))
		return &oom_models[M_3_14];
	/* 9066e5cfb73c (5.9) was backported to 5.4.y in September 2021. */
	if (a == 5 && b == 4 && c >= 144)
		return &oom_models[M_5_9];
	if (v < release_code(5, 9, 0))
		return &oom_models[M_4_17];
	return &oom_models[M_5_9];
}

const struct oom_model *
oom_model_for_release(const char *release)
{
	return release == NULL ? NULL : oom_model_for_code(release, release_version_code(release));
}

const char *
oom_ineligible_reason(enum oom_ineligible why)
{
	switch (why) {
	case OOM_ELIGIBLE: return NULL;
	case OOM_INIT: return "global init (pid 1) is never killed";
	case OOM_KTHREAD: return "kernel thread";
	case OOM_NO_MM: return "no memory map (exiting or zombie)";
	case OOM_ADJ_MIN: return "oom_score_adj is -1000";
	case OOM_KERNEL_SKIP:
		return "kernel reports oom_score 0 (in vfork, already reaped or exiting)";
	}
	return "unknown";
}

/* totalpages as the scoring arithmetic takes it: 1 to INT64_MAX / 4000. */
static inline int64_t
clamp_totalpages(uint64_t totalpages)
{
	int64_t T = (int64_t)(totalpages > INT64_MAX / 4000 ? INT64_MAX / 4000 : totalpages);

	return T < 1 ? 1 : T;	/* the kernel uses 1 for a zero memcg limit */
}

/*
 * The points oom_badness() compares, for an eligible task against T
 * (clamp_totalpages()); the terms that make them go to out (base,
 * root_bonus, adj_points, clamped).  The one place of the formula: both
 * oom_score_compute() and oom_score_points() take it from here.
 */
static inline int64_t
badness_points(const struct oom_model *m, const struct oom_task_mem *t, int64_t T,
    struct oom_score *out)
{
	int64_t adj = t->adj, points, base;
	uint64_t ubase;

	if (adj > OOM_SCORE_ADJ_MAX)
		adj = OOM_SCORE_ADJ_MAX;

	/* Numbers from /proc or a log are bounded far below 2^62. */
	ubase = t->rss + t->swap;
	if (m->count_pgtables)
		ubase += t->pgtables;
	if (ubase > (uint64_t)INT64_MAX / 4000)
		ubase = (uint64_t)INT64_MAX / 4000;
	base = (int64_t)ubase;
	out->base = base;

	if (m->permille) {
		points = base * 1000 / T;
		if (m->root_bonus == ROOT_BONUS_30_PERMILLE && t->cap_sys_admin) {
			out->root_bonus = 30;
			points -= 30;
		}
		out->adj_points = adj;
		points += adj;
		if (points <= 0) {
			points = 1;
			out->clamped = true;
		}
		if (points > 1000)
			points = 1000;
		return points;
	}

	points = base;
	if (m->root_bonus == ROOT_BONUS_30_PERMILLE && t->cap_sys_admin) {
		/* 3.5-3.13 fold the bonus into adj before scaling. */
		out->root_bonus = 30 * (T / 1000);
		adj -= 30;
	} else if (m->root_bonus == ROOT_BONUS_3_PERCENT && t->cap_sys_admin) {
		out->root_bonus = points * 3 / 100;
		points -= out->root_bonus;
	}
	out->adj_points = adj * (T / 1000);
	if (m->root_bonus == ROOT_BONUS_30_PERMILLE && t->cap_sys_admin)
		out->adj_points += out->root_bonus;	/* report adj alone */
	points += adj * (T / 1000);
	if (m->clamp_to_one && points <= 0) {
		points = 1;
		out->clamped = true;
	}
	return points;
}

/* Whether t may be chosen at all (oom_score_compute()'s "eligible"). */
static inline bool
score_eligible(const struct oom_task_mem *t)
{
	return t->ineligible == OOM_ELIGIBLE && t->adj > OOM_SCORE_ADJ_MIN;
}

bool
oom_score_points(const struct oom_model *m, const struct oom_task_mem *t,
    uint64_t totalpages, int64_t *points)
{
	struct oom_score terms;	/* unused: the compiler drops its stores */

	if (!score_eligible(t))
		return false;
	*points = badness_points(m, t, clamp_totalpages(totalpages), &terms);
	return true;
}

void
oom_score_compute(const struct oom_model *m, const struct oom_task_mem *t,
    uint64_t totalpages, uint64_t proc_totalpages, struct oom_score *out)
{
	int64_t T, PT, points;

	memset(out, 0, sizeof(*out));
	out->kill_score = -1;
	out->why = t->ineligible;
	if (out->why == OOM_ELIGIBLE && !score_eligible(t))
		out->why = OOM_ADJ_MIN;
	if (out->why != OOM_ELIGIBLE) {
		out->points = m->clamp_to_one || m->permille ? 0 : INT64_MIN;
		return;
	}
	out->eligible = true;
	T = clamp_totalpages(totalpages);
	PT = clamp_totalpages(proc_totalpages);
	points = badness_points(m, t, T, out);
	out->points = points;

	if (m->permille) {
		out->scope_score = points;
		out->kill_score = points;
		/* /proc/PID/oom_score is the badness against the global T. */
		if (PT != T) {
			struct oom_score g;

			oom_score_compute(m, t, (uint64_t)PT, (uint64_t)PT, &g);
			out->proc_score = g.proc_score;
		} else {
			out->proc_score = points;
		}
		return;
	}

	/*
	 * /proc/PID/oom_score always scores against the global T; recompute
	 * when the scope differs (memcg).
	 */
	if (PT != T) {
		struct oom_score g;

		oom_score_compute(m, t, (uint64_t)PT, (uint64_t)PT, &g);
		out->proc_score = g.proc_score;
	} else if (m->proc == PROC_SCALE_CENTERED) {
		out->proc_score = (1000 + points * 1000 / PT) * 2 / 3;
	} else {
		/* 3.5-5.8: unsigned long arithmetic on a positive value. */
		out->proc_score = points * 1000 / PT;
	}
	/* What "Kill process N (x) score S" printed (3.5-5.0), per mille of T. */
	out->kill_score = points * 1000 / T;
	out->scope_score = m->proc == PROC_SCALE_CENTERED ? (1000 + points * 1000 / T) * 2 / 3 :
	    out->kill_score;
}

int
oom_score_cmp(const struct oom_score *a, const struct oom_score *b)
{
	if (a->eligible != b->eligible)
		return a->eligible ? -1 : 1;
	if (!a->eligible)
		return 0;
	if (a->points != b->points)
		return a->points > b->points ? -1 : 1;
	return 0;
}
