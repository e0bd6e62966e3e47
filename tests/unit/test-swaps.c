/* test-swaps: /proc/swaps from real systems (tests/fixtures/audit/) and damaged text. */
#include "config.h"

#include "proc/swaps.h"
#include "tap.h"

static int
parse_fixture(const char *rel, struct swaps *s, unsigned *line)
{
	size_t len;
	char *buf = fixture_load(rel, &len);
	int rc = swaps_parse(buf, len, s, line);

	free(buf);
	return rc;
}

int
main(void)
{
	static struct swaps s;
	unsigned line;

	is_int(parse_fixture("fixtures/audit/host-6.18/swaps", &s, &line), 0, "6.18, no swap: parses");
	is_int(s.n, 0, "header only: no device");

	is_int(parse_fixture("fixtures/audit/swap-disk-3.x/swaps", &s, &line), 0,
	    "3.x partition (single tabs) parses");
	is_int(s.n, 1, "one device");
	is_str(s.dev[0].name, "/dev/sda2", "name");
	ok(s.dev[0].partition && !s.dev[0].zram, "a partition, not zram");
	is_int(s.dev[0].size_kb, 16385272, "size in kB");
	is_int(s.dev[0].used_kb, 0, "used");
	is_int(s.dev[0].prio, -1, "negative priority");

	is_int(parse_fixture("fixtures/audit/swap-dm-5.x/swaps", &s, &line), 0,
	    "5.x device-mapper swap (double tabs) parses");
	is_str(s.dev[0].name, "/dev/dm-1", "dm name");
	is_int(s.dev[0].prio, -2, "priority -2");

	is_int(parse_fixture("fixtures/audit/zram-full/swaps", &s, &line), 0,
	    "zram capture (blanks as posted) parses");
	ok(s.dev[0].zram && s.dev[0].partition, "zram0 is zram, a block device");
	is_int(s.dev[0].used_kb, 7475912, "used 7475912 kB");
	is_int(s.dev[0].prio, 100, "priority 100");

	{
		static const char two[] = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
		    "/swap/swapfile                          file\t\t16224856\t\t0\t\t0\n"
		    "/swap\\040file\\040(deleted)              file\t\t1024\t\t0\t\t-3\n";

		is_int(swaps_parse(two, sizeof(two) - 1, &s, &line), 0, "file swaps");
		is_int(s.n, 2, "two devices");
		ok(!s.dev[0].partition, "a file");
		is_str(s.dev[1].name, "/swap\\040file\\040(deleted)", "escaped name kept as printed");
	}
	is_int(swaps_parse("", 0, &s, &line), 0, "empty: no swap");
	is_int(swaps_parse("/dev/sda2 partition 10 x 1\n", 27, &s, &line), -1, "non-number used");
	is_int(line, 1, "line 1");
	is_int(swaps_parse("Filename Type Size Used Priority\n/dev/sda2 partition 10\n", 56, &s,
	    &line), -1, "missing fields");
	is_int(line, 2, "line 2");
	is_int(swaps_parse("Filename\n/dev/x partition 1 2 99999\n", 35, &s, &line), -1,
	    "priority out of range");
	{
		char big[40 * 40];
		size_t n = 0;
		int i;

		for (i = 0; i < 40; i++)
			n += (size_t)snprintf(big + n, sizeof(big) - n, "/dev/zram%d partition 1 0 %d\n",
			    i, i);
		is_int(swaps_parse(big, n, &s, &line), 0, "40 devices");
		is_int(s.n, SWAPS_MAX, "kept SWAPS_MAX");
		is_int(s.dropped, 40 - SWAPS_MAX, "the rest counted");
	}
	return tap_done();
}
