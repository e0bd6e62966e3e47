/*
 * parse.h: bounded scanning helpers for kernel text.  Every parser in
 * oomrisk takes (buf, len) that need not be NUL-terminated and may hold any
 * bytes; these helpers never read past end and report overflow.
 */
#ifndef OOMRISK_LIB_PARSE_H
#define OOMRISK_LIB_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Walks a buffer line by line; lineno counts from 1. */
struct lines {
	const char *p, *end;
	unsigned lineno;
};

void lines_init(struct lines *it, const char *buf, size_t len);
/* Next line without its '\n'; false at the end. */
bool lines_next(struct lines *it, const char **line, size_t *len);

/*
 * The first byte at or after p that is not a blank (space or tab).  Inline:
 * the log parsers call it a dozen times per line (on a dense log the calls
 * cost more than the loops, callgrind).
 */
static inline const char *
skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* End of the space-delimited token at p (p itself when p is at a space). */
static inline const char *
token_end(const char *p, const char *end)
{
	while (p < end && *p != ' ')
		p++;
	return p;
}
/*
 * Decimal numbers.  Leading blanks are skipped; *p advances past the digits.
 * False when there is no digit or the value does not fit.
 */
static inline bool
scan_u64(const char **pp, const char *end, uint64_t *out)
{
	const char *p = skip_blanks(*pp, end);
	uint64_t v = 0;
	bool any = false;

	while (p < end && *p >= '0' && *p <= '9') {
		unsigned d = (unsigned)(*p - '0');

		/* UINT64_MAX is 1844674407370955161 * 10 + 5 */
		if (v >= UINT64_C(1844674407370955161) &&
		    (v > UINT64_C(1844674407370955161) || d > 5))
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

static inline bool
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

bool scan_hex(const char **p, const char *end, uint64_t *out);	/* optional 0x */
/* Fixed-point "12.34" as hundredths (PSI averages). */
bool scan_centi(const char **p, const char *end, uint64_t *out);

/*
 * The next field of [*p, end) separated by blanks (spaces or tabs): its
 * start in *f and end in *fend; *p advances past it.  False at the end.
 */
bool next_field(const char **p, const char *end, const char **f, const char **fend);

/* Does [p,end) start with the NUL-terminated prefix? */
bool starts_with(const char *p, const char *end, const char *prefix);
/* First occurrence of the needle of n bytes in [p,end), or NULL. */
static inline const char *
find_strn(const char *p, const char *end, const char *needle, size_t n)
{
	/*
	 * memchr() for the needle's first byte that is no blank or quote:
	 * those are every few bytes of a log line (and of a JSON object), and
	 * each false candidate costs a call (" invoked oom-killer:" is looked
	 * for in every line that may start a report, "\"MESSAGE\"" in every
	 * JSON line; callgrind, explain's bench).  Its neighbour is compared
	 * inline: most candidates fail there.  Inline, so that for a needle
	 * known when compiling the choice of those two bytes is made then.
	 */
	size_t k = 0, j;

	if (n == 0)
		return p;
	while (k + 1 < n && (needle[k] == ' ' || needle[k] == '"'))
		k++;
	j = k + 1 < n ? k + 1 : k > 0 ? k - 1 : 0;
	while ((size_t)(end - p) >= n) {
		const char *c = (const char *)memchr(p + k, needle[k], (size_t)(end - p) - n + 1);

		if (c == NULL)
			return NULL;
		c -= k;
		if (c[j] == needle[j] && memcmp(c, needle, n) == 0)
			return c;
		p = c + 1;
	}
	return NULL;
}

/* First occurrence of needle (NUL-terminated) in [p,end), or NULL. */
static inline const char *
find_str(const char *p, const char *end, const char *needle)
{
	return find_strn(p, end, needle, strlen(needle));
}

/*
 * "Key:   1234 kB" style lines (meminfo, status).  On a line whose key is
 * exactly key, store the number; returns false if the key differs or no
 * number follows.
 */
bool kv_number(const char *line, size_t len, const char *key, uint64_t *out);

/*
 * A decimal "12" or "12.345" scaled by 10^digits (at most `digits`
 * fractional digits; a point needs digits after it).  *p advances past
 * it.  False on no digit, too many fractional digits or overflow.
 */
bool scan_decimal(const char **p, const char *end, int digits, uint64_t *out);

/*
 * A size: a decimal with up to three fractional digits and an optional
 * binary unit K, M, G, T or P (1024-based; "Ki"/"KiB"/"KB"/"k" alike) or
 * B; no fraction of a byte.  *p advances past it.
 */
bool scan_size(const char **p, const char *end, uint64_t *bytes);

/* The whole of [p, end) is a size as scan_size() reads it. */
bool parse_size(const char *p, const char *end, uint64_t *bytes);

/* Saturating arithmetic for values taken from untrusted text. */
static inline uint64_t
sat_add(uint64_t a, uint64_t b)
{
	return a + b < a ? UINT64_MAX : a + b;
}

static inline uint64_t
sat_mul(uint64_t a, uint64_t b)
{
	return b != 0 && a > UINT64_MAX / b ? UINT64_MAX : a * b;
}

/* The value of a hex digit (either case), or -1. */
static inline int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#endif
