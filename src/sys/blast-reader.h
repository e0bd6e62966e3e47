/*
 * blast-reader.h: read what an OOM kill of a task takes down (core/blast.h):
 * its memory.oom.group decision and, for a group kill, the members,
 * through the sampler, once per cgroup.
 */
#ifndef OOMRISK_SYS_BLAST_READER_H
#define OOMRISK_SYS_BLAST_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/blast.h"
#include "core/memcg.h"
#include "core/oomgroup.h"
#include "core/rank.h"
#include "lib/buf.h"
#include "sys/sampler.h"

struct blast_reader {
	struct memcg_mount mount;	/* version 0: no memory controller */
	struct blast_members **groups;	/* read so far */
	size_t n, cap;
	struct buf scratch;
	int *pids;
	size_t npids, cappids;
};

/* Read the memory controller's mount once. */
void blast_reader_init(struct blast_reader *c, struct sampler *s);
void blast_reader_free(struct blast_reader *c);

/*
 * What a kill of t (a task of ranking r) takes with it: g says whether a
 * group dies and why not; for a group kill *members lists its tasks (NULL
 * otherwise).  The ranking's what-ifs apply to the members too.  Returns
 * 0, or -1 with err when a group's members cannot be listed.
 */
int blast_reader_for_task(struct blast_reader *c, struct sampler *s, const struct ranking *r,
    const struct task *t, struct oom_group *g, const struct blast_members **members,
    struct buf *err);

/*
 * Read the members of the cgroup directory dir (and its descendants) into
 * b, which must be zeroed.  Used by blast_reader_for_task(); exposed for tests.
 */
int blast_reader_members(struct blast_reader *c, struct sampler *s, const struct ranking *r,
    const char *dir, struct blast_members *b, struct buf *err);

#endif
