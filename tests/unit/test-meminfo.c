/* test-meminfo: /proc/meminfo parsing. */
#include "config.h"

#include "proc/meminfo.h"
#include "tap.h"

int
main(void)
{
	struct meminfo mi;
	unsigned line;
	size_t len;
	char *buf = fixture_load("fixtures/proc/meminfo-6.18.txt", &len);
	static const char bad[] = "MemTotal:  100 kB\nMemFree: x kB\n";

	is_int(meminfo_parse(buf, len, &mi, &line), 0, "6.18 meminfo parses");
	is_int(mi.mem_total, 24684084, "MemTotal 24684084 kB");
	is_int(mi.swap_total, 0, "no swap");
	ok(meminfo_has(&mi, MI_MEM_AVAILABLE), "MemAvailable present");
	ok(mi.mem_available > 0 && mi.mem_available <= mi.mem_total, "MemAvailable sane");
	ok(mi.commit_limit > 0, "CommitLimit read");
	is_int(mi.hugepagesize, 2048, "Hugepagesize 2048 kB");
	is_int(meminfo_parse(bad, sizeof(bad) - 1, &mi, &line), -1, "malformed value rejected");
	is_int(line, 2, "error names line 2");
	is_int(meminfo_parse("Foo: 1\n", 7, &mi, &line), -1, "no MemTotal: error");
	is_int(line, 0, "no line number when MemTotal is missing");
	is_int(meminfo_parse("MemTotal: 5 kB", 14, &mi, &line), 0, "no final newline");
	ok(!meminfo_has(&mi, MI_MEM_AVAILABLE), "absent field not marked present");
	free(buf);
	return tap_done();
}
