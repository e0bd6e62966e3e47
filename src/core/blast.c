/* blast.c: which members an oom.group kill takes. */
#include "config.h"

#include "core/blast.h"
#include "core/whatif.h"

bool
blast_member_killed(const struct task *t)
{
	/* oom_kill_memcg_member() spares adj -1000 and init; no mm, nothing to kill. */
	return t->ineligible == OOM_ELIGIBLE || t->ineligible == OOM_KERNEL_SKIP;
}

void
blast_members_count(struct blast_members *b, const struct ranking *r)
{
	size_t i;

	b->nkilled = b->nspared = 0;
	b->killed_rss_kb = 0;
	for (i = 0; i < b->tasks.n; i++) {
		struct task *t = &b->tasks.v[i];
		const struct whatif *w;

		if (r->whatif != NULL && (w = whatif_find(r->whatif, t->pid)) != NULL && w->found)
			whatif_apply(w, t);
		if (blast_member_killed(t)) {
			b->nkilled++;
			b->killed_rss_kb += t->rss_kb;
		} else {
			b->nspared++;
		}
	}
}
