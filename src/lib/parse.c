/* parse.c: bounded scanning helpers for kernel text. */
#include "config.h"

#include <string.h>

#include "lib/parse.h"

void
lines_init(struct lines *it, const char *buf, size_t len)
{
	it->p = buf;
	it->end = buf + len;
	it->lineno = 0;
}

bool
lines_next(struct lines *it, const char **line, size_t *len)
{
	const char *nl;

	if (it->p >= it->end)
		return false;
	nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
	*line = it->p;
	if (nl == NULL) {
		*len = (size_t)(it->end - it->p);
		it->p = it->end;
	} else {
		*len = (size_t)(nl - it->p);
		it->p = nl + 1;
	}
	it->lineno++;
	return true;
}

bool
next_field(const char **p, const char *end, const char **f, const char **fend)
{
	const char *s = skip_blanks(*p, end);

	if (s >= end)
		return false;
	*f = s;
	while (s < end && *s != ' ' && *s != '\t')
		s++;
	*fend = s;
	*p = s;
	return true;
}

bool
scan_hex(const char **pp, const char *end, uint64_t *out)
{
	const char *p = skip_blanks(*pp, end);
	uint64_t v = 0;
	bool any = false;

	if (end - p >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	for (; p < end; p++) {
		unsigned d;

		if (*p >= '0' && *p <= '9')
			d = (unsigned)(*p - '0');
		else if (*p >= 'a' && *p <= 'f')
			d = (unsigned)(*p - 'a' + 10);
		else if (*p >= 'A' && *p <= 'F')
			d = (unsigned)(*p - 'A' + 10);
		else
			break;
		if (v >> 60)
			return false;
		v = v << 4 | d;
		any = true;
	}
	if (!any)
		return false;
	*out = v;
	*pp = p;
	return true;
}

bool
scan_centi(const char **pp, const char *end, uint64_t *out)
{
	const char *p = *pp;
	uint64_t whole, frac = 0;
	int digits = 0;

	if (!scan_u64(&p, end, &whole) || whole > UINT64_MAX / 100)
		return false;
	if (p < end && *p == '.') {
		p++;
		while (p < end && *p >= '0' && *p <= '9') {
			if (digits < 2) {
				frac = frac * 10 + (uint64_t)(*p - '0');
				digits++;
			}
			p++;
		}
	}
	while (digits++ < 2)
		frac *= 10;
	*out = whole * 100 + frac;
	*pp = p;
	return true;
}

bool
starts_with(const char *p, const char *end, const char *prefix)
{
	size_t n = strlen(prefix);

	return (size_t)(end - p) >= n && memcmp(p, prefix, n) == 0;
}

bool
kv_number(const char *line, size_t len, const char *key, uint64_t *out)
{
	size_t klen = strlen(key);
	const char *p = line + klen, *end = line + len;

	if (len <= klen || memcmp(line, key, klen) != 0 || *p != ':')
		return false;
	p++;
	return scan_u64(&p, end, out);
}

/*
 * A decimal "12" or "12.345" scaled by 10^digits, at most `digits`
 * fractional digits.  *p advances past it.  False on no digit, too many
 * fractional digits or overflow.
 */
bool
scan_decimal(const char **pp, const char *end, int digits, uint64_t *out)
{
	const char *p = *pp;
	uint64_t v = 0;
	int frac = 0;
	bool any = false;

	while (p < end && *p >= '0' && *p <= '9') {
		if (v > (UINT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (uint64_t)(*p++ - '0');
		any = true;
	}
	if (p < end && *p == '.') {
		p++;
		if (p >= end || *p < '0' || *p > '9')
			return false;	/* "1." : a point needs digits */
		while (p < end && *p >= '0' && *p <= '9') {
			if (++frac > digits || v > (UINT64_MAX - 9) / 10)
				return false;
			v = v * 10 + (uint64_t)(*p++ - '0');
			any = true;
		}
	}
	if (!any)
		return false;
	while (frac++ < digits) {
		if (v > UINT64_MAX / 10)
			return false;
		v *= 10;
	}
	*out = v;
	*pp = p;
	return true;
}

bool
scan_size(const char **pp, const char *end, uint64_t *bytes)
{
	static const char units[] = "KMGTP";
	const char *p = *pp, *u;
	uint64_t milli, mult = 1;

	if (!scan_decimal(&p, end, 3, &milli))
		return false;
	if (p < end && (u = memchr(units, *p >= 'a' ? *p - 32 : *p, 5)) != NULL && *p != '\0') {
		int i;

		for (i = 0; i <= u - units; i++)
			mult *= 1024;
		p++;
		if (p < end && *p == 'i')
			p++;
		if (p < end && (*p == 'B' || *p == 'b'))
			p++;
	} else if (p < end && (*p == 'B' || *p == 'b')) {
		p++;
	}
	/* bytes = milli * mult / 1000, without overflow for sane values. */
	if (milli / 1000 > UINT64_MAX / mult)
		return false;
	*bytes = milli / 1000 * mult + milli % 1000 * mult / 1000;
	if (mult == 1 && milli % 1000 != 0)
		return false;	/* fractions of a byte */
	*pp = p;
	return true;
}

bool
parse_size(const char *p, const char *end, uint64_t *bytes)
{
	return scan_size(&p, end, bytes) && p == end;
}
