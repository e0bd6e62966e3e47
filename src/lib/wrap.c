/* wrap.c: prose broken between words at a width (wrap.h). */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "lib/escape.h"
#include "lib/wrap.h"

/*
 * A line break and indent blanks: one reservation, and for the usual
 * indents (up to 15) one fixed-size copy, not a memset() call.
 */
static void
put_break(struct buf *out, size_t indent)
{
	char *o;

	if (indent > 15) {
		buf_putc(out, '\n');
		buf_fill(out, ' ', indent);
		return;
	}
	if (out->len + 17 > out->cap)
		buf_reserve(out, 16);
	o = out->data + out->len;
	memcpy(o, "\n               ", 16);
	out->len += 1 + indent;
	out->data[out->len] = '\0';
}

/*
 * The text goes out as it came, but at each break the blanks before the
 * word become a newline and the indent, and trailing blanks are dropped:
 * so it is copied a run at a time, from break to break, not word by word.
 * Any text, any width: each word measured in turn.
 */
static size_t
wrap_each(struct buf *out, const char *s, size_t len, size_t col, size_t width, size_t indent)
{
	const char *p = s, *end = s + len, *run = s, *run_end = s;
	bool first = true;

	while (p < end) {
		const char *gap = p, *word;
		size_t ww;
		bool ascii;

		while (p < end && *p == ' ')
			p++;
		if (p == end)
			break;		/* trailing blanks */
		word = p;
		ascii = true;
		while (p < end && *p != ' ') {
			ascii &= (unsigned char)*p < 0x80;
			p++;
		}
		/* ASCII has a column per byte: no second pass over the word. */
		ww = ascii ? (size_t)(p - word) : escaped_width(word, (size_t)(p - word));
		if (!first && width != 0 && col + (size_t)(word - gap) + ww > width) {
			buf_add(out, run, (size_t)(gap - run));
			put_break(out, indent);
			col = indent;
			run = word;
		} else {
			col += (size_t)(word - gap);
		}
		run_end = p;
		col += ww;
		first = false;
	}
	buf_add(out, run, (size_t)(run_end - run));
	return col;
}

static bool
all_ascii(const char *s, size_t len)
{
	size_t i = 0;
	uint64_t acc = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t x;

		memcpy(&x, s + i, 8);
		acc |= x;
	}
	for (; i < len; i++)
		acc |= (unsigned char)s[i];
	return (acc & 0x8080808080808080ull) == 0;
}

/*
 * wrap_each() for ASCII text, a column per byte: a line that starts with
 * the word at w, in column col, can hold the text up to byte w + width -
 * col, so the word that breaks is the one at (or the first after) that
 * byte, found from there: the words before it are neither measured nor
 * walked (wrap_words() was a quarter of explain's text view on the dense
 * bench log, callgrind, most of it that word-by-word walk; and perf put
 * most of what was left on a walk over each line's first word).  Same
 * layout as wrap_each().
 */
static size_t
wrap_ascii(struct buf *out, const char *s, size_t len, size_t col, size_t width, size_t indent)
{
	const char *end = s + len, *last, *run = s, *w, *lim, *p, *gap;

	/* The text without its trailing blanks; the first word stays where it is. */
	for (last = end; last > s && last[-1] == ' '; last--)
		;
	for (w = s; w < last && *w == ' '; w++)
		;
	if (w == last)
		return col;	/* blanks only: nothing goes out */
	col += (size_t)(w - s);
	/* The line from the word at w (column col) holds the text before lim. */
	while (col > width || (size_t)(last - w) > width - col) {
		lim = col < width ? w + (width - col) : w;	/* before last */
		if (*lim != ' ') {
			/* Back to the start of the word at lim: the break is before it... */
			for (p = lim; p > w && p[-1] != ' '; p--)
				;
			if (p == w) {
				/* ...unless it is the word at w: after that one, then. */
				for (p = lim; p < last && *p != ' '; p++)
					;
				if (p == last)
					break;	/* the last word */
			}
			lim = p;
		}
		/* The next line's first word, and the end of this line's last one. */
		for (p = lim; *p == ' '; p++)
			;
		for (gap = p; gap[-1] == ' '; gap--)
			;
		buf_add(out, run, (size_t)(gap - run));
		put_break(out, indent);
		run = w = p;
		col = indent;
	}
	buf_add(out, run, (size_t)(last - run));
	return col + (size_t)(last - w);
}

/* The width and indent every layout uses: a floor under the width, the indent at most half of it. */
static void
clamp(size_t *width, size_t *indent)
{
	if (*width != 0 && *width < WRAP_MIN_WIDTH)
		*width = WRAP_MIN_WIDTH;
	if (*width != 0 && *indent >= *width / 2)
		*indent = *width / 2;
}

size_t
wrap_words(struct buf *out, const char *s, size_t len, size_t col, size_t width, size_t indent)
{
	clamp(&width, &indent);
	if (width != 0 && all_ascii(s, len))
		return wrap_ascii(out, s, len, col, width, indent);
	return wrap_each(out, s, len, col, width, indent);
}

size_t
wrap_words_ascii(struct buf *out, const char *s, size_t len, size_t col, size_t width,
    size_t indent)
{
	clamp(&width, &indent);
	if (width != 0)
		return wrap_ascii(out, s, len, col, width, indent);
	return wrap_each(out, s, len, col, width, indent);
}

void
wrap_block(struct buf *out, const char *s, size_t len, size_t width, size_t indent)
{
	const char *p = s, *end = s + len;

	if (len == 0)
		return;
	if (width == 0) {
		buf_add(out, s, len);
		return;
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl != NULL ? nl : end, *text = p;

		while (text < eol && *text == ' ')
			text++;
		buf_add(out, p, (size_t)(text - p));
		wrap_words(out, text, (size_t)(eol - text), (size_t)(text - p), width,
		    (size_t)(text - p) + indent);
		if (nl == NULL)
			break;
		buf_putc(out, '\n');
		p = nl + 1;
	}
}
