/* json.c: a small streaming JSON writer. */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "lib/escape.h"
#include "lib/format.h"
#include "lib/json.h"

/*
 * The buffer goes out once it holds this much, after a value ends: few,
 * large writes (explain writes some 800 MB of JSON for a dense GiB of log).
 */
#define JSON_FLUSH_AT 65536

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

#define done json_take

/*
 * A comma, a newline and the indentation of depth d are the first 2 + 2d
 * bytes of this (from its second byte without the comma), copied with a
 * fixed-size memcpy (plain stores, no call): every key and value of a
 * pretty report starts with one.
 */
static const char separator[2 + 2 * JSON_MAX_DEPTH] =
    ",\n" "                                "
    "                                ";

/* A newline and the indentation of the current depth at w (room: 2 * depth + 17). */
static char *
put_newline(const struct json *j, char *w)
{
	size_t n = 1 + 2 * (size_t)j->depth;

	if (n <= 16)
		memcpy(w, separator + 1, 16);
	else
		memcpy(w, separator + 1, 2 * JSON_MAX_DEPTH);
	return w + n;
}

char *
json_element_room(struct json *j, size_t extra)
{
	char *w;
	size_t n;
	bool first;

	if (j->after_key) {
		j->after_key = false;
		return room(j, extra);
	}
	w = room(j, extra + 2 * JSON_MAX_DEPTH + 2);
	first = j->first[j->depth];
	j->first[j->depth] = false;
	if (j->depth == 0 || !j->pretty) {
		if (!first)
			*w++ = ',';
		return w;
	}
	n = 2 + 2 * (size_t)j->depth - first;
	if (n <= 16)
		memcpy(w, separator + first, 16);
	else
		memcpy(w, separator + first, 2 * JSON_MAX_DEPTH);
	return w + n;
}

#define element json_element_room

/* A decimal at w (room: 24 bytes; buf_dec()). */
char *
json_put_uint(char *w, uint64_t u)
{
	return buf_dec(w, u);
}

char *
json_put_int(char *w, int64_t v)
{
	if (v < 0) {
		*w++ = '-';
		return json_put_uint(w, -(uint64_t)v);
	}
	return json_put_uint(w, (uint64_t)v);
}

/* A word of the program's own (true, null, a number it formatted) as a value. */
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
	w = room(j, 2 * JSON_MAX_DEPTH + 2);
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

/*
 * s as a JSON string at w, in room reserved for it, when nothing in it
 * needs an escape (most strings): one copy, no second reservation.
 */
static inline bool
plain_string(struct json *j, char *w, const char *s, size_t len)
{
	if (escape_json_plain_len(s, len) != len)
		return false;
	*w++ = '"';
	memcpy(w, s, len);
	w[len] = '"';
	done(j, w + len + 1);
	return true;
}

void
json_strn(struct json *j, const char *s, size_t len)
{
	char *w = element(j, len + 2);

	if (plain_string(j, w, s, len))
		return;
	*w++ = '"';
	done(j, w);
	escape_json(&j->buf, s, len);
	w = room(j, 1);
	*w++ = '"';
	done(j, w);
}

void
json_kv_strn(struct json *j, const char *key, size_t key_len, const char *s, size_t len)
{
	char *w = json_key_room(j, key, key_len, len + 2);

	if (plain_string(j, w, s, len))
		return;
	done(j, w);
	j->after_key = true;
	json_strn(j, s, len);
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
	done(j, json_put_int(element(j, 25), v));
}

void
json_uint(struct json *j, uint64_t v)
{
	done(j, json_put_uint(element(j, 24), v));
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
json_real(struct json *j, double v)
{
	char tmp[FMT_REAL_LEN];
	/* JSON has no NaN or infinity. */
	const char *t = isfinite(v) ? fmt_real(tmp, v) : "null";

	put_word(j, t, strlen(t));
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
