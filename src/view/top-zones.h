/*
 * top-zones.h: top's zones panel: one line per populated zone, grouped
 * per node (a node line first when there is more than one node); each
 * zone's bar (see view/zone-bar.h) and its headroom to low and to min.
 * The layout is computed once for all zones, so their columns line up;
 * at narrow widths FREE goes first, then the verdict's word (its colour
 * stays).
 */
#ifndef OOMRISK_VIEW_TOP_ZONES_H
#define OOMRISK_VIEW_TOP_ZONES_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/buf.h"
#include "proc/zoneinfo.h"
#include "view/top-markup.h"

struct top_zone_layout {
	size_t width;			/* 0: no limit */
	size_t name_w;			/* "N NAME" and a space */
	size_t bar_w;			/* cells inside the brackets */
	bool free, to_low, to_min, verdict;	/* the columns shown */
};

void top_view_zone_layout(struct top_zone_layout *l, const struct zoneinfo *zi, size_t width);
/* Lines without a newline. */
void top_view_zones_title(struct buf *out, const struct top_zone_layout *l);
void top_view_zone_line(struct buf *out, const struct top_zone_layout *l,
    const struct zoneinfo_zone *z);
/*
 * "node N  to low X  to min Y": what a user page can take from the node's
 * zones before reaching each mark, lowmem_reserve counted.
 */
void top_view_node_line(struct buf *out, const struct top_zone_layout *l,
    const struct zoneinfo *zi, int node);
/* How many nodes the zones belong to. */
int top_view_zone_nodes(const struct zoneinfo *zi);

#endif
