/*
 * fuzz-procfs: the /proc and cgroup text parsers (status, meminfo,
 * zoneinfo, pressure, vmstat, mountinfo for cgroup and proc mounts,
 * /proc/PID/cgroup, limit files, memory.events and oom_control), and the
 * owner of a cgroup path with the runtimes' name files (core/owner.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/memcg.h"
#include "core/owner.h"
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
	{
		struct memcg_events ev;
		struct owner o;
		char name[OWNER_NAME_MAX], ns[OWNER_NAME_MAX], uid[OWNER_NAME_MAX];
		char id[OWNER_ID_MAX], sh[OWNER_SHORT_MAX];
		/* The path forms take C strings: a bounded NUL-terminated copy. */
		static char str[8192];
		size_t n = size < sizeof(str) - 1 ? size : sizeof(str) - 1;

		memset(&ev, 0, sizeof(ev));
		memcg_events_parse(buf, size, 2, &ev);
		memcg_events_parse(buf, size, 1, &ev);
		owner_docker_name(buf, size, name, sizeof(name));
		owner_podman_name(buf, size, "3f2a9c1d7b4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4",
		    name, sizeof(name));
		memcpy(str, buf, n);
		str[n] = '\0';
		owner_parse(str, &o);
		owner_short(sh, sizeof(sh), str, &o);
		owner_pod_dir(str, ns, name, uid, sizeof(ns));
		owner_container_log(str, id, sizeof(id), name, sizeof(name));
	}
	return 0;
}
