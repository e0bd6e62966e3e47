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
#ifndef OOMRISK_OOMGROUP_H
#define OOMRISK_OOMGROUP_H

#include <stdbool.h>
#include <stddef.h>

#include "cgroup.h"

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
 * Find what a kill of the victim takes with it.  m is the memory
 * controller's mount (version 0: none mounted); proc_cgroup the victim's
 * /proc/PID/cgroup text (NULL when it could not be read); domain the OOM
 * domain's cgroup path, NULL for a system-wide OOM.  Reads only
 * memory.oom.group and memory.max files under m->dir.
 */
void oom_group_find(const struct memcg_mount *m, const char *proc_cgroup, size_t len,
    const char *domain, struct oom_group *out);

/*
 * The systemd unit that the last component of a cgroup path names
 * ("/system.slice/nginx.service" gives "nginx.service"; also .scope,
 * .slice, .socket, .mount, .swap); false when it is not a unit.
 */
bool cgroup_unit_name(const char *path, char *unit, size_t len);

#endif
