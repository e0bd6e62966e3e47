/*
 * decisive.c: the term that decides between the would-be victim and the
 * runner-up.
 *
 * Since 3.5 the badness is a sum in pages,
 *     points = rss + swap + page tables - root bonus + adj x (T/1000),
 * so the victim's lead over the runner-up is exactly the sum of the
 * per-term differences (before a clamp to 1, which only the <= 5.8 eras
 * apply to tasks at or below 0).  The deciding term is the one with the
 * largest difference in the victim's favour; `without` says whether the
 * victim would still lead if that difference were gone.  The per-mille
 * eras (2.6.36-3.4) add adj and the root bonus in thousandths of T: they
 * are converted to pages (x T/1000) so that every term has one unit.
 */
#include "config.h"

#include <string.h>

#include "core/decisive.h"

static const char *const term_names[TERM_COUNT] = {
	"rss", "swap", "page tables", "oom_score_adj", "root bonus",
};
static const char *const term_keys[TERM_COUNT] = {
	"rss", "swap", "pgtables", "adj", "root_bonus",
};

const char *
decisive_term_name(enum decisive_term t)
{
	return t < TERM_COUNT ? term_names[t] : "?";
}

const char *
decisive_term_key(enum decisive_term t)
{
	return t < TERM_COUNT ? term_keys[t] : "?";
}

/* A per-mille-of-T quantity in pages (T/1000 per unit, as the kernel weighs adj). */
static int64_t
permille_pages(const struct oom_model *m, int64_t v, int64_t T)
{
	return m->permille ? v * T / 1000 : v;
}

void
decisive_compute(const struct oom_model *m, uint64_t totalpages,
    const struct oom_task_mem *top, const struct oom_score *stop,
    const struct oom_task_mem *next, const struct oom_score *snext,
    struct decisive *out)
{
	/* oom_score_compute() bounds T the same way; keep the products in range. */
	int64_t T = (int64_t)(totalpages > INT64_MAX / 2000 ? INT64_MAX / 2000 : totalpages);
	int64_t sum = 0;
	int i, best;

	memset(out, 0, sizeof(*out));
	if (T < 1)
		T = 1;
	if (next == NULL || snext == NULL) {
		out->kind = DECISIVE_ALONE;
		return;
	}
	out->diff[TERM_RSS] = (int64_t)top->rss - (int64_t)next->rss;
	out->diff[TERM_SWAP] = (int64_t)top->swap - (int64_t)next->swap;
	if (m->count_pgtables)
		out->diff[TERM_PGTABLES] = (int64_t)top->pgtables - (int64_t)next->pgtables;
	out->diff[TERM_ADJ] = permille_pages(m, stop->adj_points - snext->adj_points, T);
	/* A bonus is subtracted: the victim gains when the runner-up has more. */
	out->diff[TERM_ROOT_BONUS] = permille_pages(m, snext->root_bonus - stop->root_bonus, T);

	out->lead_points = stop->points - snext->points;
	out->lead_pages = permille_pages(m, out->lead_points, T);
	out->lead_pct = 100.0 * (double)out->lead_pages / (double)T;
	if (out->lead_points == 0) {
		out->kind = DECISIVE_TIE;
		return;
	}
	best = 0;
	for (i = 0; i < TERM_COUNT; i++) {
		sum += out->diff[i];
		if (out->diff[i] > out->diff[best])
			best = i;
	}
	out->kind = DECISIVE_TERM;
	out->term = (enum decisive_term)best;
	out->without = sum - out->diff[best];
}
