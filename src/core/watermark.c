/* watermark.c: zone free memory against watermarks and lowmem_reserve. */
#include "config.h"

#include <stddef.h>

#include "core/watermark.h"

uint64_t
wm_mark_kb(const struct zone_wm *z, enum wm_mark mark)
{
	switch (mark) {
	case WM_MIN: return z->min_kb;
	case WM_LOW: return z->low_kb;
	case WM_HIGH: return z->high_kb;
	}
	return z->min_kb;
}

enum wm_verdict
wm_zone_verdict(const struct zone_wm *z)
{
	if (z->free_kb <= z->min_kb)
		return WM_BELOW_MIN;
	if (z->free_kb <= z->low_kb)
		return WM_BELOW_LOW;
	if (z->free_kb <= z->high_kb)
		return WM_BELOW_HIGH;
	return WM_OK;
}

const char *
wm_verdict_name(enum wm_verdict v)
{
	switch (v) {
	case WM_OK: return "ok";
	case WM_BELOW_HIGH: return "below high";
	case WM_BELOW_LOW: return "below low";
	case WM_BELOW_MIN: return "below min";
	}
	return "?";
}

const char *
wm_verdict_meaning(enum wm_verdict v)
{
	switch (v) {
	case WM_OK: return "free above the high watermark";
	case WM_BELOW_HIGH: return "kswapd, once woken, keeps reclaiming up to high";
	case WM_BELOW_LOW: return "kswapd reclaiming";
	case WM_BELOW_MIN: return "direct reclaim; the OOM killer may run";
	}
	return "?";
}

uint64_t
wm_reserve_kb(const struct zone_wm *z, int classzone)
{
	if (classzone < 0 || classzone >= z->nreserve || classzone >= WM_MAX_ZONES)
		return 0;
	return z->lowmem_reserve[classzone] * (z->page_kb ? z->page_kb : 4);
}

bool
wm_zone_ok(const struct zone_wm *z, enum wm_mark mark, int classzone, int order,
    uint64_t *need_kb)
{
	return wm_zone_ok_alloc(z, mark, 0, classzone, order, need_kb);
}

bool
wm_zone_ok_alloc(const struct zone_wm *z, enum wm_mark mark, unsigned alloc, int classzone,
    int order, uint64_t *need_kb)
{
	uint64_t pk = z->page_kb ? z->page_kb : 4;
	uint64_t unusable = order > 0 && order < 20 ? ((UINT64_C(1) << order) - 1) * pk : 0;
	uint64_t mark_pages = wm_mark_kb(z, mark) / pk, need;

	/* The kernel halves and quarters the mark in pages (integer division). */
	if (alloc & WM_ALLOC_HIGH)
		mark_pages -= mark_pages / 2;
	if (alloc & WM_ALLOC_HARDER)
		mark_pages -= mark_pages / 4;
	need = mark_pages * pk + wm_reserve_kb(z, classzone) + unusable;

	if (need_kb != NULL)
		*need_kb = need;
	return z->free_kb > need;
}

int64_t
wm_headroom_kb(const struct zone_wm *z, enum wm_mark mark)
{
	return (int64_t)z->free_kb - (int64_t)wm_mark_kb(z, mark);
}

bool
wm_zone_empty(const struct zone_wm *z)
{
	return z->have_managed ? z->managed_kb == 0 : z->present_kb == 0;
}

uint64_t
wm_usable_kb(const struct zone_wm *z, enum wm_mark mark, int classzone)
{
	uint64_t need;

	if (wm_zone_empty(z))
		return 0;
	wm_zone_ok(z, mark, classzone, 0, &need);
	return z->free_kb > need ? z->free_kb - need : 0;
}
