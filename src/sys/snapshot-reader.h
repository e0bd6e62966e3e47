/*
 * snapshot-reader.h: read a snapshot (core/snapshot.h) from a proc root:
 * /proc, or a directory of saved files laid out the same way (meminfo,
 * zoneinfo, vmstat, pressure/memory and the sys/vm sysctls).
 */
#ifndef OOMRISK_SYS_SNAPSHOT_READER_H
#define OOMRISK_SYS_SNAPSHOT_READER_H

#include "core/snapshot.h"
#include "lib/buf.h"

struct snapshot_reader {
	int rootfd;
	struct buf scratch;		/* reused: no allocation once warm */
};

/* Open a proc root ("/proc" when root is NULL).  0, or -1 with err. */
int snapshot_reader_open(struct snapshot_reader *r, const char *root, struct buf *err);
void snapshot_reader_close(struct snapshot_reader *r);
/* Read another root from now on: 0, or -1 with err (the old one stays). */
int snapshot_reader_reroot(struct snapshot_reader *r, const char *root, struct buf *err);

/*
 * Read a snapshot.  meminfo is required (-1 with err naming the file and,
 * for malformed text, the line); the rest is optional and flagged by the
 * have_ fields (no PSI before 4.20 or with psi=0, etc.).  A present but
 * malformed optional file is an error too, with its line.
 */
int snapshot_reader_read(struct snapshot_reader *r, struct snapshot *s, struct buf *err);

/*
 * Only what `zones` needs: page size, zoneinfo (have_zoneinfo says whether
 * the root has one) and the vm sysctls; meminfo is not read, so a saved
 * zoneinfo alone is enough.  -1 with err when zoneinfo is malformed.
 */
int snapshot_reader_read_zones(struct snapshot_reader *r, struct snapshot *s, struct buf *err);

#endif
