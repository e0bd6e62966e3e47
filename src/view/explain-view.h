/*
 * explain-view.h: `oomrisk explain` output.  Text is one block per report,
 * at most 80 columns, every piece of log text escaped (escape.h); JSON is
 * one object per report with the keys documented in oomrisk(1).
 */
#ifndef OOMRISK_VIEW_EXPLAIN_VIEW_H
#define OOMRISK_VIEW_EXPLAIN_VIEW_H

#include "core/explain.h"
#include "lib/buf.h"
#include "lib/json.h"

/* Where a report was read. */
struct explain_where {
	const char *file;	/* the input's name, or NULL (the kernel's own log) */
	int64_t boot_usec;	/* when the machine booted (µs since the epoch), estimated
				 * from its clocks, for kmsg records; -1 if unknown */
};

/* Append report number n's text block. */
void explain_view_text(struct buf *out, const struct explanation *ex, int n,
    const struct explain_where *w);

/* Write one report object (inside the "reports" array). */
void explain_view_json(struct json *j, const struct explanation *ex,
    const struct explain_where *w);

#endif
