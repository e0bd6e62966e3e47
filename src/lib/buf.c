/* buf.c: a growable byte buffer, always NUL-terminated. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "lib/buf.h"
#include "lib/xalloc.h"

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_reserve(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->data = xrealloc(b->data, b->cap);
}

void
buf_fill(struct buf *b, char c, size_t n)
{
	buf_reserve(b, n);
	memset(b->data + b->len, c, n);
	b->len += n;
	b->data[b->len] = '\0';
}

/*
 * Room for a field of n bytes padded by pad on one side: one capacity
 * test, the left pad stored; where the field's bytes go, or NULL when
 * fixed and full (the NUL is the caller's).
 */
static inline char *
field_begin(struct buf *b, size_t n, size_t pad, bool left, bool fixed)
{
	char *o;

	if (b->len + n + pad + 1 > b->cap) {
		if (fixed)
			return NULL;
		buf_reserve(b, n + pad);
	}
	o = b->data + b->len;
	if (!left && pad > 0) {
		memset(o, ' ', pad);
		o += pad;
	}
	return o;
}

/* The field's bytes end at o: the right pad, and the length. */
static inline void
field_end(struct buf *b, char *o, size_t pad, bool left)
{
	if (left && pad > 0) {
		memset(o, ' ', pad);
		o += pad;
	}
	b->len = (size_t)(o - b->data);
}

/*
 * s[0..n) in a field of width w, on the left when left is set: one
 * capacity test, then plain stores (the NUL is the caller's).
 */
static inline bool
put_field(struct buf *b, const char *s, size_t n, size_t w, bool left, bool fixed)
{
	size_t pad = w > n ? w - n : 0;
	char *o = field_begin(b, n, pad, left, fixed);

	if (o == NULL)
		return false;
	memcpy(o, s, n);
	field_end(b, o + n, pad, left);
	return true;
}

void
buf_put_padded(struct buf *b, const char *s, size_t n, int w)
{
	put_field(b, s, n, w < 0 ? (size_t)-(long)w : (size_t)w, w < 0, false);
	b->data[b->len] = '\0';
}

/* buf_dec_len(), inline here: put_number() asks it once for the padding and the digits. */
static inline size_t
dec_len(uint64_t u)
{
	static const uint64_t pow10[20] = {
		1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
		100000000ull, 1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull,
		10000000000000ull, 100000000000000ull, 1000000000000000ull,
		10000000000000000ull, 100000000000000000ull, 1000000000000000000ull,
		10000000000000000000ull,
	};
	unsigned t;

	if (u < 10)
		return 1;	/* most numbers of a report are short */
	if (u < 100)
		return 2;
	/*
	 * bits * 1233 / 4096 is floor(log10(2^bits)), at most one below the
	 * digit count's floor(log10(u)).
	 */
	t = (unsigned)(64 - __builtin_clzll(u)) * 1233 >> 12;
	return t + (u >= pow10[t]);
}

/* The digits of u, ending at e (dec_len(u) bytes before it). */
static inline void
dec_put(char *e, uint64_t u)
{
	static const char pairs[] =
	    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	    "8081828384858687888990919293949596979899";

	while (u >= 100) {
		e -= 2;
		memcpy(e, pairs + u % 100 * 2, 2);
		u /= 100;
	}
	if (u >= 10)
		memcpy(e - 2, pairs + u * 2, 2);
	else
		e[-1] = (char)('0' + u);
}

size_t
buf_dec_len(uint64_t u)
{
	return dec_len(u);
}

char *
buf_dec(char *w, uint64_t u)
{
	char *e = w + dec_len(u);

	dec_put(e, u);
	return e;
}

/*
 * u in decimal, after a '-' when neg, in a field of width w (on the left
 * when left), written in place: one capacity test (the NUL is the
 * caller's).  put_field() with the digits not copied from a scratch array.
 */
static inline bool
put_number(struct buf *b, uint64_t u, bool neg, size_t w, bool left, bool fixed)
{
	size_t digits = dec_len(u), n = digits + neg, pad = w > n ? w - n : 0;
	char *o = field_begin(b, n, pad, left, fixed);

	if (o == NULL)
		return false;
	if (neg)
		*o++ = '-';
	o += digits;
	dec_put(o, u);
	field_end(b, o, pad, left);
	return true;
}

void
buf_put_int(struct buf *b, int64_t v, int w)
{
	put_number(b, v < 0 ? 0ull - (uint64_t)v : (uint64_t)v, v < 0,
	    w < 0 ? (size_t)-(long)w : (size_t)w, w < 0, false);
	b->data[b->len] = '\0';
}

void
buf_put_uint(struct buf *b, uint64_t v, int w)
{
	put_number(b, v, false, w < 0 ? (size_t)-(long)w : (size_t)w, w < 0, false);
	b->data[b->len] = '\0';
}

/*
 * printf's plain conversions, without printf: %s %c %d %i %u %x with the
 * length modifiers none, l, ll, z, the '-' and '#' flags, a width (digits or *),
 * and %%.  Returns false, having consumed arguments and appended text,
 * at anything else, or when the text outgrows a fixed buffer (fixed: b's
 * memory is not its own); the caller then starts over with vsnprintf().  The
 * text output of explain makes a few dozen short printf calls per report,
 * and vsnprintf's setup was most of their cost (callgrind, dense log).
 */
static bool
plain_printf(struct buf *b, const char *fmt, va_list ap, bool fixed)
{
	const char *f = fmt;

	for (;;) {
		const char *lit = f;
		char num[24], *e = num + sizeof(num), *d;
		bool left = false, alt = false;
		size_t w = 0;
		int lng = 0;

		f = strchrnul(f, '%');	/* prose has long runs of literal text */
		if (f > lit && !put_field(b, lit, (size_t)(f - lit), 0, false, fixed))
			return false;
		if (*f == '\0') {
			if (b->data != NULL)
				b->data[b->len] = '\0';
			return true;
		}
		f++;
		if (*f == '%') {
			if (!put_field(b, "%", 1, 0, false, fixed))
				return false;
			f++;
			continue;
		}
		if (*f == '-') {
			left = true;
			f++;
		}
		if (*f == '#') {
			alt = true;
			f++;
		}
		if (*f == '0')
			return false;	/* the '0' flag */
		if (*f == '*') {
			int iw = va_arg(ap, int);

			if (iw < 0) {
				left = true;
				w = (size_t)-(long)iw;
			} else {
				w = (size_t)iw;
			}
			f++;
		} else {
			while (*f >= '0' && *f <= '9') {
				if (w > 100000)
					return false;
				w = w * 10 + (size_t)(*f++ - '0');
			}
		}
		if (*f == 'l') {
			lng = 1;
			if (*++f == 'l') {
				lng = 2;
				f++;
			}
		} else if (*f == 'z') {
			lng = 3;
			f++;
		}
		if (alt && *f != 'x')
			return false;	/* '#' with another conversion */
		switch (*f++) {
		case 's': {
			const char *s;

			if (lng != 0)
				return false;
			s = va_arg(ap, const char *);
			if (s == NULL)
				s = "(null)";	/* glibc's */
			if (!put_field(b, s, strlen(s), w, left, fixed))
				return false;
			continue;
		}
		case 'c':
			if (lng != 0)
				return false;
			num[0] = (char)va_arg(ap, int);
			if (!put_field(b, num, 1, w, left, fixed))
				return false;
			continue;
		case 'd':
		case 'i': {
			long long v = lng == 0 ? va_arg(ap, int) : lng == 1 ? va_arg(ap, long) :
			    lng == 2 ? va_arg(ap, long long) : (long long)va_arg(ap, ssize_t);

			if (!put_number(b, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v,
			    v < 0, w, left, fixed))
				return false;
			continue;
		}
		case 'u':
			if (!put_number(b, lng == 0 ? va_arg(ap, unsigned) : lng == 1 ?
			    va_arg(ap, unsigned long) : lng == 2 ? va_arg(ap, unsigned long long) :
			    va_arg(ap, size_t), false, w, left, fixed))
				return false;
			continue;
		case 'x': {
			unsigned long long u = lng == 0 ? va_arg(ap, unsigned) : lng == 1 ?
			    va_arg(ap, unsigned long) : lng == 2 ? va_arg(ap, unsigned long long) :
			    va_arg(ap, size_t);

			d = e;
			do {
				*--d = "0123456789abcdef"[u & 15];
				u >>= 4;
			} while (u != 0);
			if (alt && (d[0] != '0' || d + 1 != e)) {
				*--d = 'x';	/* "%#x": 0x before all but 0 */
				*--d = '0';
			}
			break;
		}
		default:
			return false;
		}
		if (!put_field(b, d, (size_t)(e - d), w, left, fixed))
			return false;
	}
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	size_t start = b->len;
	int n;

	va_copy(ap2, ap);
	if (plain_printf(b, fmt, ap2, false)) {
		va_end(ap2);
		return;
	}
	va_end(ap2);
	/* A conversion plain_printf() does not do: all of it again with vsnprintf. */
	b->len = start;
	if (b->data != NULL)
		b->data[start] = '\0';
	va_copy(ap2, ap);
	buf_reserve(b, 64);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	if (n >= 0 && (size_t)n >= b->cap - b->len) {
		buf_reserve(b, (size_t)n);
		n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap2);
	}
	va_end(ap2);
	if (n > 0)
		b->len += (size_t)n;
}

void
buf_vsnprintf(char *dst, size_t size, const char *fmt, va_list ap)
{
	struct buf fixed = { dst, 0, size };
	va_list ap2;
	bool done;

	if (size == 0)
		return;
	va_copy(ap2, ap);
	done = plain_printf(&fixed, fmt, ap2, true);
	va_end(ap2);
	if (!done)
		vsnprintf(dst, size, fmt, ap);	/* other conversions, or cut to size */
}

size_t
buf_strcpy(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
	return n;
}

void
buf_snprintf(char *dst, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vsnprintf(dst, size, fmt, ap);
	va_end(ap);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}
