/*
 * frame.c: unwrap journal JSON, docker json-file and journal export lines
 * (see log/frame.h).  A small bounded JSON reader: it walks one object's
 * top-level members and decodes only the string values it needs; nesting
 * is skipped by depth, anything malformed makes the line plain text.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "lib/parse.h"
#include "log/frame.h"

#define JSON_DEPTH_MAX 64

void
frame_free(struct frame *f)
{
	buf_free(&f->text);
}

void
export_free(struct export_rec *x)
{
	buf_free(&x->bin);
	frame_free(&x->f);
}

static inline const char *
ws(const char *p, const char *end)
{
	/* One compare for the usual case: journalctl and docker write no blanks. */
	while (p < end && (unsigned char)*p <= ' ' &&
	    (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p;
}

/*
 * The first quote or backslash in [p,end), or end.  Inline: frame_json()
 * ends every key and most values here, and most are shorter than a block.
 */
static inline const char *
quote_or_escape(const char *p, const char *end)
{
#ifdef __SSE2__
	/*
	 * Sixteen plain bytes at a time: a journal JSON line is some 600 bytes
	 * of strings (this loop was a third of reading one, callgrind).
	 */
	while (end - p >= 16) {
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_cmpeq_epi8(b, _mm_set1_epi8('"')), _mm_cmpeq_epi8(b, _mm_set1_epi8('\\'))));

		if (m != 0)
			return p + __builtin_ctz(m);
		p += 16;
	}
#endif
	while (p < end && *p != '"' && *p != '\\')
		p++;
	return p;
}

/* Append code point cp as UTF-8. */
static void
put_utf8(struct buf *b, unsigned cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | cp >> 18);
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	buf_add(b, u, n);
}

/*
 * A JSON string at p (at the opening quote): its end after the closing
 * quote, or NULL.  With out, the unescaped value is appended to it.
 */
static const char *
json_string(const char *p, const char *end, struct buf *out)
{
	const char *run;

	if (p >= end || *p != '"')
		return NULL;
	p++;
	run = p;
	while (p < end) {
		p = quote_or_escape(p, end);
		if (p >= end)
			break;
		if (*p == '"') {
			if (out != NULL)
				buf_add(out, run, (size_t)(p - run));
			return p + 1;
		}
		/* A backslash. */
		if (out != NULL)
			buf_add(out, run, (size_t)(p - run));
		if (end - p < 2)
			return NULL;
		p++;
		if (*p == 'u') {
			unsigned cp = 0;
			int i;

			if (end - p < 5)
				return NULL;
			for (i = 1; i <= 4; i++) {
				int h = hex_digit(p[i]);

				if (h < 0)
					return NULL;
				cp = cp << 4 | (unsigned)h;
			}
			p += 5;
			/* A surrogate pair. */
			if (cp >= 0xd800 && cp < 0xdc00 && end - p >= 6 && p[0] == '\\' && p[1] == 'u') {
				unsigned lo = 0;

				for (i = 2; i <= 5 && hex_digit(p[i]) >= 0; i++)
					lo = lo << 4 | (unsigned)hex_digit(p[i]);
				if (i == 6 && lo >= 0xdc00 && lo < 0xe000) {
					cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
					p += 6;
				}
			}
			if (out != NULL)
				put_utf8(out, cp);
		} else {
			char c;

			switch (*p) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			default: c = *p; break;	/* \" \\ \/ */
			}
			if (out != NULL)
				buf_putc(out, c);
			p++;
		}
		run = p;
	}
	return NULL;
}

/* Skip one JSON value at p: its end, or NULL. */
static const char *
json_skip(const char *p, const char *end)
{
	int depth = 0;

	p = ws(p, end);
	if (p >= end)
		return NULL;
	if (*p == '"')
		return json_string(p, end, NULL);
	if (*p != '{' && *p != '[') {
		while (p < end && *p != ',' && *p != '}' && *p != ']' && *p != ' ')
			p++;
		return p;
	}
	while (p < end) {
		if (*p == '"') {
			if ((p = json_string(p, end, NULL)) == NULL)
				return NULL;
			continue;
		}
		if (*p == '{' || *p == '[') {
			if (++depth > JSON_DEPTH_MAX)
				return NULL;
		} else if (*p == '}' || *p == ']') {
			if (--depth == 0)
				return p + 1;
		}
		p++;
	}
	return NULL;
}

/* MESSAGE as an array of byte values: [102,120,...]. */
static const char *
json_bytes(const char *p, const char *end, struct buf *out)
{
	p = ws(p, end);
	if (p >= end || *p != '[')
		return NULL;
	p = ws(p + 1, end);
	if (p < end && *p == ']')
		return p + 1;
	while (p < end) {
		uint64_t v;

		if (!scan_u64(&p, end, &v) || v > 255)
			return NULL;
		buf_putc(out, (char)v);
		p = ws(p, end);
		if (p < end && *p == ',') {
			p = ws(p + 1, end);
			continue;
		}
		return p < end && *p == ']' ? p + 1 : NULL;
	}
	return NULL;
}

/* The keys of a journal record (JSON or export) and of docker's json-file that are read. */
enum jkey {
	JK_OTHER,	/* a journal line has a dozen more: cursor, machine and boot ids, ... */
	JK_MESSAGE, JK_LOG, JK_TIME,
	JK_HOSTNAME, JK_REALTIME, JK_MONOTONIC, JK_TRANSPORT, JK_IDENT,	/* journal_field()'s */
};

/*
 * Which key k[0..n) is, by its length first: every field of every record
 * is looked up here, and the lengths of the keys read differ.
 */
static inline enum jkey
journal_key(const char *k, size_t n)
{
	switch (n) {
	case 3:
		return memcmp(k, "log", 3) == 0 ? JK_LOG : JK_OTHER;
	case 4:
		return memcmp(k, "time", 4) == 0 ? JK_TIME : JK_OTHER;
	case 7:
		return memcmp(k, "MESSAGE", 7) == 0 ? JK_MESSAGE : JK_OTHER;
	case 9:
		return memcmp(k, "_HOSTNAME", 9) == 0 ? JK_HOSTNAME : JK_OTHER;
	case 10:
		return memcmp(k, "_TRANSPORT", 10) == 0 ? JK_TRANSPORT : JK_OTHER;
	case 17:
		return memcmp(k, "SYSLOG_IDENTIFIER", 17) == 0 ? JK_IDENT : JK_OTHER;
	case 20:
		return memcmp(k, "__REALTIME_TIMESTAMP", 20) == 0 ? JK_REALTIME : JK_OTHER;
	case 27:
		return memcmp(k, "_SOURCE_MONOTONIC_TIMESTAMP", 27) == 0 ? JK_MONOTONIC : JK_OTHER;
	default:
		return JK_OTHER;
	}
}

/* Copy a string value into a fixed field. */
static void
set_field(char *dst, size_t size, const char *v, size_t vn)
{
	size_t n = vn < size - 1 ? vn : size - 1;

	if (n > 0)
		memcpy(dst, v, n);
	dst[n] = '\0';
}

void
frame_usec_text(char *out, size_t size, const char *digits, size_t n)
{
	char pad[8];
	size_t i;

	for (i = 0; i < n; i++)
		if (digits[i] < '0' || digits[i] > '9')
			break;
	n = i;
	if (n == 0 || n > 20 || size < 24) {
		out[0] = '\0';
		return;
	}
	if (n <= 6) {
		memset(pad, '0', 6);
		memcpy(pad + 6 - n, digits, n);
		memcpy(out, "0.", 2);
		memcpy(out + 2, pad, 6);
		out[8] = '\0';
	} else {
		memcpy(out, digits, n - 6);
		out[n - 6] = '.';
		memcpy(out + n - 5, digits + n - 6, 6);
		out[n + 1] = '\0';
	}
}

/*
 * The realtime stamp of a journal record as text; records come in bursts
 * within one second, so the date and clock are formatted once per second.
 */
static void
record_time(struct frame *f, int64_t usec)
{
	int64_t sec = usec / 1000000;
	unsigned frac = (unsigned)(usec % 1000000);
	size_t i;

	if (f->utc_sec != sec + 1) {
		frame_utc_text(f->time, sizeof(f->time), usec, true);
		if (strlen(f->time) != 30) {	/* "?" or a year beyond 9999 */
			f->utc_sec = 0;
			return;
		}
		memcpy(f->utc_head, f->time, 19);
		f->utc_head[19] = '\0';
		f->utc_sec = sec + 1;
		return;
	}
	memcpy(f->time, f->utc_head, 19);
	f->time[19] = '.';
	for (i = 0; i < 6; i++, frac /= 10)
		f->time[25 - i] = (char)('0' + frac % 10);
	memcpy(f->time + 26, " UTC", 5);
}

void
frame_utc_text(char *out, size_t size, int64_t usec, bool frac)
{
	time_t t = (time_t)(usec / 1000000);
	struct tm tm;

	if (usec < 0 || gmtime_r(&t, &tm) == NULL) {
		snprintf(out, size, "?");
		return;
	}
	if (frac)
		snprintf(out, size, "%04d-%02d-%02d %02d:%02d:%02d.%06d UTC", tm.tm_year + 1900,
		    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(usec % 1000000));
	else
		snprintf(out, size, "%04d-%02d-%02d %02d:%02d:%02d UTC", tm.tm_year + 1900,
		    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* A decimal string of microseconds as a number (false if not one). */
static bool
usec_value(const char *v, size_t n, int64_t *out)
{
	const char *p = v;
	uint64_t u = 0;
	size_t i;

	/*
	 * Up to 18 digits alone (every journal record's stamp has 16) cannot
	 * overflow: no need for scan_u64()'s test a digit.
	 */
	if (n > 0 && n <= 18) {
		for (i = 0; i < n && (unsigned)(v[i] - '0') < 10; i++)
			u = u * 10 + (unsigned)(v[i] - '0');
		if (i == n) {
			*out = (int64_t)u;
			return true;
		}
		u = 0;
	}
	if (n == 0 || !scan_u64(&p, v + n, &u) || p != v + n || u > INT64_MAX)
		return false;
	*out = (int64_t)u;
	return true;
}

/* What the journal says about a field (key k >= JK_HOSTNAME; shared by JSON and export). */
static void
journal_field(struct frame *f, enum jkey k, const char *v, size_t vn, bool *kernel_seen,
    bool *other_seen)
{
	int64_t us;

	switch (k) {
	case JK_HOSTNAME:
		set_field(f->host, sizeof(f->host), v, vn);
		break;
	case JK_REALTIME:
		if (usec_value(v, vn, &us))
			record_time(f, us);
		break;
	case JK_MONOTONIC:
		frame_usec_text(f->uptime, sizeof(f->uptime), v, vn);
		break;
	case JK_TRANSPORT:
	case JK_IDENT:
		if (vn == 6 && memcmp(v, "kernel", 6) == 0)
			*kernel_seen = true;
		else
			*other_seen = true;
		break;
	default:
		break;
	}
}

bool
frame_json(const char *line, size_t len, struct frame *f)
{
	const char *p = line, *end = line + len;
	struct buf val = BUF_INIT;	/* a wanted value with escapes, decoded (seldom used) */
	bool kernel = false, other = false, message = false, log = false;

	f->kind = FR_NONE;
	p = ws(p, end);
	if (p >= end || *p != '{')
		return false;
	/*
	 * One walk over the members, no search for "MESSAGE" first: the lines
	 * given here begin with '{', and a line that is no journal or docker
	 * object ends false all the same (f is only read after true).
	 */
	buf_reset(&f->text);
	f->host[0] = f->time[0] = f->uptime[0] = '\0';
	f->other = false;
	p = ws(p + 1, end);
	while (p < end && *p != '}') {
		const char *k, *ke, *v, *ve;
		enum jkey key;

		if (*p != '"')
			goto bad;
		/* The key: raw bytes (an escaped key is no key that is read). */
		k = p + 1;
		ke = quote_or_escape(k, end);
		if (ke < end && *ke == '"') {
			p = ke + 1;
		} else {
			if ((p = json_string(p, end, NULL)) == NULL)
				goto bad;
			ke = p - 1;
		}
		key = journal_key(k, (size_t)(ke - k));
		/* journalctl and docker write no blanks: ws() only where the byte is not the one expected. */
		if (p >= end || *p != ':') {
			p = ws(p, end);
			if (p >= end || *p != ':')
				goto bad;
		}
		p++;
		if (p >= end || (*p != '"' && (p = ws(p, end)) >= end))
			goto bad;	/* a key without its value */
		if (*p != '"') {
			if (key == JK_MESSAGE || key == JK_LOG) {
				buf_reset(&f->text);
				p = *p == '[' ? json_bytes(p, end, &f->text) : json_skip(p, end);
			} else {
				p = json_skip(p, end);
			}
		} else {
			/* A string value: used where it stands unless it has escapes. */
			v = p + 1;
			ve = quote_or_escape(v, end);
			if (ve < end && *ve == '"') {
				p = ve + 1;
				if (key == JK_MESSAGE || key == JK_LOG) {
					buf_reset(&f->text);
					buf_add(&f->text, v, (size_t)(ve - v));
				}
			} else if (key == JK_MESSAGE || key == JK_LOG) {
				buf_reset(&f->text);
				p = json_string(p, end, &f->text);
			} else if (key == JK_OTHER) {
				p = json_string(p, end, NULL);
			} else {
				buf_reset(&val);
				p = json_string(p, end, &val);
				v = val.data;
				ve = val.data + val.len;
			}
			if (p != NULL && key == JK_TIME)
				set_field(f->time, sizeof(f->time), v, (size_t)(ve - v));	/* docker: any order */
			else if (p != NULL && key >= JK_HOSTNAME)
				journal_field(f, key, v, (size_t)(ve - v), &kernel, &other);
		}
		if (key == JK_LOG)
			log = true;
		else if (key == JK_MESSAGE)
			message = true;
		if (p == NULL)
			goto bad;
		if (p < end && *p != ',' && *p != '}')
			p = ws(p, end);
		if (p < end && *p == ',' && ++p < end && *p != '"')
			p = ws(p, end);
	}
	buf_free(&val);
	if (p >= end || (!message && !log))
		return false;
	f->kind = message ? FR_JOURNAL : FR_DOCKER;
	if (f->kind == FR_DOCKER) {
		/* docker's "time" is the wall clock it read the line at */
		f->host[0] = f->uptime[0] = '\0';
		while (f->text.len > 0 && (f->text.data[f->text.len - 1] == '\n' ||
		    f->text.data[f->text.len - 1] == '\r'))
			f->text.len--;
	} else {
		f->other = other && !kernel;
	}
	return true;
bad:
	buf_free(&val);
	f->kind = FR_NONE;
	return false;
}

/* ---- journal export ---------------------------------------------------- */

/* The end of the field name bytes ([A-Z0-9_]) from line[i] on, before len. */
static inline size_t
name_end(const char *line, size_t i, size_t len)
{
	/* The bytes of a field name: every line of an export stream is looked up here. */
	static const bool key_byte[256] = {
		['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
		['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
		['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
		['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['_'] = 1,
		['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
		['7'] = 1, ['8'] = 1, ['9'] = 1,
	};

#ifdef __SSE2__
	/* Sixteen bytes at a time: names are 8 to 27 bytes, the byte loop cost 4 instructions a byte. */
	while (len - i >= 16) {
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(line + i));
		__m128i upper = _mm_and_si128(_mm_cmpgt_epi8(b, _mm_set1_epi8('A' - 1)),
		    _mm_cmplt_epi8(b, _mm_set1_epi8('Z' + 1)));
		__m128i digit = _mm_and_si128(_mm_cmpgt_epi8(b, _mm_set1_epi8('0' - 1)),
		    _mm_cmplt_epi8(b, _mm_set1_epi8('9' + 1)));
		__m128i under = _mm_cmpeq_epi8(b, _mm_set1_epi8('_'));
		unsigned other = ~(unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(upper, digit),
		    under)) & 0xffffu;

		if (other != 0)
			return i + (size_t)__builtin_ctz(other);
		i += 16;
	}
#endif
	while (i < len && key_byte[(unsigned char)line[i]])
		i++;
	return i;
}

/* "MESSAGE=..." or a bare field name (a binary field follows). */
static bool
export_key(const char *line, size_t len, size_t *klen)
{
	size_t i;

	if (len == 0 || !((line[0] >= 'A' && line[0] <= 'Z') || line[0] == '_'))
		return false;
	/* '=' is no name byte: the first byte that is none ends the name, or the line is no field. */
	i = name_end(line, 1, len);
	if (i < len && line[i] != '=')
		return false;
	*klen = i;
	return true;
}

static void
rec_start(struct export_rec *x)
{
	x->active = true;
	x->has_message = false;
	x->binary = false;
	buf_reset(&x->f.text);
	x->f.kind = FR_JOURNAL;
	x->f.other = false;
	x->f.host[0] = x->f.time[0] = x->f.uptime[0] = '\0';
	x->kernel_seen = x->other_seen = false;
}

enum export_res
export_line(struct export_rec *x, const char *line, size_t len)
{
	size_t klen;

	if (x->binary) {
		/* The line splitter cut a binary field at its '\n' bytes: put them back. */
		buf_add(&x->bin, line, len);
		if (x->bin.len >= 8 && x->binary_need == 0) {
			uint64_t n = 0;
			int i;

			for (i = 7; i >= 0; i--)
				n = n << 8 | (unsigned char)x->bin.data[i];
			x->binary_need = n > (1u << 20) ? (1u << 20) : n;
			x->binary_need += 8;
		}
		if (x->binary_need > 0 && x->bin.len >= x->binary_need) {
			buf_reset(&x->f.text);
			buf_add(&x->f.text, x->bin.data + 8, (size_t)(x->binary_need - 8));
			x->has_message = true;
			x->binary = false;
			return EX_TAKEN;
		}
		buf_putc(&x->bin, '\n');
		if (x->bin.len > (1u << 20) + 16)
			x->binary = false;	/* no sane record: give up on it */
		return EX_TAKEN;
	}
	if (len == 0)
		return x->active ? (x->active = false, EX_DONE) : EX_NOT;
	if (!export_key(line, len, &klen))
		return x->active ? (x->active = false, EX_DONE) : EX_NOT;
	if (!x->active) {
		/* A record starts with its cursor or timestamp, or we joined at MESSAGE. */
		if (!(klen == 8 && memcmp(line, "__CURSOR", 8) == 0) &&
		    !(klen == 20 && memcmp(line, "__REALTIME_TIMESTAMP", 20) == 0) &&
		    !(klen == 7 && memcmp(line, "MESSAGE", 7) == 0))
			return EX_NOT;
		rec_start(x);
	}
	if (klen == len) {
		/* "KEY" alone: a binary field follows. */
		if (klen == 7 && memcmp(line, "MESSAGE", 7) == 0) {
			x->binary = true;
			x->binary_need = 0;
			buf_reset(&x->bin);
		}
		return EX_TAKEN;
	}
	if (klen == 7 && memcmp(line, "MESSAGE", 7) == 0) {
		buf_reset(&x->f.text);
		buf_add(&x->f.text, line + 8, len - 8);
		x->has_message = true;
	} else {
		enum jkey key = journal_key(line, klen);

		if (key >= JK_HOSTNAME) {
			journal_field(&x->f, key, line + klen + 1, len - klen - 1, &x->kernel_seen,
			    &x->other_seen);
			x->f.other = x->other_seen && !x->kernel_seen;
		}
	}
	return EX_TAKEN;
}
