/* zoneinfo.h: parse /proc/zoneinfo into per-zone watermark records. */
#ifndef OOMRISK_ZONEINFO_H
#define OOMRISK_ZONEINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "watermark.h"

#define ZONEINFO_MAX_ZONES 64	/* nodes x zones; more are dropped (and counted) */

struct zoneinfo_zone {
	struct zone_wm wm;
	uint64_t spanned_kb;
	bool populated;		/* present pages > 0 (an empty zone prints only "pages free") */
	bool node_unreclaimable;
};

struct zoneinfo {
	struct zoneinfo_zone zones[ZONEINFO_MAX_ZONES];
	int nzones;
	int dropped;		/* zones beyond ZONEINFO_MAX_ZONES */
};

/*
 * Parse zoneinfo text (all values in pages) into kB using page_kb.
 * Returns 0, or -1 when no "Node N, zone NAME" line is found or a known
 * field is malformed (*lineno says where; 0 when nothing was found).
 */
int zoneinfo_parse(const char *buf, size_t len, unsigned page_kb, struct zoneinfo *zi,
    unsigned *lineno);

#endif
