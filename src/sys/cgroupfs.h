/*
 * cgroupfs.h: reading memory cgroups from the cgroup filesystem: the
 * controller's mount, a cgroup's limits and members, the cgroups with a
 * limit, and what memory.oom.group decides for a victim.
 */
#ifndef OOMRISK_SYS_CGROUPFS_H
#define OOMRISK_SYS_CGROUPFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/memcg.h"
#include "core/oomgroup.h"
#include "core/owner.h"
#include "lib/buf.h"

struct sampler;

/*
 * The memory controller's mount, from the proc root's self/mountinfo (its
 * directory under the root of a saved tree), with the global swappiness.
 * 0 or -1.
 */
int cgroupfs_find_mount(struct sampler *s, struct memcg_mount *m);

/*
 * Read the limits and usage of the memory cgroup at dir (a directory under
 * the mount m).  0 or -errno.
 */
int cgroupfs_read_limits(const struct memcg_mount *m, const char *dir, struct memcg_limits *l);

/*
 * Resolve arg (a directory under a cgroup mount, or a cgroup path as in
 * /proc/PID/cgroup, with or without its "N:controllers:" prefix) and read
 * its limits.  Returns 0, -1 when it cannot be read, or -2 when arg names
 * no memory cgroup (a usage error); err says why.
 */
int cgroupfs_resolve(struct sampler *s, const char *arg, struct memcg_scope *out,
    struct buf *err);

/*
 * Every process (thread group) in the cgroup and its descendants, from
 * cgroup.procs, in the order of the kernel's memcg OOM scan (see enum
 * tie_scan in core/rank.h): the cgroup, then its children pre-order,
 * siblings by inode number (creation order), each cgroup's tasks in
 * cgroup.procs order.  Appends to *pids; returns 0 or -1 with a message in
 * err.
 */
int cgroupfs_collect_pids(const char *dir, int **pids, size_t *n, size_t *cap,
    struct buf *err);

/*
 * Collect the members of the cgroup at dir and its descendants (emptying m
 * first; its memory is reused).  procs_ordered: cgroup.procs lists tasks in
 * the order they joined (cgroup v2); false on v1, which sorts it by pid,
 * so every task of a cgroup gets the same key there.  0 or -1 with err.
 */
int cgroupfs_collect_members(const char *dir, bool procs_ordered, struct cgroup_members *m,
    struct buf *err);

/*
 * The room left under the memory limits of the cgroup at path (as in
 * /proc/PID/cgroup) and its ancestors: the limit with the least headroom
 * (limit - usage) binds.  Fills room (room->known); cgroups that vanished
 * leave it unknown.
 */
void cgroupfs_read_room(const struct memcg_mount *m, const char *path, struct cgroup_room *room);

/*
 * Walk the memory controller's mount m and list the cgroups with a limit.
 * swap_total_pages and page_size give totalpages (memcg_totalpages()).
 * Cgroups that vanish during the walk are skipped; the list is sorted by
 * path.  Returns 0, or -1 with err when the mount cannot be read.
 */
int cgroupfs_list_limited(const struct memcg_mount *m, uint64_t swap_total_pages,
    long page_size, struct memcg_limited_list *out, struct buf *err);

/*
 * What memory.oom.group decides for a victim: read its chain of cgroups
 * (proc_cgroup is its /proc/PID/cgroup text, NULL when unread) and decide
 * with oom_group_decide().  domain is the OOM domain's cgroup path, NULL
 * for a system-wide OOM.
 */
void cgroupfs_oom_group_chain(const struct memcg_mount *m, const char *proc_cgroup,
    size_t len, struct oom_group_chain *c);
void cgroupfs_oom_group(const struct memcg_mount *m, const char *proc_cgroup, size_t len,
    const char *domain, struct oom_group *out);

#endif
