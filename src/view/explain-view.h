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

/* Append report number n's text block; file is the input's name (or NULL). */
void explain_view_text(struct buf *out, const struct explanation *ex, int n, const char *file);

/* Write one report object (inside the "reports" array). */
void explain_view_json(struct json *j, const struct explanation *ex, const char *file);

#endif
