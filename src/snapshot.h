/*
 * snapshot.h: the system-wide memory state at one moment, read from a
 * proc root (/proc, or a directory of fixture files laid out the same way:
 * meminfo, zoneinfo, vmstat, pressure/memory and the sys/vm sysctls).  `top`, `zones`,
 * `check` and `export` read through this; the parsers stay pure.
 */
#ifndef OOMRISK_SNAPSHOT_H
#define OOMRISK_SNAPSHOT_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "buf.h"
#include "meminfo.h"
#include "psi.h"
#include "vmstat.h"
#include "zoneinfo.h"

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

struct snapshot_reader {
	int rootfd;
	struct buf scratch;		/* reused: no allocation once warm */
};

/* Open a proc root ("/proc" when root is NULL).  0, or -1 with err. */
int snapshot_reader_open(struct snapshot_reader *r, const char *root, struct buf *err);
void snapshot_reader_close(struct snapshot_reader *r);

/*
 * Read a snapshot.  meminfo is required (-1 with err naming the file and,
 * for malformed text, the line); the rest is optional and flagged by the
 * have_ fields (no PSI before 4.20 or with psi=0, etc.).  A present but
 * malformed optional file is an error too, with its line.
 */
int snapshot_read(struct snapshot_reader *r, struct snapshot *s, struct buf *err);

/*
 * Only what `zones` needs: page size, zoneinfo (have_zoneinfo says whether
 * the root has one) and the vm sysctls; meminfo is not read, so a saved
 * zoneinfo alone is enough.  -1 with err when zoneinfo is malformed.
 */
int snapshot_read_zones(struct snapshot_reader *r, struct snapshot *s, struct buf *err);

/*
 * Notes on what a snapshot lacks, one line each ("no PSI: ..."), for views
 * that degrade with one clear note.
 */
void snapshot_notes(const struct snapshot *s, struct buf *out);

#endif
