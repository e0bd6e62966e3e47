/*
 * audit-view.h: an audit report as text (wrapped to a width, 80 columns by
 * default), JSON ({"findings": [...]}) or CSV.  `audit` uses these; `check`
 * can print the same section.
 */
#ifndef OOMRISK_VIEW_AUDIT_VIEW_H
#define OOMRISK_VIEW_AUDIT_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "core/audit.h"
#include "lib/buf.h"
#include "lib/json.h"

/*
 * One block per finding: "SEVERITY  id", the summary and the pids,
 * indented and word-wrapped to width columns, after a count line.  With
 * plugin, the untrusted text is escaped for monitoring plugin output
 * (check -v), else for a terminal.
 */
void audit_view_text(struct buf *out, const struct audit_report *r, size_t width, bool plugin);

/* The findings array, as the value of a key the caller wrote. */
void audit_view_json_findings(struct json *j, const struct audit_report *r);
/* The whole document: {"findings": [...]}. */
void audit_view_json(struct json *j, const struct audit_report *r);

/* "severity,id,summary,pids" and one row per finding (pids space-separated). */
void audit_view_csv(struct buf *out, const struct audit_report *r);

#endif
