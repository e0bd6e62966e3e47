/* whatif-view.h: the what-ifs of a ranking (core/whatif.h), as text and JSON. */
#ifndef OOMRISK_VIEW_WHATIF_VIEW_H
#define OOMRISK_VIEW_WHATIF_VIEW_H

#include <stdbool.h>

#include "core/rank.h"
#include "lib/buf.h"
#include "lib/json.h"

/*
 * "what-if: ..." lines above the table: what the ranking assumes, and,
 * when can_lower is false (no CAP_SYS_RESOURCE), that writing a lower
 * oom_score_adj for real could be refused.
 */
void whatif_view_text(struct buf *out, const struct ranking *r, bool can_lower);

/* The "whatif" member: one object per what-if. */
void whatif_view_json(struct json *j, const struct ranking *r);

#endif
