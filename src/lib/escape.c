/* escape.c: make untrusted text safe for terminals and JSON. */
#include "config.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "lib/escape.h"

bool escape_utf8;

void
escape_init(void)
{
	const char *cs;

	setlocale(LC_CTYPE, "");
	cs = nl_langinfo(CODESET);
	escape_utf8 = cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

size_t
utf8_decode(const unsigned char *s, size_t len, unsigned *cp)
{
	unsigned c, min;
	size_t n, i;

	if (len == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		n = 2; c &= 0x1f; min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3; c &= 0x0f; min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4; c &= 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* Code points that must never reach a terminal or a JSON string raw. */
static bool
unsafe_cp(unsigned cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	    (cp >= 0x202a && cp <= 0x202e) ||	/* bidi embeddings/overrides */
	    (cp >= 0x2066 && cp <= 0x2069) ||	/* bidi isolates */
	    cp == 0x2028 || cp == 0x2029 ||	/* line/paragraph separators */
	    cp == 0xfeff;			/* BOM / zero-width no-break */
}

static const char *
c_escape(unsigned c)
{
	switch (c) {
	case '\a': return "\\a";
	case '\b': return "\\b";
	case '\t': return "\\t";
	case '\n': return "\\n";
	case '\v': return "\\v";
	case '\f': return "\\f";
	case '\r': return "\\r";
	case 0x1b: return "\\e";
	case '\\': return "\\\\";
	default: return NULL;
	}
}

#ifdef __SSE2__
/*
 * A bit per byte of s[0..16) that is not printable ASCII, or is the
 * backslash, or is `also` (the quote in JSON; the backslash again in text).
 */
static inline unsigned
unplain16(const unsigned char *s, char also)
{
	__m128i b = _mm_loadu_si128((const __m128i *)(const void *)s);

	/* Bytes >= 0x80 are negative as signed: < 0x20 catches them too. */
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(b, _mm_set1_epi8(0x20)),
	    _mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8(0x7f)),
	    _mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8('\\')),
	    _mm_cmpeq_epi8(b, _mm_set1_epi8(also))))));
}
#endif

/*
 * The length of the run at s[0..len) of printable ASCII other than the
 * backslash and `also`: 16 bytes at a time, the last 16 overlapping those
 * already passed (which are plain, so the first bad byte found is past
 * them): no byte loop but for text shorter than 16 bytes.
 */
static inline size_t
run_of_plain(const unsigned char *s, size_t len, char also)
{
	size_t i = 0;

#ifdef __SSE2__
	unsigned m;

	for (; len - i >= 16; i += 16)
		if ((m = unplain16(s + i, also)) != 0)
			return i + (size_t)__builtin_ctz(m);
	if (len >= 16 && i < len) {
		m = unplain16(s + len - 16, also);
		return m != 0 ? len - 16 + (size_t)__builtin_ctz(m) : len;
	}
#endif
	while (i < len && s[i] >= 0x20 && s[i] < 0x7f && s[i] != '\\' && s[i] != also)
		i++;
	return i;
}

/*
 * The length of the run at s (at most len bytes) of printable ASCII other
 * than the backslash: bytes that go out as they are, one column each.
 * Most text is such runs (in terminal text: the plugin modes escape more); decoding and appending it a byte at a time was
 * a quarter of explain's text output (callgrind, the dense bench log).
 */
static size_t
plain_run(const unsigned char *s, size_t len)
{
	return run_of_plain(s, len, '\\');
}

enum escape_mode { ESC_TERMINAL, ESC_PLUGIN, ESC_PLUGIN_LABEL };

/*
 * Characters the monitoring-plugins output format gives a meaning to:
 * '|' starts performance data (on the first line and, for Nagios and
 * Icinga, on any later one); in a perfdata label ' and = end it.  And
 * the backslash: Nagios reads passive results (send_nsca, the external
 * command file) with "\\" and "\n" unescaped, twice over, so a name
 * "\n" would become a line break; plugin text has no backslash but
 * those of \xNN.
 */
static bool
plugin_special(unsigned cp, enum escape_mode mode)
{
	return cp == '|' || cp == '\\' ||
	    (mode == ESC_PLUGIN_LABEL && (cp == '\'' || cp == '='));
}

static size_t
escape_in(struct buf *out, const char *str, size_t len, size_t max_width, enum escape_mode mode)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, width = 0;

	while (i < len) {
		char tmp[16];
		const char *esc = NULL;
		unsigned cp;
		size_t run = mode == ESC_TERMINAL ? plain_run(s + i, len - i) : 0, n = run, w;

		if (run > 0) {
			/* What the code below does for each of them, at once. */
			if (max_width && n > max_width - width)
				n = max_width - width;
			if (n > 0 && out != NULL)
				buf_add(out, s + i, n);
			width += n;
			i += n;
			if (n < run)
				break;	/* the rest does not fit */
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			snprintf(tmp, sizeof(tmp), "\\x%02x", s[i]);
			esc = tmp;
			n = 1;
		} else if (mode != ESC_TERMINAL && (cp < 0x20 || plugin_special(cp, mode))) {
			/* Never "\n" in plugin output (see plugin_special). */
			snprintf(tmp, sizeof(tmp), "\\x%02x", cp);
			esc = tmp;
		} else if ((esc = c_escape(cp)) != NULL) {
			/* already set */
		} else if (unsafe_cp(cp)) {
			if (cp < 0x100)
				snprintf(tmp, sizeof(tmp), "\\x%02x", cp);
			else
				snprintf(tmp, sizeof(tmp), "\\u{%x}", cp);
			esc = tmp;
		} else if (cp >= 0x80 && !escape_utf8) {
			/* Not a UTF-8 terminal: show the bytes, not mojibake. */
			size_t k;

			for (k = 0; k < n; k++) {
				if (max_width && width + 4 > max_width)
					return width;
				snprintf(tmp, sizeof(tmp), "\\x%02x", s[i + k]);
				if (out != NULL)
					buf_puts(out, tmp);
				width += 4;
			}
			i += n;
			continue;
		}
		if (esc != NULL) {
			w = strlen(esc);
			if (max_width && width + w > max_width)
				break;
			if (out != NULL)
				buf_puts(out, esc);
		} else {
			int cw = cp < 0x80 ? 1 : wcwidth((wchar_t)cp);

			/* Unknown width (unassigned): count one column. */
			w = cw < 0 ? 1 : (size_t)cw;
			if (max_width && width + w > max_width)
				break;
			if (out != NULL)
				buf_add(out, s + i, n);
		}
		width += w;
		i += n;
	}
	return width;
}

/* One character of safe text: its length in bytes and columns. */
static size_t
char_cols(const unsigned char *s, size_t len, size_t *cols)
{
	unsigned cp;
	size_t n = utf8_decode(s, len, &cp);
	int cw;

	if (n == 0) {
		*cols = 1;
		return 1;
	}
	cw = cp < 0x80 ? 1 : wcwidth((wchar_t)cp);
	*cols = cw < 0 ? 1 : (size_t)cw;
	return n;
}

size_t
escaped_width(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, width = 0, cols;

	while (i < len) {
		/* ASCII is one byte and one column (char_cols()); most text is. */
		if (s[i] < 0x80) {
			i++;
			width++;
			continue;
		}
		i += char_cols(s + i, len - i, &cols);
		width += cols;
	}
	return width;
}

size_t
escaped_fit(const char *str, size_t len, size_t max_cols)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, width = 0, cols, n;

	while (i < len) {
		n = char_cols(s + i, len - i, &cols);
		if (width + cols > max_cols)
			break;
		width += cols;
		i += n;
	}
	return i;
}

size_t
escape_plain_len(const char *s, size_t len)
{
	return plain_run((const unsigned char *)s, len);
}

size_t
escape_text(struct buf *out, const char *s, size_t len, size_t max_width)
{
	return escape_in(out, s, len, max_width, ESC_TERMINAL);
}

size_t
escape_plugin(struct buf *out, const char *s, size_t len)
{
	return escape_in(out, s, len, 0, ESC_PLUGIN);
}

void
escape_plugin_label(struct buf *out, const char *s, size_t len)
{
	escape_in(out, s, len, 0, ESC_PLUGIN_LABEL);
}

size_t
escape_json_plain_len(const char *s, size_t len)
{
	return run_of_plain((const unsigned char *)s, len, '"');
}

void
escape_json(struct buf *out, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, start = 0;

	while (i < len) {
		char tmp[8];
		unsigned cp;
		size_t n;

		/* Printable ASCII but '"' and '\\' goes out as it is, the common case. */
		i += run_of_plain(s + i, len - i, '"');
		if (i >= len)
			break;
		n = utf8_decode(s + i, len - i, &cp);

		if (n != 0 && cp != '"' && cp != '\\' && !unsafe_cp(cp)) {
			i += n;
			continue;
		}
		buf_add(out, s + start, i - start);
		if (n == 0) {
			buf_puts(out, "\\ufffd");
			n = 1;
		} else if (cp == '"' || cp == '\\') {
			buf_putc(out, '\\');
			buf_putc(out, (char)cp);
		} else if (cp == '\n') {
			buf_puts(out, "\\n");
		} else if (cp == '\t') {
			buf_puts(out, "\\t");
		} else if (cp == '\r') {
			buf_puts(out, "\\r");
		} else {
			snprintf(tmp, sizeof(tmp), "\\u%04x", cp);
			buf_puts(out, tmp);
		}
		i += n;
		start = i;
	}
	buf_add(out, s + start, i - start);
}
