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

static void
newline(struct json *j)
{
	size_t n, i;
	char *w;

	if (!j->pretty)
		return;
	n = 1 + 2 * (size_t)j->depth;
	buf_reserve(&j->buf, n + 8);
	w = j->buf.data + j->buf.len;
	w[0] = '\n';
	/* Blanks eight at a time (fixed-size copies are plain stores, no call). */
	for (i = 1; i < n; i += 8)
		memcpy(w + i, "        ", 8);
	j->buf.len += n;
	j->buf.data[j->buf.len] = '\0';
}

/* A decimal integer, without printf. */
static void
put_int(struct buf *b, int64_t v)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		*--p = '-';
	buf_add(b, p, (size_t)(tmp + sizeof(tmp) - p));
}

static void
put_uint(struct buf *b, uint64_t u)
{
	char tmp[24], *p = tmp + sizeof(tmp);

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	buf_add(b, p, (size_t)(tmp + sizeof(tmp) - p));
}

/* Comma and indentation before a value or a key. */
static void
element(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (!j->first[j->depth])
		buf_putc(&j->buf, ',');
	j->first[j->depth] = false;
	if (j->depth > 0)
		newline(j);
}

static void
open_(struct json *j, char c)
{
	element(j);
	buf_putc(&j->buf, c);
	if (j->depth < JSON_MAX_DEPTH - 1)
		j->depth++;
	j->first[j->depth] = true;
}

static void
close_(struct json *j, char c)
{
	bool empty = j->first[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (!empty)
		newline(j);
	buf_putc(&j->buf, c);
	flush_maybe(j, false);
}

void json_object_begin(struct json *j) { open_(j, '{'); }
void json_object_end(struct json *j) { close_(j, '}'); }
void json_array_begin(struct json *j) { open_(j, '['); }
void json_array_end(struct json *j) { close_(j, ']'); }

void
json_key(struct json *j, const char *key)
{
	size_t n = strlen(key);
	char *w;

	/* Keys are the program's own ASCII names (json.h): written as they are. */
	element(j);
	buf_reserve(&j->buf, n + 4);
	w = j->buf.data + j->buf.len;
	w[0] = '"';
	memcpy(w + 1, key, n);
	w[n + 1] = '"';
	w[n + 2] = ':';
	w[n + 3] = ' ';
	j->buf.len += n + (j->pretty ? 4 : 3);
	j->buf.data[j->buf.len] = '\0';
	j->after_key = true;
}

void
json_strn(struct json *j, const char *s, size_t len)
{
	element(j);
	buf_putc(&j->buf, '"');
	escape_json(&j->buf, s, len);
	buf_putc(&j->buf, '"');
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
	element(j);
	put_int(&j->buf, v);
}

void
json_uint(struct json *j, uint64_t v)
{
	element(j);
	put_uint(&j->buf, v);
}

void
json_double(struct json *j, double v, int decimals)
{
	element(j);
	/* JSON has no NaN or infinity. */
	if (!isfinite(v))
		buf_puts(&j->buf, "null");
	else
		buf_printf(&j->buf, "%.*f", decimals, v);
}

void
json_bool(struct json *j, bool v)
{
	element(j);
	buf_puts(&j->buf, v ? "true" : "false");
}

void
json_null(struct json *j)
{
	element(j);
	buf_puts(&j->buf, "null");
}

void json_kv_str(struct json *j, const char *k, const char *s) { json_key(j, k); json_str_or_null(j, s); }
void json_kv_int(struct json *j, const char *k, int64_t v) { json_key(j, k); json_int(j, v); }
void json_kv_uint(struct json *j, const char *k, uint64_t v) { json_key(j, k); json_uint(j, v); }
void json_kv_bool(struct json *j, const char *k, bool v) { json_key(j, k); json_bool(j, v); }
void json_kv_null(struct json *j, const char *k) { json_key(j, k); json_null(j); }

void
json_kv_int_opt(struct json *j, const char *key, bool have, int64_t v)
{
	json_key(j, key);
	if (have)
		json_int(j, v);
	else
		json_null(j);
}

void
json_kv_bool_opt(struct json *j, const char *key, bool have, bool v)
{
	json_key(j, key);
	if (have)
		json_bool(j, v);
	else
		json_null(j);
}
