/* gather-rank.h: sample a scope's tasks and rank them (core/rank.h). */
#ifndef OOMRISK_SYS_GATHER_RANK_H
#define OOMRISK_SYS_GATHER_RANK_H

#include "core/groups.h"
#include "core/rank.h"
#include "lib/buf.h"
#include "sys/sampler.h"

/*
 * Sample and rank.  Reuses the ranking's memory when called again (a
 * refresh loop allocates nothing once warm).  Returns 0, -1 when the
 * system cannot be read, -2 when the request names no memory cgroup or a
 * what-if names a pid that is not in the scope (a usage error); err says
 * why.
 */
int gather_rank(struct sampler *s, const struct rank_request *req, struct ranking *r,
    struct buf *err);

/*
 * Fold a ranking gathered with want_cgroups into groups (core/groups.h)
 * and read each group's limits and headroom.
 */
void gather_rank_groups(struct sampler *s, struct ranking *r, enum group_key key,
    struct rank_groups *g);

#endif
