/*
 * memcglist.h: every memory cgroup that has a memory limit of its own,
 * with the totalpages its OOM would score against and the processes it
 * would choose from.  `audit` looks at these scopes besides the global one.
 */
#ifndef OOMRISK_MEMCGLIST_H
#define OOMRISK_MEMCGLIST_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "cgroup.h"

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

/*
 * Walk the memory controller's mount m and list the cgroups with a limit.
 * swap_total_pages and page_size give totalpages (memcg_totalpages()).
 * Cgroups that vanish during the walk are skipped.  Returns 0, or -1 with
 * err when the mount cannot be read.
 */
int memcg_list_limited(const struct memcg_mount *m, uint64_t swap_total_pages,
    long page_size, struct memcg_limited_list *out, struct buf *err);

void memcg_limited_list_free(struct memcg_limited_list *l);

#endif
