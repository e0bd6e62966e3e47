/*
 * top-view.h: the text `top` shows, as lines in a buffer.  The TUI draws
 * these lines (adding colour and the selection) and --batch prints them,
 * so what the batch tests check is what the screen shows.  Untrusted text
 * (process names, command lines, user names, the filter) is escaped here.
 */
#ifndef OOMRISK_VIEW_TOP_VIEW_H
#define OOMRISK_VIEW_TOP_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "core/top.h"
#include "core/watermark.h"
#include "lib/buf.h"
#include "proc/zoneinfo.h"

#define TOPVIEW_HEADER_LINES 7

/* Where a zone bar's fill is in its line, to colour it by verdict. */
struct zone_bar {
	size_t start, len;		/* columns (the line is ASCII) */
	enum wm_verdict verdict;
	bool empty;			/* a zone without managed pages */
};

/*
 * The header: exactly TOPVIEW_HEADER_LINES lines, each ending in '\n'
 * and cut to width columns (0 = no cut): status, memory, PSI and kills,
 * the scope (a memory cgroup's usage, limit, headroom and kills; the last
 * kill in the scope), the victim, its deciding term, the forecast (empty
 * when there is nothing to forecast).
 */
void top_view_header(struct buf *out, const struct top *t, size_t width, bool paused);

/* "at this rate ..." or nothing; no newline. */
void top_view_forecast(struct buf *out, const struct top *t);

/* The zones panel's title line (no newline). */
void top_view_zones_title(struct buf *out, size_t width);

/*
 * One zone: a bar of free memory against the min (m), low (l) and high
 * (h) marks on one scale, then the numbers and the verdict.  No newline.
 */
void top_view_zone_line(struct buf *out, const struct zoneinfo_zone *z, size_t width,
    struct zone_bar *bar);

/* The process panel's title and one row (no newline), cut to width. */
void top_view_rows_header(struct buf *out, const struct top *t, size_t width);
void top_view_row(struct buf *out, const struct top *t, const struct top_row *row, size_t width);

/*
 * One --batch frame: the header, the zone table of `oomrisk zones`, the
 * first `rows` rows of the process panel, and a blank line.
 */
void top_view_batch_frame(struct buf *out, const struct top *t, size_t rows);

#endif
