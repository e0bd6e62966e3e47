/* buf.h: a growable byte buffer, always NUL-terminated. */
#ifndef OOMRISK_LIB_BUF_H
#define OOMRISK_LIB_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

void buf_free(struct buf *b);
/* Empty the buffer but keep its memory (no allocation in refresh loops). */
void buf_reset(struct buf *b);
void buf_reserve(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
/* n copies of c (an indentation, a label's padding). */
void buf_fill(struct buf *b, char c, size_t n);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* The contents as a C string ("" for an empty, never-used buffer). */
const char *buf_str(const struct buf *b);

#endif
