/*
 * json.h: a small streaming JSON writer.  It tracks nesting so that commas
 * are always right, escapes every string through escape_json(), and writes
 * to a FILE in chunks, so that output of any size stays valid JSON and uses
 * little memory.
 */
#ifndef OOMRISK_LIB_JSON_H
#define OOMRISK_LIB_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lib/buf.h"

#define JSON_MAX_DEPTH 32

struct json {
	FILE *out;
	struct buf buf;
	int depth;
	bool first[JSON_MAX_DEPTH];	/* no element yet at this depth */
	bool after_key;
	bool pretty;
};

void json_init(struct json *j, FILE *out, bool pretty);
/* Write what is buffered, finish with a newline, free the buffer. */
void json_finish(struct json *j);
/* Write what is buffered now (a stream that must not wait, e.g. --follow). */
void json_flush(struct json *j);

void json_object_begin(struct json *j);
void json_object_end(struct json *j);
void json_array_begin(struct json *j);
void json_array_end(struct json *j);
/*
 * For the inline writers below: the comma and indentation of the next
 * element are written, and there is room for `room` more bytes after them;
 * returns where they go.  json_take() takes what was written up to w.
 */
char *json_element_room(struct json *j, size_t room);

static inline void
json_take(struct json *j, char *w)
{
	*w = '\0';
	j->buf.len = (size_t)(w - j->buf.data);
}

/*
 * A member name: one of the program's own ASCII names (never escaped).
 * Inline, so that a literal key's length is known at compile time and its
 * copy is a few stores: explain writes some 200 keys per report.
 */
static inline char *
json_key_room(struct json *j, const char *key, size_t n, size_t extra)
{
	char *w = json_element_room(j, n + 4 + extra);

	*w++ = '"';
	memcpy(w, key, n);
	w += n;
	*w++ = '"';
	*w++ = ':';
	if (j->pretty)
		*w++ = ' ';
	return w;
}

static inline void
json_key_len(struct json *j, const char *key, size_t n)
{
	json_take(j, json_key_room(j, key, n, 0));
	j->after_key = true;
}

/*
 * A decimal at w (room: 25 bytes, which it may scribble on past the
 * digits): the end.  For a key and its number written in one go.
 */
char *json_put_int(char *w, int64_t v);
char *json_put_uint(char *w, uint64_t v);

/* A word of the program's own (null, true, false) at w: the end. */
static inline char *
json_put_word(char *w, const char *word, size_t n)
{
	memcpy(w, word, n);
	return w + n;
}

void json_str(struct json *j, const char *s);
void json_strn(struct json *j, const char *s, size_t len);
void json_int(struct json *j, int64_t v);
void json_uint(struct json *j, uint64_t v);
void json_double(struct json *j, double v, int decimals);
/*
 * A number at full precision: the shortest text that reads back as v
 * ("0.0893", "49.90909090909091"), null when not finite.  JSON carries
 * values unrounded; text rounds them.
 */
void json_real(struct json *j, double v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);
/* A string, or null when s is NULL. */
void json_str_or_null(struct json *j, const char *s);

/*
 * json_key() and the key + value shorthands are inline so that the length
 * of a literal key is known at compile time (strlen() of each key was a
 * tenth of explain's JSON time; callgrind, the dense bench log).
 */
static inline void
json_key(struct json *j, const char *key)
{
	json_key_len(j, key, strlen(key));
}

/*
 * A key and a string s[0..len): the key and a string with nothing to
 * escape in one reservation (explain writes some 50 of them per report).
 */
void json_kv_strn(struct json *j, const char *key, size_t key_len, const char *s, size_t len);

/* A key and a string, or null when s is NULL. */
static inline void
json_kv_str(struct json *j, const char *key, const char *s)
{
	if (s == NULL) {
		json_key(j, key);
		json_null(j);
	} else {
		json_kv_strn(j, key, strlen(key), s, strlen(s));
	}
}

/*
 * A key and a number, boolean or null: the key and the value in one
 * reservation (explain writes some 150 of them per report).
 */
static inline void
json_kv_int(struct json *j, const char *key, int64_t v)
{
	json_take(j, json_put_int(json_key_room(j, key, strlen(key), 25), v));
}

static inline void
json_kv_uint(struct json *j, const char *key, uint64_t v)
{
	json_take(j, json_put_uint(json_key_room(j, key, strlen(key), 24), v));
}

static inline void
json_kv_bool(struct json *j, const char *key, bool v)
{
	char *w = json_key_room(j, key, strlen(key), 5);

	json_take(j, v ? json_put_word(w, "true", 4) : json_put_word(w, "false", 5));
}

static inline void
json_kv_null(struct json *j, const char *key)
{
	json_take(j, json_put_word(json_key_room(j, key, strlen(key), 4), "null", 4));
}

/* A number or a boolean when known (have), else null. */
static inline void
json_kv_int_opt(struct json *j, const char *key, bool have, int64_t v)
{
	char *w = json_key_room(j, key, strlen(key), 25);

	json_take(j, have ? json_put_int(w, v) : json_put_word(w, "null", 4));
}

static inline void
json_kv_bool_opt(struct json *j, const char *key, bool have, bool v)
{
	char *w = json_key_room(j, key, strlen(key), 5);

	json_take(j, !have ? json_put_word(w, "null", 4) : v ? json_put_word(w, "true", 4) :
	    json_put_word(w, "false", 5));
}

#endif
