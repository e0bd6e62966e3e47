/*
 * top-markup.c: the in-band markup of top's lines (see top-markup.h):
 * fitting a line to a width by whole fields, measuring it, stripping it.
 */
#include "config.h"

#include <string.h>

#include "lib/escape.h"
#include "view/top-markup.h"

#define MAX_FIELDS 32
#define FIELD_KEEP 10		/* the text before a line's first field */

void
top_view_style(struct buf *out, enum tv_style s)
{
	buf_putc(out, TV_STYLE);
	buf_putc(out, (char)s);
}

void
top_view_field(struct buf *out, int prio)
{
	buf_putc(out, TV_FIELD);
	buf_putc(out, (char)('0' + (prio < 1 ? 1 : prio > 9 ? 9 : prio)));
}

static bool
is_mark(char c)
{
	return c == TV_FIELD || c == TV_STYLE;
}

void
top_view_plain(struct buf *out, size_t from)
{
	size_t i, o;

	for (i = o = from; i < out->len; i++) {
		if (is_mark(out->data[i]) && i + 1 < out->len) {
			i++;
			continue;
		}
		out->data[o++] = out->data[i];
	}
	out->len = o;
	if (out->data != NULL)
		out->data[o] = '\0';
}

size_t
top_view_width(const char *s, size_t len)
{
	size_t i = 0, w = 0;

	while (i < len) {
		size_t j = i;

		if (is_mark(s[i])) {
			i += 2;
			continue;
		}
		while (j < len && !is_mark(s[j]))
			j++;
		w += escaped_width(s + i, j - i);
		i = j;
	}
	return w;
}

/*
 * Where to cut text with markup so that it takes at most cols columns,
 * after a whole clause ("; "), else a whole item (", "), else a whole
 * word; a single word wider than cols is cut at cols.  Returns a byte
 * offset into s.
 */
static size_t
cut_point(const char *s, size_t len, size_t cols)
{
	size_t i = 0, w = 0, semi = 0, comma = 0, space = 0, hard = 0;

	while (i < len) {
		unsigned cp;
		size_t n, cw;

		if (is_mark(s[i])) {
			i += 2;
			continue;
		}
		/* One character (escaped text is valid UTF-8; anything else a byte). */
		n = utf8_decode((const unsigned char *)s + i, len - i, &cp);
		n = n == 0 ? 1 : n;
		cw = escaped_width(s + i, n);
		if (w + cw > cols)
			break;
		if (s[i] == ' ') {
			space = i;
			if (i > 0 && s[i - 1] == ';')
				semi = i - 1;
			else if (i > 0 && s[i - 1] == ',')
				comma = i - 1;
		}
		w += cw;
		i += n;
		hard = i;
	}
	if (i >= len)
		return len;
	/* A break right at the limit counts too. */
	if (s[i] == ' ' || s[i] == ';' || s[i] == ',')
		space = i;
	return semi ? semi : comma ? comma : space ? space : hard;
}

/*
 * Fit the line out[from..] to width columns (0: no limit): drop fields,
 * lowest priority first, then cut what is left at a clause or word.
 * Field marks are removed; styles stay.
 */
static void
fit_line(struct buf *out, size_t from, size_t width)
{
	size_t start[MAX_FIELDS + 1], cols[MAX_FIELDS + 1], total = 0, n = 0, i, o;
	int prio[MAX_FIELDS + 1];
	bool drop[MAX_FIELDS + 1];
	char *s = out->data + from;
	size_t len = out->len - from;

	if (out->data == NULL)
		return;
	/* The fields: [start[k], start[k + 1]), their marks excluded. */
	start[0] = 0;
	prio[0] = FIELD_KEEP;
	for (i = 0; i + 1 < len && n < MAX_FIELDS; i++)
		if (s[i] == TV_FIELD) {
			n++;
			start[n] = i;
			prio[n] = s[i + 1] - '0';
			i++;
		}
	for (i = 0; i <= n; i++) {
		size_t end = i < n ? start[i + 1] : len;

		cols[i] = top_view_width(s + start[i], end - start[i]);
		total += cols[i];
		drop[i] = false;
	}
	while (width && total > width) {
		size_t worst = 0;

		for (i = 1; i <= n; i++)
			if (!drop[i] && prio[i] < FIELD_KEEP && (worst == 0 || prio[i] <= prio[worst]))
				worst = i;
		if (worst == 0)
			break;
		drop[worst] = true;
		total -= cols[worst];
	}
	/* Keep the fields left, without their marks. */
	for (i = 0, o = 0; i <= n; i++) {
		size_t a = start[i] + (i > 0 ? 2 : 0), end = i < n ? start[i + 1] : len;

		if (drop[i] || end <= a)
			continue;
		memmove(s + o, s + a, end - a);
		o += end - a;
	}
	out->len = from + o;
	out->data[out->len] = '\0';
	if (width && total > width) {
		out->len = from + cut_point(s, o, width);
		out->data[out->len] = '\0';
		/* A cut may fall inside a styled run. */
		top_view_style(out, TV_PLAIN);
	}
}

void
top_view_fit(struct buf *out, size_t from, size_t width)
{
	fit_line(out, from, width);
}
