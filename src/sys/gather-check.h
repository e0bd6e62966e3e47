/*
 * gather-check.h: gather everything `check` and `export` evaluate, from the
 * live system: the snapshot (/proc), the victim ranking, the largest
 * tasks with their start times, the memory cgroups to watch, the previous
 * state and the kernel log since it.  The I/O edge of check.c.
 */
#ifndef OOMRISK_SYS_GATHER_CHECK_H
#define OOMRISK_SYS_GATHER_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/check.h"
#include "core/conf.h"
#include "core/rank.h"
#include "core/snapshot.h"
#include "log/kills.h"
#include "sys/statefile.h"

/* Tasks whose growth is tracked: the first GROWTH_TASKS of the ranking. */
#define GROWTH_TASKS 32
/*
 * Memory cgroups watched when none is named: this many with a limit, the
 * closest to their limits first (check_cgroup_risk()), plus every [cgroup]
 * section's.  export takes its own cap (--max-cgroups).
 */
#define MAX_AUTO_CGROUPS 64

struct check_request {
	char *const *cgroups;		/* --cgroup values */
	size_t ncgroups;
	size_t top_n;			/* tasks to rank at least (export's -n) */
	size_t max_cgroups;		/* cgroups watched at most (0: MAX_AUTO_CGROUPS) */
	const char *state_path;
	bool read_kernel_log;		/* check: yes; export: no (the state is check's) */
	const char *proc_root;		/* NULL: /proc (--proc-root) */
	enum backend_choice backend;	/* one-shot: auto is /proc (sys/backend.h) */
};

struct check_data {
	struct sampler *sampler;
	struct snapshot snap;
	struct ranking rank;		/* global */
	struct check_task *tasks;	/* the ranking's first, for growth */
	size_t ntasks;
	struct check_cgroup *cgroups;
	size_t ncgroups;
	size_t cgroups_limited;		/* cgroups with a limit found (before the cap) */
	char **cgroup_cmdlines;		/* copies: each cgroup's ranking is reused */
	struct check_state prev;
	enum statefile_status prev_status;
	struct buf prev_why;		/* why the state was missing or corrupt */
	struct kill_list kills;
	struct buf kills_err;
	char boot_id[40];
	struct check_input in;
	struct buf backend_note;	/* why a BPF request fell back to /proc */
};

/*
 * Gather the input for check_evaluate() into cr->in.  Returns 0; -1 when
 * the system cannot be evaluated (err says why: /proc/meminfo unreadable,
 * no memory cgroup of that name...).
 */
int gather_check(struct check_data *cr, const struct conf *c,
    const struct check_request *req, struct buf *err);
void gather_check_free(struct check_data *cr);

/*
 * The state file: the --state option when given, else state_file from the
 * configuration, else the default (statefile.h).  NULL when none is known
 * (no home for a non-root user); buf holds the default.
 */
const char *check_state_path(const char *option, const struct conf *c, char *buf,
    size_t size);

#endif
