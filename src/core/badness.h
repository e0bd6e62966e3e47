/*
 * badness.h: the kernel's OOM victim score (oom_badness) for each kernel
 * era, as a pure function of a task's numbers.  The live sampler and the
 * log replayer (re-scoring an OOM report's task dump) both call
 * oom_score_compute(), so `rank` and `explain` cannot disagree.
 *
 * Eras (see docs/kernel-oom-reference.md §1):
 *   2.6.36  per-mille of totalpages, rss+swap, root -30, clamp [1,1000]
 *   2.6.39  same, page tables counted
 *   3.5     pages: rss+ptes+swap, root adj-=30, adj*(T/1000), clamp >= 1
 *   3.14    root bonus becomes 3% of the task's own points
 *   4.17    no root bonus
 *   5.9     no clamp: badness may be negative; /proc oom_score rescaled
 */
#ifndef OOMRISK_CORE_BADNESS_H
#define OOMRISK_CORE_BADNESS_H

#include <stdbool.h>
#include <stdint.h>

#define OOM_SCORE_ADJ_MIN (-1000)
#define OOM_SCORE_ADJ_MAX 1000

enum root_bonus {
	ROOT_BONUS_NONE,
	ROOT_BONUS_30_PERMILLE,	/* 2.6.36-3.13: adj -= 30 for CAP_SYS_ADMIN */
	ROOT_BONUS_3_PERCENT,	/* 3.14-4.16: points -= points*3/100 */
};

/* How /proc/PID/oom_score is derived from the badness. */
enum proc_scale {
	PROC_SCALE_RAW,		/* 2.6.36-3.4: the badness itself (0..1000) */
	PROC_SCALE_PERMILLE,	/* 3.5-5.8: badness*1000/T */
	PROC_SCALE_CENTERED,	/* 5.9+: (1000 + badness*1000/T)*2/3 */
};

struct oom_model {
	const char *name;	/* "5.9", ... : the first kernel of the era */
	const char *kernels;	/* human range, e.g. "5.9+, 5.4.144+" */
	bool permille;		/* badness in per-mille of T, capped at 1000 */
	bool count_pgtables;	/* page tables are part of the score */
	enum root_bonus root_bonus;
	bool clamp_to_one;	/* an eligible task scores at least 1 */
	enum proc_scale proc;
	bool kill_line_score;	/* "Kill process N (x) score S" printed (<= 5.0) */
	bool ties_to_later;	/* on equal points the later-scanned task wins (5.3+) */
};

/* The models, oldest first; terminated by a NULL name. */
extern const struct oom_model oom_models[];

const struct oom_model *oom_model_by_name(const char *name);
/*
 * The model for a kernel release string as printed by uname -r or in a
 * report's "Not tainted 3.10.0-957.el7.x86_64" (distro backports known to
 * change the scorer are taken into account).  NULL when the release is not
 * parseable or predates 2.6.36 (the total_vm/CPU-time heuristic, which
 * cannot be recomputed from /proc or a task dump).
 */
const struct oom_model *oom_model_for_release(const char *release);
/* The same for a release whose release_version_code() v the caller has (-1: none). */
const struct oom_model *oom_model_for_code(const char *release, int v);


/* Why a task is never chosen. */
enum oom_ineligible {
	OOM_ELIGIBLE = 0,
	OOM_INIT,		/* the global init (host pid 1) */
	OOM_KTHREAD,		/* a kernel thread */
	OOM_NO_MM,		/* no mm: exiting or a zombie */
	OOM_ADJ_MIN,		/* oom_score_adj -1000 */
	OOM_KERNEL_SKIP,	/* kernel says 0: in vfork, reaped or exiting */
};

const char *oom_ineligible_reason(enum oom_ineligible why);

/* What the kernel's oom_unkillable_task() and oom_badness() look at. */
struct oom_task_facts {
	bool kthread;		/* PF_KTHREAD */
	bool global_init;	/* pid 1 of the initial pid namespace (a container's is killable) */
	bool has_mm;		/* some thread still has an mm (find_lock_task_mm) */
	bool kernel_skips;	/* the kernel shows 0: in vfork, MMF_OOM_SKIP, exiting */
	int adj;		/* oom_score_adj */
};

/*
 * The one place that decides whether the OOM killer may choose a task.
 * Inline: explain's replay asks it for every task of a dump, per reading.
 */
static inline enum oom_ineligible
oom_task_eligible(const struct oom_task_facts *f)
{
	if (f->kthread)
		return OOM_KTHREAD;
	if (f->global_init)
		return OOM_INIT;
	if (!f->has_mm)
		return OOM_NO_MM;
	if (f->adj <= OOM_SCORE_ADJ_MIN)
		return OOM_ADJ_MIN;
	if (f->kernel_skips)
		return OOM_KERNEL_SKIP;
	return OOM_ELIGIBLE;
}

/* A task's memory as the OOM killer counts it, in pages. */
struct oom_task_mem {
	uint64_t rss;		/* anon + file + shmem resident pages */
	uint64_t swap;		/* swap entries */
	uint64_t pgtables;	/* page-table pages (ptes [+ pmds]) */
	int adj;		/* oom_score_adj, -1000..1000 */
	bool cap_sys_admin;	/* only the 2.6.36-4.16 root bonus uses it */
	enum oom_ineligible ineligible;
};

/* The score and the terms that make it. */
struct oom_score {
	bool eligible;
	enum oom_ineligible why;
	int64_t base;		/* rss + swap (+ pgtables) in pages */
	int64_t root_bonus;	/* subtracted for CAP_SYS_ADMIN, in points */
	int64_t adj_points;	/* the oom_score_adj term, in points */
	int64_t points;		/* the badness the kernel compares */
	int64_t proc_score;	/* what /proc/PID/oom_score shows (0 if ineligible) */
	/*
	 * The same scale against the scope's totalpages: what oom_score would
	 * read if the memory cgroup were the whole machine.  Equal to
	 * proc_score in the global scope.  On 2.6.36-5.0 it is the "score N"
	 * of the kernel's kill line in that scope's OOM report; 5.1+ print no
	 * score, and their task dump gives its terms (rss, swapents,
	 * pgtables_bytes, oom_score_adj).
	 */
	int64_t scope_score;
	int64_t kill_score;	/* a kill line's "score N" (points per mille of T), or -1 */
	bool clamped;		/* an eligible task forced up to 1 */
};

/*
 * Score one task.  totalpages is the scope's T: RAM + swap for a global
 * OOM, the memcg limit (+ swap) for a memcg OOM.  proc_totalpages is the
 * global T, which /proc/PID/oom_score always uses; pass the same value for
 * a global scope.
 */
void oom_score_compute(const struct oom_model *m, const struct oom_task_mem *t,
    uint64_t totalpages, uint64_t proc_totalpages, struct oom_score *out);

/*
 * Only what the kernel compares: whether t is eligible and, if so, its
 * points (*points), as oom_score_compute() gives them.  For choosing a
 * victim among many tasks (explain's replay tries each reading of the
 * report on every task of its dump).
 */
bool oom_score_points(const struct oom_model *m, const struct oom_task_mem *t,
    uint64_t totalpages, int64_t *points);

/*
 * Order two scored tasks the way the kernel picks a victim: eligible
 * before ineligible, then higher points first.  Returns <0 when a goes
 * first, >0 when b does, 0 on a tie (the kernel then decides by scan order).
 */
int oom_score_cmp(const struct oom_score *a, const struct oom_score *b);

#endif
