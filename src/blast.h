/*
 * blast.h: what an OOM kill of a task takes down: the task alone or, with
 * memory.oom.group (oomgroup.h), every task of a cgroup.  `rank` shows it
 * for the would-be victim and, with --blast-radius, for every task; the
 * members are read through the sampler, once per cgroup.
 */
#ifndef OOMRISK_BLAST_H
#define OOMRISK_BLAST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "cgroup.h"
#include "oomgroup.h"
#include "rank.h"
#include "sample.h"

/* The tasks of one oom.group cgroup (and its descendants). */
struct blast_members {
	char dir[CGROUP_PATH_MAX];	/* the oom.group cgroup's directory */
	struct task_list tasks;		/* every member, killed or spared */
	size_t nkilled;			/* members the group kill takes */
	uint64_t killed_rss_kb;
	size_t nspared;			/* adj -1000, the global init, no memory */
};

struct blast_ctx {
	struct memcg_mount mount;	/* version 0: no memory controller */
	struct blast_members **groups;	/* read so far */
	size_t n, cap;
	struct buf scratch;
	int *pids;
	size_t npids, cappids;
};

/* Read the memory controller's mount once. */
void blast_ctx_init(struct blast_ctx *c);
void blast_ctx_free(struct blast_ctx *c);

/*
 * What a kill of t (a task of ranking r) takes with it: g says whether a
 * group dies and why not; for a group kill *members lists its tasks (NULL
 * otherwise).  The ranking's what-ifs apply to the members too.  Returns
 * 0, or -1 with err when a group's members cannot be listed.
 */
int blast_for_task(struct blast_ctx *c, struct sampler *s, const struct ranking *r,
    const struct task *t, struct oom_group *g, const struct blast_members **members,
    struct buf *err);

/*
 * Read the members of the cgroup directory dir (and its descendants) into
 * b, which must be zeroed.  Used by blast_for_task(); exposed for tests.
 */
int blast_members_read(struct blast_ctx *c, struct sampler *s, const struct ranking *r,
    const char *dir, struct blast_members *b, struct buf *err);

/* Does the group kill take this member (not adj -1000, init, or without memory)? */
bool blast_member_killed(const struct task *t);

#endif
