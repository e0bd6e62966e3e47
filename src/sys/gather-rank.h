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
 * Put the ties of the given entries (and the runs of ties they are in) in
 * the kernel's scan order, reading start times; true when the entries were
 * sorted again (the caller's indexes into them are then stale).
 */
bool gather_rank_ties(struct sampler *s, struct ranking *r, const size_t *entries, size_t n);

/*
 * Read the cgroups of the given entries (indexes into r->entries) where
 * not read yet, and with names the runtimes' names of new ones: `top`
 * reads them for the rows on screen only, after sorting and filtering.
 */
void gather_rank_cgroups(struct sampler *s, struct ranking *r, const size_t *entries, size_t n,
    bool names);

/*
 * Fold a ranking gathered with want_cgroups into groups (core/groups.h)
 * and read each group's limits and headroom.
 */
void gather_rank_groups(struct sampler *s, struct ranking *r, enum group_key key,
    struct rank_groups *g);

struct blast;
struct blast_reader;
/*
 * The blast radius of the first n entries of a ranking, read before
 * anything is printed (rank's would-be victim, or every shown task with
 * --blast-radius): an array of n to free.  A radius that cannot be read is
 * warned about on stderr and left unknown.
 */
struct blast *gather_rank_blasts(struct blast_reader *br, struct sampler *s,
    const struct ranking *r, size_t n);

#endif
