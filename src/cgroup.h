/*
 * cgroup.h: memory cgroups (v1 and v2) as the OOM killer sees them: where
 * the memory controller is mounted, a cgroup's limit, and the totalpages a
 * memcg OOM scores against.  The text parsers are pure; the readers take
 * paths under the cgroup mount.
 */
#ifndef OOMRISK_CGROUP_H
#define OOMRISK_CGROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define CGROUP_PATH_MAX 4096

/* Where the memory controller lives. */
struct memcg_mount {
	int version;		/* 1 or 2; 0 = not found */
	char dir[CGROUP_PATH_MAX];	/* mount point */
	char root[CGROUP_PATH_MAX];	/* cgroup path of the mount's root */
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
int proc_cgroup_memcg_path(const char *buf, size_t len, int version,
    char *path, size_t pathlen);

/*
 * A limit file's value: "max" (v2) or a byte count; v1 prints about 2^63
 * for no limit.  *unlimited is set for both forms.  Returns 0 or -1.
 */
int cgroup_parse_limit(const char *buf, size_t len, uint64_t *bytes, bool *unlimited);

/* What the kernel's mem_cgroup_get_max() needs. */
struct memcg_limits {
	int version;
	bool limited;		/* memory limit set */
	uint64_t limit_bytes;	/* memory.max / memory.limit_in_bytes */
	bool swap_limited;
	uint64_t swap_bytes;	/* v2: memory.swap.max; v1: memsw limit - limit */
	bool memsw_accounting;	/* v1: memory.memsw.* present */
	int swappiness;
	uint64_t usage_bytes;	/* memory.current / memory.usage_in_bytes */
};

/*
 * mem_cgroup_get_max(): the limit in pages, plus the swap the memcg may
 * use (capped at the system's swap) when swappiness is not 0.  0 when the
 * cgroup has no limit (the caller then uses the global totalpages).
 */
uint64_t memcg_totalpages(const struct memcg_limits *l, uint64_t swap_total_pages,
    long page_size);

/*
 * Read the limits and usage of the memory cgroup at dir (a directory under
 * a mount of the given version).  0 or -errno.
 */
int memcg_read_limits(const char *dir, int version, struct memcg_limits *l);

/* The memory controller's mount, from /proc/self/mountinfo.  0 or -1. */
int memcg_mount_read(struct memcg_mount *m);

/*
 * A cgroup path as in /proc/PID/cgroup ("/app") to its directory under the
 * mount, and back.  Inside a container the mount's root may be a
 * sub-cgroup, whose prefix the path carries.  0, or -1 when the result does
 * not fit (or, for memcg_path_of, dir is not under the mount).
 */
int memcg_dir_of(const struct memcg_mount *m, const char *path, char *dir, size_t len);
int memcg_path_of(const struct memcg_mount *m, const char *dir, char *path, size_t len);

/* A cgroup named on the command line, resolved. */
struct memcg_scope {
	char dir[CGROUP_PATH_MAX];	/* its directory under the mount */
	char path[CGROUP_PATH_MAX];	/* its cgroup path, e.g. "/app" */
	struct memcg_limits limits;
	/* The nearest limited ancestor, when this cgroup has no limit or an
	 * ancestor's limit is lower (that ancestor would OOM first). */
	bool ancestor_limited;
	char ancestor_path[CGROUP_PATH_MAX];
	uint64_t ancestor_limit_bytes;
};

/*
 * Resolve arg (a directory under a cgroup mount, or a cgroup path as in
 * /proc/PID/cgroup, with or without its "N:controllers:" prefix) and read
 * its limits.  Returns 0, -1 when it cannot be read, or -2 when arg names
 * no memory cgroup (a usage error); err says why.
 */
int memcg_resolve(const char *arg, struct memcg_scope *out, struct buf *err);

/*
 * A "key value" line of memory.stat text, e.g. "inactive_file 4096"
 * (v2, bytes) or "total_inactive_file 4096" (v1).  Returns 0 or -1 when
 * the key is absent or its value malformed.
 */
int cgroup_stat_value(const char *buf, size_t len, const char *key, uint64_t *value);

/*
 * Every process (thread group) in the cgroup and its descendants, from
 * cgroup.procs.  Appends to *pids; returns 0 or -1 with a message in err.
 */
int memcg_collect_pids(const char *dir, int **pids, size_t *n, size_t *cap,
    struct buf *err);

#endif
