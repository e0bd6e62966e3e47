/* json.c: a small streaming JSON writer. */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "lib/escape.h"
#include "lib/json.h"

#define JSON_FLUSH_AT 16384

void
json_init(struct json *j, FILE *out, bool pretty)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->pretty = pretty;
	j->first[0] = true;
}

static void
flush_maybe(struct json *j, bool force)
{
	if (j->out == NULL || (!force && j->buf.len < JSON_FLUSH_AT))
		return;
	fwrite(j->buf.data, 1, j->buf.len, j->out);
	buf_reset(&j->buf);
}

void
json_flush(struct json *j)
{
	flush_maybe(j, true);
	if (j->out != NULL)
		fflush(j->out);
}

void
json_finish(struct json *j)
{
	buf_putc(&j->buf, '\n');
	flush_maybe(j, true);
	if (j->out != NULL)
		buf_free(&j->buf);
}

/*
 * Room for n more bytes (and the NUL) at the end of the buffer: where they
 * go.  The writers below store into it and call done(): one capacity test
 * per value instead of one per byte (explain writes ~1 GB of JSON for a
 * dense GiB of log; this and the direct stores halved the writer's
 * instructions, callgrind).
 */
static char *
room(struct json *j, size_t n)
{
	if (j->buf.len + n + 1 > j->buf.cap)
		buf_reserve(&j->buf, n);
	return j->buf.data + j->buf.len;
}

/* The bytes up to w were written: take them, keep the NUL. */
static void
done(struct json *j, char *w)
{
	*w = '\0';
	j->buf.len = (size_t)(w - j->buf.data);
}

/* A newline and the indentation of the current depth at w (room: 2 * depth + 9). */
static char *
put_newline(const struct json *j, char *w)
{
	size_t n = 1 + 2 * (size_t)j->depth, i;

	w[0] = '\n';
	/* Blanks eight at a time (fixed-size copies are plain stores, no call). */
	for (i = 1; i < n; i += 8)
		memcpy(w + i, "        ", 8);
	return w + n;
}

/*
 * Comma and indentation before a value or a key, with room for `extra`
 * more bytes after them: where the value goes.
 */
static char *
element(struct json *j, size_t extra)
{
	char *w;

	if (j->after_key) {
		j->after_key = false;
		return room(j, extra);
	}
	w = room(j, extra + 2 * (size_t)j->depth + 10);
	if (!j->first[j->depth])
		*w++ = ',';
	j->first[j->depth] = false;
	if (j->depth > 0 && j->pretty)
		w = put_newline(j, w);
	return w;
}

/* A decimal at w, without printf, two digits per division: its end. */
static char *
put_uint(char *w, uint64_t u)
{
	static const char pairs[] =
	    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	    "8081828384858687888990919293949596979899";
	uint64_t t;
	size_t n = 1;
	char *e;

	for (t = u; t >= 10; t /= 10)
		n++;
	e = w + n;
	while (u >= 100) {
		unsigned d = (unsigned)(u % 100) * 2;

		u /= 100;
		*--e = pairs[d + 1];
		*--e = pairs[d];
	}
	if (u >= 10) {
		*--e = pairs[u * 2 + 1];
		*--e = pairs[u * 2];
	} else {
		*--e = (char)('0' + u);
	}
	return w + n;
}

static char *
put_int(char *w, int64_t v)
{
	if (v < 0) {
		*w++ = '-';
		return put_uint(w, -(uint64_t)v);
	}
	return put_uint(w, (uint64_t)v);
}

/* A word of the program's own (true, null) as a value. */
static void
put_word(struct json *j, const char *s, size_t n)
{
	char *w = element(j, n);

	memcpy(w, s, n);
	done(j, w + n);
}

static void
open_(struct json *j, char c)
{
	char *w = element(j, 1);

	*w++ = c;
	done(j, w);
	if (j->depth < JSON_MAX_DEPTH - 1)
		j->depth++;
	j->first[j->depth] = true;
}

static void
close_(struct json *j, char c)
{
	bool empty = j->first[j->depth];
	char *w;

	if (j->depth > 0)
		j->depth--;
	w = room(j, 2 * (size_t)j->depth + 10);
	if (!empty && j->pretty)
		w = put_newline(j, w);
	*w++ = c;
	done(j, w);
	flush_maybe(j, false);
}

void json_object_begin(struct json *j) { open_(j, '{'); }
void json_object_end(struct json *j) { close_(j, '}'); }
void json_array_begin(struct json *j) { open_(j, '['); }
void json_array_end(struct json *j) { close_(j, ']'); }

void
json_key_len(struct json *j, const char *key, size_t n)
{
	char *w = element(j, n + 4);

	/* Keys are the program's own ASCII names (json.h): written as they are. */
	*w++ = '"';
	memcpy(w, key, n);
	w += n;
	*w++ = '"';
	*w++ = ':';
	if (j->pretty)
		*w++ = ' ';
	done(j, w);
	j->after_key = true;
}

void
json_strn(struct json *j, const char *s, size_t len)
{
	char *w = element(j, len + 2);

	*w++ = '"';
	done(j, w);
	escape_json(&j->buf, s, len);
	w = room(j, 1);
	*w++ = '"';
	done(j, w);
}

void
json_str(struct json *j, const char *s)
{
	json_strn(j, s, strlen(s));
}

void
json_str_or_null(struct json *j, const char *s)
{
	if (s == NULL)
		json_null(j);
	else
		json_str(j, s);
}

void
json_int(struct json *j, int64_t v)
{
	done(j, put_int(element(j, 21), v));
}

void
json_uint(struct json *j, uint64_t v)
{
	done(j, put_uint(element(j, 21), v));
}

void
json_double(struct json *j, double v, int decimals)
{
	done(j, element(j, 0));
	/* JSON has no NaN or infinity. */
	if (!isfinite(v))
		buf_puts(&j->buf, "null");
	else
		buf_printf(&j->buf, "%.*f", decimals, v);
}

void
json_bool(struct json *j, bool v)
{
	if (v)
		put_word(j, "true", 4);
	else
		put_word(j, "false", 5);
}

void
json_null(struct json *j)
{
	put_word(j, "null", 4);
}
