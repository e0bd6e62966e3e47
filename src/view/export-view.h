/* export-view.h: the metrics of `oomrisk export`, in the Prometheus text format. */
#ifndef OOMRISK_VIEW_EXPORT_VIEW_H
#define OOMRISK_VIEW_EXPORT_VIEW_H

#include <stddef.h>

#include "core/check.h"
#include "core/rank.h"
#include "core/snapshot.h"
#include "lib/buf.h"

/*
 * Append every family: snapshot, the top count candidates of r, the
 * watched cgroups (cgroups_limited: how many had a limit before the cap),
 * verdicts.
 */
void export_view(struct buf *out, const struct snapshot *snap, const struct ranking *r,
    size_t count, const struct check_input *in, const struct check_report *rep,
    size_t cgroups_limited);

#endif
