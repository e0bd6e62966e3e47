/*
 * test-watermark: the worked example of report 050 (3.10, RocketMQ),
 * checked by hand in the kernel OOM reference §5.4: an order-0 request
 * whose highest zone is Normal (classzone 2) fails in every zone, though
 * ~59 MB are free in DMA32 + DMA, because of lowmem_reserve.
 */
#include "config.h"

#include "core/watermark.h"
#include "tap.h"

int
main(void)
{
	/* Node 0 Normal free:36200kB min:43192kB low:53988kB high:64788kB; reserve 0 0 0 0 */
	struct zone_wm normal = { 0, 2, "Normal", 36200, 43192, 53988, 64788, 0, 5110124, 5242880,
	    false, true, { 0, 0, 0, 0 }, 4, 4 };
	/* DMA32 free:43500kB min:24252kB low:30312kB high:36376kB; reserve 0 0 4990 4990 */
	struct zone_wm dma32 = { 0, 1, "DMA32", 43500, 24252, 30312, 36376, 0, 2869240, 3129216,
	    false, true, { 0, 0, 4990, 4990 }, 4, 4 };
	/* DMA free:15900kB min:132kB low:164kB high:196kB; reserve 0 2801 7792 7792 */
	struct zone_wm dma = { 0, 0, "DMA", 15900, 132, 164, 196, 0, 15908, 15992,
	    false, true, { 0, 2801, 7792, 7792 }, 4, 4 };
	uint64_t need;

	is_int(wm_zone_verdict(&normal), WM_BELOW_MIN, "Normal: 36200 <= min 43192");
	is_int(wm_zone_verdict(&dma32), WM_OK, "DMA32 on its own watermarks: ok");
	ok(!wm_zone_ok(&normal, WM_MIN, 2, 0, &need), "Normal fails min for classzone Normal");
	is_int(need, 43192, "Normal: own column reserve is 0");
	ok(!wm_zone_ok(&dma32, WM_MIN, 2, 0, &need), "DMA32 fails min + reserve");
	is_int(need, 24252 + 4990 * 4, "DMA32: min 24252 + 4990 pages = 44212 kB > 43500");
	ok(!wm_zone_ok(&dma32, WM_HIGH, 2, 0, &need), "DMA32 fails high + reserve");
	is_int(need, 56336, "DMA32: high 36376 + 19960 = 56336 kB");
	ok(!wm_zone_ok(&dma, WM_MIN, 2, 0, &need), "DMA fails min + reserve");
	is_int(need, 132 + 31168, "DMA: 132 + 7792 pages = 31300 kB > 15900");
	ok(wm_zone_ok(&dma32, WM_MIN, 1, 0, &need), "a DMA32 request (classzone 1) would pass");
	ok(wm_zone_ok(&dma, WM_MIN, 0, 0, NULL), "a DMA request passes in DMA");
	ok(wm_zone_ok(&dma, WM_MIN, 7, 0, &need) && need == 132, "unknown column: no reserve");
	is_int(wm_headroom_kb(&normal, WM_MIN), 36200 - 43192, "headroom to min is negative");
	is_int(wm_reserve_kb(&dma, 1), 2801 * 4, "reserve in kB");
	{
		struct zone_wm z = dma32;

		z.free_kb = 44213;
		ok(wm_zone_ok(&z, WM_MIN, 2, 0, NULL), "one kB above min + reserve passes");
		z.free_kb = 44212;
		ok(!wm_zone_ok(&z, WM_MIN, 2, 0, NULL), "exactly min + reserve fails (free must exceed)");
		ok(!wm_zone_ok(&z, WM_MIN, 1, 3, &need) || need == 24252 + 7 * 4,
		    "order 3: 7 pages unusable");
		is_int(need, 24252 + 28, "order 3 need");
	}
	is_str(wm_verdict_name(WM_BELOW_LOW), "below low", "verdict name");
	/* 021-style atomic caller (__GFP_HIGH, no reclaim) on DMA32: min 24252 kB = 6063 pages */
	ok(wm_zone_ok_alloc(&dma32, WM_MIN, WM_ALLOC_HIGH | WM_ALLOC_HARDER, 2, 0, &need),
	    "an atomic __GFP_HIGH caller passes where a normal one fails");
	is_int(need, (6063 - 3031 - 758) * 4 + 19960, "min - min/2 - (min/2)/4 in pages + reserve");
	ok(wm_zone_ok_alloc(&dma32, WM_MIN, 0, 2, 0, &need) == wm_zone_ok(&dma32, WM_MIN, 2, 0, NULL),
	    "no rights: the same as wm_zone_ok");
	return tap_done();
}
