/*
 * auditcollect.h: gather what audit_run() needs from the live system: a
 * full global ranking (with command lines), the vm sysctls and meminfo,
 * /proc/swaps, the memory cgroups with a limit and the would-be victim's
 * blast radius.  `audit` and `check` call this, then audit_run().
 */
#ifndef OOMRISK_AUDITCOLLECT_H
#define OOMRISK_AUDITCOLLECT_H

#include <stdbool.h>

#include "audit.h"
#include "blast.h"
#include "buf.h"
#include "memcglist.h"
#include "rank.h"
#include "snapshot.h"
#include "swaps.h"

struct audit_data {
	struct ranking rank;
	struct snapshot snap;
	bool have_swaps;
	struct swaps swaps;
	struct memcg_limited_list memcgs;
	struct blast_ctx bc;
	bool have_group;
	struct oom_group group;
	const struct blast_members *members;
	/* What could not be read, one line each (the audit still runs). */
	struct buf notes;
};

/*
 * Read everything.  Command lines are read only with want_cmdlines (protect
 * patterns match them; reading every task's costs about half again as
 * much).  Returns 0; -1 with err when the ranking or meminfo cannot be
 * read.  Parts that only narrow the audit (swaps, cgroups, the blast
 * radius) add a line to d->notes instead of failing.
 */
int audit_collect(struct sampler *s, bool want_cmdlines, struct audit_data *d,
    struct buf *err);

/* The audit input over collected data, with the protect patterns. */
void audit_data_input(const struct audit_data *d, const struct protect_list *p,
    struct audit_input *in);

void audit_data_free(struct audit_data *d);

#endif
