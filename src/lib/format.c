/* format.c: shared output conventions. */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/escape.h"
#include "lib/format.h"

int
format_parse(const char *s)
{
	if (strcmp(s, "text") == 0)
		return FORMAT_TEXT;
	if (strcmp(s, "json") == 0)
		return FORMAT_JSON;
	if (strcmp(s, "csv") == 0)
		return FORMAT_CSV;
	return -1;
}

/*
 * x / 2^shift rounded to the nearest integer, ties to even: what printf's
 * "%.0f" prints for that exact binary value (glibc rounds correctly, in the
 * default rounding mode).
 */
static uint64_t
round_shift(uint64_t x, unsigned shift)
{
	uint64_t q = x >> shift, r = x & (((uint64_t)1 << shift) - 1);
	uint64_t half = (uint64_t)1 << (shift - 1);

	return q + (r > half || (r == half && (q & 1)));
}

const char *
fmt_real(char *buf, double v)
{
	int prec;

	buf[0] = '\0';
	if (!isfinite(v))
		return buf;
	/* The fewest digits that read back as v (17 always do for a double). */
	for (prec = 15; prec < 17; prec++) {
		snprintf(buf, FMT_REAL_LEN, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			return buf;
	}
	snprintf(buf, FMT_REAL_LEN, "%.17g", v);
	return buf;
}

size_t
fmt_kb_len(char *buf, uint64_t kb)
{
	static const double below_ten[] = { 9.95, 9.95 * 1024.0, 9.95 * 1048576.0,
	    9.95 * 1073741824.0, 9.95 * 1099511627776.0, 9.95 * 1125899906842624.0 };
	static const char units[] = "KMGTPEZ";
	double v;
	unsigned u;
	char *w;

	if (kb == 0) {
		buf[0] = '0';
		buf[1] = '\0';
		return 1;
	}
	if (kb < 1024) {
		/* "%" PRIu64 "K" without printf: the small sizes of zone tables. */
		w = buf_dec(buf, kb);
		*w++ = 'K';
		*w = '\0';
		return (size_t)(w - buf);
	}
	if (kb >= (uint64_t)1 << 53) {
		/* Not exact in a double: printf's own rounding of it. */
		for (v = (double)kb, u = 0; v >= 1024 && u < 6; u++)
			v /= 1024;
		if (v < 9.95)
			return (size_t)snprintf(buf, FMT_KB_LEN, "%.1f%c", v, units[u]);
		return (size_t)snprintf(buf, FMT_KB_LEN, "%.0f%c", v, units[u]);
	}
	/*
	 * Below 2^53 each division by 1024 is exact, so the unit is the number
	 * of whole 10-bit steps in kb's highest bit (at most 5 here), and v =
	 * kb / 2^(10u) exactly: no loop of divisions.  The digits printf would
	 * print, by integer rounding (explain formats a dozen sizes per
	 * report; snprintf was a tenth of explaining one, callgrind).
	 * tests/unit/test-format.c holds this to snprintf.
	 */
	u = (unsigned)(63 - __builtin_clzll(kb)) / 10;
	w = buf;
	/*
	 * v < 9.95 with v = kb / 2^(10u), without the division (a tenth of
	 * this function's time, perf): both sides scaled by 2^(10u), which is
	 * exact, and so is (double)kb below 2^53.
	 */
	if ((double)kb < below_ten[u]) {
		uint64_t t = round_shift(kb * 10, 10 * u);

		w = buf_dec(w, t / 10);
		*w++ = '.';
		*w++ = (char)('0' + t % 10);
	} else {
		w = buf_dec(w, round_shift(kb, 10 * u));
	}
	*w++ = units[u];
	*w = '\0';
	return (size_t)(w - buf);
}

const char *
fmt_kb(char *buf, uint64_t kb)
{
	fmt_kb_len(buf, kb);
	return buf;
}

const char *
fmt_count(char *buf, uint64_t n)
{
	char digits[21];
	int len = snprintf(digits, sizeof(digits), "%" PRIu64, n), i, o = 0;

	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

void
csv_field(struct buf *out, const char *s, size_t len)
{
	struct buf tmp = BUF_INIT;
	size_t i;
	bool quote = false;

	escape_text(&tmp, s, len, 0);
	for (i = 0; i < tmp.len; i++)
		if (tmp.data[i] == ',' || tmp.data[i] == '"' || tmp.data[i] == ' ')
			quote = true;
	if (!quote) {
		buf_add(out, buf_str(&tmp), tmp.len);
	} else {
		buf_putc(out, '"');
		for (i = 0; i < tmp.len; i++) {
			if (tmp.data[i] == '"')
				buf_putc(out, '"');
			buf_putc(out, tmp.data[i]);
		}
		buf_putc(out, '"');
	}
	buf_free(&tmp);
}
