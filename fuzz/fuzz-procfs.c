/*
 * fuzz-procfs: the /proc and cgroup text parsers (status, meminfo,
 * zoneinfo, pressure, vmstat, mountinfo for cgroup and proc mounts,
 * /proc/PID/cgroup, limit files).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/memcg.h"
#include "proc/meminfo.h"
#include "proc/mountinfo.h"
#include "proc/psi.h"
#include "proc/status.h"
#include "proc/vmstat.h"
#include "proc/zoneinfo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct pid_status st;
	struct meminfo mi;
	struct memcg_mount m;
	struct proc_mount pm;
	static struct zoneinfo zi;
	struct psi psi;
	struct vmstat vm;
	char path[256];
	unsigned line;
	uint64_t bytes;
	bool unl;

	/* Every parser sees every input: the corpus mixes the formats. */
	status_parse(buf, size, &st);
	meminfo_parse(buf, size, &mi, &line);
	mountinfo_find_memcg(buf, size, &m);
	mountinfo_find_proc(buf, size, "/proc", &pm);
	cgroup_task_memcg_path(buf, size, 1, path, sizeof(path));
	cgroup_task_memcg_path(buf, size, 2, path, sizeof(path));
	cgroup_parse_limit(buf, size, &bytes, &unl);
	zoneinfo_parse(buf, size, 4, &zi, &line);
	psi_parse(buf, size, &psi, &line);
	vmstat_parse(buf, size, &vm, &line);
	return 0;
}
