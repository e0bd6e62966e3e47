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
#include "view/json-meta.h"

/*
 * Text shows this many of a finding's pids, then "and 9,861 more": one
 * finding once listed 9,871 (about 600 lines).  JSON and CSV list them all.
 */
#define AUDIT_TEXT_PIDS 10

/*
 * One block per finding: "SEVERITY  id", the summary and the pids (at
 * most AUDIT_TEXT_PIDS, then how many more), indented and word-wrapped to
 * width columns, after a count line (which the caller wraps: check puts
 * it after a label of its own).  With
 * plugin, the untrusted text is escaped for monitoring plugin output
 * (check -v), else for a terminal.
 */
void audit_view_text(struct buf *out, const struct audit_report *r, size_t width, bool plugin);

/* The findings array, as the value of a key the caller wrote. */
void audit_view_json_findings(struct json *j, const struct audit_report *r);
/* The whole document: {"findings": [...]}. */
void audit_view_json(struct json *j, const struct json_meta *meta, const struct audit_report *r);

/* "severity,id,summary,pids" and one row per finding (pids space-separated). */
void audit_view_csv(struct buf *out, const struct audit_report *r);

#endif
