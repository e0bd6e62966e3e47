/*
 * cgroup.h: parsers of cgroup text: where the memory controller is mounted
 * (mountinfo), a task's memory cgroup (/proc/PID/cgroup), a limit file and
 * a memory.stat value.  Buffer in, values out; no file is opened here.
 */
#ifndef OOMRISK_PROC_CGROUP_H
#define OOMRISK_PROC_CGROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CGROUP_PATH_MAX 4096

/* Where the memory controller lives. */
struct memcg_mount {
	int version;		/* 1 or 2; 0 = not found */
	char dir[CGROUP_PATH_MAX];	/* mount point */
	char root[CGROUP_PATH_MAX];	/* cgroup path of the mount's root */
	int vm_swappiness;	/* the global vm.swappiness (v2 uses it); -1 unknown */
};

/*
 * Find the memory controller's mount in /proc/self/mountinfo text: a v1
 * "cgroup" mount whose options name "memory", else a "cgroup2" mount (the
 * caller checks that it offers memory).  Returns 0 or -1 if none.
 */
int mountinfo_find_memcg(const char *buf, size_t len, struct memcg_mount *out);

/*
 * The memory cgroup path of a task from /proc/PID/cgroup text: the v1 line
 * naming "memory", else the v2 "0::" line.  Returns 0 or -1.
 */
int cgroup_task_memcg_path(const char *buf, size_t len, int version,
    char *path, size_t pathlen);

/*
 * A limit file's value: "max" (v2) or a byte count; v1 prints about 2^63
 * for no limit.  *unlimited is set for both forms.  Returns 0 or -1.
 */
int cgroup_parse_limit(const char *buf, size_t len, uint64_t *bytes, bool *unlimited);

/*
 * Whether a limit in kB, as an OOM report prints it, is the kernel's "no
 * limit": the same floor as cgroup_parse_limit() (page_counter prints
 * "limit 9007199254740988kB", res_counter 18014398509481983kB).
 */
bool cgroup_limit_kb_unlimited(uint64_t kb);

/*
 * A "key value" line of memory.stat text, e.g. "inactive_file 4096"
 * (v2, bytes) or "total_inactive_file 4096" (v1).  Returns 0 or -1 when
 * the key is absent or its value malformed.
 */
int cgroup_stat_value(const char *buf, size_t len, const char *key, uint64_t *value);

#endif
