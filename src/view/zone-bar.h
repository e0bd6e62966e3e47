/*
 * zone-bar.h: a zone's free memory drawn against its watermarks, so that
 * it is plain without reading a number how far the zone is from reclaim
 * (low) and from the OOM path (min).
 *
 * Scaling free pages to the zone's size puts min, low and high in the
 * first cell of any bar (they are a percent or two of the zone), and
 * fills a healthy zone's bar to the end.  So the bar has two parts:
 *
 *   [####m###l###h#######.......     ]
 *    `-- near: 0 .. 2 x high --'`- far --'
 *
 * near: 0 to twice high, piecewise linear between 0, min, low, high and
 *   2 x high, each of those four stretches at least two cells wide and
 *   otherwise in proportion.  The marks are always apart, whatever the
 *   width, and free falling toward them moves the fill cell by cell.
 * far: 2 x high up to the zone's size (managed pages), logarithmic: each
 *   cell is the same ratio, so a healthy zone sits near the end and
 *   halving its free memory moves the fill by the same few cells wherever
 *   it starts.  Its empty cells are dots, so the change of scale shows.
 *
 * A zone whose size is at most 2 x high has no far part.  Pure.
 */
#ifndef OOMRISK_VIEW_ZONE_BAR_H
#define OOMRISK_VIEW_ZONE_BAR_H

#include <stddef.h>
#include <stdint.h>

#include "core/watermark.h"
#include "lib/buf.h"
#include "proc/zoneinfo.h"

#define ZONE_BAR_MIN_CELLS 10	/* narrower bars are drawn this wide */

/* Breakpoints of the near part: 0, min, low, high, 2 x high. */
enum { ZB_ZERO, ZB_MIN, ZB_LOW, ZB_HIGH, ZB_END, ZB_N };

struct zone_scale {
	size_t cells;		/* the whole bar */
	size_t near;		/* cells of the linear part (== cells: no far part) */
	uint64_t at_kb[ZB_N];	/* the breakpoints' values */
	size_t at_cell[ZB_N];	/* and the cell each starts (at_cell[ZB_END] == near) */
	uint64_t size_kb;	/* the far part's end: the zone's size */
	int no_marks;		/* a zone without watermarks (high 0): free against size */
};

/* The scale of a zone's bar of `cells` cells (at least ZONE_BAR_MIN_CELLS). */
void zone_scale_init(struct zone_scale *s, const struct zone_wm *z, size_t cells);

/*
 * How many cells kb of free memory fills, 0..cells: a value on a
 * breakpoint fills up to the cell before that breakpoint's mark, one just
 * above it fills the mark's cell too, so the fill ends before 'l' exactly
 * when free is at or below low (the kernel's "below low").
 */
size_t zone_scale_fill(const struct zone_scale *s, uint64_t kb);

/* The cell a watermark's letter goes in (the first cell above it). */
size_t zone_scale_mark(const struct zone_scale *s, enum wm_mark m);

#endif
