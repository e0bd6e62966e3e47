/*
 * bounds.h: drop the numbers of a report that cannot be what they claim.
 *
 * Log text is anyone's (a syslog line, a file handed over for a
 * post-mortem), and a number the parser read may be any int64.  A page
 * count of more than 2^64 bytes (2^52 pages of 4 kB: no address space
 * holds more), a size past 2^54 kB, an oom_score_adj outside -1000..1000
 * is not a value from a kernel: it becomes OOM_NONE, counted and named in
 * the report, so
 * that the arithmetic after it works on numbers that cannot overflow
 * their sums and products, and the explanation can say what was dropped.
 */
#ifndef OOMRISK_LOG_BOUNDS_H
#define OOMRISK_LOG_BOUNDS_H

#include <stdint.h>

#include "log/reports.h"

#define OOM_PAGES_MAX (INT64_C(1) << 52)	/* 2^64 bytes in 4 kB pages (the most) */
#define OOM_KB_MAX (INT64_C(1) << 54)		/* 2^64 bytes in kB */
#define OOM_BYTES_MAX (INT64_C(1) << 62)	/* an int64 with room to add */

/* Replace every implausible value of r with OOM_NONE (r->implausible counts them). */
void report_bound(struct oom_report *r);

#endif
