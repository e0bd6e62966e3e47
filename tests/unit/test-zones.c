/*
 * test-zones: zone verdicts and rows on real /proc/zoneinfo captures that
 * put a zone below high, below low and below min (tests/fixtures/README.md
 * says where each comes from); every expected number was checked by hand
 * against the file (values there are pages; 4 KiB pages unless noted).
 */
#include "config.h"

#include "lib/format.h"
#include "proc/zoneinfo.h"
#include "tap.h"
#include "view/zone-table.h"

static struct zoneinfo zi;

static const struct zoneinfo_zone *
load(const char *rel, unsigned page_kb)
{
	unsigned line;
	size_t len;
	char *buf = fixture_load(rel, &len);
	int rc = zoneinfo_parse(buf, len, page_kb, &zi, &line);

	free(buf);
	ok(rc == 0, "%s parses", rel);
	return zi.zones;
}

static void
test_below_high(void)
{
	const struct zoneinfo_zone *z = load("fixtures/procroot/zte-3.x-below-high/zoneinfo", 4);
	struct buf b = BUF_INIT;

	/* Normal: pages free 388, min 306, low 382, high 459, managed 23603. */
	is_int(zi.nzones, 1, "zte router: one zone printed (3.x skips empty zones)");
	is_int(z->wm.free_kb, 388 * 4, "free 388 pages = 1552 kB");
	is_int(z->wm.managed_kb, 94412, "managed 23603 pages = 94412 kB = MemTotal");
	is_int(wm_zone_verdict(&z->wm), WM_BELOW_HIGH, "388 > low 382, <= high 459: below high");
	is_str(zone_table_verdict_name(z), "below high", "verdict name");
	is_int(wm_headroom_kb(&z->wm, WM_LOW), 24, "headroom to low: 6 pages");
	is_int(wm_headroom_kb(&z->wm, WM_MIN), 328, "headroom to min: 82 pages");
	ok(!z->wm.have_boost, "no boost line before 5.0");
	zone_table_text_row(&b, z);
	is_str(buf_str(&b), "   0 Normal       92M    1.5M    1.2M    1.5M    1.8M       -     "
	    "24K    328K  below high", "text row");
	buf_reset(&b);
	zone_table_csv_row(&b, z);
	is_str(buf_str(&b), "0,Normal,0,94412,131072,1552,1224,1528,1836,,24,328,0 0,false,"
	    "below high\n", "CSV row (no boost: empty field)");
	buf_free(&b);
}

static void
test_below_low(void)
{
	const struct zoneinfo_zone *z = load("fixtures/procroot/coreos-4.x-below-low/zoneinfo", 4);
	struct buf b = BUF_INIT;

	is_int(zi.nzones, 5, "coreos: DMA DMA32 Normal Movable Device");
	/* Normal: free 10852, min 8684, low 10855, high 13026. */
	is_int(wm_zone_verdict(&z[2].wm), WM_BELOW_LOW, "Normal 10852 <= low 10855: below low");
	is_int(wm_zone_verdict(&z[1].wm), WM_OK, "DMA32 122008 > high 12266: ok");
	is_int(wm_zone_verdict(&z[0].wm), WM_OK, "DMA 3975 > high 49: ok");
	is_str(zone_table_verdict_name(&z[3]), "empty", "Movable (managed 0) is empty, not below min");
	ok(wm_zone_empty(&z[4].wm), "Device is empty");
	is_int(wm_headroom_kb(&z[2].wm, WM_LOW), -12, "3 pages short of low");
	is_int(wm_headroom_kb(&z[2].wm, WM_MIN), 8672, "2168 pages above min");
	/* DMA32 keeps 4065 pages from Normal requests: 122008 - 8178 - 4065. */
	is_int(wm_usable_kb(&z[1].wm, WM_MIN, 2), (122008 - 8178 - 4065) * 4,
	    "DMA32 usable by a Normal request above min + reserve");
	is_int(wm_usable_kb(&z[0].wm, WM_MIN, 2), 0, "DMA: 3975 < 33 + 7894 reserve: nothing");
	is_int(wm_usable_kb(&z[3].wm, WM_MIN, 2), 0, "empty zone: nothing");
	zone_table_text_row(&b, &z[2]);
	is_str(buf_str(&b), "   0 Normal      4.0G     42M     34M     42M     51M       -    "
	    "-12K    8.5M  below low", "text row with a negative headroom");
	buf_reset(&b);
	zone_table_text_protection(&b, &zi);
	ok(strstr(buf_str(&b), "   0 DMA            0     15M     31M     31M     31M\n") != NULL,
	    "protection row of DMA: 3828 pages = 15M, 7894 pages = 31M");
	buf_reset(&b);
	zone_table_text_legend(&b, &zi);
	is_str(buf_str(&b), "below low: kswapd reclaiming\n", "legend names the verdict seen");
	buf_free(&b);

	z = load("fixtures/procroot/issabel-5.x-below-low/zoneinfo", 4);
	/* Normal: free 8846, min 7104, low 8880, high 10656. */
	is_int(wm_zone_verdict(&z[2].wm), WM_BELOW_LOW, "issabel Normal 8846 <= low 8880");
	is_int(wm_headroom_kb(&z[2].wm, WM_LOW), -136, "34 pages short of low");
	is_int(z[0].wm.lowmem_reserve[1], 2963, "DMA protection column 1");
}

static void
test_below_min(void)
{
	/* ppc64, 64 KiB pages: free 0, min 1840, low 2300, high 2760. */
	const struct zoneinfo_zone *z = load("fixtures/procroot/ppc64-2015-below-min/zoneinfo", 64);

	is_int(z->wm.node, 2, "node 2");
	is_int(z->wm.min_kb, 1840 * 64, "min 1840 pages of 64 KiB = 117760 kB");
	is_int(z->wm.managed_kb, 16 * 1024 * 1024, "managed 262144 pages = 16 GiB (node 2 size)");
	is_int(wm_zone_verdict(&z->wm), WM_BELOW_MIN, "free 0 <= min: below min");
	is_str(zone_table_verdict_name(z), "below min", "verdict name");
	is_int(wm_headroom_kb(&z->wm, WM_MIN), -117760, "all of min missing");
}

static void
test_pre412_indices(void)
{
	const struct zoneinfo_zone *z = load("fixtures/procroot/r910-pre4.12-numa/zoneinfo", 4);

	/* Before 4.12 empty zones were not printed: Node 1 shows only Normal. */
	is_int(zi.nzones, 6, "R910: 6 zones over 4 nodes");
	is_int(z[1].wm.zone_idx, 1, "node 0 DMA32: index 1");
	is_int(z[2].wm.zone_idx, 2, "node 0 Normal: index 2");
	ok(z[3].wm.node == 1 && z[3].wm.zone_idx == 2, "node 1 Normal, printed first: index 2");
	ok(z[5].wm.node == 3 && z[5].wm.zone_idx == 2, "node 3 Normal: index 2");
	z = load("fixtures/procroot/zte-3.x-below-high/zoneinfo", 4);
	is_int(z[0].wm.zone_idx, 0, "zte's only zone stays index 0");
}

static void
test_format(void)
{
	char b[FMT_KB_LEN];

	is_str(zone_table_signed_kb(b, -12), "-12K", "negative kB");
	is_str(zone_table_signed_kb(b, -1536), "-1.5M", "negative MB");
	is_str(zone_table_signed_kb(b, 0), "0", "zero");
	is_str(zone_table_signed_kb(b, INT64_MIN), "-8.0Z", "INT64_MIN does not overflow");
}

int
main(void)
{
	test_below_high();
	test_below_low();
	test_below_min();
	test_pre412_indices();
	test_format();
	return tap_done();
}
