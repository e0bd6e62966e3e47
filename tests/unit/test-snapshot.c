/*
 * test-snapshot: zoneinfo, PSI and vmstat parsers on files copied from the
 * development machine (6.18), checked by hand, and on damaged text.
 */
#include "config.h"

#include "core/watermark.h"
#include "proc/psi.h"
#include "proc/vmstat.h"
#include "proc/zoneinfo.h"
#include "tap.h"

static void
test_zoneinfo(void)
{
	static struct zoneinfo zi;
	unsigned line;
	size_t len;
	char *buf = fixture_load("fixtures/proc/zoneinfo-6.18.txt", &len);
	const struct zone_wm *dma, *dma32, *normal, *movable;

	is_int(zoneinfo_parse(buf, len, 4, &zi, &line), 0, "6.18 zoneinfo parses");
	is_int(zi.nzones, 5, "5 zones: DMA DMA32 Normal Movable Device");
	dma = &zi.zones[0].wm;
	dma32 = &zi.zones[1].wm;
	normal = &zi.zones[2].wm;
	movable = &zi.zones[3].wm;
	is_str(dma32->name, "DMA32", "zone name");
	is_int(dma32->zone_idx, 1, "DMA32 is zone index 1");
	/* DMA32: pages free 772915, min 7859, low 9823, high 11787, managed 772915 */
	is_int(dma32->free_kb, 772915 * 4, "DMA32 free in kB");
	is_int(dma32->min_kb, 7859 * 4, "DMA32 min");
	is_int(dma32->low_kb, 9823 * 4, "DMA32 low");
	is_int(dma32->high_kb, 11787 * 4, "DMA32 high");
	is_int(dma32->managed_kb, 772915 * 4, "DMA32 managed");
	ok(dma32->have_boost && dma32->boost_kb == 0, "boost line read");
	/* DMA protection: (0, 3019, 6475, 6475, 6475) */
	is_int(dma->nreserve, 5, "DMA: 5 protection columns");
	is_int(dma->lowmem_reserve[2], 6475, "DMA protection against Normal requests");
	is_int(normal->lowmem_reserve[2], 0, "own column is 0");
	is_int(normal->managed_kb, 884736 * 4, "Normal managed 884736 pages");
	ok(!zi.zones[3].populated, "Movable is empty");
	is_int(movable->min_kb, 32 * 4, "empty Movable still prints min 32");
	is_str(zi.zones[4].wm.name, "Device", "Device zone kept (prints only pages free)");
	is_int(wm_zone_verdict(dma32), WM_OK, "DMA32 verdict ok");
	free(buf);

	is_int(zoneinfo_parse("garbage\n", 8, 4, &zi, &line), -1, "no zone: error");
	is_int(zoneinfo_parse("Node 0, zone DMA\n  min xyz\n", 26, 4, &zi, &line), -1,
	    "malformed min: error");
	is_int(line, 2, "error names line 2");
	is_int(zoneinfo_parse("Node 0, zone DMA\n  pages free 5", 31, 64, &zi, &line), 0,
	    "no final newline; 64 KiB pages");
	is_int(zi.zones[0].wm.free_kb, 320, "5 pages of 64 KiB = 320 kB");
	is_int(zoneinfo_parse("Node 1, zone Normal\n protection: (1, 2", 38, 4, &zi, &line), 0,
	    "truncated protection list");
	is_int(zi.zones[0].wm.nreserve, 2, "two columns read");
}

static void
test_psi(void)
{
	struct psi p;
	unsigned line;
	size_t len;
	char *buf = fixture_load("fixtures/proc/pressure-memory-6.18.txt", &len);
	static const char busy[] = "some avg10=12.34 avg60=0.50 avg300=100.00 total=987654\n"
	    "full avg10=1.05 avg60=0.00 avg300=0.00 total=42\n";

	is_int(psi_parse(buf, len, &p, &line), 0, "6.18 pressure parses");
	ok(p.some.present && p.full.present, "some and full lines");
	free(buf);
	is_int(psi_parse(busy, sizeof(busy) - 1, &p, &line), 0, "busy sample parses");
	is_int(p.some.avg10, 1234, "12.34%% = 1234 hundredths");
	is_int(p.some.avg60, 50, "0.50%%");
	is_int(p.some.avg300, 10000, "100.00%%");
	is_int(p.some.total_us, 987654, "total in us");
	is_int(p.full.avg10, 105, "full 1.05%%");
	is_int(psi_parse("some avg10=x\n", 13, &p, &line), -1, "malformed: error");
	is_int(line, 1, "line 1");
	is_int(psi_parse("", 0, &p, &line), -1, "empty: error");
}

static void
test_vmstat(void)
{
	struct vmstat v;
	unsigned line;
	size_t len;
	char *buf = fixture_load("fixtures/proc/vmstat-6.18.txt", &len);
	static const char old[] = "nr_free_pages 10\nallocstall 7\npgscan_kswapd 3\n";

	is_int(vmstat_parse(buf, len, &v, &line), 0, "6.18 vmstat parses");
	ok(v.have_oom_kill, "oom_kill counter present");
	is_int(v.oom_kill, 19, "oom_kill 19 when the fixture was taken");
	free(buf);
	is_int(vmstat_parse(old, sizeof(old) - 1, &v, &line), 0, "pre-4.10 allocstall");
	is_int(v.allocstall, 7, "single allocstall counter");
	ok(!v.have_oom_kill, "no oom_kill before 4.13");
	is_int(vmstat_parse("oom_kill x\n", 11, &v, &line), -1, "malformed counter");
}

int
main(void)
{
	test_zoneinfo();
	test_psi();
	test_vmstat();
	return tap_done();
}
