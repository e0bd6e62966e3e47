/*
 * snapshot.h: the system-wide memory state at one moment (meminfo,
 * zoneinfo, vmstat, pressure/memory and the vm sysctls), as read by
 * sys/snapshot-reader.h from a proc root.  `top`, `zones`, `check` and
 * `export` share it.
 */
#ifndef OOMRISK_CORE_SNAPSHOT_H
#define OOMRISK_CORE_SNAPSHOT_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "lib/buf.h"
#include "proc/meminfo.h"
#include "proc/psi.h"
#include "proc/vmstat.h"
#include "proc/zoneinfo.h"

/* vm sysctls that change what an OOM does; -1 when unreadable. */
struct vm_sysctls {
	int overcommit_memory;		/* 0 heuristic, 1 always, 2 never */
	int overcommit_ratio;
	int64_t overcommit_kbytes;
	int64_t min_free_kbytes;
	int watermark_scale_factor;
	int panic_on_oom;
	int oom_kill_allocating_task;
	int swappiness;
};

struct snapshot {
	double taken;			/* monotonic seconds */
	time_t wall;
	long page_size;
	struct meminfo mi;
	bool have_zoneinfo, have_psi, have_vmstat;
	struct zoneinfo zi;
	struct psi psi;
	struct vmstat vm;
	struct vm_sysctls sysctl;
};

/*
 * Notes on what a snapshot lacks, one line each ("no PSI: ..."), for views
 * that degrade with one clear note.
 */
void snapshot_notes(const struct snapshot *s, struct buf *out);

#endif
