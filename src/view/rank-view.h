/* rank-view.h: what `oomrisk rank` prints (view/rank-table.h draws the rows). */
#ifndef OOMRISK_VIEW_RANK_VIEW_H
#define OOMRISK_VIEW_RANK_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/blast.h"
#include "core/groups.h"
#include "core/rank.h"

/* What the views need besides the ranking, all read before printing. */
struct rank_view {
	size_t count;
	bool all, cmdline, blast;
	size_t width;
	bool cgroup_col;		/* the CGROUP column (text, wide enough) */
	enum group_key group_by;
	struct rank_groups groups;
	bool can_lower;			/* may lower oom_score_adj (CAP_SYS_RESOURCE) */
	struct blast *blasts;		/* per shown entry; [0] the would-be victim's */
	size_t nblasts;
};

/* How many entries the views show (the first count candidates, or all). */
size_t rank_view_shown(const struct rank_view *v, const struct ranking *r);

void rank_view_text(FILE *f, const struct rank_view *v, const struct ranking *r);
void rank_view_json(FILE *f, const struct rank_view *v, const struct ranking *r);
void rank_view_csv(FILE *f, const struct rank_view *v, const struct ranking *r);

#endif
