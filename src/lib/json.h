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
/* A member name: one of the program's own ASCII names (never escaped). */
void json_key(struct json *j, const char *key);

void json_str(struct json *j, const char *s);
void json_strn(struct json *j, const char *s, size_t len);
void json_int(struct json *j, int64_t v);
void json_uint(struct json *j, uint64_t v);
void json_double(struct json *j, double v, int decimals);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);
/* A string, or null when s is NULL. */
void json_str_or_null(struct json *j, const char *s);

/* Key + value shorthands. */
void json_kv_str(struct json *j, const char *key, const char *s);
void json_kv_int(struct json *j, const char *key, int64_t v);
void json_kv_uint(struct json *j, const char *key, uint64_t v);
void json_kv_bool(struct json *j, const char *key, bool v);
void json_kv_null(struct json *j, const char *key);
/* A number or a boolean when known (have), else null. */
void json_kv_int_opt(struct json *j, const char *key, bool have, int64_t v);
void json_kv_bool_opt(struct json *j, const char *key, bool have, bool v);

#endif
