/* zoneinfo.h: parse /proc/zoneinfo into per-zone watermark records. */
#ifndef OOMRISK_PROC_ZONEINFO_H
#define OOMRISK_PROC_ZONEINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>


#define ZONEINFO_MAX_ZONES 64	/* nodes x zones; more are dropped (and counted) */

#define WM_MAX_ZONES 8		/* lowmem_reserve columns (MAX_NR_ZONES <= 6) */

/* One node/zone.  Sizes in kB; lowmem_reserve in pages, as printed. */
struct zone_wm {
	int node;
	int zone_idx;			/* index in the node (lowmem_reserve column); -1 unknown */
	char name[16];			/* "DMA", "DMA32", "Normal", "Movable", ... */
	uint64_t free_kb, min_kb, low_kb, high_kb;
	uint64_t boost_kb;		/* included in min/low/high already */
	uint64_t managed_kb, present_kb;
	bool have_boost, have_managed;
	uint64_t lowmem_reserve[WM_MAX_ZONES];
	int nreserve;			/* columns present; 0 = unknown */
	uint64_t page_kb;		/* page size in kB, to convert the reserve */
};

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
