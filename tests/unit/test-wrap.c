/* test-wrap: prose breaks between words at a width, never inside one. */
#include "config.h"

#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lib/escape.h"
#include "lib/wrap.h"
#include "tap.h"

static const char *
words(const char *s, size_t col, size_t width, size_t indent, size_t *end_col)
{
	static struct buf b;
	size_t c;

	buf_reset(&b);
	c = wrap_words(&b, s, strlen(s), col, width, indent);
	if (end_col != NULL)
		*end_col = c;
	return buf_str(&b);
}

static const char *
block(const char *s, size_t width, size_t indent)
{
	static struct buf b;

	buf_reset(&b);
	wrap_block(&b, s, strlen(s), width, indent);
	return buf_str(&b);
}

/*
 * Random prose wrapped at every width from 1 to 120: the words come out
 * whole and in order (the text without its line breaks and indents is the
 * text), and a line is wider than the width only when it holds one word.
 */
static void
check_random(void)
{
	struct buf in = BUF_INIT, out = BUF_INIT, joined = BUF_INIT;
	unsigned seed = 12345;
	size_t width, bad_words = 0, bad_lines = 0, lines = 0;
	int round;

	for (round = 0; round < 50; round++) {
		size_t nwords = 1 + (seed = seed * 1103515245 + 12345) % 60, k;

		buf_reset(&in);
		for (k = 0; k < nwords; k++) {
			size_t len = 1 + (seed = seed * 1103515245 + 12345) % 30, c;

			if (k > 0)
				buf_putc(&in, ' ');
			for (c = 0; c < len; c++)
				buf_putc(&in, (char)('0' + (seed = seed * 1103515245 + 12345) % 10));
		}
		for (width = 1; width <= 120; width++) {
			size_t lim = width < WRAP_MIN_WIDTH ? WRAP_MIN_WIDTH : width;
			size_t indent = (size_t)round % 5;
			const char *p, *nl;

			buf_reset(&out);
			buf_reset(&joined);
			wrap_words(&out, in.data, in.len, 0, width, indent);
			for (p = buf_str(&out); *p != '\0'; p = nl + 1) {
				size_t n;
				const char *sp;

				nl = strchr(p, '\n');
				if (nl == NULL)
					nl = p + strlen(p);
				n = (size_t)(nl - p);
				lines++;
				sp = memchr(p, ' ', n);
				if (p != buf_str(&out)) {
					/* A continuation: its indent, then a word. */
					if (n < indent || strspn(p, " ") != indent)
						bad_lines++;
					sp = memchr(p + indent, ' ', n - indent);
				}
				if (n > lim && sp != NULL)
					bad_lines++;
				if (joined.len > 0)
					buf_putc(&joined, ' ');
				buf_add(&joined, p + strspn(p, " "), n - strspn(p, " "));
				if (*nl == '\0')
					break;
			}
			if (joined.len != in.len || memcmp(joined.data, in.data, in.len) != 0)
				bad_words++;
		}
	}
	is_int(bad_words, 0, "random prose at widths 1-120: every word whole, in order");
	is_int(bad_lines, 0, "random prose: no line over the width but one word, continuations indented "
	    "(%zu lines)", lines);
	buf_free(&in);
	buf_free(&out);
	buf_free(&joined);
}

/*
 * The rule of wrap.h, word by word, for ASCII text (a column per byte):
 * the reference the wrapper's layout must equal.
 */
static size_t
ref_wrap(struct buf *out, const char *s, size_t len, size_t col, size_t width, size_t indent)
{
	size_t i = 0, k;
	bool first = true;

	if (width < WRAP_MIN_WIDTH)
		width = WRAP_MIN_WIDTH;
	if (indent >= width / 2)
		indent = width / 2;
	while (i < len) {
		size_t b = i, w, n;

		while (i < len && s[i] == ' ')
			i++;
		if (i == len)
			break;
		w = i;
		while (i < len && s[i] != ' ')
			i++;
		n = i - w;
		if (!first && col + (w - b) + n > width) {
			buf_putc(out, '\n');
			for (k = 0; k < indent; k++)
				buf_putc(out, ' ');
			col = indent;
		} else {
			for (k = 0; k < w - b; k++)
				buf_putc(out, ' ');
			col += w - b;
		}
		buf_add(out, s + w, n);
		col += n;
		first = false;
	}
	return col;
}

/*
 * Random ASCII text (runs of blanks, leading and trailing ones, long
 * words) at random columns, widths and indents: laid out as ref_wrap()
 * does, to the byte and the column.
 */
static void
check_reference(void)
{
	struct buf in = BUF_INIT, out = BUF_INIT, ref = BUF_INIT, asc = BUF_INIT;
	unsigned seed = 777;
	size_t bad = 0, bad_col = 0, bad_ascii = 0;
	int round;

	for (round = 0; round < 20000; round++) {
		size_t n = (seed = seed * 1103515245 + 12345) % 200, k;
		size_t col = (seed = seed * 1103515245 + 12345) % 130;
		size_t width = 1 + (seed = seed * 1103515245 + 12345) % 120;
		size_t indent = (seed = seed * 1103515245 + 12345) % 70;
		size_t c1, c2;

		buf_reset(&in);
		for (k = 0; k < n; k++) {
			unsigned r = (seed = seed * 1103515245 + 12345) >> 16;

			buf_putc(&in, r % 5 == 0 ? ' ' : (char)('a' + r % 26));
		}
		buf_reset(&out);
		buf_reset(&ref);
		c1 = wrap_words(&out, buf_str(&in), in.len, col, width, indent);
		c2 = ref_wrap(&ref, buf_str(&in), in.len, col, width, indent);
		if (out.len != ref.len || memcmp(buf_str(&out), buf_str(&ref), out.len) != 0)
			bad++;
		if (c1 != c2)
			bad_col++;
		/* wrap_words_ascii(), told the text is ASCII: the same layout and column. */
		buf_reset(&asc);
		if (wrap_words_ascii(&asc, buf_str(&in), in.len, col, width, indent) != c2 ||
		    asc.len != ref.len || memcmp(buf_str(&asc), buf_str(&ref), asc.len) != 0)
			bad_ascii++;
	}
	is_int(bad, 0, "random ASCII text, columns, widths, indents: the reference layout");
	is_int(bad_col, 0, "random ASCII text: the reference column after it");
	is_int(bad_ascii, 0, "random ASCII text: wrap_words_ascii() lays it out the same");
	buf_free(&asc);
	buf_free(&in);
	buf_free(&out);
	buf_free(&ref);
}

int
main(void)
{
	size_t col;

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		tap_skip_all("no C.UTF-8 locale");
	escape_init();

	is_str(words("a short line", 0, 80, 0, &col), "a short line", "fits: unchanged");
	is_int(col, 12, "the column after it");
	is_str(words("a b", 0, 0, 4, NULL), "a b", "width 0: no breaks");
	/* 20 columns: "adj 1000 x (totalpages/1000" is 27. */
	is_str(words("adj 1000 x +6170000 pages; points 6175536", 0, 20, 2, &col),
	    "adj 1000 x +6170000\n  pages; points\n  6175536", "numbers stay whole, breaks at blanks");
	is_int(col, 9, "the column after a continuation line");
	is_str(words("1234567890 1234567890", 0, 21, 0, NULL), "1234567890 1234567890",
	    "exactly the width fits");
	is_str(words("1234567890 12345678901", 0, 21, 0, NULL), "1234567890\n12345678901",
	    "one column more breaks");
	is_str(words("at /var/log/containers/forum-7d9f_default_app-0123456789abcdef.log:4 end",
	    0, 30, 4, NULL),
	    "at\n    /var/log/containers/forum-7d9f_default_app-0123456789abcdef.log:4\n    end",
	    "a path longer than a line: alone on its line, whole");
	is_str(words("label value that goes on", 12, 24, 12, NULL), "label value\n            that goes on",
	    "starting at a column: continuation under it");
	is_str(words("first", 70, 20, 0, NULL), "first", "the first word stays where it starts");
	is_str(words("a  b   c", 0, 80, 0, NULL), "a  b   c", "blanks between words kept");
	is_str(words("aaaaaaaaaa   bbbbbbbbbbbb", 0, 20, 0, NULL), "aaaaaaaaaa\nbbbbbbbbbbbb",
	    "blanks at a break dropped");
	is_str(words("  lead and trail  ", 0, 80, 0, NULL), "  lead and trail",
	    "leading blanks kept, trailing dropped");
	is_str(words("x", 0, 5, 0, NULL), "x", "narrower than WRAP_MIN_WIDTH: laid out at it");
	is_str(words("aaaa bbbb cccc dddd eeee ffff", 0, 5, 0, NULL), "aaaa bbbb cccc dddd\neeee ffff",
	    "a width of 5 is taken as 20");
	is_str(words("aaaaa bbbbb ccccc ddddd", 0, 20, 15, NULL), "aaaaa bbbbb ccccc\n          ddddd",
	    "an indent of half the width or more is cut to half");
	/* 中文 is two characters of two columns each: 4 columns, 6 bytes. */
	is_str(words("\xe4\xb8\xad\xe6\x96\x87 \xe4\xb8\xad\xe6\x96\x87 \xe4\xb8\xad\xe6\x96\x87 "
	    "\xe4\xb8\xad\xe6\x96\x87 abcd", 0, 20, 0, NULL),
	    "\xe4\xb8\xad\xe6\x96\x87 \xe4\xb8\xad\xe6\x96\x87 \xe4\xb8\xad\xe6\x96\x87 "
	    "\xe4\xb8\xad\xe6\x96\x87\nabcd", "wide characters count two columns");
	is_str(words("\\x1b[31m \\xff", 0, 80, 0, NULL), "\\x1b[31m \\xff",
	    "escaped text is measured as it shows");

	is_str(block("", 40, 2), "", "block: empty");
	is_str(block("one\n\ntwo\n", 40, 2), "one\n\ntwo\n", "block: blank lines and the final newline kept");
	is_str(block("would-be victim: 4578 (hogC): rss 22M + swap 0 = 5536 pages\n", 30, 2),
	    "would-be victim: 4578 (hogC):\n  rss 22M + swap 0 = 5536\n  pages\n",
	    "block: continuation lines indented");
	is_str(block("    pids: 1 2 3 4 5 6 7 8 9 10 11 12 13\nnext line\n", 24, 0),
	    "    pids: 1 2 3 4 5 6 7\n    8 9 10 11 12 13\nnext line\n",
	    "block: continuation under the line's own leading blanks");
	is_str(block("a b c", 0, 2), "a b c", "block: width 0 copies");
	check_random();
	check_reference();
	return tap_done();
}
