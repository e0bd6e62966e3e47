/* gather-top.h: open the sources of `oomrisk top` and refresh its model. */
#ifndef OOMRISK_SYS_GATHER_TOP_H
#define OOMRISK_SYS_GATHER_TOP_H

#include "core/conf.h"
#include "core/top.h"
#include "lib/buf.h"

/*
 * Open the sampler and /proc (or --proc-root, or --replay's first root);
 * -1 with err when it cannot be used.
 */
int gather_top_open(struct top *t, const struct top_options *o, struct buf *err);

/*
 * --replay: read the next numbered root from now on.  False (nothing
 * changes) after the last one, or when not replaying.
 */
bool gather_top_next_root(struct top *t);
void gather_top_close(struct top *t);

/*
 * Choose the task source (sys/backend.h; top runs long, so auto means
 * the BPF iterator when it loads); why a BPF request fell back goes to
 * note.
 */
void gather_top_backend(struct top *t, enum backend_choice want, struct buf *note);

/*
 * Sample, rank and rebuild the rows.  A read that fails keeps the
 * previous snapshot and says why in t->err (the screen stays whole).
 * Returns 0, -1 on a runtime error (t->err), -2 when --cgroup names no
 * memory cgroup.
 */
int gather_top_refresh(struct top *t);

#endif
