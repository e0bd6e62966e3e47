/*
 * groups.h: a ranking folded into groups (rank --group-by, top's 'g'):
 * the tasks of one memory cgroup, one systemd unit or one container
 * together, with their summed size, their first victim in the victim
 * order, and the limit and headroom of the group's cgroup.  Pure: the
 * gather step reads the limits (sys/gather-rank.h gather_rank_groups()).
 */
#ifndef OOMRISK_CORE_GROUPS_H
#define OOMRISK_CORE_GROUPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/rank.h"

enum group_key { GROUP_NONE, GROUP_CGROUP, GROUP_UNIT, GROUP_CONTAINER, GROUP_NKEYS };

const char *group_key_name(enum group_key k);	/* "cgroup", "unit", "container"; "none" */
/* "cgroup", "unit" or "container" to the key; -1 otherwise. */
int group_key_parse(const char *s);

#define GROUP_NONE_FIRST ((size_t)-1)

struct rank_group {
	size_t key;			/* offset into rank_groups.keys: what the group is */
	int32_t cgroup;			/* the group's cgroup in the ranking's table, -1 none */
	bool outside;			/* the tasks in no unit / no container */
	size_t ntasks, ncandidates;
	uint64_t size_kb;		/* rss + swap + page tables, summed */
	size_t first;			/* index into ranking.entries of its first candidate */
	size_t any;			/* index into ranking.entries of its first task */
};

struct rank_groups {
	enum group_key key;
	struct rank_group *v;
	size_t n, cap;
	struct buf keys;		/* NUL-separated */
	struct buf scratch;
};

/*
 * Fold the ranked tasks whose cgroup was read (task.cgroup) into groups,
 * ordered by their first candidate's place in the victim order (groups
 * without one last, by size).  Interns each group's cgroup into the
 * ranking's table, so the gather step can read its limits.  Reuses g.
 */
void rank_groups_build(struct ranking *r, enum group_key key, struct rank_groups *g);
void rank_groups_free(struct rank_groups *g);

static inline const char *
rank_group_key(const struct rank_groups *g, const struct rank_group *x)
{
	return g->keys.data + x->key;
}

/* The tasks without a group's identity are folded into one group so named. */
#define GROUP_OUTSIDE_UNIT "(no unit)"
#define GROUP_OUTSIDE_CONTAINER "(host)"

#endif
