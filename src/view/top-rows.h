/*
 * top-rows.h: top's process panel: the columns, sized from the data of
 * the rows given (pid and rank widths, user names...), COMMAND taking the
 * rest of the width.  When the line is too narrow, whole columns are left
 * out, the least telling first (CGROUP, PGTBL, SWAP, USER, SHARE, GROW/s,
 * ADJ, RSS, SCORE); RANK, PID and COMMAND stay.  CGROUP (the task's
 * container, pod, unit or cgroup, as rank shows it) only from
 * RANK_TABLE_CGROUP_MIN_WIDTH columns on, and in --batch.  Grouped
 * (--group-by, g), the rows are group-table.h's, cut to the width.  hscroll: COMMAND's text
 * starts that many columns in (left/right scroll); the tree's guides
 * ("|  ", "|- ", "`- ") are part of that text.
 */
#ifndef OOMRISK_VIEW_TOP_ROWS_H
#define OOMRISK_VIEW_TOP_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/top.h"
#include "lib/buf.h"
#include "view/top-markup.h"

enum top_col {
	TC_RANK, TC_PID, TC_USER, TC_SCORE, TC_ADJ, TC_RSS, TC_SWAP, TC_PGTBL, TC_SHARE, TC_GROW,
	TC_CGROUP, TC_N
};

struct top_columns {
	size_t w[TC_N];
	bool shown[TC_N];
	size_t cmd_at;			/* COMMAND's first column */
	size_t cmd_w;			/* its width; 0: to the end of the text */
	size_t hscroll;
	size_t width;			/* the line's (0: no limit); group rows are cut to it */
};

/* The columns for rows[first .. first + n) in width columns (0: no limit). */
void top_view_columns(struct top_columns *c, const struct top *t, size_t first, size_t n,
    size_t width, size_t hscroll);
/* The title line and one row, no newline. */
void top_view_rows_header(struct buf *out, const struct top *t, const struct top_columns *c);
void top_view_row(struct buf *out, const struct top *t, const struct top_row *row,
    const struct top_columns *c);

#endif
