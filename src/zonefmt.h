/*
 * zonefmt.h: how zones are shown.  `zones` (text, JSON, CSV) and `top
 * --batch` print zone rows with these functions; the JSON keys are the
 * ones `explain` uses for the zones of an OOM report.
 */
#ifndef OOMRISK_ZONEFMT_H
#define OOMRISK_ZONEFMT_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "json.h"
#include "zoneinfo.h"

/* "ok", "below high", ... or "empty" for a zone the allocator never uses. */
const char *zone_verdict_name(const struct zoneinfo_zone *z);

/* A signed size in kB, human-readable: "-128K", "2.9G". */
const char *fmt_signed_kb(char *buf, int64_t kb);

/* Column titles and one row per zone (text); rows match the titles. */
void zone_text_header(struct buf *out);
void zone_text_row(struct buf *out, const struct zoneinfo_zone *z);

/*
 * The lowmem_reserve matrix: for each zone (rows), what it keeps from
 * requests whose highest usable zone is each column, in kB.
 */
void zone_text_protection(struct buf *out, const struct zoneinfo *zi);

/* One line per distinct non-ok verdict present: "below low: kswapd reclaiming". */
void zone_text_legend(struct buf *out, const struct zoneinfo *zi);

void zone_csv_header(struct buf *out);
void zone_csv_row(struct buf *out, const struct zoneinfo_zone *z);

/* One zone as a JSON object (node, zone, managed_kb, free_kb, ..., verdict). */
void zone_json(struct json *j, const struct zoneinfo_zone *z);

#endif
