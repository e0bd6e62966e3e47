/* test-cgroup: memory cgroup mounts, paths, limits and totalpages. */
#include "config.h"

#include "core/memcg.h"
#include "tap.h"

static void
test_mountinfo(void)
{
	struct memcg_mount m;
	size_t len;
	char *buf;

	buf = fixture_load("fixtures/proc/mountinfo-6.18-hybrid.txt", &len);
	is_int(mountinfo_find_memcg(buf, len, &m), 0, "hybrid host: memory controller found");
	is_int(m.version, 1, "hybrid host: v1 memory wins over the v2 mount");
	is_str(m.dir, "/sys/fs/cgroup/memory", "hybrid host: mount point");
	is_str(m.root, "/", "hybrid host: mount root");
	free(buf);

	buf = fixture_load("fixtures/proc/mountinfo-v2-host.txt", &len);
	is_int(mountinfo_find_memcg(buf, len, &m), 0, "v2 host: found");
	is_int(m.version, 2, "v2 host: version 2");
	is_str(m.dir, "/sys/fs/cgroup", "v2 host: mount point");
	free(buf);

	buf = fixture_load("fixtures/proc/mountinfo-v2-container.txt", &len);
	is_int(mountinfo_find_memcg(buf, len, &m), 0, "container: found");
	is_str(m.root, "/kubepods.slice/pod1", "container: mount root is a sub-cgroup");
	free(buf);

	is_int(mountinfo_find_memcg("1 2 3\n", 6, &m), -1, "garbage: not found");
	is_int(mountinfo_find_memcg("", 0, &m), -1, "empty: not found");
	{
		static const char esc[] = "1 2 0:1 / /a\\040b rw - cgroup2 none rw\n";

		mountinfo_find_memcg(esc, sizeof(esc) - 1, &m);
		is_str(m.dir, "/a b", "octal escape in the mount point undone");
	}
}

static void
test_proc_cgroup(void)
{
	char path[256];
	size_t len;
	char *buf = fixture_load("fixtures/proc/cgroup-6.18-hybrid.txt", &len);

	is_int(cgroup_task_memcg_path(buf, len, 1, path, sizeof(path)), 0, "v1 memory line found");
	is_str(path, "/process_api/6f284bd5d5bd7ce60b95764f7124213b", "v1 memcg path");
	is_int(cgroup_task_memcg_path(buf, len, 2, path, sizeof(path)), 0, "v2 line found");
	is_str(path, "/", "v2 path");
	is_int(cgroup_task_memcg_path("4:cpu,memory:/a\n", 16, 1, path, sizeof(path)), 0,
	    "co-mounted controllers");
	is_str(path, "/a", "co-mounted path");
	is_int(cgroup_task_memcg_path("4:cpu:/a\n", 9, 1, path, sizeof(path)), -1, "no memory line");
	is_int(cgroup_task_memcg_path("0::/verylongpath", 16, 2, path, 4), -1, "path too long");
	free(buf);
}

static void
test_limits(void)
{
	struct memcg_limits l = { 0 };
	uint64_t b;
	bool unl;

	is_int(cgroup_parse_limit("max\n", 4, &b, &unl), 0, "v2 max");
	ok(unl, "max is unlimited");
	is_int(cgroup_parse_limit("9223372036854771712\n", 20, &b, &unl), 0, "v1 no limit");
	ok(unl, "v1 2^63-4096 is unlimited");
	is_int(cgroup_parse_limit("134217728\n", 10, &b, &unl), 0, "128 MiB");
	ok(!unl && b == 134217728, "128 MiB is a limit");
	is_int(cgroup_parse_limit("12x\n", 4, &b, &unl), -1, "trailing garbage rejected");
	is_int(cgroup_parse_limit("", 0, &b, &unl), -1, "empty rejected");

	/* v1, 128 MiB, memsw unlimited, no system swap: T = 32768. */
	l.version = 1;
	l.limited = true;
	l.limit_bytes = 128 << 20;
	l.memsw_accounting = true;
	l.swap_limited = false;
	l.swappiness = 60;
	is_int(memcg_totalpages(&l, 0, 4096), 32768, "v1 128M, no swap: 32768 pages");
	is_int(memcg_totalpages(&l, 1000, 4096), 33768, "v1 128M + all 1000 swap pages");
	l.swap_limited = true;
	l.swap_bytes = 256 * 4096;
	is_int(memcg_totalpages(&l, 1000, 4096), 33024, "v1 memsw excess 256 pages");
	l.swappiness = 0;
	is_int(memcg_totalpages(&l, 1000, 4096), 32768, "swappiness 0: swap not counted");
	l.version = 2;
	l.swappiness = 60;
	l.swap_limited = false;
	is_int(memcg_totalpages(&l, 500, 4096), 33268, "v2 swap.max=max: capped at system swap");
	l.limit_bytes = 0;
	is_int(memcg_totalpages(&l, 0, 4096), 1, "zero limit: 1, as the kernel");
	l.limited = false;
	is_int(memcg_totalpages(&l, 0, 4096), 0, "unlimited: 0 (caller uses global)");
}

int
main(void)
{
	test_mountinfo();
	test_proc_cgroup();
	test_limits();
	/* The limits OOM reports print for "no limit" (tests/oom-logs 058, 068, 003). */
	ok(cgroup_limit_kb_unlimited(UINT64_C(9007199254740988)), "page_counter's no limit");
	ok(cgroup_limit_kb_unlimited(UINT64_C(9007199254740991)), "2^53 - 1 kB: no limit");
	ok(cgroup_limit_kb_unlimited(UINT64_C(18014398509481983)), "res_counter's no limit");
	ok(!cgroup_limit_kb_unlimited(98304), "a 96M limit is a limit");
	ok(!cgroup_limit_kb_unlimited(UINT64_C(1) << 40), "a 1 PiB limit is a limit");
	return tap_done();
}
