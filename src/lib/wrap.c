/* wrap.c: prose broken between words at a width (wrap.h). */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "lib/escape.h"
#include "lib/wrap.h"

static void
spaces(struct buf *out, size_t n)
{
	static const char blanks[] = "                                ";

	while (n > 0) {
		size_t k = n < sizeof(blanks) - 1 ? n : sizeof(blanks) - 1;

		buf_add(out, blanks, k);
		n -= k;
	}
}

/*
 * The text goes out as it came, but at each break the blanks before the
 * word become a newline and the indent, and trailing blanks are dropped:
 * so it is copied a run at a time, from break to break, not word by word.
 */
size_t
wrap_words(struct buf *out, const char *s, size_t len, size_t col, size_t width, size_t indent)
{
	const char *p = s, *end = s + len, *run = s, *run_end = s;
	bool first = true;

	if (width != 0 && width < WRAP_MIN_WIDTH)
		width = WRAP_MIN_WIDTH;
	if (width != 0 && indent >= width / 2)
		indent = width / 2;
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
			buf_putc(out, '\n');
			spaces(out, indent);
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
