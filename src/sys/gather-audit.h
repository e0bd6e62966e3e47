/*
 * gather-audit.h: gather what audit_run() needs from the live system: a
 * full global ranking (with command lines), the vm sysctls and meminfo,
 * /proc/swaps, the memory cgroups with a limit and the would-be victim's
 * blast radius.  `audit` and `check` call this, then audit_run().
 */
#ifndef OOMRISK_SYS_GATHER_AUDIT_H
#define OOMRISK_SYS_GATHER_AUDIT_H

#include <stdbool.h>

#include "core/audit.h"
#include "core/rank.h"
#include "core/snapshot.h"
#include "lib/buf.h"
#include "proc/swaps.h"
#include "sys/blast-reader.h"
#include "sys/cgroupfs.h"

struct audit_data {
	struct ranking rank;
	struct snapshot snap;
	bool have_swaps;
	struct swaps swaps;
	struct memcg_limited_list memcgs;
	struct blast_reader bc;
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
int gather_audit(struct sampler *s, bool want_cmdlines, struct audit_data *d,
    struct buf *err);

/* The audit input over collected data, with the protect patterns. */
void gather_audit_input(const struct audit_data *d, const struct protect_list *p,
    struct audit_input *in);

void gather_audit_free(struct audit_data *d);

#endif
