/*
 * watermark.h: a zone's free memory against its min/low/high watermarks
 * and the lowmem_reserve that keeps lower zones for their own callers.
 * One model for /proc/zoneinfo (`zones`, `top`, `check`) and for the zone
 * lines of an OOM report (`explain`).  Pure: numbers in, verdicts out.
 *
 * Kernel logic (mm/page_alloc.c __zone_watermark_ok; see the reference):
 * an order-0 allocation whose highest usable zone is `classzone` may take
 * a page from zone z only if
 *     free(z) - (2^order - 1) > mark(z) + lowmem_reserve(z)[classzone]
 * where mark is LOW on the fast path, MIN in the slow path (less for
 * __GFP_HIGH / atomic callers) and HIGH for the last try before the OOM
 * killer.  Printed min/low/high already include any watermark boost.
 */
#ifndef OOMRISK_CORE_WATERMARK_H
#define OOMRISK_CORE_WATERMARK_H

#include <stdbool.h>
#include <stdint.h>

#include "proc/zoneinfo.h"

enum wm_mark { WM_MIN, WM_LOW, WM_HIGH };

/*
 * Where a zone stands against its own watermarks (no reserve):
 * free > high: ok; <= high: below high (kswapd will stop only above it);
 * <= low: kswapd is reclaiming; <= min: allocations enter direct reclaim
 * and the OOM killer can run.
 */
enum wm_verdict { WM_OK, WM_BELOW_HIGH, WM_BELOW_LOW, WM_BELOW_MIN };

enum wm_verdict wm_zone_verdict(const struct zone_wm *z);
/* Short name: "ok", "below high", "below low", "below min". */
const char *wm_verdict_name(enum wm_verdict v);
/* What it means, in a few words. */
const char *wm_verdict_meaning(enum wm_verdict v);

/* The watermark in kB. */
uint64_t wm_mark_kb(const struct zone_wm *z, enum wm_mark mark);

/*
 * lowmem_reserve against requests whose highest zone is classzone, in kB
 * (0 when unknown or the zone's own column).
 */
uint64_t wm_reserve_kb(const struct zone_wm *z, int classzone);

/*
 * Would the allocator take a 2^order page block from this zone for a
 * request whose highest zone is classzone, checking the given mark?
 * Order-0 arithmetic (the free-list check for order > 0 needs the buddy
 * lists).  *need_kb, when given, gets mark + reserve + (2^order - 1) pages:
 * free must exceed it.
 */
bool wm_zone_ok(const struct zone_wm *z, enum wm_mark mark, int classzone, int order,
    uint64_t *need_kb);

/*
 * Callers with rights to reserves see a lower mark (__zone_watermark_ok):
 * __GFP_HIGH (ALLOC_HIGH, 6.3+ ALLOC_MIN_RESERVE) waives half of it, atomic
 * callers (ALLOC_HARDER, 6.3+ ALLOC_NON_BLOCK) a further quarter.
 */
enum { WM_ALLOC_HIGH = 1, WM_ALLOC_HARDER = 2 };

/* wm_zone_ok() for such a caller; alloc is a mask of WM_ALLOC_*. */
bool wm_zone_ok_alloc(const struct zone_wm *z, enum wm_mark mark, unsigned alloc, int classzone,
    int order, uint64_t *need_kb);

/* Headroom to a mark in kB; negative when free is below it. */
int64_t wm_headroom_kb(const struct zone_wm *z, enum wm_mark mark);

/*
 * A zone the allocator never uses: no managed pages (or, where "managed"
 * is not printed, no present pages).  Its watermarks are printed all the
 * same (an empty Movable zone shows min 32), so its verdict means nothing.
 */
bool wm_zone_empty(const struct zone_wm *z);

/*
 * What an order-0 request whose highest zone is classzone can still take
 * from this zone before the check against mark fails: free minus (mark +
 * lowmem_reserve[classzone]), or 0.  Summed over a node's zones this is
 * the headroom the allocator really has before reclaim at that mark.
 */
uint64_t wm_usable_kb(const struct zone_wm *z, enum wm_mark mark, int classzone);

#endif
