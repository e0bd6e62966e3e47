/*
 * decisive.h: why the would-be victim beats the runner-up.  The kernel
 * compares one number per task (the badness), the sum of a few terms:
 * resident pages, swap entries, page-table pages, the oom_score_adj term
 * and, in older eras, a root bonus.  Comparing the two best candidates term
 * by term says which one decides, and by how much the victim leads.  Pure:
 * scores in, verdict out; `rank`, `top` and `audit` share it.
 */
#ifndef OOMRISK_CORE_DECISIVE_H
#define OOMRISK_CORE_DECISIVE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/badness.h"

enum decisive_term {
	TERM_RSS,
	TERM_SWAP,
	TERM_PGTABLES,
	TERM_ADJ,		/* oom_score_adj x (totalpages/1000) */
	TERM_ROOT_BONUS,	/* 2.6.36-4.16 only; a lead when the runner-up has it */
	TERM_COUNT
};

enum decisive_kind {
	DECISIVE_ALONE,		/* the only killable task: nothing to beat */
	DECISIVE_TIE,		/* equal points: the kernel's scan order decides */
	DECISIVE_TERM,		/* one term gives the victim most of its lead */
};

struct decisive {
	enum decisive_kind kind;
	enum decisive_term term;	/* DECISIVE_TERM: the largest lead */
	/*
	 * Victim minus runner-up for each term, in pages (positive favours
	 * the victim).  Terms are taken before any clamp to 1 (<= 5.8) or
	 * cap at 1000 (per-mille eras), so they show what each task holds.
	 */
	int64_t diff[TERM_COUNT];
	int64_t lead_points;	/* the badness difference, in the model's unit */
	int64_t lead_pages;	/* the same in pages (per-mille eras: x T/1000) */
	double lead_pct;	/* lead_pages as a percentage of totalpages */
	/*
	 * The lead without the deciding term's difference, in pages: < 0 the
	 * runner-up would be first, 0 they would tie, > 0 the victim leads
	 * on the other terms too.
	 */
	int64_t without;
};

/*
 * Compare the victim (top) with the runner-up (next; NULL when the victim
 * is the only killable task).  m is the era's model and totalpages the
 * scope's T, as given to oom_score_compute(); both tasks must be eligible
 * and top must rank first.
 */
void decisive_compute(const struct oom_model *m, uint64_t totalpages,
    const struct oom_task_mem *top, const struct oom_score *stop,
    const struct oom_task_mem *next, const struct oom_score *snext,
    struct decisive *out);

/* "rss", "swap", "page tables", "oom_score_adj", "root bonus". */
const char *decisive_term_name(enum decisive_term t);
/* The same as a JSON key: "rss", "swap", "pgtables", "adj", "root_bonus". */
const char *decisive_term_key(enum decisive_term t);

#endif
