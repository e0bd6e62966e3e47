/* isotime.c: ISO 8601 text for times (isotime.h). */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "lib/isotime.h"

/*
 * The Gregorian calendar repeats every 400 years (146097 days).  Counting
 * years from March makes the leap day the last day of a year, so a day of
 * the year maps to a month with one linear formula: the months from March
 * have 31 30 31 30 31 31 30 31 30 31 31 (28|29) days, and
 * (153 * m + 2) / 5 is the first day of month m (0 = March).
 */
void
iso_civil_from_days(int64_t days, int64_t *year, int *month, int *day)
{
	int64_t z = days + 719468;	/* days since 0000-03-01 */
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;				/* [0, 146096] */
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;	/* [0, 399] */
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);	/* [0, 365] */
	int64_t mp = (5 * doy + 2) / 153;			/* [0, 11], 0 = March */

	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = yoe + era * 400 + (*month <= 2);
}

int64_t
iso_days_from_civil(int64_t year, int month, int day)
{
	int64_t y = year - (month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t mp = month > 2 ? month - 3 : month + 9;
	int64_t doy = (153 * mp + 2) / 5 + day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

const char *
iso_utc(char out[ISO_TIME_LEN], int64_t usec, bool frac)
{
	int64_t sec = usec / 1000000, us = usec % 1000000, days, rem, year;
	int month, day;

	if (us < 0) {
		us += 1000000;
		sec--;
	}
	days = sec / 86400;
	rem = sec % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	iso_civil_from_days(days, &year, &month, &day);
	if (frac)
		snprintf(out, ISO_TIME_LEN, "%04" PRId64 "-%02d-%02dT%02d:%02d:%02d.%06dZ", year,
		    month, day, (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60), (int)us);
	else
		snprintf(out, ISO_TIME_LEN, "%04" PRId64 "-%02d-%02dT%02d:%02d:%02dZ", year, month,
		    day, (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60));
	return out;
}

/* n decimal digits at s[*i], as a number; false when one is not a digit. */
static bool
digits(const char *s, size_t len, size_t *i, int n, int *out)
{
	int v = 0;

	if (len - *i < (size_t)n)
		return false;
	while (n-- > 0) {
		if (s[*i] < '0' || s[*i] > '9')
			return false;
		v = v * 10 + (s[(*i)++] - '0');
	}
	*out = v;
	return true;
}

/* Whether c is the byte at s[*i]; steps over it if so. */
static bool
eat(const char *s, size_t len, size_t *i, char c)
{
	if (*i < len && s[*i] == c) {
		(*i)++;
		return true;
	}
	return false;
}

static int
month_days(int64_t year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

bool
iso_parse_utc(const char *s, size_t len, int64_t *usec, bool *frac)
{
	size_t i = 0;
	int year, month, day, hour, min, sec, oh = 0, om = 0, us = 0, scale = 100000;
	int64_t t;

	*frac = false;
	if (!digits(s, len, &i, 4, &year) || !eat(s, len, &i, '-') ||
	    !digits(s, len, &i, 2, &month) || !eat(s, len, &i, '-') ||
	    !digits(s, len, &i, 2, &day) || !(eat(s, len, &i, 'T') || eat(s, len, &i, ' ')) ||
	    !digits(s, len, &i, 2, &hour) || !eat(s, len, &i, ':') ||
	    !digits(s, len, &i, 2, &min) || !eat(s, len, &i, ':') ||
	    !digits(s, len, &i, 2, &sec))
		return false;
	if (month < 1 || month > 12 || day < 1 || day > month_days(year, month) || hour > 23 ||
	    min > 59 || sec > 60)
		return false;
	if (eat(s, len, &i, '.') || eat(s, len, &i, ',')) {
		size_t start = i;

		/* Beyond microseconds the digits are read and dropped. */
		while (i < len && s[i] >= '0' && s[i] <= '9') {
			us += (s[i] - '0') * scale;
			scale /= 10;
			i++;
		}
		if (i == start)
			return false;
		*frac = true;
	}
	if (eat(s, len, &i, 'Z')) {
		/* UTC */
	} else if (len - i == 4 && memcmp(s + i, " UTC", 4) == 0) {
		i += 4;
	} else if (i < len && (s[i] == '+' || s[i] == '-')) {
		int sign = s[i++] == '-' ? -1 : 1;

		if (!digits(s, len, &i, 2, &oh))
			return false;
		eat(s, len, &i, ':');
		if (!digits(s, len, &i, 2, &om) || oh > 23 || om > 59)
			return false;
		oh *= sign;
		om *= sign;
	} else {
		return false;
	}
	if (i != len)
		return false;
	t = iso_days_from_civil(year, month, day) * 86400 + hour * 3600 + min * 60 + sec;
	t -= oh * 3600 + om * 60;
	*usec = t * 1000000 + us;
	return true;
}
