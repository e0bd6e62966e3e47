/*
 * group-table.h: a ranking folded into groups (core/groups.h) as text and
 * JSON: rank --group-by and top's group view.
 */
#ifndef OOMRISK_VIEW_GROUP_TABLE_H
#define OOMRISK_VIEW_GROUP_TABLE_H

#include <stddef.h>

#include "core/groups.h"
#include "lib/buf.h"
#include "lib/json.h"

/* Column titles (no newline), cut to width (0 = no cut). */
void group_table_text_header(struct buf *out, size_t width);
/* One group (no newline), cut to width. */
void group_table_text_row(struct buf *out, const struct ranking *r, const struct rank_groups *g,
    const struct rank_group *x, size_t width);
/* One group as a JSON object. */
void group_table_json_group(struct json *j, const struct ranking *r, const struct rank_groups *g,
    const struct rank_group *x);

#endif
