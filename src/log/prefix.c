/*
 * prefix.c: split a log line into its prefix and the kernel's message.
 *
 * The prefix is lexed element by element (see log/prefix.h): at each step
 * the text is tried against every element shape, and the first that fits
 * is taken.  Shapes are chosen so that no kernel message of an OOM report
 * can start with one: a message never starts with "<digit>", a date and a
 * clock, "kern  :", "kernel:", '>' or a bracket other than a task row's, a
 * stack address or the dump header.  So the rule needs no knowledge of the
 * tool that wrote the line, and mixed or unknown prefixes come apart alike.
 * Everything here is bounded by the line and allocation-free: the dense
 * case of explain calls it for every line.
 */
#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "lib/parse.h"
#include "log/prefix.h"

#define BRACKET_MAX 128		/* longest bracketed prefix field */

static bool
is_digit(char c)
{
	return (unsigned char)(c - '0') < 10;	/* one comparison: this runs per byte */
}

static bool
is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool
is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool
is_alpha(char c)
{
	return is_upper(c) || is_lower(c);
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static const char *
skip_digits(const char *p, const char *end)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/*
	 * Eight bytes at a time: a byte is a digit when byte - '0' < 10, and
	 * the first one that is not is flagged exactly (what it borrows or
	 * carries reaches only the bytes after it).  Uptimes and dump rows
	 * are runs of digits on every line of a report.
	 */
	while (end - p >= 8) {
		uint64_t x, t, stop;

		memcpy(&x, p, 8);
		t = x - 0x3030303030303030ull;
		stop = (t | (t + 0x7676767676767676ull)) & 0x8080808080808080ull;
		if (stop != 0)
			return p + (__builtin_ctzll(stop) >> 3);
		p += 8;
	}
#endif
	while (p < end && is_digit(*p))
		p++;
	return p;
}

static const char *
tok_end(const char *p, const char *end)
{
	while (p < end && !is_blank(*p))
		p++;
	return p;
}

/*
 * The end of a token that may be a prefix element: no element is longer
 * than TOKEN_MAX, so a longer token (a message's "key=value,..." run) is not
 * scanned to its end: the returned end is then TOKEN_MAX + 1 bytes in.
 */
#define TOKEN_MAX 96

static const char *
short_tok_end(const char *p, const char *end)
{
	const char *lim = end - p > TOKEN_MAX ? p + TOKEN_MAX + 1 : end;

#ifdef __SSE2__
	/*
	 * Sixteen bytes at a time (the first blank, capped at lim): token scans
	 * were a sixth of prefix_parse() on a dense log (callgrind).
	 */
	while (end - p >= 16 && p < lim) {
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_cmpeq_epi8(b, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(b, _mm_set1_epi8('\t'))));

		if (m != 0) {
			p += __builtin_ctz(m);
			return p < lim ? p : lim;
		}
		p += 16;
	}
	if (p >= lim)
		return lim;
#endif
	while (p < lim && !is_blank(*p))
		p++;
	return p;
}

/*
 * The first ' ' (a space only, not a tab) in [p, lim), or NULL: memchr()
 * inline, for the first token of a message, which is short (a libc call
 * per line cost more than the search, callgrind).
 */
static const char *
find_space(const char *p, const char *lim)
{
#ifdef __SSE2__
	while (lim - p >= 16) {
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(b, _mm_set1_epi8(' ')));

		if (m != 0)
			return p + __builtin_ctz(m);
		p += 16;
	}
#endif
	for (; p < lim; p++)
		if (*p == ' ')
			return p;
	return NULL;
}

static const char *
skip_sp(const char *p, const char *end)
{
	while (p < end && is_blank(*p))
		p++;
	return p;
}

#ifdef __SSE2__
/*
 * Byte classes of 16 bytes at once (bit i: p[i]), for the tests that
 * decide whether an element may begin at a message's first bytes: they run
 * on every line, and a byte loop cost several instructions a byte there
 * (callgrind).  Bytes in [lo, lo + n) are moved to the n least signed
 * values, so that one compare tells them.
 */
static inline __m128i
load16(const char *p)
{
	return _mm_loadu_si128((const __m128i *)(const void *)p);
}

static inline unsigned
mask_of(__m128i v)
{
	return (unsigned)_mm_movemask_epi8(v);
}

static inline __m128i
in_range(__m128i b, char lo, int n)
{
	return _mm_cmplt_epi8(_mm_add_epi8(b, _mm_set1_epi8((char)(0x80 - lo))),
	    _mm_set1_epi8((char)(-128 + n)));
}

static inline __m128i
is_blank16(__m128i b)
{
	return _mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8(' ')),
	    _mm_cmpeq_epi8(b, _mm_set1_epi8('\t')));
}
#endif

/*
 * A text's first 16 bytes, loaded once for the tests of may_begin_elem()
 * (each inline there, so the block stays in a register); wide when the
 * text has 16 bytes (and SSE2 is there), else the tests go byte by byte.
 */
struct head {
	bool wide;
#ifdef __SSE2__
	__m128i b;
#endif
};

static inline __attribute__((always_inline)) void
head_at(const char *p, const char *end, struct head *h)
{
#ifdef __SSE2__
	h->wide = end - p >= 16;
	h->b = h->wide ? load16(p) : _mm_setzero_si128();
#else
	(void)p, (void)end;
	h->wide = false;
#endif
}

static bool
span_is(const char *p, const char *e, const char *s)
{
	size_t n = strlen(s);

	return (size_t)(e - p) == n && memcmp(p, s, n) == 0;
}

/* span_is() for a string literal: its length known at compile time. */
#define SPAN_IS(p, e, lit) ((size_t)((e) - (p)) == sizeof(lit) - 1 && \
	memcmp((p), (lit), sizeof(lit) - 1) == 0)

/* ---- clocks and dates -------------------------------------------------- */

/*
 * "hh:mm:ss" (or "h:mm:ss"; "hh:mm" when seconds are optional) at p, with
 * an optional fraction "[.,]digits": its end, or NULL.
 */
static const char *
match_clock(const char *p, const char *end, bool need_seconds)
{
	const char *q = p;

	if (q >= end || !is_digit(*q))
		return NULL;
	q++;
	if (q < end && is_digit(*q))
		q++;
	if (end - q < 3 || q[0] != ':' || !is_digit(q[1]) || !is_digit(q[2]))
		return NULL;
	q += 3;
	if (end - q >= 3 && q[0] == ':' && is_digit(q[1]) && is_digit(q[2]))
		q += 3;
	else if (need_seconds)
		return NULL;
	if (end - q >= 2 && (q[0] == '.' || q[0] == ',') && is_digit(q[1]))
		q = skip_digits(q + 1, end);
	return q;
}

/* "Z", "+0000", "+00:00", "-05" after a clock: its end (p if none). */
static const char *
skip_zone(const char *p, const char *end)
{
	const char *q;

	if (p < end && *p == 'Z')
		return p + 1;
	if (p >= end || (*p != '+' && *p != '-'))
		return p;
	q = p + 1;
	if (end - q < 2 || !is_digit(q[0]) || !is_digit(q[1]))
		return p;
	q += 2;
	if (q < end && *q == ':')
		q++;
	if (end - q >= 2 && is_digit(q[0]) && is_digit(q[1]))
		q += 2;
	return q;
}

/* "2023-10-12T19:00:20..." (or with ' ' for 'T'): end of the clock part. */
static const char *
match_iso(const char *p, const char *end)
{
	if (end - p < 19 || !is_digit(p[0]) || !is_digit(p[1]) || !is_digit(p[2]) ||
	    !is_digit(p[3]) || p[4] != '-' || !is_digit(p[5]) || !is_digit(p[6]) || p[7] != '-' ||
	    !is_digit(p[8]) || !is_digit(p[9]) || (p[10] != 'T' && p[10] != ' '))
		return NULL;
	p = match_clock(p + 11, end, true);
	return p != NULL ? skip_zone(p, end) : NULL;
}

/* A word that may name a day or a month in some locale: "Jun", "ven.", "12月". */
static bool
is_date_word(const char *p, const char *e)
{
	if (e - p < 1 || e - p > 14)
		return false;
	for (; p < e; p++)
		if (!is_alpha(*p) && !is_digit(*p) && (unsigned char)*p < 0x80 && *p != '.' &&
		    *p != ',')
			return false;
	return true;
}

/* A byte of a date word (is_date_word()): a letter, digit, '.', ',', or any from 0x80. */
static bool
is_date_byte(char c)
{
	static const uint64_t low = 1ull << '.' | 1ull << ',' | 0x3ffull << '0';
	static const uint64_t high = 0x3ffffffull << ('A' - 64) | 0x3ffffffull << ('a' - 64);
	unsigned char u = (unsigned char)c;

	return u >= 0x80 || ((u < 64 ? low >> u : high >> (u - 64)) & 1) != 0;
}

/*
 * Can a time run begin at p (p < end)?  Its first token is a date or a
 * clock (they begin with a digit) or a date word: is_date_word() of the
 * token up to the first blank, in one pass that stops at the fifteenth
 * byte.  Most messages fail it at once ("active_anon:5", "CPU:").
 */
static inline __attribute__((always_inline)) bool
may_begin_time_in(const char *p, const char *end, const struct head *h)
{
	const char *q = p, *lim = end - p > 15 ? p + 15 : end;

	if (is_digit(*p))
		return true;
#ifdef __SSE2__
	if (h->wide) {
		/* The first byte that is no date byte, the fifteenth at most (lim). */
		__m128i b = h->b;
		__m128i date = _mm_or_si128(_mm_or_si128(in_range(_mm_or_si128(b,
		    _mm_set1_epi8(0x20)), 'a', 26), in_range(b, '0', 10)),
		    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8('.')),
		    _mm_cmpeq_epi8(b, _mm_set1_epi8(','))), _mm_cmplt_epi8(b, _mm_setzero_si128())));
		unsigned k = (unsigned)__builtin_ctz((~mask_of(date) & 0xffff) | 0x8000);

		return k > 0 && k <= 14 && is_blank(p[k]);
	}
#endif
	while (q < lim && is_date_byte(*q))
		q++;
	return q > p && q - p <= 14 && (q == end || is_blank(*q));
}

static bool
may_begin_time(const char *p, const char *end)
{
	struct head h;

	head_at(p, end, &h);
	return may_begin_time_in(p, end, &h);
}

/* "2023-10-12", "07-13", "12.10.2023", "2023/10/12", "4", "04.": digits and separators. */
static bool
is_date_number(const char *p, const char *e)
{
	int digits = 0;

	if (e - p < 1 || e - p > 10 || !is_digit(*p))
		return false;
	for (; p < e; p++) {
		if (is_digit(*p))
			digits++;
		else if (*p != '-' && *p != '/' && *p != '.' && *p != ',')
			return false;
	}
	return digits > 0;
}

/*
 * A date and a clock in up to five tokens starting at p ("Jun  4
 * 17:19:10", "Thu 2023-08-17 17:29:27 CEST", "2023-10-12T19:00:20+0000",
 * "07-13 08:41:51.341"), then an optional year or zone that more text
 * follows: its end, or NULL.  A token that begins with an ISO date and time
 * ends the run even if more is glued to it ("...Z,host,4,1,kernel:,").
 */
/* Is there a clock ("d:dd:dd") among the first bytes of [p, end)? A quick test. */
static bool
has_clock_soon(const char *p, const char *end)
{
	const char *lim = end - p > 80 ? p + 80 : end, *c = p;

#define CLOCK_AT(c) ((c) > p && is_digit((c)[-1]) && lim - (c) >= 6 && is_digit((c)[1]) && \
	is_digit((c)[2]) && (c)[3] == ':' && is_digit((c)[4]) && is_digit((c)[5]))
#ifdef __SSE2__
	/* The colons of 16 bytes at a time: a memchr() call per colon cost more. */
	for (; lim - c >= 16; c += 16) {
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
		    _mm_loadu_si128((const __m128i *)(const void *)c), _mm_set1_epi8(':')));

		for (; m != 0; m &= m - 1)
			if (CLOCK_AT(c + __builtin_ctz(m)))
				return true;
	}
#endif
	for (; c < lim; c++)
		if (*c == ':' && CLOCK_AT(c))
			return true;
	return false;
#undef CLOCK_AT
}

static const char *
match_time_run(const char *p, const char *end)
{
	const char *q = p, *e, *c;
	int i;

	/*
	 * The first token must be a date, a clock or a date word: tested
	 * before the look for a clock (which scans up to 80 bytes), since most
	 * messages fail it at once ("active_anon:5", "CPU:", "[<ffff...").
	 */
	if (!may_begin_time(p, end))
		return NULL;
	if (!has_clock_soon(p, end))
		return NULL;

	for (i = 0; i < 5 && q < end; i++) {
		e = short_tok_end(q, end);
		if ((c = match_iso(q, e)) != NULL)
			return e - q > TOKEN_MAX ? tok_end(q, end) : e;
		if ((c = match_clock(q, e, true)) != NULL && skip_zone(c, e) == e)
			goto after_clock;
		if (!is_date_word(q, e) && !is_date_number(q, e))
			return NULL;
		q = skip_sp(e, end);
	}
	return NULL;
after_clock:
	/* A year or a zone after the clock, when the line goes on after it. */
	for (i = 0; i < 2; i++) {
		const char *n = skip_sp(e, end), *ne = short_tok_end(n, end), *z;
		bool year = ne - n == 4 && is_digit(n[0]) && is_digit(n[1]) && is_digit(n[2]) &&
		    is_digit(n[3]);
		bool zone = ne - n >= 2 && ne - n <= 5;

		for (z = n; zone && z < ne; z++)
			zone = is_upper(*z);
		if (!zone && n < ne && (*n == '+' || *n == '-'))
			zone = skip_zone(n, ne) == ne && ne - n >= 3;
		if ((!year && !zone) || skip_sp(ne, end) >= end)
			break;
		e = ne;
	}
	return e;
}

/* "1697137220.123456": journalctl -o short-unix. */
static const char *
match_unix_time(const char *p, const char *end)
{
	const char *q = skip_digits(p, end);

	if (q - p < 9 || q - p > 11 || q >= end || *q != '.')
		return NULL;
	p = q + 1;
	q = skip_digits(p, end);
	if (q == p || (q < end && !is_blank(*q)))
		return NULL;
	return q;
}

/* ---- brackets ---------------------------------------------------------- */

/*
 * Is the "[" at p the start of a message (a stack address "[<ffff...>]" or
 * a number "[  788]")?  classify_bracket()'s first two answers (PK_NONE,
 * PK_NUMBER), the brackets most lines of a report begin with; false means
 * "ask classify_bracket()".
 */
static inline __attribute__((always_inline)) bool
bracket_is_message_in(const char *p, const char *end, const struct head *h)
{
	const char *c, *q;

#ifdef __SSE2__
	if (h->wide) {
		/* Blanks, then '<' or digits and ']': most often inside the first 16 bytes. */
		__m128i b = h->b;
		unsigned nb = ~mask_of(is_blank16(b)) & 0xfffe, nd;

		if (nb != 0) {
			unsigned ci = (unsigned)__builtin_ctz(nb), qi;

			if (p[ci] == '<')
				return true;
			nd = ~mask_of(in_range(b, '0', 10)) & (0xffffu << ci) & 0xffff;
			if (nd != 0) {
				qi = (unsigned)__builtin_ctz(nd);
				return qi > ci && p[qi] == ']';
			}
		}
	}
#endif
	c = skip_sp(p + 1, end);
	if (c < end && *c == '<')
		return true;
	q = skip_digits(c, end);
	return q > c && q < end && *q == ']';
}

static bool
bracket_is_message(const char *p, const char *end)
{
	struct head h;

	head_at(p, end, &h);
	return bracket_is_message_in(p, end, &h);
}

/* What a "[...]" at the start of the rest of a line is. */
static enum pfx_kind
classify_bracket(const char *p, const char *end, const char **close_out, struct span *up)
{
	const char *close, *c, *ce, *q;
	size_t max = (size_t)(end - p) < BRACKET_MAX ? (size_t)(end - p) : BRACKET_MAX;

	/* The common shapes first: "[  128.496873]" and a dump row's "[  788]". */
	c = skip_sp(p + 1, end);
	if (c < end && *c == '<')
		return PK_NONE;		/* "[<ffffffff81131420>]": a stack address (below) */
	q = skip_digits(c, end);
	if (q > c && q < end) {
		if (*q == ']') {
			*close_out = q + 1;
			return PK_NUMBER;
		}
		if (*q == '.' && q + 1 < end && is_digit(q[1])) {
			const char *f = skip_digits(q + 1, end);

			if (f < end && *f == ']') {
				*close_out = f + 1;
				up->p = c;
				up->len = (size_t)(f - c);
				return PK_UPTIME;
			}
		}
	}
	for (close = p + 1; close < p + max && *close != ']'; close++)
		if (*close == '[')
			return PK_NONE;		/* "[drm:x [i915]]": a message */
	if (close >= p + max)
		return PK_NONE;
	*close_out = close + 1;
	c = skip_sp(p + 1, close);
	ce = close;
	while (ce > c && is_blank(ce[-1]))
		ce--;
	if (c == ce)
		return PK_VENDOR;
	if (*c == '<')
		return PK_NONE;		/* "[<ffffffff81131420>]": a stack address */
	if (SPAN_IS(c, ce, "pid"))
		return PK_NONE;		/* the task dump header */
	q = skip_digits(c, ce);
	if (q == ce)
		return PK_NUMBER;	/* a task-dump row "[  788]" (or a vendor's number) */
	if (q > c && *q == '.' && q + 1 < ce && is_digit(q[1])) {
		const char *f = skip_digits(q + 1, ce);

		if (f < ce && *f == 's')	/* Android: "[309805.658142s]" */
			f++;
		if (f == ce || (is_blank(*f) && skip_sp(f, ce) < ce && *skip_sp(f, ce) == '<')) {
			up->p = c;	/* "[ 8523.347168 <    0.000123>]" too */
			up->len = (size_t)(skip_digits(q + 1, ce) - c);
			return PK_UPTIME;
		}
	}
	if (*c == '+' && c + 1 < ce && is_digit(c[1]))
		return PK_UPTIME;	/* dmesg -d/-e deltas "[  +0.000123]" */
	for (q = c; q < ce && (is_digit(*q) || *q == '.' || *q == ' '); q++)
		;
	if (q == ce)
		return PK_NONE;		/* "[1.]": a broken number, not a field */
	if ((*c == 'T' || *c == 'C') && c + 1 < ce && skip_digits(c + 1, ce) == ce)
		return PK_CALLER;
	/*
	 * A clock inside: one or two digits and a ':' begin it, so only the
	 * bytes one and two before a colon can (a vendor's field has few
	 * colons; trying every byte cost a call each).
	 */
	for (q = c + 1; q < ce; q++)
		if (*q == ':' && ((q - 1 >= c && match_clock(q - 1, ce, false) != NULL) ||
		    (q - 2 >= c && match_clock(q - 2, ce, false) != NULL)))
			return PK_CTIME;
	return PK_VENDOR;
}

/* ---- tags -------------------------------------------------------------- */

/* "kernel:" or "kernel[0]:": the syslog tag of kernel lines. */
static bool
is_kernel_tag(const char *p, const char *e)
{
	if (SPAN_IS(p, e, "kernel:"))
		return true;
	return e - p > 9 && memcmp(p, "kernel[", 7) == 0 && e[-1] == ':' && e[-2] == ']';
}

/* Another program's tag: "CRON[123]:", "/usr/bin/lock:". */
static bool
is_program_tag(const char *p, const char *e)
{
	const char *b;

	if (e - p < 2 || e[-1] != ':')
		return false;
	if (memchr(p, '/', (size_t)(e - p)) != NULL && *p != '[')
		return true;
	if (e - p < 5 || e[-2] != ']' || (b = memchr(p, '[', (size_t)(e - p))) == NULL || b == p)
		return false;
	return skip_digits(b + 1, e - 2) == e - 2 && b + 1 < e - 2;
}

/* "kern.warn", "daemon.info": a busybox logread facility.level. */
static bool
is_facility_level(const char *p, const char *e)
{
	static const char *const fac[] = { "kern", "user", "mail", "daemon", "auth", "syslog",
	    "lpr", "news", "uucp", "cron", "authpriv", "ftp", "local0", "local1", "local2",
	    "local3", "local4", "local5", "local6", "local7" };
	static const char *const lev[] = { "emerg", "alert", "crit", "err", "warn", "warning",
	    "notice", "info", "debug" };
	const char *dot = memchr(p, '.', (size_t)(e - p));
	size_t i;
	bool f = false;

	if (dot == NULL || e - p > 16)
		return false;
	for (i = 0; i < sizeof(fac) / sizeof(fac[0]) && !f; i++)
		f = span_is(p, dot, fac[i]);
	for (i = 0; f && i < sizeof(lev) / sizeof(lev[0]); i++)
		if (span_is(dot + 1, e, lev[i]))
			return true;
	return false;
}

/* A cheap first look for is_facility_level(): lowercase letters, then a dot. */
static bool
maybe_faclev(const char *p, const char *end)
{
	int i;

	for (i = 1; i < 9 && p + i < end; i++) {
		if (p[i] == '.')
			return i >= 3;
		if (!(p[i] >= 'a' && p[i] <= 'z') && !(p[i] >= '0' && p[i] <= '9'))
			return false;
	}
	return false;
}

/* "stdout F " or "stderr P ": a Kubernetes (CRI) container log line. */
static bool
is_cri_stream(const char *p, const char *end)
{
	return end - p >= 8 && (memcmp(p, "stdout ", 7) == 0 || memcmp(p, "stderr ", 7) == 0) &&
	    (p[7] == 'F' || p[7] == 'P') && (end - p == 8 || is_blank(p[8]));
}

/* "kern  :warn  : ": dmesg -x. */
static const char *
match_faclev(const char *p, const char *end)
{
	const char *q = p;
	int i;

	for (i = 0; i < 2; i++) {
		const char *w = q;

		while (q < end && is_lower(*q))
			q++;
		if (q == w || q - w > 8)
			return NULL;
		q = skip_sp(q, end);
		if (q >= end || *q != ':')
			return NULL;
		q++;
	}
	return q;
}

/* "4,7005,192206114689,-;" or "6,10233,206328911,-,caller=T123;". */
static const char *
match_kmsg(const char *p, const char *end, struct span *up)
{
	const char *q = p;
	int i;

	for (i = 0; i < 3; i++) {
		const char *d = q;

		q = skip_digits(q, end);
		if (q == d || q >= end || *q != ',')
			return NULL;
		if (i == 2) {
			up->p = d;
			up->len = (size_t)(q - d);
		}
		q++;
	}
	while (q < end && *q != ';' && !is_blank(*q))
		q++;
	return q < end && *q == ';' ? q + 1 : NULL;
}

/* ---- the lexer --------------------------------------------------------- */

static void
add(struct logline *out, const char *line, enum pfx_kind k, const char *s, const char *e)
{
	if (out->nelem >= PFX_MAX)
		return;
	out->elem[out->nelem].kind = (uint8_t)k;
	out->elem[out->nelem].start = (uint32_t)(s - line);
	out->elem[out->nelem].end = (uint32_t)(e - line);
	out->nelem++;
	out->shape = out->shape * 31 + (uint32_t)k;
}

/*
 * Can "kernel:" or "host kernel:" be at p (p < end)?  A token starting
 * with 'k', or one after the first space (not a tab) of the next bytes.
 */
static inline __attribute__((always_inline)) bool
kernel_tag_near_in(const char *p, const char *end, const struct head *h)
{
	const char *sp;

	if (*p == 'k')
		return true;
#ifdef __SSE2__
	if (h->wide) {
		/*
		 * The first space inside the first 16 bytes, and the blanks
		 * after it by the same block (past it, byte by byte).
		 */
		__m128i b = h->b;
		unsigned m = mask_of(_mm_cmpeq_epi8(b, _mm_set1_epi8(' ')));

		if (m != 0) {
			unsigned i = (unsigned)__builtin_ctz(m) + 1;
			unsigned nb = ~mask_of(is_blank16(b)) & (0xffffu << i) & 0xffff;

			if (nb != 0)
				return p[__builtin_ctz(nb)] == 'k';
			sp = skip_sp(p + 16, end);
			return sp < end && *sp == 'k';
		}
	}
#endif
	sp = find_space(p, end - p < TOKEN_MAX + 1 ? end : p + TOKEN_MAX + 1);
	return sp != NULL && (sp = skip_sp(sp, end)) < end && *sp == 'k';
}

static bool
kernel_tag_near(const char *p, const char *end)
{
	struct head h;

	head_at(p, end, &h);
	return kernel_tag_near_in(p, end, &h);
}

/*
 * The host and tag after a time or at the start of a line: "host kernel:",
 * "kernel:", "host CRON[1]:", or RFC 5424's "host app procid msgid sd".
 * Returns the end of what it took, or NULL.
 */
static const char *
host_and_tag(const char *line, const char *p, const char *end, bool after_time, bool rfc5424,
    struct logline *out)
{
	const char *t1 = p, *e1, *t2, *e2;

	if (t1 >= end)
		return NULL;
	if (!after_time && !rfc5424 && !kernel_tag_near(t1, end))
		return NULL;	/* without a time before it, only "host kernel:" is a prefix */
	e1 = short_tok_end(t1, end);
	if (e1 - t1 > TOKEN_MAX)
		return NULL;
	t2 = skip_sp(e1, end);
	e2 = short_tok_end(t2, end);
	if (rfc5424) {
		const char *q = e2;
		int i;

		add(out, line, PK_HOST, t1, e1);
		out->host.p = t1;
		out->host.len = (size_t)(e1 - t1);
		for (i = 0; i < 3 && q < end; i++)
			q = tok_end(skip_sp(q, end), end);
		add(out, line, SPAN_IS(t2, e2, "kernel") ? PK_TAG : PK_OTHERTAG, t2, q);
		if (!SPAN_IS(t2, e2, "kernel"))
			out->src = LL_OTHER;
		return q;
	}
	if (is_kernel_tag(t1, e1)) {
		add(out, line, PK_TAG, t1, e1);
		return e1;
	}
	if (t2 < end && is_kernel_tag(t2, e2) && e1[-1] != ':') {
		add(out, line, PK_HOST, t1, e1);
		add(out, line, PK_TAG, t2, e2);
		out->host.p = t1;
		out->host.len = (size_t)(e1 - t1);
		return e2;
	}
	if (!after_time)
		return NULL;
	if (t2 < end && e1[-1] != ':' && is_lower(*t2) && is_facility_level(t2, e2)) {
		/* busybox syslogd: "Dec  3 07:40:19 host kern.warn kernel: " */
		const char *t3 = skip_sp(e2, end), *e3 = short_tok_end(t3, end);
		bool kernel = t3 < end && is_kernel_tag(t3, e3);

		if (kernel || (t3 < end && is_program_tag(t3, e3))) {
			add(out, line, PK_HOST, t1, e1);
			add(out, line, PK_FACLEV, t2, e2);
			add(out, line, kernel ? PK_TAG : PK_OTHERTAG, t3, e3);
			out->host.p = t1;
			out->host.len = (size_t)(e1 - t1);
			if (!kernel)
				out->src = LL_OTHER;
			return e3;
		}
	}
	if (is_program_tag(t1, e1)) {
		add(out, line, PK_OTHERTAG, t1, e1);
		out->src = LL_OTHER;
		return e1;
	}
	if (t2 < end && e1[-1] != ':' && is_program_tag(t2, e2)) {
		add(out, line, PK_HOST, t1, e1);
		add(out, line, PK_OTHERTAG, t2, e2);
		out->host.p = t1;
		out->host.len = (size_t)(e1 - t1);
		out->src = LL_OTHER;
		return e2;
	}
	return NULL;
}

/* Where the lexer stands between two elements (prefix_parse(), the memo). */
struct lexstate {
	bool tagged, timed, rfc5424, any;
	int guard;			/* iterations done */
	const char *last_start, *last_end;	/* the last element run taken */
};

/* After an element run [start, q): the separator blanks it is followed by. */
static inline __attribute__((always_inline)) const char *
after_elem(const char *start, const char *q, const char *end)
{
	const char *p = q;

	if (p < end && is_blank(*p))
		p++;	/* one separator; more blanks belong to the message */
	if (p < end && is_blank(*p) && p > start) {
		const char *n = skip_sp(p, end);

		/* Blanks before another element are still separators. */
		if (n < end && (*n == '[' || *n == '<' || is_digit(*n)) && n - p < 16) {
			struct span dummy = { 0 };
			const char *dc;

			enum pfx_kind nk = *n != '[' || bracket_is_message(n, end) ? PK_NONE :
			    classify_bracket(n, end, &dc, &dummy);

			if (*n != '[' || (nk != PK_NONE && nk != PK_NUMBER))
				p = n;
		}
	}
	return p;
}

/*
 * Can a facility and level begin at p, a lowercase letter: dmesg -x's
 * "kern  :" (match_faclev()) or busybox's "kern.warn" (maybe_faclev())?
 * In one pass over the word: the first needs at most 8 letters, then a
 * ':' after any blanks and a letter (then match_faclev() decides: "rss
 * 1004", "memory: usage" are not); the second letters and digits, then a
 * '.' 3 to 8 bytes in.
 */
static inline __attribute__((always_inline)) bool
may_be_faclev_in(const char *p, const char *end, const struct head *h)
{
	const char *q = p + 1, *lim = end - p > 9 ? p + 9 : end;

#ifdef __SSE2__
	if (h->wide) {
		/*
		 * Both runs at once: k1 the first byte from the second on
		 * that is no lowercase letter, k2 no letter or digit, each the
		 * ninth (lim) at most.
		 */
		__m128i b = h->b;
		unsigned lower = mask_of(in_range(b, 'a', 26));
		unsigned alnum = lower | mask_of(in_range(b, '0', 10));
		unsigned k1 = (unsigned)__builtin_ctz((~lower & 0x1fe) | 0x200);
		unsigned k2 = (unsigned)__builtin_ctz((~alnum & 0x1fe) | 0x200);

		q = p + k1;
		if (k1 <= 8 && (*q == ':' || is_blank(*q))) {
			const char *c = skip_sp(q, end);

			if (end - c >= 2 && c[0] == ':' && is_lower(c[1]) &&
			    match_faclev(p, end) != NULL)
				return true;
		}
		return k2 < 9 && p[k2] == '.' && k2 >= 3;
	}
#endif
	while (q < lim && is_lower(*q))
		q++;
	if (q < end && q - p <= 8 && (*q == ':' || is_blank(*q))) {
		/*
		 * match_faclev()'s own first tests, inline: a ':' after the
		 * blanks and a letter right after it (a message's "systemd
		 * invoked", "memory: usage" fail here, without the call).
		 */
		const char *c = skip_sp(q, end);

		if (end - c >= 2 && c[0] == ':' && is_lower(c[1]) && match_faclev(p, end) != NULL)
			return true;
	}
	while (q < lim && (is_lower(*q) || is_digit(*q)))
		q++;
	return q < lim && *q == '.' && q - p >= 3;
}

/* may_be_faclev_in() by itself (the tests compare it with a byte loop). */
static __attribute__((unused)) bool
may_be_faclev(const char *p, const char *end)
{
	struct head h;

	head_at(p, end, &h);
	return may_be_faclev_in(p, end, &h);
}

/*
 * After a time and no tag yet: can host_and_tag() take a host and tag at
 * p ("host kernel:", "host CRON[1]:", "host kern.warn kernel:")?  Each tag
 * it takes ends with ':', as the last byte of one of the first three
 * tokens as it cuts them (short_tok_end(); none when the first is longer
 * than TOKEN_MAX).  A stream of a time alone (journalctl -o short-iso) or
 * of Android logcat, whose messages seldom have such a colon, then skips
 * the lexer (it ran on every line of such a stream, callgrind).
 */
static __attribute__((noinline)) bool
may_tag_after_time(const char *p, const char *end)
{
	const char *t = p, *e = short_tok_end(t, end);
	int i;

	if (e - t > TOKEN_MAX)
		return false;
	for (i = 0;; i++) {
		if (e > t && e[-1] == ':')
			return true;
		if (i == 2 || (t = skip_sp(e, end)) >= end)
			return false;
		e = short_tok_end(t, end);
	}
}

/*
 * Can an element begin at p (p < end), after a tag or a time or neither
 * (the lexer's state) and what out holds (the indent, an uptime)?  True
 * wherever one of lex()'s branches may take one (it then
 * decides); false only where each fails or stops there, by the tests
 * they begin with:
 *   '<' '.' "\xe2": a level, an ellipsis or a time (lex() decides);
 *   '[': unless classify_bracket() would say PK_NONE or PK_NUMBER;
 *   '>' at the indent, ':' after a tag;
 *   a lowercase letter: dmesg -x's or busybox's facility and level;
 *   then, without a tag yet: after a time, a CRI stream or a host and tag
 *   (may_tag_after_time()); before one, a time run (only without an uptime) and
 *   "host kernel:" (kernel_tag_near()).
 * Most lines of a report fail at the first byte of their message, and
 * many lines at their first: asked before lex() on a new line and after a
 * prefix the memo stood in for, it spares them the branches.
 */
static inline __attribute__((always_inline)) bool
may_begin_elem(const char *line, const char *p, const char *end, const struct logline *out,
    bool tagged, bool timed)
{
	struct head h;

	head_at(p, end, &h);
	switch (*p) {
	case '[':
		return !bracket_is_message_in(p, end, &h);
	case '<':
	case '.':
	case '\xe2':
		return true;
	case '>':
		if (p == line + out->indent)
			return true;
		break;
	case ':':
		if (tagged)
			return true;
		break;
	default:
		break;
	}
	if (is_lower(*p) && may_be_faclev_in(p, end, &h))
		return true;
	if (tagged)
		return false;
	if (timed)
		return is_cri_stream(p, end) || may_tag_after_time(p, end);
	if (out->uptime.len == 0 &&
	    (is_digit(*p) || (may_begin_time_in(p, end, &h) && has_clock_soon(p, end))))
		return true;	/* a time run (it needs a clock) or a Unix time */
	return kernel_tag_near_in(p, end, &h);
}

/* The element loop from p on, then the message; ls says what came before. */
static void
lex(const char *line, const char *end, const char *p, struct logline *out, struct lexstate *ls)
{
	const char *q;

	for (; ls->guard < PFX_MAX && p < end; ls->guard++) {
		const char *start = p, *e;
		struct span up = { 0 };

		if (*p == '<' && end - p >= 3 && is_digit(p[1]) &&
		    (q = skip_digits(p + 1, end)) < end && *q == '>' && q - p <= 4) {
			q++;
			/* RFC 5424: "<PRI>1 2023-10-12T19:00:20Z host app - - - msg" */
			if (end - q > 2 && q[0] == '1' && q[1] == ' ' &&
			    match_iso(q + 2, tok_end(q + 2, end)) != NULL) {
				ls->rfc5424 = true;
				add(out, line, PK_RFC5424, p, q + 1);
				q++;
			} else {
				add(out, line, PK_LEVEL, p, q);
			}
		} else if (*p == '>' && p == line + out->indent) {
			for (q = p; q < end && (*q == '>' || is_blank(*q)); q++)
				;
			add(out, line, PK_QUOTE, p, q);	/* mail quoting */
		} else if (*p == '[') {
			enum pfx_kind k = classify_bracket(p, end, &q, &up);

			if (k == PK_NONE || k == PK_NUMBER)
				break;
			add(out, line, k, p, q);
			if (k == PK_UPTIME && up.len > 0 && out->uptime.len == 0)
				out->uptime = up;
			if (k == PK_CTIME && out->time.len == 0) {
				out->time.p = p + 1;
				out->time.len = (size_t)(q - p - 2);
			}
		} else if (is_lower(*p) && (q = match_faclev(p, end)) != NULL) {
			add(out, line, PK_FACLEV, p, q);
		} else if (!ls->timed && !ls->tagged && out->uptime.len == 0 &&
		    ((q = match_time_run(p, end)) != NULL ||
		    (is_digit(*p) && (q = match_unix_time(p, end)) != NULL))) {
			add(out, line, PK_TIME, p, q);
			if (out->time.len == 0) {
				out->time.p = p;
				out->time.len = (size_t)(q - p);
			}
			ls->timed = true;
			out->syslog = true;
			if (ls->rfc5424 && !ls->tagged) {
				ls->tagged = true;
				if ((e = host_and_tag(line, skip_sp(q, end), end, true, true, out)) != NULL)
					q = e;
			}
		} else if (*p == '.' || (end - p >= 3 && memcmp(p, "\xe2\x80\xa6", 3) == 0)) {
			e = tok_end(p, end);
			for (q = p; q < e && *q == '.'; q++)
				;
			if (!(q == e && e - p >= 3) && !(e - p == 3 && *p != '.'))
				break;
			add(out, line, PK_ELLIPSIS, p, e);	/* "..." or "…" */
			q = e;
		} else if (*p == ':' && (p + 1 == end || is_blank(p[1])) && ls->tagged) {
			add(out, line, PK_ELLIPSIS, p, p + 1);	/* RHEL 6 rsyslog "kernel: : [" */
			q = p + 1;
		} else if (ls->timed && !ls->tagged && is_cri_stream(p, end)) {
			q = p + 8;
			add(out, line, PK_CRI, p, q);	/* "stdout F " */
		} else if (is_lower(*p) && maybe_faclev(p, end) &&
		    is_facility_level(p, short_tok_end(p, end))) {
			q = short_tok_end(p, end);
			add(out, line, PK_FACLEV, p, q);
		} else if (!ls->tagged && (q = host_and_tag(line, p, end, ls->timed, false, out)) != NULL) {
			ls->tagged = true;
			if (out->src == LL_OTHER) {
				p = skip_sp(q, end);
				break;
			}
		} else {
			break;
		}
		ls->any = true;
		ls->last_start = start;
		ls->last_end = q;
		p = after_elem(start, q, end);
	}
	if (out->src != LL_OTHER)
		out->src = ls->any || out->nelem > 0 ? LL_KERNEL : LL_BARE;
	if (ls->tagged)
		out->syslog = true;
	if (out->nelem == 0) {
		p = line;	/* no prefix: the message keeps its indentation */
	} else if (out->src == LL_KERNEL) {
		int i;

		/* Only quoting or elision marks: a bare line, quoted or cut. */
		for (i = 0; i < out->nelem; i++)
			if (out->elem[i].kind != PK_QUOTE && out->elem[i].kind != PK_ELLIPSIS)
				break;
		if (i == out->nelem) {
			const char *m = line + out->elem[out->nelem - 1].end;

			out->src = LL_BARE;
			p = m < end && is_blank(*m) && (out->elem[out->nelem - 1].kind == PK_ELLIPSIS) ?
			    m + 1 : m;
			out->indent = (unsigned)(skip_sp(p, end) - p);
		}
	}
	out->msg.p = p;
	out->msg.len = (size_t)(end - p);
}

/*
 * prefix_parse() up to the lexer: out and ls set for a line with no
 * prefix.  False when that is the answer (an empty line, a /dev/kmsg
 * record, and, if quick, a line no element can begin: may_begin_elem());
 * else the lexer is to go on from *at.
 */
static inline __attribute__((always_inline)) bool
parse_begin(const char *line, size_t len, struct logline *out, struct lexstate *ls, bool quick,
    const char **at)
{
	const char *p = line, *end = line + len, *q;

	memset(out, 0, offsetof(struct logline, elem));
	out->shape = 0;		/* after elem[], which needs no zeroing: add() builds it up */
	memset(ls, 0, sizeof(*ls));
	out->src = LL_BARE;
	out->msg.p = line;
	out->msg.len = len;
	if (len == 0)
		return false;
	p = skip_sp(p, end);
	out->indent = (unsigned)(p - line);
	if (p == line && is_digit(*p) && (q = match_kmsg(p, end, &out->uptime)) != NULL) {
		add(out, line, PK_KMSG, p, q);
		out->kmsg = true;
		out->src = LL_KERNEL;
		out->msg.p = q;
		out->msg.len = (size_t)(end - q);
		return false;
	}
	/* A line no element can begin: the message itself, as set above. */
	if (quick && (p >= end || !may_begin_elem(line, p, end, out, false, false)))
		return false;
	*at = p;
	return true;
}

/*
 * prefix_parse(), and the lexer's state after its last element for the
 * memo; quick: may_begin_elem() may end it before lex() (only
 * prefix_parse_full() says false).
 */
static void
parse(const char *line, size_t len, struct logline *out, struct lexstate *ls, bool quick)
{
	const char *p;

	if (parse_begin(line, len, out, ls, quick, &p))
		lex(line, line + len, p, out, ls);
}

void
prefix_parse(const char *line, size_t len, struct logline *out)
{
	struct lexstate ls;

	parse(line, len, out, &ls, true);
}

void
prefix_parse_full(const char *line, size_t len, struct logline *out)
{
	struct lexstate ls;

	parse(line, len, out, &ls, false);
}

/* ---- the memo ---------------------------------------------------------- */

/*
 * A time run [p, e) that ended without a look at the token after it (a
 * year or a zone? see match_time_run()): one ending with an ISO date and
 * time, or a Unix time (journalctl -o short-iso and short-unix, dmesg
 * --time-format iso).  The memo may stand in for such a time alone.
 */
static bool
time_stands_alone(const char *p, const char *e)
{
	const char *t = e;

	while (t > p && !is_blank(t[-1]))
		t--;	/* the last token */
	return match_iso(t, e) != NULL || (p == t && match_unix_time(p, e) == e);
}

/* The most elements of a shape in memo_shape(): what a hit copies. */
#define MEMO_ELEMS 5

/*
 * The prefixes the memo may stand in for: a wall clock, host and "kernel:"
 * tag, uptime, as syslog and dmesg write them, and dmesg -T's bracketed
 * clock and dmesg -x's facility and level columns.  For these the lexer's
 * choices up to the end of the last element depend on those bytes only
 * (which byte class each is, where it holds a clock or an uptime), never on
 * the message after them: a time run looks ahead only to the host and tag,
 * a bracket only to its close (and the class of a bracketed clock's bytes,
 * not its digits, decides that it is one), host_and_tag() only to the tag,
 * the facility and level columns only to their colons.  The lexer then
 * goes on from that point as it would have (after_elem(), lex()), so what
 * follows is read as ever.  And the syslog tag without a time ("kernel:",
 * "host kernel:", after an uptime or an elision): the time run tried first
 * on the host or the elision fails at the tag whatever follows.  And a time
 * alone, when time_stands_alone().  And Android logcat's "07-13
 * 08:41:51.341 <4>[309805.658142s][pid:1361,cpu5,sManagerService]": the
 * time run's look past its clock for a year or a zone meets the level's
 * '<' (neither), and the level, uptime and vendor field end at their own
 * '>' and ']'.
 */
static bool
memo_shape(const char *line, const struct logline *ll)
{
	static const uint8_t shapes[][MEMO_ELEMS + 1] = {
		{ 1, PK_UPTIME },
		{ 2, PK_TIME, PK_TAG },
		{ 3, PK_TIME, PK_TAG, PK_UPTIME },
		{ 3, PK_TIME, PK_HOST, PK_TAG },
		{ 4, PK_TIME, PK_HOST, PK_TAG, PK_UPTIME },
		{ 1, PK_CTIME },
		{ 2, PK_FACLEV, PK_CTIME },
		{ 2, PK_FACLEV, PK_UPTIME },
		{ 1, PK_TAG },
		{ 2, PK_HOST, PK_TAG },
		{ 2, PK_UPTIME, PK_TAG },
		{ 3, PK_UPTIME, PK_HOST, PK_TAG },
		{ 2, PK_UPTIME, PK_CALLER },
		{ 3, PK_ELLIPSIS, PK_TAG, PK_UPTIME },
		{ 5, PK_TIME, PK_HOST, PK_TAG, PK_ELLIPSIS, PK_UPTIME },
		{ 4, PK_TIME, PK_LEVEL, PK_UPTIME, PK_VENDOR },	/* Android logcat */
		{ 1, PK_TIME },		/* only a time_stands_alone() */
	};
	size_t i;
	int k;

	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		if (shapes[i][0] != ll->nelem)
			continue;
		for (k = 0; k < ll->nelem && ll->elem[k].kind == shapes[i][k + 1]; k++)
			;
		if (k == ll->nelem)
			return ll->nelem > 1 || ll->elem[0].kind != PK_TIME ||
			    time_stands_alone(line + ll->elem[0].start, line + ll->elem[0].end);
	}
	return false;
}

/* The kinds of element a bracket makes, its kind told by what is inside. */
static bool
memo_bracket(uint8_t kind)
{
	return kind == PK_UPTIME || kind == PK_CTIME || kind == PK_CALLER || kind == PK_VENDOR;
}

/*
 * Eight bytes with every ASCII digit made '0' (bytewise, exactly: no
 * carry crosses a byte), so that lines whose prefixes differ in the digits
 * of their clocks are filed alike.
 */
static uint64_t
digits_zeroed(const char *p)
{
	const uint64_t hi = 0x8080808080808080ull;
	uint64_t x, t, d;

	memcpy(&x, p, 8);
	t = x & ~hi;				/* each byte below 0x80: no carry or borrow */
	d = (t + 0x5050505050505050ull) &	/* high bit: t >= '0' */
	    (0xb9b9b9b9b9b9b9b9ull - t) &	/* high bit: t <= '9' */
	    ~x & hi;				/* and the byte itself is ASCII */
	return x & ~((d >> 7) * 0x0f);		/* '0'..'9' -> '0' */
}

/* The set of a prefix of 8 to 15 bytes, by the line's first 8 (len >= 8). */
static unsigned
memo_set8(const char *line)
{
	return (unsigned)((digits_zeroed(line) * 0x9e3779b97f4a7c15ull) >> 32) &
	    (PREFIX_MEMO_SETS - 1);
}

/* The set of a prefix of 16 bytes or more, by the line's first 16 (len >= 16). */
static unsigned
memo_set16(const char *line)
{
	uint64_t h = digits_zeroed(line) ^ digits_zeroed(line + 8) * 0xc2b2ae3d27d4eb4full;

	return (unsigned)((h * 0x9e3779b97f4a7c15ull) >> 40) & (PREFIX_MEMO_SETS - 1);
}

/*
 * The bit of the line's first 4 bytes (digits as '0') in the filter of the
 * entries kept (len >= 8).  A bit stays when its entry is replaced: the
 * filter only spares lines no entry can fit a look-up.
 */
static unsigned
memo_first4(const char *line)
{
	return (unsigned)(((uint32_t)digits_zeroed(line) * 0x9e3779b1u) >> 22);
}

static bool
memo_may_hold(const struct prefix_memo *m, const char *line)
{
	unsigned f = memo_first4(line);

	return (m->first[f >> 6] >> (f & 63) & 1) != 0;
}

/*
 * Keep line's prefix in m, if it is of a shape the memo may stand in for:
 * in the set of its first 16 bytes (a prefix as long) or 8, in place of
 * the way of the set that fitted a line or was kept least recently.
 */
static void
memo_store(struct prefix_memo *m, const char *line, size_t len, const struct logline *ll,
    const struct lexstate *ls)
{
	struct prefix_memo_entry *me;
	size_t n;
	uint32_t cmp;
	unsigned set, way, bit;
	uint32_t j;
	int i;

	if (ll->kmsg || ll->src == LL_OTHER || ls->rfc5424 || ls->last_end == NULL ||
	    ll->nelem > MEMO_ELEMS || !memo_shape(line, ll))
		return;
	n = (size_t)(ls->last_end - line);
	if (n >= PREFIX_MEMO_MAX || n != ll->elem[ll->nelem - 1].end || n >= len || len < 8)
		return;
	/*
	 * The blank after the last element is part of what is compared: the
	 * element's own end was found at it (a tag's, a clock's).  A bracket
	 * ends at its ']' whatever follows: a message glued to it ("[  12.5]x",
	 * logcat's vendor field) is read from there.
	 */
	if (is_blank(line[n]))
		cmp = (uint32_t)n + 1;
	else if (line[n - 1] == ']' && memo_bracket(ll->elem[ll->nelem - 1].kind))
		cmp = (uint32_t)n;
	else
		return;
	/* A prefix under 8 bytes is filed by bytes of its message: found again as the last only. */
	set = cmp >= 16 ? memo_set16(line) : memo_set8(line);
	way = m->older[set];
	me = &m->e[set * PREFIX_MEMO_WAYS + way];
	m->older[set] = (uint8_t)((way + 1) % PREFIX_MEMO_WAYS);
	m->last = me;
	bit = memo_first4(line);
	m->first[bit >> 6] |= 1ull << (bit & 63);
	me->cmp = cmp;
	memcpy(me->lo, line, n + 1);
	memcpy(me->hi, line, n + 1);
	for (i = 0; i < ll->nelem; i++) {
		/*
		 * A caller id's digits too ("[ T9694]", "[  C5]"): which
		 * task printed the line changes within a report, and
		 * classify_bracket() asks only that they are digits.
		 */
		if (ll->elem[i].kind != PK_TIME && ll->elem[i].kind != PK_UPTIME &&
		    ll->elem[i].kind != PK_CTIME && ll->elem[i].kind != PK_CALLER)
			continue;
		for (j = ll->elem[i].start; j < ll->elem[i].end; j++)
			if (is_digit(line[j])) {
				me->lo[j] = '0';
				me->hi[j] = '9';
			}
	}
	/* A prefix shorter than a block: the block's other bytes fit any line. */
	for (j = cmp; j < 16; j++) {
		me->lo[j] = 0;
		me->hi[j] = 0xff;
	}
	me->len = (uint32_t)n;
	me->start = (uint32_t)(ls->last_start - line);
	me->guard = ls->guard;
	me->tagged = ls->tagged;
	me->timed = ls->timed;
	me->ll = *ll;
	me->host = ll->host.len > 0 ? (uint32_t)(ll->host.p - line) : 0;
	me->time = ll->time.len > 0 ? (uint32_t)(ll->time.p - line) : 0;
	me->uptime = ll->uptime.len > 0 ? (uint32_t)(ll->uptime.p - line) : 0;
	me->valid = true;
}

#ifdef __SSE2__
/*
 * The 16 bytes of line at `at` against the entry's bounds: a byte is zero
 * where line[at + i] lies within [lo, hi] (saturating differences, so that
 * the blocks of a prefix are or-ed and tested once).
 */
static inline __m128i
memo_block_misfit(const struct prefix_memo_entry *m, const char *line, size_t at)
{
	__m128i l = _mm_loadu_si128((const __m128i *)(const void *)(line + at));
	__m128i lo = _mm_loadu_si128((const __m128i *)(const void *)(m->lo + at));
	__m128i hi = _mm_loadu_si128((const __m128i *)(const void *)(m->hi + at));

	return _mm_or_si128(_mm_subs_epu8(l, hi), _mm_subs_epu8(lo, l));
}
#endif

/*
 * Does line begin with the entry's prefix, a digit perhaps another in a
 * clock or uptime?  Inline in the test of the last line's entry, which
 * nearly every line of a report passes (a call there cost 0.4 M
 * instructions on the dense bench slice, callgrind).
 */
static inline __attribute__((always_inline)) bool
memo_fits(const struct prefix_memo_entry *m, const char *line, size_t len)
{
	size_t i = 0, n = m->cmp;	/* and the blank after it, if kept */

	if (!m->valid || len < n)
		return false;
#ifdef __SSE2__
	/*
	 * Sixteen bytes at a time, each within its bounds: the kept byte, or
	 * any digit where the kept one is a clock's or an uptime's.  The
	 * blocks' misfits are or-ed and tested once (a test and branch per
	 * block cost more than the early end saves: nearly every line fits).
	 * The last bytes are tested in a block that ends at n, overlapping the
	 * one before; a prefix shorter than a block (dmesg's "[  128.496873] ")
	 * in the line's first block, whose other bytes the bounds let pass.
	 */
	if (n >= 16) {
		__m128i acc = memo_block_misfit(m, line, n - 16);

		for (; i + 16 < n; i += 16)
			acc = _mm_or_si128(acc, memo_block_misfit(m, line, i));
		return _mm_movemask_epi8(_mm_cmpeq_epi8(acc, _mm_setzero_si128())) == 0xffff;
	}
	if (len >= 16)
		return _mm_movemask_epi8(_mm_cmpeq_epi8(memo_block_misfit(m, line, 0),
		    _mm_setzero_si128())) == 0xffff;
#endif
	for (; i < n; i++)
		if ((unsigned char)line[i] < m->lo[i] || (unsigned char)line[i] > m->hi[i])
			return false;
	return true;
}

/*
 * The lexer on from p after the kept prefix, where an element may begin
 * (under one memo hit in ten): out of line, its state off the hit's path.
 */
static __attribute__((noinline)) void
memo_hit_lex(const struct prefix_memo_entry *me, const char *line, const char *end, const char *p,
    struct logline *out)
{
	struct lexstate ls;

	memset(&ls, 0, sizeof(ls));
	ls.tagged = me->tagged;
	ls.timed = me->timed;
	ls.any = true;
	ls.guard = me->guard;
	ls.last_start = line + me->start;
	ls.last_end = line + me->len;
	lex(line, end, p, out, &ls);
}

/* The line fits the entry me: its parse from the kept one, then the rest lexed. */
static void
memo_hit(const struct prefix_memo_entry *me, const char *line, size_t len, struct logline *out)
{
	const char *end = line + len, *p;

	/* The kept parse: the elements it has, not all PFX_MAX. */
	memcpy(out, &me->ll, offsetof(struct logline, elem));
	memcpy(out->elem, me->ll.elem, sizeof(out->elem[0]) * MEMO_ELEMS);
	out->shape = me->ll.shape;
	if (out->host.len > 0)
		out->host.p = line + me->host;
	if (out->time.len > 0)
		out->time.p = line + me->time;
	if (out->uptime.len > 0)
		out->uptime.p = line + me->uptime;
	/* after_elem(): past the one separator blank the memo compared. */
	p = line + me->cmp;
	if (p < end && is_blank(*p))
		p = after_elem(line + me->start, line + me->len, end);
	if (p < end && me->guard < PFX_MAX &&
	    may_begin_elem(line, p, end, out, me->tagged, me->timed)) {
		memo_hit_lex(me, line, end, p, out);
		return;
	}
	/*
	 * No element at p: what lex() would conclude at once.  The kept line
	 * was a kernel line, syslog or not as this one, and its elements are
	 * not all quoting or elision (memo_shape()).
	 */
	out->msg.p = p;
	out->msg.len = (size_t)(end - p);
}

/* An entry of set that line fits, other than the last one: it becomes the last. */
static inline __attribute__((always_inline)) struct prefix_memo_entry *
memo_probe(struct prefix_memo *m, unsigned set, const char *line, size_t len)
{
	unsigned way;

	for (way = 0; way < PREFIX_MEMO_WAYS; way++) {
		struct prefix_memo_entry *me = &m->e[set * PREFIX_MEMO_WAYS + way];

		if (me != m->last && memo_fits(me, line, len)) {
			m->older[set] = (uint8_t)((way + 1) % PREFIX_MEMO_WAYS);
			return m->last = me;
		}
	}
	return NULL;
}

/* The entries filed under the line's first 16 bytes, then under its first 8. */
static struct prefix_memo_entry *
memo_lookup(struct prefix_memo *m, const char *line, size_t len)
{
	struct prefix_memo_entry *me = NULL;

	if (len >= 16)
		me = memo_probe(m, memo_set16(line), line, len);
	if (me == NULL && len >= 8)
		me = memo_probe(m, memo_set8(line), line, len);
	return me;
}

void
prefix_parse_memo(struct prefix_memo *m, const char *line, size_t len, struct logline *out)
{
	struct prefix_memo_entry *me = m->last;

	if (me == NULL || !memo_fits(me, line, len)) {
		struct lexstate ls;
		const char *p;
		/*
		 * The entries filed under the line's first bytes (a prefix of
		 * 16 bytes or more under those 16, a shorter one under 8),
		 * looked up before the lexer's first test when an entry kept
		 * may begin as the line does.  Which entry stands in never
		 * changes a result (each is a whole prefix that the line
		 * repeats), only the speed.
		 */
		me = len >= 8 && memo_may_hold(m, line) ? memo_lookup(m, line, len) : NULL;
		if (me == NULL) {
			/* A bare line, a continuation: no prefix to look up. */
			if (!parse_begin(line, len, out, &ls, true, &p))
				return;
			lex(line, line + len, p, out, &ls);
			memo_store(m, line, len, out, &ls);
			return;
		}
	}
	memo_hit(me, line, len, out);
}

/* ---- learned extras ---------------------------------------------------- */

bool
prefix_learn_extra(const struct logline *ll, const char *msg, struct pfx_extra *x)
{
	const char *p = ll->msg.p, *end = msg;

	memset(x, 0, sizeof(*x));
	if (msg < ll->msg.p || msg > ll->msg.p + ll->msg.len)
		return false;
	while ((p = skip_sp(p, end)) < end) {
		const char *e;
		struct span up = { 0 };
		enum pfx_kind k = PK_WORD;

		if (x->n >= PFX_EXTRA)
			return false;
		if (*p == '[' && (k = classify_bracket(p, end, &e, &up)) != PK_NONE) {
			if (k != PK_NUMBER)
				k = PK_VENDOR;
		} else {
			k = PK_WORD;
			e = tok_end(p, end);
			if ((size_t)(e - p) >= PFX_WORD)
				return false;
			memcpy(x->word[x->n], p, (size_t)(e - p));
		}
		x->kind[x->n++] = (uint8_t)k;
		p = e;
	}
	return x->n > 0;
}

void
prefix_apply_extra(struct logline *ll, const struct pfx_extra *x)
{
	const char *p = ll->msg.p, *end = ll->msg.p + ll->msg.len;
	int i;

	for (i = 0; i < x->n; i++) {
		const char *e;
		struct span up = { 0 };

		p = skip_sp(p, end);
		if (p >= end)
			return;
		if (x->kind[i] == PK_WORD) {
			e = tok_end(p, end);
			if (!span_is(p, e, x->word[i]))
				return;
		} else {
			enum pfx_kind k;

			if (*p != '[' || (k = classify_bracket(p, end, &e, &up)) == PK_NONE)
				return;
			if ((x->kind[i] == PK_NUMBER) != (k == PK_NUMBER))
				return;
		}
		p = e;
	}
	if (p < end && is_blank(*p))
		p++;
	ll->msg.len -= (size_t)(p - ll->msg.p);
	ll->msg.p = p;
}
