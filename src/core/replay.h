/*
 * replay.h: re-score an OOM report's task dump with the badness model of
 * the report's kernel era (oom_score_compute(), the code `rank` uses) and
 * say whether that reproduces the kernel's choice and its printed score.
 *
 * Some inputs a dump does not show are tried both ways and the one the
 * kernel's own numbers confirm is kept, saying so: whether a uid-0 task
 * had CAP_SYS_ADMIN (the root bonus of 2.6.36-4.16: containers drop it),
 * and, for a memcg OOM, whether totalpages is the memory limit alone or
 * memory+swap (it depends on total swap and swappiness, never printed).
 * Where a replay cannot be right (no dump, a dump without a swap column,
 * the 2.6.32 heuristic, unknown totalpages) it says why instead.
 */
#ifndef OOMRISK_CORE_REPLAY_H
#define OOMRISK_CORE_REPLAY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/badness.h"
#include "log/reports.h"

struct replay {
	bool done;		/* tasks were scored */
	bool agrees_known, agrees;
	char reason[320];	/* why not, or what had to be assumed; "" if nothing */
	const struct oom_model *model;
	bool model_from_shape;	/* no kernel version: the era from the dump's layout */
	uint64_t totalpages;	/* 0: unknown */
	const char *totalpages_basis;
	bool root_bonus;	/* uid-0 tasks scored with CAP_SYS_ADMIN */
	bool root_bonus_matters;
	int64_t page_bytes;
	size_t victim;		/* index into r->tasks of our pick */
	int64_t victim_pid, victim_points, victim_score;	/* score: per mille of T, or OOM_NONE */
	bool tie;		/* another task has the same points */
	int64_t kernel_pid;	/* the kernel's choice (scored one), OOM_NONE if none */
	size_t kernel_index;	/* its row, or SIZE_MAX */
	int64_t kernel_points, kernel_score;	/* our numbers for it */
	bool score_checked, score_matches;
	/* What the printed score implies where we cannot check it (OOM_NONE if nothing): */
	int64_t implied_base_lo, implied_base_hi;	/* the victim's rss+swap+ptes, pages */
	int64_t implied_T_lo, implied_T_hi;		/* the kernel's totalpages */
};

/*
 * Score the dump; out is always filled (done=false with a reason when
 * impossible).  version: release_version_code() of r->kernel, -1 when r
 * has none or it does not parse (the caller has it already).  host_swap_kb:
 * SwapTotal of the machine when the log is its own (the live kernel log),
 * read now, else -1: a memcg report does not print the total swap its
 * totalpages counts.
 */
void replay_report(const struct oom_report *r, int64_t page_kb, int version,
    int64_t host_swap_kb, struct replay *out);

/*
 * The task's score terms under the replay's assumptions (model, T, root
 * bonus), for listing top consumers.  False when no model applies.
 */
bool replay_task_score(const struct replay *rp, const struct oom_report *r, size_t i,
    struct oom_score *out);

/*
 * A task's page tables in pages (bytes or nr_ptes+nr_pmds, per layout), or -1.
 * Inline: asked for every task of a dump, per reading of the replay.
 */
static inline int64_t
replay_task_pgtables(const struct oom_report *r, size_t i, int64_t page_bytes)
{
	const struct oom_task *t = &r->tasks[i];

	if (t->pgtables == OOM_NONE)
		return -1;
	if (r->layout == TL_BYTES || r->layout == TL_SPLIT)
		return t->pgtables / (page_bytes > 0 ? page_bytes : 4096);
	return t->pgtables;
}

#endif
