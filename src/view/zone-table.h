/*
 * zone-table.h: how zones are shown.  `zones` (text, JSON, CSV) and `top
 * --batch` print zone rows with these functions; the JSON keys are the
 * ones `explain` uses for the zones of an OOM report.
 */
#ifndef OOMRISK_VIEW_ZONE_TABLE_H
#define OOMRISK_VIEW_ZONE_TABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/watermark.h"
#include "lib/buf.h"
#include "lib/json.h"
#include "proc/zoneinfo.h"

/* "ok", "below high", ... or "empty" for a zone the allocator never uses. */
const char *zone_table_verdict_name(const struct zoneinfo_zone *z);

/* A signed size in kB, human-readable: "-128K", "2.9G". */
const char *zone_table_signed_kb(char *buf, int64_t kb);

/* Column titles and one row per zone (text); rows match the titles. */
void zone_table_text_header(struct buf *out);
void zone_table_text_row(struct buf *out, const struct zoneinfo_zone *z);

/*
 * The lowmem_reserve matrix: for each zone (rows), what it keeps from
 * requests whose highest usable zone is each column, in kB.
 */
void zone_table_text_protection(struct buf *out, const struct zoneinfo *zi);

/* One line per distinct non-ok verdict present: "below low: kswapd reclaiming". */
void zone_table_text_legend(struct buf *out, const struct zoneinfo *zi);

void zone_table_csv_header(struct buf *out);
void zone_table_csv_row(struct buf *out, const struct zoneinfo_zone *z);

/* One zone as a JSON object (node, zone, managed_kb, free_kb, ..., verdict). */
void zone_table_json(struct json *j, const struct zoneinfo_zone *z);

#endif
