/* buf.h: a growable byte buffer, always NUL-terminated. */
#ifndef OOMRISK_LIB_BUF_H
#define OOMRISK_LIB_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

void buf_free(struct buf *b);
void buf_reserve(struct buf *b, size_t extra);

/*
 * Empty the buffer but keep its memory (no allocation in refresh loops).
 * Inline, like buf_str(): the log reader calls both for every line.
 */
static inline void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

/* The contents as a C string ("" for an empty, never-used buffer). */
static inline const char *
buf_str(const struct buf *b)
{
	return b->data != NULL ? b->data : "";
}

/*
 * The appenders that text output makes by the dozen per report: inline, so
 * that a literal's copy (BUF_LIT) is a few stores and the capacity test
 * costs no call.
 */
static inline void
buf_add(struct buf *b, const void *data, size_t len)
{
	if (b->len + len + 1 > b->cap)
		buf_reserve(b, len);
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

/* A string literal (its length known at compile time). */
#define BUF_LIT(b, lit) buf_add((b), "" lit, sizeof(lit) - 1)

static inline void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static inline void
buf_putc(struct buf *b, char c)
{
	if (b->len + 2 > b->cap)
		buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

/*
 * u in decimal at w (room for 20 bytes; no NUL): the end.  The digits are
 * counted first and stored in place, two at a time, never through a
 * scratch array: a wide copy of bytes stored one by one just before
 * stalls the processor (store forwarding fails; perf put half of the JSON
 * writer's number time on that copy).
 */
char *buf_dec(char *w, uint64_t u);
/* How many digits buf_dec() writes for u. */
size_t buf_dec_len(uint64_t u);

/* n copies of c (an indentation, a label's padding). */
void buf_fill(struct buf *b, char c, size_t n);
/*
 * printf's "%*s" and "%*lld" without printf: s[0..n), or v in decimal, in
 * a field of |w| bytes, on the right when w > 0, on the left when w < 0.
 */
void buf_put_padded(struct buf *b, const char *s, size_t n, int w);
void buf_put_int(struct buf *b, int64_t v, int w);
void buf_put_uint(struct buf *b, uint64_t v, int w);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/*
 * vsnprintf(dst, size, fmt, ap), the same bytes, by buf_printf()'s own
 * formatter where it can (no stdio setup for short prose); vsnprintf()
 * does the rest, and text cut to size.
 */
void buf_vsnprintf(char *dst, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
/*
 * snprintf(dst, size, "%s", src) without printf (names and fields copied
 * per line or per report): src cut to size - 1 bytes.  Returns the length
 * copied.
 */
size_t buf_strcpy(char *dst, size_t size, const char *src);
void buf_snprintf(char *dst, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
