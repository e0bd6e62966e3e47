/*
 * isotime.h: times as ISO 8601 text, the form every JSON document of
 * oomrisk gives them in ("2026-12-03T07:40:19Z", with the raw value beside
 * where the time comes from an input).  Pure arithmetic on the proleptic
 * Gregorian calendar: no time zone file is read, so UTC only.
 */
#ifndef OOMRISK_LIB_ISOTIME_H
#define OOMRISK_LIB_ISOTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Any int64_t of microseconds ("-292277-01-09T04:00:54.224192Z") and the NUL fit. */
#define ISO_TIME_LEN 40

/* A day as year, month (1-12) and day (1-31); days since 1970-01-01. */
void iso_civil_from_days(int64_t days, int64_t *year, int *month, int *day);
int64_t iso_days_from_civil(int64_t year, int month, int day);

/*
 * Microseconds since the epoch as UTC: "2026-12-03T07:40:19Z", or with
 * frac "2026-12-03T07:40:19.903218Z".  Returns out.
 */
const char *iso_utc(char out[ISO_TIME_LEN], int64_t usec, bool frac);

/*
 * A time as a log printed it, back to microseconds since the epoch, when
 * the text names its offset from UTC: "2026-12-03T07:40:19,531126+00:00",
 * "2026-12-03T07:40:19+0000", "2026-12-03 07:40:19.903218 UTC",
 * "2026-12-03T07:40:19Z".  Any bytes, not NUL-terminated; the whole text
 * must be the time.  A time without an offset ("Jun 20 12:47:02", "Fri Jan
 * 15 09:00:12 2021") is local to a zone we do not know: false.  *frac says
 * whether the text had a fraction of a second.
 */
bool iso_parse_utc(const char *s, size_t len, int64_t *usec, bool *frac);

#endif
