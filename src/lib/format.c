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

const char *
fmt_kb(char *buf, uint64_t kb)
{
	static const char units[] = "KMGTPEZ";
	double v = (double)kb;
	int u = 0;

	if (kb == 0) {
		snprintf(buf, FMT_KB_LEN, "0");
		return buf;
	}
	while (v >= 1024 && u < 6) {
		v /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(buf, FMT_KB_LEN, "%" PRIu64 "K", kb);
	else if (v < 9.95)
		snprintf(buf, FMT_KB_LEN, "%.1f%c", v, units[u]);
	else
		snprintf(buf, FMT_KB_LEN, "%.0f%c", v, units[u]);
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
