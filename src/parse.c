/* parse.c: bounded scanning helpers for kernel text. */
#include "config.h"

#include <string.h>

#include "parse.h"

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

const char *
skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

const char *
token_end(const char *p, const char *end)
{
	while (p < end && *p != ' ')
		p++;
	return p;
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
scan_u64(const char **pp, const char *end, uint64_t *out)
{
	const char *p = skip_blanks(*pp, end);
	uint64_t v = 0;
	bool any = false;

	while (p < end && *p >= '0' && *p <= '9') {
		unsigned d = (unsigned)(*p - '0');

		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
		any = true;
		p++;
	}
	if (!any)
		return false;
	*out = v;
	*pp = p;
	return true;
}

bool
scan_i64(const char **pp, const char *end, int64_t *out)
{
	const char *p = skip_blanks(*pp, end);
	bool neg = false;
	uint64_t v;

	if (p < end && (*p == '-' || *p == '+')) {
		neg = *p == '-';
		p++;
	}
	if (!scan_u64(&p, end, &v))
		return false;
	if (neg ? v > (uint64_t)INT64_MAX + 1 : v > (uint64_t)INT64_MAX)
		return false;
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	*pp = p;
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

const char *
find_str(const char *p, const char *end, const char *needle)
{
	size_t n = strlen(needle);

	if (n == 0)
		return p;
	while ((size_t)(end - p) >= n) {
		const char *c = memchr(p, needle[0], (size_t)(end - p) - n + 1);

		if (c == NULL)
			return NULL;
		if (memcmp(c, needle, n) == 0)
			return c;
		p = c + 1;
	}
	return NULL;
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

bool
parse_size(const char *p, const char *end, uint64_t *bytes)
{
	static const char units[] = "KMGT";
	const char *u;
	uint64_t whole, frac = 0, scale = 1, mult = 1;
	int shift = 0;

	if (p >= end || *p < '0' || *p > '9' || !scan_u64(&p, end, &whole))
		return false;
	if (p < end && *p == '.') {
		for (p++; p < end && *p >= '0' && *p <= '9'; p++) {
			/* Six digits: a millionth of a unit; more are ignored. */
			if (scale < 1000000) {
				frac = frac * 10 + (uint64_t)(*p - '0');
				scale *= 10;
			}
		}
		if (scale == 1)
			return false;
	}
	if (p < end && (u = memchr(units, *p >= 'a' ? *p - 32 : *p, 4)) != NULL) {
		shift = 10 * (int)(u - units + 1);
		p++;
		if (p < end && *p == 'i')
			p++;
		if (p < end && (*p == 'B' || *p == 'b'))
			p++;
	} else if (p < end && (*p == 'B' || *p == 'b')) {
		p++;
	}
	if (p != end || (scale > 1 && shift == 0))
		return false;
	mult <<= shift;
	if (whole > UINT64_MAX / mult)
		return false;
	/* frac/scale of a unit, rounded down to a byte (frac < 1e6 < 2^20, mult <= 2^40). */
	*bytes = whole * mult;
	if (*bytes > UINT64_MAX - (frac * mult) / scale)
		return false;
	*bytes += frac * mult / scale;
	return true;
}
