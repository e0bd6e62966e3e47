/*
 * auditfmt.h: an audit report as text (wrapped to a width, 80 columns by
 * default), JSON ({"findings": [...]}) or CSV.  `audit` uses these; `check`
 * can print the same section.
 */
#ifndef OOMRISK_AUDITFMT_H
#define OOMRISK_AUDITFMT_H

#include <stddef.h>

#include "audit.h"
#include "buf.h"
#include "json.h"

/*
 * One block per finding: "SEVERITY  id", the summary and the pids,
 * indented and word-wrapped to width columns, after a count line.
 */
void audit_text(struct buf *out, const struct audit_report *r, size_t width);

/* The findings array, as the value of a key the caller wrote. */
void audit_json_findings(struct json *j, const struct audit_report *r);
/* The whole document: {"findings": [...]}. */
void audit_json(struct json *j, const struct audit_report *r);

/* "severity,id,summary,pids" and one row per finding (pids space-separated). */
void audit_csv(struct buf *out, const struct audit_report *r);

#endif
