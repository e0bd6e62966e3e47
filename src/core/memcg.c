/*
 * memcg.c: memory cgroups as the OOM killer weighs them: the totalpages of
 * a memcg OOM, and cgroup paths against the controller's mount.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/memcg.h"

uint64_t
memcg_totalpages(const struct memcg_limits *l, uint64_t swap_total_pages, long page_size)
{
	uint64_t max, swap;

	if (!l->limited)
		return 0;
	max = l->limit_bytes / (uint64_t)page_size;
	if (l->swappiness != 0) {
		/*
		 * v1 with memsw accounting: the swap excess capacity is memsw
		 * limit - memory limit.  v2 (and v1 without memsw): swap.max.
		 * Either way capped at the system's swap.
		 */
		swap = l->swap_limited ? l->swap_bytes / (uint64_t)page_size : UINT64_MAX;
		max += swap < swap_total_pages ? swap : swap_total_pages;
	}
	return max ? max : 1;
}

int
memcg_dir_of(const struct memcg_mount *m, const char *path, char *dir, size_t len)
{
	size_t rlen = strlen(m->root);

	/* Inside a container the mount's root may be a sub-cgroup. */
	if (strcmp(m->root, "/") != 0 && strncmp(path, m->root, rlen) == 0 &&
	    (path[rlen] == '/' || path[rlen] == '\0'))
		path += rlen;
	return snprintf(dir, len, "%s%s", m->dir, strcmp(path, "/") == 0 ? "" : path) >=
	    (int)len ? -1 : 0;
}

int
memcg_path_of(const struct memcg_mount *m, const char *dir, char *path, size_t len)
{
	size_t mlen = strlen(m->dir);

	if (strncmp(dir, m->dir, mlen) != 0 || (dir[mlen] != '\0' && dir[mlen] != '/'))
		return -1;
	return snprintf(path, len, "%s%s", strcmp(m->root, "/") == 0 ? "" : m->root,
	    dir[mlen] ? dir + mlen : "/") >= (int)len ? -1 : 0;
}

/* Strip "N:controllers:" from a /proc/PID/cgroup line. */
const char *
memcg_strip_proc_prefix(const char *arg)
{
	const char *c1, *c2;

	if (arg[0] == '/' || (c1 = strchr(arg, ':')) == NULL ||
	    (c2 = strchr(c1 + 1, ':')) == NULL)
		return arg;
	return c2 + 1;
}

void
memcg_limited_list_free(struct memcg_limited_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].path);
		free(l->v[i].pids);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void
memcg_members_free(struct cgroup_members *m)
{
	free(m->pids);
	free(m->keys);
	free(m->cgs);
	free(m->off);
	free(m->bypid);
	free(m->stack);
	buf_free(&m->names);
	buf_free(&m->stack_names);
	memset(m, 0, sizeof(*m));
}

void
memcg_events_parse(const char *buf, size_t len, int version, struct memcg_events *e)
{
	uint64_t v;

	if (version == 2) {
		e->have = cgroup_stat_value(buf, len, "max", &v) == 0;
		e->max = e->have ? v : 0;
		if (cgroup_stat_value(buf, len, "low", &v) == 0)
			e->low = v;
		if (cgroup_stat_value(buf, len, "high", &v) == 0)
			e->high = v;
		if (cgroup_stat_value(buf, len, "oom", &v) == 0)
			e->oom = v;
		if (cgroup_stat_value(buf, len, "oom_kill", &v) == 0)
			e->oom_kill = v;
		e->have_oom_group_kill = cgroup_stat_value(buf, len, "oom_group_kill", &v) == 0;
		e->oom_group_kill = e->have_oom_group_kill ? v : 0;
		return;
	}
	e->have_oom_control = cgroup_stat_value(buf, len, "oom_kill_disable", &v) == 0;
	e->oom_kill_disable = e->have_oom_control ? v : 0;
	if (cgroup_stat_value(buf, len, "under_oom", &v) == 0)
		e->under_oom = v;
	e->have_v1_oom_kill = cgroup_stat_value(buf, len, "oom_kill", &v) == 0;
	e->oom_kill = e->have_v1_oom_kill ? v : 0;
}
