/*
 * blast.h: what an OOM kill of a task takes down: the task alone or, with
 * memory.oom.group (oomgroup.h), every task of a cgroup.  `rank` shows it
 * for the would-be victim and, with --blast-radius, for every task;
 * sys/blast-reader.h reads it.
 */
#ifndef OOMRISK_CORE_BLAST_H
#define OOMRISK_CORE_BLAST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/memcg.h"
#include "core/oomgroup.h"
#include "core/rank.h"
#include "core/task.h"

/* The tasks of one oom.group cgroup (and its descendants). */
struct blast_members {
	char dir[CGROUP_PATH_MAX];	/* the oom.group cgroup's directory */
	struct task_list tasks;		/* every member, killed or spared */
	size_t nkilled;			/* members the group kill takes */
	uint64_t killed_rss_kb;
	size_t nspared;			/* adj -1000, the global init, no memory */
};

/* The blast radius of one task, as the views show it. */
struct blast {
	bool known;			/* false: it could not be read (the reader warned) */
	struct oom_group group;
	const struct blast_members *members;	/* a group kill's members, else NULL */
};

/* Does the group kill take this member (not adj -1000, init, or without memory)? */
bool blast_member_killed(const struct task *t);

/*
 * Apply the ranking's what-ifs to the members (all detailed) and count
 * which the group kill takes and which it spares.
 */
void blast_members_count(struct blast_members *b, const struct ranking *r);

#endif
