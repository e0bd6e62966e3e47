/*
 * memcg.h: memory cgroups (v1 and v2) as the OOM killer weighs them: a
 * cgroup's limits, the totalpages a memcg OOM scores against, and cgroup
 * paths against the controller's mount.  Pure: sys/cgroupfs.h reads them.
 */
#ifndef OOMRISK_CORE_MEMCG_H
#define OOMRISK_CORE_MEMCG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/buf.h"
#include "proc/cgroup.h"

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
 * A cgroup path as in /proc/PID/cgroup ("/app") to its directory under the
 * mount, and back.  Inside a container the mount's root may be a
 * sub-cgroup, whose prefix the path carries.  0, or -1 when the result does
 * not fit (or, for memcg_path_of, dir is not under the mount).
 */
int memcg_dir_of(const struct memcg_mount *m, const char *path, char *dir, size_t len);
int memcg_path_of(const struct memcg_mount *m, const char *dir, char *path, size_t len);

/* A cgroup argument without the "N:controllers:" of a /proc/PID/cgroup line. */
const char *memcg_strip_proc_prefix(const char *arg);

/* Limits of a cgroup and its limited ancestors, as --group-by and the scope header show them. */
struct cgroup_room {
	bool known;			/* read (only for --group-by and scope headers) */
	bool limited;			/* this cgroup or an ancestor has a memory limit */
	uint64_t limit_bytes;		/* the binding limit: the one with the least room */
	uint64_t usage_bytes;		/* usage of the cgroup that has it */
	uint64_t headroom_bytes;	/* limit - usage there (0 when over) */
	size_t limit_len;		/* where it is set: this many bytes of the path */
};

/*
 * What the kernel counts about a cgroup's brushes with its limit.  v2:
 * memory.events (hierarchical: this cgroup and its descendants); v1:
 * memory.failcnt and memory.oom_control.
 */
struct memcg_events {
	bool have;			/* memory.events (v2) */
	uint64_t low, high, max, oom, oom_kill, oom_group_kill;
	bool have_oom_group_kill;	/* 6.1+ */
	bool have_failcnt;		/* v1 */
	uint64_t failcnt;
	bool have_oom_control;		/* v1 */
	uint64_t oom_kill_disable, under_oom;
	bool have_v1_oom_kill;		/* oom_control's oom_kill line (4.13+) */
};

/* Parse memory.events or memory.oom_control text into e (v2 or v1 keys). */
void memcg_events_parse(const char *buf, size_t len, int version, struct memcg_events *e);

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
	/* The scope header (rank and top); read by cgroupfs_resolve(). */
	bool have_nearest;		/* the nearest ancestor with a limit, whatever it is */
	char nearest_path[CGROUP_PATH_MAX];
	uint64_t nearest_limit_bytes, nearest_usage_bytes;
	struct cgroup_room room;	/* the binding limit of the cgroup and its ancestors */
	bool have_swap_usage;
	uint64_t swap_usage_bytes;	/* v2 memory.swap.current; v1 memsw usage - usage */
	bool have_inactive_file;
	uint64_t inactive_file_bytes;	/* memory.stat: reclaimed first, before an OOM */
	struct memcg_events events;
};

/* A memory cgroup with a limit of its own: a scope an OOM can happen in. */
struct memcg_limited {
	char *path;			/* cgroup path, as in /proc/PID/cgroup */
	struct memcg_limits limits;
	uint64_t totalpages;		/* mem_cgroup_get_max(): limit (+ swap) in pages */
	int *pids;			/* its processes and its descendants' */
	size_t npids;
};

struct memcg_limited_list {
	struct memcg_limited *v;
	size_t n, cap;
};

void memcg_limited_list_free(struct memcg_limited_list *l);

/* A child cgroup met while walking a subtree, ordered by its inode number. */
struct cgroup_child {
	uint64_t ino;
	size_t name;		/* into stack_names */
};

/*
 * A cgroup subtree's members in the order of the kernel's memcg OOM scan
 * (sys/cgroupfs.h cgroupfs_collect_members() fills it).
 */
struct cgroup_members {
	int *pids;
	uint64_t *keys;		/* scan order: cgroup ordinal << 32 | place in cgroup.procs */
	uint32_t *cgs;		/* each pid's cgroup: an index into off */
	size_t n, cap;
	struct buf names;	/* the cgroups' paths below the top ("" itself, "/a/b") */
	size_t *off;		/* into names, one per cgroup, in walk order */
	size_t ncg, capcg;
	size_t *bypid;		/* member indexes sorted by pid (gather-rank's lookup) */
	size_t capbypid;
	/* The walk's scratch, kept for the next call. */
	struct cgroup_child *stack;
	size_t nstack, capstack;
	struct buf stack_names;
};

void memcg_members_free(struct cgroup_members *m);

#endif
