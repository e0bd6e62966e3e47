/*
 * test-isotime: ISO 8601 times from microseconds and back from the forms
 * kernel logs print, and json_real()'s unrounded numbers.  Expected values
 * were computed with GNU date (date -u -d @SECONDS +%FT%TZ).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lib/isotime.h"
#include "lib/json.h"
#include "tap.h"

/* One parse: the text must give want_usec (and frac), or fail when ok is false. */
static void
parses(const char *s, bool ok_want, int64_t want_usec, bool want_frac)
{
	int64_t usec = -1;
	bool frac = !want_frac, got = iso_parse_utc(s, strlen(s), &usec, &frac);

	if (!ok_want) {
		ok(!got, "not a UTC time: \"%s\"", s);
		return;
	}
	ok(got && usec == want_usec && frac == want_frac, "\"%s\" = %lld (got %lld)", s,
	    (long long)want_usec, (long long)usec);
}

/* json_real(v) must write want. */
static void
real_is(double v, const char *want)
{
	struct json j;

	json_init(&j, NULL, false);
	json_real(&j, v);
	is_str(buf_str(&j.buf), want, "json_real %s", want);
	buf_free(&j.buf);
}

int
main(void)
{
	char t[ISO_TIME_LEN];
	int64_t y;
	int m, d;

	is_str(iso_utc(t, 0, false), "1970-01-01T00:00:00Z", "the epoch");
	/* date -u -d @1796283619 +%FT%TZ: the test VM report time. */
	is_str(iso_utc(t, 1796283619903218LL, false), "2026-12-03T07:40:19Z", "a 2026 time");
	is_str(iso_utc(t, 1796283619903218LL, true), "2026-12-03T07:40:19.903218Z",
	    "with microseconds");
	is_str(iso_utc(t, -1, true), "1969-12-31T23:59:59.999999Z", "just before the epoch");
	/* date -u -d @951782400: 2000 is a leap year (divisible by 400). */
	is_str(iso_utc(t, 951782400LL * 1000000, false), "2000-02-29T00:00:00Z", "2000-02-29");
	/* date -u -d @4107542400: 2100 is not (divisible by 100). */
	is_str(iso_utc(t, 4107542400LL * 1000000, false), "2100-03-01T00:00:00Z",
	    "2100 has no Feb 29");
	is_str(iso_utc(t, INT64_MAX, true), "294247-01-10T04:00:54.775807Z", "INT64_MAX fits");
	ok(strlen(iso_utc(t, INT64_MIN, true)) < ISO_TIME_LEN, "INT64_MIN fits");

	/* Every day from 1600 to 2400 goes to a date and back. */
	for (int64_t days = iso_days_from_civil(1600, 1, 1); days < iso_days_from_civil(2400, 1,
	    1); days++) {
		iso_civil_from_days(days, &y, &m, &d);
		if (iso_days_from_civil(y, m, d) != days || m < 1 || m > 12 || d < 1 || d > 31) {
			ok(0, "day %lld round trip", (long long)days);
			break;
		}
		if (days + 1 == iso_days_from_civil(2400, 1, 1))
			ok(1, "every day 1600-2399 round trips");
	}

	/* The forms of tests/oom-logs. */
	parses("2026-12-03T07:40:19,531126+00:00", true, 1796283619531126LL, true);
	parses("2026-12-03T07:40:19+0000", true, 1796283619000000LL, false);
	parses("2026-12-03 07:40:19.903218 UTC", true, 1796283619903218LL, true);
	parses("2026-12-03T07:40:19Z", true, 1796283619000000LL, false);
	/* An offset: 08:40:19+01:00 and 02:40:19-05:00 are 07:40:19Z. */
	parses("2026-12-03T08:40:19+01:00", true, 1796283619000000LL, false);
	parses("2026-12-03T02:40:19-05:00", true, 1796283619000000LL, false);
	/* Nanoseconds: read to the microsecond. */
	parses("2026-12-03T07:40:19.123456789Z", true, 1796283619123456LL, true);
	parses("2024-02-29T00:00:00Z", true, 1709164800000000LL, false);
	/* No zone, no year, or not a date: not a UTC time. */
	parses("Jun 20 12:47:02", false, 0, false);
	parses("Fri Jan 15 09:00:12 2021", false, 0, false);
	parses("2026-12-03T07:40:19", false, 0, false);
	parses("2026-12-03 07:40:19.903218", false, 0, false);
	parses("2023-02-29T00:00:00Z", false, 0, false);
	parses("2026-13-03T07:40:19Z", false, 0, false);
	parses("2026-12-03T24:00:00Z", false, 0, false);
	parses("2026-12-03T07:40:19.Z", false, 0, false);
	parses("2026-12-03T07:40:19Zjunk", false, 0, false);
	parses("2026-12-03T07:40:19+25:00", false, 0, false);
	parses("", false, 0, false);
	/* Bounded: a prefix of a valid time is not read past its length. */
	{
		int64_t usec;
		bool frac;

		ok(!iso_parse_utc("2026-12-03T07:40:19Z", 19, &usec, &frac),
		    "length bounds the text");
		ok(iso_parse_utc("2026-12-03T07:40:19Z....", 20, &usec, &frac) &&
		    usec == 1796283619000000LL, "bytes past the length are not read");
	}

	real_is(0.0893, "0.0893");
	real_is(49.909090909090907, "49.90909090909091");
	real_is(100, "100");
	real_is(0.1 + 0.2, "0.30000000000000004");
	real_is(-2.5, "-2.5");
	real_is(NAN, "null");
	real_is(INFINITY, "null");
	return tap_done();
}
