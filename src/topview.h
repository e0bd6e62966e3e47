/*
 * topview.h: the text `top` shows, as lines in a buffer.  The TUI draws
 * these lines (adding colour and the selection) and --batch prints them,
 * so what the batch tests check is what the screen shows.  Untrusted text
 * (process names, command lines, user names, the filter) is escaped here.
 */
#ifndef OOMRISK_TOPVIEW_H
#define OOMRISK_TOPVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "top.h"
#include "watermark.h"
#include "zoneinfo.h"

#define TOPVIEW_HEADER_LINES 6

/* Where a zone bar's fill is in its line, to colour it by verdict. */
struct zone_bar {
	size_t start, len;		/* columns (the line is ASCII) */
	enum wm_verdict verdict;
	bool empty;			/* a zone without managed pages */
};

/*
 * The header: exactly TOPVIEW_HEADER_LINES lines, each ending in '\n'
 * and cut to width columns (0 = no cut): status, memory, PSI and kills,
 * the victim, its deciding term, the forecast (empty when there is
 * nothing to forecast).
 */
void topview_header(struct buf *out, const struct top *t, size_t width, bool paused);

/* "at this rate ..." or nothing; no newline. */
void topview_forecast(struct buf *out, const struct top *t);

/* The zones panel's title line (no newline). */
void topview_zones_title(struct buf *out, size_t width);

/*
 * One zone: a bar of free memory against the min (m), low (l) and high
 * (h) marks on one scale, then the numbers and the verdict.  No newline.
 */
void topview_zone_line(struct buf *out, const struct zoneinfo_zone *z, size_t width,
    struct zone_bar *bar);

/* The process panel's title and one row (no newline), cut to width. */
void topview_rows_header(struct buf *out, const struct top *t, size_t width);
void topview_row(struct buf *out, const struct top *t, const struct top_row *row, size_t width);

/*
 * One --batch frame: the header, the zone table of `oomrisk zones`, the
 * first `rows` rows of the process panel, and a blank line.
 */
void topview_batch_frame(struct buf *out, const struct top *t, size_t rows);

#endif
