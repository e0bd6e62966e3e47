/*
 * oomgroup.h: memory.oom.group, the cgroup v2 switch (4.19+) that turns
 * one OOM kill into the kill of a whole workload.
 *
 * Kernel logic (mm/memcontrol.c mem_cgroup_get_oom_group, mm/oom_kill.c
 * oom_kill_process): after choosing the victim, walk from the victim's
 * memory cgroup up to the OOM domain (the cgroup that hit its limit, or
 * the root for a system-wide OOM) and take the *highest* cgroup on the way
 * with memory.oom.group = 1; every task in it and its descendants is then
 * killed, except tasks at oom_score_adj -1000 and the global init.  Only
 * on cgroup v2; a victim in the root memory cgroup never takes others.
 */
#ifndef OOMRISK_CORE_OOMGROUP_H
#define OOMRISK_CORE_OOMGROUP_H

#include <stdbool.h>
#include <stddef.h>

#include <stdint.h>

#include "core/memcg.h"

struct oom_group {
	bool group_kill;	/* the victim takes a whole cgroup with it */
	int version;		/* memory controller: 1, 2, or 0 when there is none */
	char victim_cgroup[CGROUP_PATH_MAX];	/* its memory cgroup path, "" unknown */
	char path[CGROUP_PATH_MAX];	/* group_kill: the oom.group cgroup's path */
	char dir[CGROUP_PATH_MAX];	/* ... and its directory */
	char unit[256];		/* ... and the systemd unit it is, or "" */
	char why[512];		/* !group_kill: why the victim dies alone, in words */
};

/*
 * What the decision needs to know of the victim's cgroups, read by
 * sys/cgroupfs.c: its cgroup directory and, from it up to the mount
 * root, each ancestor's memory.oom.group.  Every level's directory is a
 * prefix of the victim's (dirlen bytes of dir).
 */
#define OOM_GROUP_MAX_DEPTH 64

struct oom_group_level {
	size_t dirlen;
	int64_t oom_group;	/* 0 or 1; -1 no such file; -2 unreadable */
	bool has_memory_max;	/* memory.max exists (a memory cgroup without oom.group) */
};

struct oom_group_chain {
	bool v2_memory;		/* the v2 mount offers the memory controller */
	char victim_cgroup[CGROUP_PATH_MAX];	/* "" when unknown */
	char dir[CGROUP_PATH_MAX];
	struct oom_group_level level[OOM_GROUP_MAX_DEPTH];	/* the victim's first */
	size_t n;
};

/*
 * Find what a kill of the victim takes with it.  m is the memory
 * controller's mount (version 0: none mounted); domain the OOM domain's
 * cgroup path, NULL for a system-wide OOM.
 */
void oom_group_decide(const struct memcg_mount *m, const struct oom_group_chain *c,
    const char *domain, struct oom_group *out);

/*
 * The systemd unit that the last component of a cgroup path names
 * ("/system.slice/nginx.service" gives "nginx.service"; also .scope,
 * .slice, .socket, .mount, .swap); false when it is not a unit.
 */
bool cgroup_unit_name(const char *path, char *unit, size_t len);

#endif
