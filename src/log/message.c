/*
 * message.c: the lines of an OOM report, one recogniser each.  Formats per
 * kernel era are in the kernel OOM reference §3; every recogniser below
 * names a real example.  Bounded: all scanning stays inside [msg, msg+len).
 */
#include "config.h"

#include <stddef.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "lib/parse.h"
#include "lib/xalloc.h"
#include "log/anchor.h"
#include "log/gfp.h"
#include "log/message.h"

const char *const oom_counter_names[OC_COUNT] = {
	"active_anon", "inactive_anon", "isolated_anon", "active_file",
	"inactive_file", "isolated_file", "unevictable", "dirty", "writeback",
	"unstable", "slab_reclaimable", "slab_unreclaimable", "mapped", "shmem",
	"pagetables", "sec_pagetables", "bounce", "free", "free_pcp", "free_cma",
	"kernel_misc_reclaimable",
};

/* ---- small helpers ------------------------------------------------------ */

/*
 * starts_with() and find_str() for string literals: the length is known at
 * compile time and the first byte decides most tests, which matters on
 * logs where every line is tried against a few dozen recognisers.
 */
#define STARTS(p, end, lit) ((size_t)((end) - (p)) >= sizeof(lit) - 1 && \
	(p)[0] == (lit)[0] && memcmp((p), (lit), sizeof(lit) - 1) == 0)
#define FIND(p, end, lit) find_strn((p), (end), (lit), sizeof(lit) - 1)

/*
 * find_strn() searching for the needle's byte k, chosen for being rare in
 * the lines asked (each false candidate costs a memchr() call): the first
 * letters of " invoked oom-killer:" and "page allocation failure" are
 * among the commonest bytes of a log.
 */
static inline const char *
find_by(const char *p, const char *end, const char *needle, size_t n, size_t k)
{
	while ((size_t)(end - p) >= n) {
		const char *c = (const char *)memchr(p + k, needle[k], (size_t)(end - p) - n + 1);

		if (c == NULL)
			return NULL;
		c -= k;
		if (memcmp(c, needle, n) == 0)
			return c;
		p = c + 1;
	}
	return NULL;
}
#define FIND_BY(p, end, lit, k) find_by((p), (end), (lit), sizeof(lit) - 1, (k))
#define FIND_INVOKED(p, end) FIND_BY(p, end, " invoked oom-killer:", 12)	/* the '-' */
#define FIND_ALLOCFAIL(p, end) FIND_BY(p, end, "page allocation failure", 2)	/* the 'g' */

static void
copy_text(char *dst, size_t size, const char *p, const char *end)
{
	size_t n = (size_t)(end - p);

	if (n >= size)
		n = size - 1;
	memcpy(dst, p, n);
	dst[n] = '\0';
}

static const char *
trim_end(const char *p, const char *end)
{
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	return end;
}

/*
 * Numbers of up to seven digits at once (SWAR), from eight bytes of text
 * in x (the first in the lowest).  A byte is a digit when byte - '0' < 10;
 * the first one that is not ends the number.  swar_count(): how many
 * digits begin x (8: eight or more); swar_value(): the value of the first
 * n, 0 < n < 8.
 */
static inline unsigned
swar_count(uint64_t x)
{
	uint64_t t = x - 0x3030303030303030ull;
	uint64_t stop = (t | (t + 0x7676767676767676ull)) & 0x8080808080808080ull;

	return stop == 0 ? 8 : (unsigned)__builtin_ctzll(stop) >> 3;
}

static inline uint64_t
swar_value(uint64_t x, unsigned n)
{
	/* The n digits to the top bytes (leading zeros below), then pairs, quads, eights. */
	uint64_t t = (x - 0x3030303030303030ull) << 8 * (8 - n);

	t = (t * 10 + (t >> 8)) & 0x00ff00ff00ff00ffull;
	t = (t * 100 + (t >> 16)) & 0x0000ffff0000ffffull;
	return (t * 10000 + (t >> 32)) & 0xffffffffull;
}

/* num_at() for what its fast path leaves: blanks, a sign, 19 digits or more. */
static int64_t
num_at_slow(const char **pp, const char *end)
{
	int64_t v;

	if (!scan_i64(pp, end, &v))
		return OOM_NONE;
	return v;
}

/*
 * A signed decimal at p (blanks skipped); OOM_NONE and p unchanged if none:
 * scan_i64()'s result.  Inline for what the Mem-Info, zone and buddy lines
 * hold nearly always, a number of up to 18 digits (no overflow possible,
 * so no test per digit); a line that cannot hold a number here (a
 * call-trace frame tried as a total) is refused by its first byte.
 */
static inline __attribute__((always_inline)) int64_t
num_at_inline(const char **pp, const char *end)
{
	const char *p = *pp, *lim;
	uint64_t v = 0;

	p = skip_blanks(p, end);
	if (p >= end)
		return OOM_NONE;
	if ((unsigned char)(*p - '0') >= 10)
		return *p == '-' || *p == '+' ? num_at_slow(pp, end) : OOM_NONE;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (end - p >= 8) {
		unsigned n;
		uint64_t x;

		memcpy(&x, p, 8);
		n = swar_count(x);
		if (n < 8) {
			*pp = p + n;
			return (int64_t)swar_value(x, n);
		}
	}
#endif
	lim = end - p > 18 ? p + 18 : end;
	do
		v = v * 10 + (unsigned)(*p++ - '0');
	while (p < lim && (unsigned char)(*p - '0') < 10);
	if (p < end && (unsigned char)(*p - '0') < 10)
		return num_at_slow(pp, end);	/* 19 digits or more: the careful reader */
	*pp = p;
	return (int64_t)v;
}

/* num_at_inline() out of line, for all but the hottest readers. */
static int64_t
num_at(const char **pp, const char *end)
{
	return num_at_inline(pp, end);
}

/*
 * The number after "key" (e.g. "free:") anywhere in [p,end) at a token
 * start.  Inline with the key a literal (KEY_NUM()), so that find_strn()'s
 * choice of bytes is made when compiling: the kill lines ask for six keys.
 */
static inline int64_t
key_numn(const char *p, const char *end, const char *key, size_t n)
{
	const char *q = p;

	while ((q = find_strn(q, end, key, n)) != NULL) {
		if (q == p || q[-1] == ' ' || q[-1] == ',' || q[-1] == '\t' || q[-1] == '(') {
			const char *v = q + n;

			return num_at(&v, end);
		}
		q += n;
	}
	return OOM_NONE;
}

/* Bytes that end a token (TOK_END) or a key (TOK_END or ':'), one lookup a byte. */
enum { TOK_END = 1, KEY_END = 2 };
static const unsigned char key_class[256] = {
	[' '] = TOK_END | KEY_END, ['\t'] = TOK_END | KEY_END, [','] = TOK_END | KEY_END,
	['('] = TOK_END | KEY_END, [':'] = KEY_END,
};

/*
 * The first byte of [q, end) of the class (TOK_END or KEY_END), or end.
 * Sixteen bytes a step where SSE2 is: a zone line holds twenty keys.
 */
static inline const char *
class_end(const char *q, const char *end, unsigned cls)
{
#ifdef __SSE2__
	while (end - q >= 16) {
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)q);
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8(' ')),
		    _mm_cmpeq_epi8(b, _mm_set1_epi8('\t'))), _mm_or_si128(_mm_cmpeq_epi8(b,
		    _mm_set1_epi8(',')), _mm_cmpeq_epi8(b, _mm_set1_epi8('('))));
		unsigned bits;

		if (cls & KEY_END)
			m = _mm_or_si128(m, _mm_cmpeq_epi8(b, _mm_set1_epi8(':')));
		bits = (unsigned)_mm_movemask_epi8(m);
		if (bits != 0)
			return q + __builtin_ctz(bits);
		q += 16;
	}
#endif
	while (q < end && !(key_class[(unsigned char)*q] & cls))
		q++;
	return q;
}

/*
 * Each "key:value" of [p, end) whose key begins a token (at p or after a
 * blank, ',' or '('), in one pass: *kp and *kn the key, *vp the value.  Start
 * with *pos = p; false when no more.  Lines of twenty keys are read once,
 * not once per key.
 */
static inline __attribute__((always_inline)) bool
next_key(const char **pos, const char *end, const char **kp, size_t *kn, const char **vp)
{
	const char *q = *pos;

	while (q < end) {
		const char *k = q, *c;

		q = class_end(q, end, KEY_END);
		c = q;
		if (c < end && *c == ':' && c > k) {
			*kp = k;
			*kn = (size_t)(c - k);
			*vp = c + 1;
			/* The next token. */
			q = class_end(c + 1, end, TOK_END);
			*pos = q < end ? q + 1 : end;
			return true;
		}
		/* Not a key here: on to the next token start. */
		q = class_end(q, end, TOK_END);
		if (q < end)
			q++;
	}
	*pos = end;
	return false;
}

#define KEY_NUM(p, end, lit) key_numn((p), (end), (lit), sizeof(lit) - 1)
#define KEY_TEXT(p, end, lit, out, size) key_textn((p), (end), (lit), sizeof(lit) - 1, (out), (size))
#define KEY_IS(k, n, lit) ((n) == sizeof(lit) - 1 && memcmp((k), (lit), (n)) == 0)

/* The text after "key" up to the next ',' or blank (or end), copied. */
static inline bool
key_textn(const char *p, const char *end, const char *key, size_t n, char *out, size_t size)
{
	const char *q = find_strn(p, end, key, n), *e;

	if (q == NULL)
		return false;
	q += n;
	for (e = q; e < end && *e != ',' && *e != ' '; e++)
		;
	copy_text(out, size, q, e);
	return true;
}

static const char *
skip_ws(const char *p, const char *end)
{
	return skip_blanks(p, end);
}

/*
 * The end of a run of name bytes at p: [a-z], and [A-Z], [0-9], '_' as
 * the flags say (NM_*, constants where called).  The first byte of
 * [p, end) outside the run, or end.  Sixteen bytes a step where SSE2 is
 * (the runs are a frame's function name, a memory.stat key, a zone name:
 * a byte loop cost 6 instructions a byte or more).
 */
enum { NM_UPPER = 1, NM_DIGIT = 2, NM_US = 4 };

static inline bool
name_byte(char c, unsigned flags)
{
	return (c >= 'a' && c <= 'z') || ((flags & NM_US) && c == '_') ||
	    ((flags & NM_DIGIT) && c >= '0' && c <= '9') ||
	    ((flags & NM_UPPER) && c >= 'A' && c <= 'Z');
}

#ifdef __SSE2__
/* Bit i: q[i] is not a byte of the run. */
static inline unsigned
name_stops(const char *q, unsigned flags)
{
	__m128i b = _mm_loadu_si128((const __m128i *)(const void *)q);
	__m128i l = flags & NM_UPPER ? _mm_or_si128(b, _mm_set1_epi8(0x20)) : b;	/* A-Z to a-z */
	__m128i a = _mm_sub_epi8(l, _mm_set1_epi8('a'));
	__m128i in = _mm_cmpeq_epi8(_mm_min_epu8(a, _mm_set1_epi8(25)), a);

	if (flags & NM_DIGIT) {
		__m128i d = _mm_sub_epi8(b, _mm_set1_epi8('0'));

		in = _mm_or_si128(in, _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d));
	}
	if (flags & NM_US)
		in = _mm_or_si128(in, _mm_cmpeq_epi8(b, _mm_set1_epi8('_')));
	return (unsigned)_mm_movemask_epi8(in) ^ 0xffffu;
}
#endif

static inline const char *
name_end(const char *p, const char *end, unsigned flags)
{
	const char *q = p;

#ifdef __SSE2__
	if (end - p >= 16) {
		unsigned bits;

		for (; end - q >= 16; q += 16)
			if ((bits = name_stops(q, flags)) != 0)
				return q + __builtin_ctz(bits);
		if (q == end)
			return end;
		/* The rest: the block that ends at end, its bytes before q dropped. */
		bits = name_stops(end - 16, flags) >> (16 - (end - q));
		return bits != 0 ? q + __builtin_ctz(bits) : end;
	}
#endif
	while (q < end && name_byte(*q, flags))
		q++;
	return q;
}

/* "Node 3 " at p: the node number, and p moved past it. */
static bool
node_prefix(const char **pp, const char *end, int *node)
{
	const char *p = *pp;
	uint64_t v;

	if (!STARTS(p, end, "Node "))
		return false;
	p += 5;
	if (!scan_u64(&p, end, &v) || v > 4096 || p >= end || *p != ' ')
		return false;
	*node = (int)v;
	*pp = p + 1;
	return true;
}

/* A zone name token ([A-Za-z][A-Za-z0-9]*) at p; its end or NULL. */
static const char *
zone_name_end(const char *p, const char *end)
{
	const char *q = p;

	if (q >= end || !((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z')))
		return NULL;
	q = name_end(q, end, NM_UPPER | NM_DIGIT);
	return q - p < 16 ? q : NULL;
}

/* ---- header lines ------------------------------------------------------- */

bool
message_is_start(const char *msg, size_t len)
{
	const char *end = msg + len;

	return FIND_INVOKED(msg, end) != NULL ||
	    FIND_ALLOCFAIL(msg, end) != NULL;
}

/* "gfp_mask=0x280da" or "mode:0x10c0d0(GFP_KERNEL|__GFP_COMP)". */
static void
parse_gfp(struct oom_report *r, const char *p, const char *end)
{
	uint64_t mask;

	if (!scan_hex(&p, end, &mask) || mask > INT64_MAX)
		return;
	r->gfp_mask = (int64_t)mask;
	if (p < end && *p == '(') {
		const char *close = memchr(p, ')', (size_t)(end - p));

		if (close != NULL) {
			copy_text(r->gfp_names, sizeof(r->gfp_names), p + 1, close);
			r->gfp_names_printed = true;
		}
	}
}

/*
 * "php-fpm invoked oom-killer: gfp_mask=0x280da, order=0, oom_adj=0, oom_score_adj=0"
 * "java invoked oom-killer: gfp_mask=0x14200ca(GFP_HIGHUSER_MOVABLE), nodemask=(null), order=0, oom_score_adj=0"
 */
static bool
parse_invoked(struct oom_report *r, const char *p, const char *end)
{
	const char *at = FIND_INVOKED(p, end), *q;

	if (at == NULL)
		return false;
	copy_text(r->invoker, sizeof(r->invoker), skip_ws(p, at), at);
	r->has_invoker = true;
	/* One pass over "key=value" fields, separated by ", " (gfp names hold no comma). */
	for (q = at + 20; q < end;) {
		const char *k = skip_ws(q, end), *eq, *fe;

		for (fe = k; fe < end && *fe != ','; fe++)
			;
		eq = memchr(k, '=', (size_t)(fe - k));
		if (eq != NULL) {
			const char *v = eq + 1;
			size_t n = (size_t)(eq - k);

			if (n == 8 && memcmp(k, "gfp_mask", 8) == 0)
				parse_gfp(r, v, end);
			else if (n == 5 && memcmp(k, "order", 5) == 0)
				r->order = num_at(&v, fe);
			else if (n == 7 && memcmp(k, "oom_adj", 7) == 0)
				r->oom_adj = num_at(&v, fe);
			else if (n == 13 && memcmp(k, "oom_score_adj", 13) == 0)
				r->oom_score_adj = num_at(&v, fe);
			else if (n == 8 && memcmp(k, "nodemask", 8) == 0)
				copy_text(r->nodemask, sizeof(r->nodemask), v, trim_end(v, fe));
		}
		q = fe < end ? fe + 1 : end;
	}
	r->seen |= OP_HEADER;
	if (r->order == -1) {
		r->kind = OOM_KIND_SYSRQ;
		r->kind_known = true;
	}
	return true;
}

/*
 * "runc:[1:CHILD]: page allocation failure: order:5, mode:0x10c0d0"
 * "(udev-worker): page allocation failure: order:2, mode:0xcc4(GFP_KERNEL|GFP_DMA32), nodemask=(null),cpuset=/,mems_allowed=0"
 * 2.6.32: "x: page allocation failure. order:1, mode:0x20"
 */
static bool
parse_allocfail(struct oom_report *r, const char *p, const char *end)
{
	const char *at = FIND_ALLOCFAIL(p, end), *q, *c;

	if (at == NULL)
		return false;
	c = at;
	if (c - p >= 2 && c[-1] == ' ' && c[-2] == ':')
		c -= 2;
	copy_text(r->invoker, sizeof(r->invoker), skip_ws(p, c), c);
	r->has_invoker = c > p;
	r->order = KEY_NUM(at, end, "order:");
	if ((q = FIND(at, end, "mode:")) != NULL)
		parse_gfp(r, q + 5, end);
	KEY_TEXT(at, end, "nodemask=", r->nodemask, sizeof(r->nodemask));
	KEY_TEXT(at, end, "cpuset=", r->cpuset, sizeof(r->cpuset));
	KEY_TEXT(at, end, "mems_allowed=", r->mems_allowed, sizeof(r->mems_allowed));
	r->kind = OOM_KIND_ALLOC_FAILURE;
	r->kind_known = true;
	r->seen |= OP_HEADER;
	return true;
}

/* "php-fpm cpuset=/ mems_allowed=0" (<= 4.19) */
static bool
parse_cpuset(struct oom_report *r, const char *p, const char *end)
{
	const char *c = FIND_BY(p, end, " cpuset=", 7), *m;	/* the '=' */

	if (c == NULL || (m = FIND(c, end, " mems_allowed=")) == NULL ||
	    STARTS(p, end, "oom-kill:"))
		return false;
	copy_text(r->cpuset, sizeof(r->cpuset), c + 8, m);
	copy_text(r->mems_allowed, sizeof(r->mems_allowed), m + 14, trim_end(m + 14, end));
	r->seen |= OP_CPUSET;
	return true;
}

bool
message_release(const char *msg, size_t len, char *out, size_t outsz)
{
	const char *end = msg + len, *t, *h, *s;

	if ((t = FIND(msg, end, "ainted")) == NULL)
		return false;
	/* The release is the token before " #<digit>" ("#1", "#72-Ubuntu"). */
	for (h = t; (h = FIND(h, end, " #")) != NULL; h += 2) {
		if (h + 2 < end && h[2] >= '0' && h[2] <= '9')
			break;
	}
	if (h == NULL) {
		/* "... Not tainted 4.20.0+" with nothing after: the last token */
		h = trim_end(t, end);
	}
	h = trim_end(t, h);
	for (s = h; s > t && s[-1] != ' '; s--)
		;
	if (s >= h || s[0] < '0' || s[0] > '9')
		return false;
	copy_text(out, outsz, s, h);
	return true;
}

/*
 * "CPU: 5 PID: 13536 Comm: memorymonster Tainted: P           OX 3.13.0-43-generic #72-Ubuntu"
 * "CPU: 0 UID: 0 PID: 4410 Comm: python3 Not tainted 6.18.44-fc-v669 #1 PREEMPT(none) "
 * "Pid: 23212, comm: php-fpm Not tainted 2.6.32-642.11.1.el6.x86_64 #1"
 */
static bool
parse_cpu(struct oom_report *r, const char *p, const char *end)
{
	const char *c, *cend, *q;
	bool old = STARTS(p, end, "Pid: ");

	if (!old && !STARTS(p, end, "CPU: "))
		return false;
	if (old) {
		q = p + 5;
		c = FIND(p, end, ", comm: ");
		if (c == NULL)
			return false;
	} else {
		if ((q = FIND(p, end, " PID: ")) == NULL ||
		    (c = FIND(p, end, " Comm: ")) == NULL)
			return false;
		q += 6;
	}
	if (r->seen & OP_CPU)
		return true;	/* a later dump_stack (a WARN, a panic): not the invoker */
	r->invoker_pid = num_at(&q, end);
	if (!old && (q = FIND(p, c, " UID: ")) != NULL) {
		q += 6;
		r->invoker_uid = num_at(&q, end);
	}
	c += old ? 8 : 7;
	cend = FIND(c, end, " Not tainted");
	if (cend == NULL)
		cend = FIND(c, end, " Tainted: ");
	if (cend == NULL)
		cend = end;
	if ((q = FIND(c, cend, " Kdump: ")) != NULL)
		cend = q;
	if (!r->has_invoker) {
		copy_text(r->invoker, sizeof(r->invoker), c, trim_end(c, cend));
		r->has_invoker = true;
	}
	message_release(p, (size_t)(end - p), r->kernel, sizeof(r->kernel));
	r->seen |= OP_CPU;
	return true;
}

/*
 * The hints a call-trace function name gives: each name below may begin
 * at any byte of it and sets its flag of the report.  name_stop[] holds
 * the bytes that end the name on its left.  pair_marks, built from the two
 * on first use, has a bit for each pair of bytes (c1, c2) where c1 c2
 * begins a hint's name or c1 ends the name: most bytes of a name (letters,
 * like the hints') are passed after one look at the pair that begins there.
 */
#define TRACE_HINT(name, flag) { name, sizeof(name) - 1, offsetof(struct oom_report, flag) }
static const struct trace_hint {
	const char *name;
	size_t len;
	size_t flag;		/* offset of a bool in struct oom_report */
} trace_hints[] = {
	TRACE_HINT("pagefault_out_of_memory", trace_pagefault_oom),
	TRACE_HINT("__alloc_pages", trace_alloc_pages),
	TRACE_HINT("try_charge", trace_memcg_charge),
	TRACE_HINT("thp_", trace_thp),
	TRACE_HINT("mem_cgroup_charge", trace_memcg_charge),
	TRACE_HINT("mem_cgroup_oom", trace_memcg_charge),
	TRACE_HINT("mem_cgroup_out_of_memory", trace_memcg_charge),
	TRACE_HINT("kmem_cache_alloc", trace_slab),
	TRACE_HINT("kmalloc", trace_slab),
	TRACE_HINT("new_slab", trace_slab),
	TRACE_HINT("hugetlb", trace_hugetlb),
	TRACE_HINT("huge_pmd", trace_thp),
	TRACE_HINT("alloc_huge_page", trace_hugetlb),
	TRACE_HINT("do_softirq", trace_irq),
	TRACE_HINT("check_panic_on_oom", trace_panic_on_oom),
};
_Static_assert(sizeof(trace_hints) / sizeof(trace_hints[0]) <= 16, "hints_of[] holds 16 bits");
static const bool name_stop[256] = { [' '] = true, ['\t'] = true, [']'] = true, ['['] = true };
static uint64_t pair_marks[65536 / 64];	/* bit (c1 | c2 << 8) */
static uint16_t hints_of[256];			/* bit i: trace_hints[i] begins with the byte */
static bool pair_marks_ready;

/* The pair's bit, the pair's bytes taken as a little-endian 16-bit index. */
static inline bool
pair_marked(const char *q)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint16_t i;

	memcpy(&i, q, 2);	/* one load */
#else
	unsigned i = (unsigned)(unsigned char)q[0] | (unsigned)(unsigned char)q[1] << 8;
#endif
	return pair_marks[i >> 6] >> (i & 63) & 1;
}

static void
init_pair_marks(void)
{
	size_t i;

	for (i = 0; i < sizeof(trace_hints) / sizeof(trace_hints[0]); i++) {
		unsigned k = (unsigned)(unsigned char)trace_hints[i].name[0] |
		    (unsigned)(unsigned char)trace_hints[i].name[1] << 8;

		pair_marks[k >> 6] |= UINT64_C(1) << (k & 63);
		hints_of[(unsigned char)trace_hints[i].name[0]] |= (uint16_t)(1u << i);
	}
	for (i = 0; i < 256; i++)
		if (name_stop[i])
			for (unsigned c2 = 0; c2 < 256; c2++) {
				unsigned k = (unsigned)i | c2 << 8;

				pair_marks[k >> 6] |= UINT64_C(1) << (k & 63);
			}
	pair_marks_ready = true;
}

/* The hints of the names that begin at q, the name ending at e. */
static void
trace_hint_at(struct oom_report *r, const char *q, const char *e)
{
	unsigned m = hints_of[(unsigned char)*q];

	while (m != 0) {
		const struct trace_hint *h = &trace_hints[__builtin_ctz(m)];

		m &= m - 1;
		if (h->name[1] == q[1] && (size_t)(e - q) >= h->len && memcmp(q, h->name, h->len) == 0)
			*(bool *)((char *)r + h->flag) = true;
	}
}

/* A "+0x" or "<IRQ>" at c (a '+' or '<'): noted in *plus (the first) or *irq. */
static inline void
trace_mark(const char *c, const char *end, const char **plus, bool *irq)
{
	if (*c == '+') {
		if (*plus == NULL && end - c >= 3 && c[1] == '0' && c[2] == 'x')
			*plus = c;
	} else if (end - c >= 5 && memcmp(c, "<IRQ>", 5) == 0) {
		*irq = true;
	}
}

#ifdef __SSE2__
/* Bit i: q[i] is x or y (sixteen bytes from q). */
static inline unsigned
either_bits(const char *q, char x, char y)
{
	__m128i b = _mm_loadu_si128((const __m128i *)(const void *)q);

	return (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8(x)),
	    _mm_cmpeq_epi8(b, _mm_set1_epi8(y))));
}
#endif

/*
 * The first "+0x" of [p, end) in *plus (NULL if none), and whether "<IRQ>"
 * is in it: one pass over the line for the two, sixteen bytes a step where
 * SSE2 is (each frame line cost two searches, two memchr() calls or more).
 */
static void
trace_marks(const char *p, const char *end, const char **plus, bool *irq)
{
	const char *q = p;

	*plus = NULL;
	*irq = false;
#ifdef __SSE2__
	if (end - p >= 16) {
		unsigned bits;

		for (; end - q >= 16; q += 16)
			for (bits = either_bits(q, '+', '<'); bits != 0; bits &= bits - 1) {
				trace_mark(q + __builtin_ctz(bits), end, plus, irq);
				if (*plus != NULL && *irq)
					return;
			}
		/* The rest: the block that ends at end, its bytes before q dropped. */
		if (q < end)
			for (bits = either_bits(end - 16, '+', '<') >> (16 - (end - q)); bits != 0; bits &= bits - 1) {
				trace_mark(q + __builtin_ctz(bits), end, plus, irq);
				if (*plus != NULL && *irq)
					return;
			}
		return;
	}
#endif
	for (; q < end; q++) {
		if (*q == '+' || *q == '<') {
			trace_mark(q, end, plus, irq);
			if (*plus != NULL && *irq)
				return;
		}
	}
}

/* Call-trace frames that tell how the OOM came about. */
static bool
parse_trace(struct oom_report *r, const char *p, const char *end)
{
	const char *plus, *f;
	bool irq;

	if (STARTS(p, end, "Call Trace:") || STARTS(p, end, "Call trace:")) {
		r->seen |= OP_TRACE;
		return true;
	}
	trace_marks(p, end, &plus, &irq);
	if (plus == NULL) {
		if (!irq)
			return false;
		r->trace_irq = true;
		r->seen |= OP_TRACE;
		return true;
	}
	/*
	 * The hints are in the function's name, the token that ends at "+0x":
	 * one walk back over it finds its start and tries the hints.
	 * (Searching the name once per hint was a sixth of the message parser
	 * on a dense log of whole reports, callgrind; the frames are a third
	 * of a report's lines.)
	 */
	if (!pair_marks_ready)
		init_pair_marks();
	for (f = plus; f > p; f--) {
		/* f[0] is the byte after f[-1]: "+" when f[-1] ends the name */
		if (pair_marked(f - 1)) {
			if (name_stop[(unsigned char)f[-1]])
				break;
			trace_hint_at(r, f - 1, plus);
		}
	}
	r->seen |= OP_TRACE;
	if (irq)
		r->trace_irq = true;
	return true;
}

/* ---- Mem-Info ----------------------------------------------------------- */

/*
 * The counter named [k, k+n), or -1.  The names by their first byte, built
 * on first use: most tokens tried are a call-trace frame's or a zone's.
 */
static int
counter_index(const char *k, size_t n)
{
	static uint32_t names_of[256];
	static size_t name_len[OC_COUNT];
	static bool names_of_ready;
	uint32_t m;

	_Static_assert(OC_COUNT <= 32, "names_of[] holds 32 bits");
	if (!names_of_ready) {
		for (int i = 0; i < OC_COUNT; i++) {
			name_len[i] = strlen(oom_counter_names[i]);
			names_of[(unsigned char)oom_counter_names[i][0]] |= UINT32_C(1) << i;
		}
		names_of_ready = true;
	}
	for (m = n > 0 ? names_of[(unsigned char)k[0]] : 0; m != 0; m &= m - 1) {
		int i = __builtin_ctz(m);

		if (name_len[i] == n && memcmp(k, oom_counter_names[i], n) == 0)
			return i;
	}
	return -1;
}

/*
 * "active_anon:7343961 inactive_anon:556529 isolated_anon:0" and its
 * continuation lines (also all on one line, or split by rsyslog's #012).
 */
static bool
parse_counters(struct oom_report *r, const char *p, const char *end)
{
	bool any = false;

	p = skip_ws(p, end);
	while (p < end) {
		const char *c = p, *te;
		int i;

		/*
		 * The names are [a-z_]: a token is a counter only when such a run
		 * ends at its first ':' (no token_end() and memchr() for the
		 * frames and zone lines that get here).
		 */
		c = name_end(c, end, NM_US);
		if (c < end && *c == ':' && (i = counter_index(p, (size_t)(c - p))) >= 0) {
			const char *v = c + 1;
			int64_t x;

			te = token_end(v, end);	/* the token's end: *c is no blank */
			x = num_at(&v, te);
			if (x != OOM_NONE) {
				r->counters[i] = x;
				any = true;
			}
		} else {
			te = token_end(c, end);
		}
		if (!any)
			return false;	/* the first token must be a counter */
		p = skip_ws(te, end);
	}
	if (any)
		r->seen |= OP_MEMINFO;
	return any;
}

/*
 * "Node 0 active_anon:134528kB inactive_anon:5310856kB ... shmem_thp: 0kB ... all_unreclaimable? yes"
 */
static bool
parse_node_line(struct oom_report *r, const char *p, const char *end)
{
	const char *pos = p, *k, *v;
	size_t kn;
	int64_t *dst, shmem = OOM_NONE, stack = OOM_NONE, pt = OOM_NONE, thp = OOM_NONE;
	int64_t unev = OOM_NONE;

	while (next_key(&pos, end, &k, &kn, &v)) {
		dst = KEY_IS(k, kn, "shmem") ? &shmem : KEY_IS(k, kn, "kernel_stack") ? &stack :
		    KEY_IS(k, kn, "pagetables") ? &pt : KEY_IS(k, kn, "anon_thp") ? &thp :
		    KEY_IS(k, kn, "unevictable") ? &unev : NULL;
		if (dst != NULL && *dst == OOM_NONE)
			*dst = num_at(&v, end);
	}
#define NODE_ADD(field, v) if ((v) != OOM_NONE) \
		r->field = (r->field == OOM_NONE ? 0 : r->field) + (v)
	NODE_ADD(node_shmem_kb, shmem);
	NODE_ADD(node_kernel_stack_kb, stack);
	NODE_ADD(node_pagetables_kb, pt);
	NODE_ADD(node_anon_thp_kb, thp);
	NODE_ADD(node_unevictable_kb, unev);
#undef NODE_ADD
	if (FIND(p, end, "all_unreclaimable? yes") != NULL)
		r->node_all_unreclaimable = true;
	r->seen |= OP_NODE;
	return true;
}

/* "Node 0 Normal free:60780kB min:60824kB low:76028kB high:91236kB ..." */
static bool
parse_zone(struct oom_report *r, int node, const char *name, const char *nend,
    const char *p, const char *end)
{
	struct oom_zone *z;
	const char *pos, *k, *v;
	size_t kn;
	int i;

	if (r->nzones >= OOM_MAX_ZONES) {
		r->zones_dropped++;
		return true;
	}
	z = &r->zones[r->nzones++];
	memset(z, 0, sizeof(*z));
	z->node = node;
	copy_text(z->name, sizeof(z->name), name, nend);
	z->free_kb = z->min_kb = z->low_kb = z->high_kb = z->boost_kb = OOM_NONE;
	z->present_kb = z->managed_kb = z->highatomic_kb = z->free_cma_kb = OOM_NONE;
	z->kernel_stack_kb = z->pagetables_kb = OOM_NONE;
	pos = p;
	while (next_key(&pos, end, &k, &kn, &v)) {
		int64_t *dst = NULL;

		switch (k[0]) {
		case 'f':
			dst = KEY_IS(k, kn, "free") ? &z->free_kb : KEY_IS(k, kn, "free_cma") ?
			    &z->free_cma_kb : NULL;
			break;
		case 'm':
			dst = KEY_IS(k, kn, "min") ? &z->min_kb : KEY_IS(k, kn, "managed") ?
			    &z->managed_kb : NULL;
			break;
		case 'l':
			dst = KEY_IS(k, kn, "low") ? &z->low_kb : NULL;
			break;
		case 'h':
			dst = KEY_IS(k, kn, "high") ? &z->high_kb : NULL;
			break;
		case 'b':
			dst = KEY_IS(k, kn, "boost") ? &z->boost_kb : NULL;
			break;
		case 'p':
			dst = KEY_IS(k, kn, "present") ? &z->present_kb : KEY_IS(k, kn, "pagetables") ?
			    &z->pagetables_kb : NULL;
			break;
		case 'r':
			dst = KEY_IS(k, kn, "reserved_highatomic") ? &z->highatomic_kb : NULL;
			break;
		case 'k':
			dst = KEY_IS(k, kn, "kernel_stack") ? &z->kernel_stack_kb : NULL;
			break;
		}
		if (dst != NULL && *dst == OOM_NONE)
			*dst = num_at(&v, end);
	}
	z->buddy_page_kb = OOM_NONE;
	z->buddy_total_kb = OOM_NONE;
	for (i = 0; i < OOM_MAX_RESERVE; i++)
		z->lowmem_reserve[i] = OOM_NONE;
	r->seen |= OP_ZONES;
	return true;
}

/* "lowmem_reserve[]: 0 3211 32248 32248" for the zone printed just before. */
static bool
parse_reserve(struct oom_report *r, const char *p, const char *end)
{
	struct oom_zone *z;
	int n = 0;

	if (!STARTS(p, end, "lowmem_reserve[]:"))
		return false;
	if (r->nzones == 0 || r->zones[r->nzones - 1].nreserve != 0)
		return true;
	z = &r->zones[r->nzones - 1];
	p += 17;
	while (n < OOM_MAX_RESERVE) {
		int64_t v = num_at(&p, end);

		if (v == OOM_NONE)
			break;
		z->lowmem_reserve[n++] = v;
	}
	z->nreserve = n;
	return true;
}

/* "Node 0 DMA32: 204*4kB (UME) 187*8kB ... 0*4096kB = 123192kB" */
static bool
parse_buddy(struct oom_report *r, int node, const char *name, const char *nend,
    const char *p, const char *end)
{
	struct oom_zone *z = NULL;
	int i, n = 0;

	for (i = r->nzones - 1; i >= 0; i--) {
		if (r->zones[i].node == node && strlen(r->zones[i].name) == (size_t)(nend - name) &&
		    memcmp(r->zones[i].name, name, (size_t)(nend - name)) == 0) {
			z = &r->zones[i];
			break;
		}
	}
	r->seen |= OP_BUDDY;
	if (z == NULL || z->nbuddy != 0)
		return true;
	while (p < end && n < OOM_MAX_ORDERS) {
		int64_t count, size;

		p = skip_ws(p, end);
		if (p < end && *p == '(') {	/* migratetype letters */
			const char *c = memchr(p, ')', (size_t)(end - p));

			p = c != NULL ? c + 1 : end;
			continue;
		}
		if (p < end && *p == '=') {
			p++;
			z->buddy_total_kb = num_at(&p, end);
			break;
		}
		count = num_at_inline(&p, end);
		if (count == OOM_NONE || p >= end || *p != '*')
			break;
		p++;
		size = num_at_inline(&p, end);
		if (size == OOM_NONE)
			break;
		if (n == 0)
			z->buddy_page_kb = size;
		z->buddy[n++] = count;
		if (STARTS(p, end, "kB"))
			p += 2;
	}
	z->nbuddy = n;
	return true;
}

/* "Node 0 hugepages_total=1024 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB" */
static bool
parse_huge(struct oom_report *r, int node, const char *p, const char *end)
{
	struct oom_huge *h;

	r->seen |= OP_HUGE;
	if (r->nhuge >= OOM_MAX_HUGE)
		return true;
	h = &r->huge[r->nhuge++];
	h->node = node;
	h->total = KEY_NUM(p, end, "hugepages_total=");
	h->free = KEY_NUM(p, end, "hugepages_free=");
	h->surp = KEY_NUM(p, end, "hugepages_surp=");
	h->size_kb = KEY_NUM(p, end, "hugepages_size=");
	return true;
}

/* Lines that begin with "Node N " or a bare zone name (non-NUMA builds). */
static bool
parse_node_or_zone(struct oom_report *r, const char *p, const char *end)
{
	const char *q = p, *nend;
	int node = -1;
	bool numa = node_prefix(&q, end, &node);

	if (numa && STARTS(q, end, "hugepages_"))
		return parse_huge(r, node, q, end);
	if ((nend = zone_name_end(q, end)) == NULL)
		return false;
	if (STARTS(nend, end, " free:"))
		return parse_zone(r, node, q, nend, nend, end);
	if (STARTS(nend, end, ": ") && nend + 2 < end && nend[2] >= '0' && nend[2] <= '9')
		return parse_buddy(r, node, q, nend, nend + 2, end);
	if (STARTS(nend, end, " per-cpu:"))
		return true;
	/* "Node 0 active_anon:134528kB ...": the first token is a key. */
	if (numa) {
		const char *te = token_end(q, end), *colon;

		colon = memchr(q, ':', (size_t)(te - q));
		if (colon != NULL && colon > q)
			return parse_node_line(r, q, end);
	}
	return false;
}

/* Swap, page cache and page totals at the end of Mem-Info. */
static enum ol_result
parse_totals(struct oom_report *r, const char *p, const char *end)
{
	const char *q = p;
	int64_t v;

	/* The fixed texts begin with 'F', 'T', 'S', 'M' or 'C': most lines here with none. */
	if (p >= end)
		return OLR_IGNORED;
	switch (*p) {
	case 'F': case 'T': case 'S': case 'M': case 'C':
		break;
	default:
		goto numbered;
	}
	if (STARTS(p, end, "Free swap  = ") || STARTS(p, end, "Free swap = ")) {
		q = FIND(p, end, "= ") + 2;
		r->free_swap_kb = num_at(&q, end);
		r->seen |= OP_SWAP;
		return OLR_PART;
	}
	if (STARTS(p, end, "Total swap = ")) {
		q = p + 13;
		r->total_swap_kb = num_at(&q, end);
		r->seen |= OP_SWAP;
		return OLR_PART;
	}
	if (STARTS(p, end, "Swap cache stats:") || STARTS(p, end, "Mem-Info:") ||
	    STARTS(p, end, "COMPACTION is disabled"))
		return OLR_PART;
	if (STARTS(p, end, "Memory cgroup min protection"))
		return r->kind == OOM_KIND_ALLOC_FAILURE ? OLR_END : OLR_PART;
numbered:
	/* The rest begin with a number: most lines here (call-trace frames) cannot. */
	if (p >= end || ((unsigned char)(*p - '0') >= 10 && *p != '-' && *p != '+' && *p != ' ' &&
	    *p != '\t'))
		return OLR_IGNORED;
	if ((v = num_at(&q, end)) == OOM_NONE || q >= end || *q != ' ')
		return OLR_IGNORED;
	q++;
	if (STARTS(q, end, "pages RAM")) {
		r->ram_pages = v;
		r->seen |= OP_PAGES;
	} else if (STARTS(q, end, "pages HighMem")) {
		r->highmem_pages = v;
	} else if (STARTS(q, end, "pages reserved")) {
		r->reserved_pages = v;
		r->seen |= OP_PAGES;
	} else if (STARTS(q, end, "pages cma reserved")) {
		r->cma_pages = v;
	} else if (STARTS(q, end, "pages hwpoisoned")) {
		r->hwpoisoned_pages = v;
	} else if (STARTS(q, end, "total pagecache pages")) {
		r->pagecache_pages = v;
	} else if (STARTS(q, end, "pages in swap cache")) {
		r->swapcache_pages = v;
	} else if (STARTS(q, end, "pages shared") || STARTS(q, end, "pages non-shared") ||
	    STARTS(q, end, "pages in pagetable cache")) {
		/* 2.6.32-3.x show_mem extras */
	} else {
		return OLR_IGNORED;
	}
	/*
	 * An allocation failure has no kill: its report ends with these
	 * totals (what follows in 6.x is ignored after the end).
	 */
	if (r->kind == OOM_KIND_ALLOC_FAILURE && STARTS(q, end, "pages reserved"))
		return OLR_END;
	return OLR_PART;
}

/* "Unreclaimable slab info:" then "Name Used Total" and "kmalloc-512  87024KB  94124KB" */
static bool
parse_slab_row(struct oom_report *r, const char *p, const char *end)
{
	const char *ne = token_end(p, end), *q;
	int64_t used, total;
	int i, at;

	q = ne;
	used = num_at(&q, end);
	if (used == OOM_NONE || !STARTS(q, end, "KB"))
		return false;
	q += 2;
	total = num_at(&q, end);
	if (total == OOM_NONE)
		return false;
	/* Keep the largest few, by used. */
	at = r->nslabs < OOM_MAX_SLABS ? r->nslabs++ : OOM_MAX_SLABS - 1;
	if (at == OOM_MAX_SLABS - 1 && r->nslabs == OOM_MAX_SLABS &&
	    r->slabs[at].used_kb >= used && r->slabs[at].name[0] != '\0')
		return true;
	copy_text(r->slabs[at].name, sizeof(r->slabs[at].name), p, ne);
	r->slabs[at].used_kb = used;
	r->slabs[at].total_kb = total;
	for (i = at; i > 0 && r->slabs[i].used_kb > r->slabs[i - 1].used_kb; i--) {
		struct oom_slab t = r->slabs[i];

		r->slabs[i] = r->slabs[i - 1];
		r->slabs[i - 1] = t;
	}
	return true;
}

/* ---- memory cgroup ------------------------------------------------------ */

/* "memory: usage 980kB, limit 980kB, failcnt 4152239" and its siblings. */
static bool
parse_memcg_usage(struct oom_report *r, const char *p, const char *end)
{
	int64_t *u, *l, *f;
	const char *q;

	if (STARTS(p, end, "memory: usage ")) {
		u = &r->mem_usage_kb, l = &r->mem_limit_kb, f = &r->mem_failcnt;
		r->seen |= OP_MEMCG;
	} else if (STARTS(p, end, "memory+swap: usage ")) {
		u = &r->memsw_usage_kb, l = &r->memsw_limit_kb, f = &r->memsw_failcnt;
	} else if (STARTS(p, end, "swap: usage ")) {
		u = &r->swap_usage_kb, l = &r->swap_limit_kb, f = &r->swap_failcnt;
		r->memcg_v2 = true;
	} else if (STARTS(p, end, "kmem: usage ")) {
		u = &r->kmem_usage_kb, l = &r->kmem_limit_kb, f = &r->kmem_failcnt;
	} else {
		return false;
	}
	q = FIND(p, end, "usage ") + 6;
	*u = num_at(&q, end);
	*l = KEY_NUM(p, end, "limit ");
	*f = KEY_NUM(p, end, "failcnt ");
	if (r->kind != OOM_KIND_ALLOC_FAILURE) {
		r->kind = OOM_KIND_MEMCG;
		r->kind_known = true;
	}
	return true;
}

/* One memory.stat key, in bytes (scale 1) or KB (scale 1024). */
static void
memcg_stat(struct oom_report *r, const char *k, size_t n, int64_t v, int64_t scale)
{
	/* Lengths in the table: this runs for every line of a stats block. */
#define MS(k, field) { k, sizeof(k) - 1, offsetof(struct oom_report, field) }
	static const struct { const char *key; size_t len, off; } keys[] = {
		MS("anon", ms_anon),
		MS("rss", ms_anon),
		MS("file", ms_file),
		MS("cache", ms_file),
		MS("shmem", ms_shmem),
		MS("kernel", ms_kernel),
		MS("kernel_stack", ms_kernel_stack),
		MS("pagetables", ms_pagetables),
		MS("slab_reclaimable", ms_slab_reclaimable),
		MS("slab_unreclaimable", ms_slab_unreclaimable),
		MS("sock", ms_sock),
		MS("percpu", ms_percpu),
		MS("swap", ms_swap),
		MS("anon_thp", ms_anon_thp),
		MS("rss_huge", ms_anon_thp),
		MS("file_mapped", ms_mapped_file),
		MS("mapped_file", ms_mapped_file),
		MS("unevictable", ms_unevictable),
	};
#undef MS
	/* Bit i: keys[i] begins with the byte; built from the table on first use. */
	static uint32_t keys_of[256];
	static bool keys_of_ready;
	uint32_t m;

	_Static_assert(sizeof(keys) / sizeof(keys[0]) <= 32, "keys_of[] holds 32 bits");

	if (!keys_of_ready) {
		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			keys_of[(unsigned char)keys[i].key[0]] |= UINT32_C(1) << i;
		keys_of_ready = true;
	}
	for (m = n > 0 ? keys_of[(unsigned char)k[0]] : 0; m != 0; m &= m - 1) {
		size_t i = (size_t)__builtin_ctz(m);

		if (keys[i].len == n && memcmp(keys[i].key, k, n) == 0) {
			int64_t *dst = (int64_t *)(void *)((char *)r + keys[i].off);

			uint64_t bytes = v < 0 ? 0 : sat_mul((uint64_t)v, (uint64_t)scale);

			if (*dst == OOM_NONE)	/* the first (own, not total_) value wins */
				*dst = bytes > INT64_MAX ? INT64_MAX : (int64_t)bytes;
			return;
		}
	}
}

/*
 * "Memory cgroup stats for /mem2: cache:0KB rss:980KB rss_huge:0KB ..." (<= 4.19)
 * "Memory cgroup stats for /liz:" followed by "anon 42897408" lines (5.0+)
 */
static bool
parse_memcg_stats(struct oom_report *r, struct ol_state *st, const char *p, const char *end)
{
	const char *path = p + 24, *colon;

	colon = trim_end(path, end);
	if (colon > path && colon[-1] == ':') {
		if (r->memcg_stats_path[0] == '\0')
			copy_text(r->memcg_stats_path, sizeof(r->memcg_stats_path), path, colon - 1);
		st->memcg_stats = true;
		r->seen |= OP_MEMCG_STATS;
		return true;
	}
	if ((colon = FIND(path, end, ": ")) == NULL)
		return true;
	if (r->memcg_stats_path[0] == '\0')
		copy_text(r->memcg_stats_path, sizeof(r->memcg_stats_path), path, colon);
	p = colon + 2;
	while (p < end) {
		const char *te = token_end(p, end), *c;

		c = memchr(p, ':', (size_t)(te - p));
		if (c != NULL) {
			const char *v = c + 1;
			int64_t x = num_at(&v, te);

			if (x != OOM_NONE)
				memcg_stat(r, p, (size_t)(c - p), x, STARTS(v, te, "KB") ? 1024 : 1);
		}
		p = skip_ws(te, end);
	}
	r->seen |= OP_MEMCG_STATS;
	return true;
}

/* "anon 98742272" inside a 5.0+ memcg stats block. */
static bool
parse_memcg_stat_line(struct oom_report *r, const char *p, const char *end)
{
	const char *k = skip_ws(p, end), *ke = k, *v;
	int64_t x;

	ke = name_end(k, end, NM_DIGIT | NM_US);
	if (ke == k || ke >= end || *ke != ' ')
		return false;
	v = ke;
	x = num_at_inline(&v, end);
	if (x == OOM_NONE || skip_ws(v, end) != end)
		return false;
	memcg_stat(r, k, (size_t)(ke - k), x, 1);
	return true;
}

/* ---- task dump ---------------------------------------------------------- */

/* "[ pid ]   uid  tgid total_vm      rss nr_ptes swapents oom_score_adj name" */
static bool
parse_task_header(struct oom_report *r, const char *p, const char *end)
{
	const char *q = skip_ws(p, end);

	if (q == end || *q != '[' || FIND_BY(p, end, "tgid total_vm", 11) == NULL)	/* the 'v' */
		return false;
	if (FIND(p, end, "rss_anon") != NULL)
		r->layout = TL_SPLIT;
	else if (FIND(p, end, "pgtables_bytes") != NULL)
		r->layout = TL_BYTES;
	else if (FIND(p, end, "nr_pmds") != NULL)
		r->layout = TL_PMDS;
	else if (FIND(p, end, "nr_ptes") != NULL)
		r->layout = TL_PTES;
	else if (FIND(p, end, "oom_score_adj") != NULL)
		r->layout = TL_2636;
	else
		r->layout = TL_2632;
	r->layout_guessed = false;
	r->seen |= OP_TASKS;
	return true;
}

/* Numeric columns after "[pid]" for a layout. */
static int
layout_columns(enum oom_layout l)
{
	switch (l) {
	case TL_2632: return 6;
	case TL_2636: case TL_PTES: case TL_BYTES: return 7;
	case TL_PMDS: return 8;
	case TL_SPLIT: return 10;
	case TL_NONE: break;
	}
	return 0;
}

/* A row without its header (grep-filtered logs): the layout from the era or the width. */
static enum oom_layout
guess_layout(int ncols, int version)
{
	if (ncols == 10)
		return TL_SPLIT;
	if (ncols == 8)
		return TL_PMDS;
	if (ncols == 6)
		return TL_2632;
	if (ncols == 7 && version >= 0)
		return version >= GFP_VERSION(4, 15, 0) ? TL_BYTES : version >= GFP_VERSION(3, 6, 0) ?
		    TL_PTES : TL_2636;
	return TL_NONE;
}

/*
 * A task-dump column: blanks, an optional '-', at most 18 digits (no
 * overflow check needed).  The dump is most of a report, so this is the
 * hottest number reader; OOM_NONE (and *pp unchanged) when there is none.
 */
static inline int64_t
row_number(const char **pp, const char *end)
{
	const char *p = *pp, *d, *lim;
	bool neg = false;
	uint64_t v = 0;

	/* Columns are padded with runs of blanks: skip them four at a time. */
	while (end - p >= 4 && memcmp(p, "    ", 4) == 0)
		p += 4;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p < end && *p == '-') {
		neg = true;
		p++;
	}
	/* One bound for the digit loop (the end or 18 digits), one test per digit. */
	lim = end - p > 18 ? p + 18 : end;
	for (d = p; p < lim && (unsigned char)(*p - '0') < 10; p++)
		v = v * 10 + (unsigned)(*p - '0');
	if (p == d || (p < end && *p >= '0' && *p <= '9'))
		return p == d ? OOM_NONE : num_at_slow(pp, end);	/* longer: the careful reader */
	*pp = p;
	return neg ? -(int64_t)v : (int64_t)v;
}

/*
 * row_number(), fast: blanks skipped sixteen at a time and up to seven
 * digits converted at once (SWAR).  Anything else (a run of blanks or of
 * digits longer than that, the end of the line near) goes to row_number()
 * from the start, so the result is always row_number()'s.  The task dump
 * is most lines of a report: per row this took 1,050 instructions and takes
 * about 400 (callgrind, the dense bench log).
 */
static inline int64_t
row_column(const char **pp, const char *end)
{
#if defined(__SSE2__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const char *p = *pp;
	bool neg = false;
	uint64_t x, v;
	unsigned n, blanks;

	if (end - p < 16 + 1 + 8)
		return row_number(pp, end);
	blanks = (unsigned)_mm_movemask_epi8(_mm_or_si128(
	    _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)p), _mm_set1_epi8(' ')),
	    _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)p), _mm_set1_epi8('\t'))));
	if (blanks == 0xffff)
		return row_number(pp, end);
	p += __builtin_ctz(~blanks);
	if (*p == '-') {
		neg = true;
		p++;
	}
	memcpy(&x, p, 8);
	n = swar_count(x);
	if (n == 8)
		return row_number(pp, end);	/* eight digits or more */
	if (n == 0)
		return OOM_NONE;
	v = swar_value(x, n);
	*pp = p + n;
	return neg ? -(int64_t)v : (int64_t)v;
#else
	return row_number(pp, end);
#endif
}

/* "[  788]     0   788     2671        1   7     -17         -1000 udevd" */
static bool
parse_task_row(struct oom_report *r, struct ol_state *st, const char *p, const char *end)
{
	int64_t col[12];
	const char *q = skip_ws(p, end), *name;
	struct oom_task *t;
	int n = 0, want, lim;
	enum oom_layout layout = r->layout;

	if (q >= end || *q != '[')
		return false;
	q++;
	col[n] = row_column(&q, end);
	if (col[n] == OOM_NONE || col[n] < 0)
		return false;
	q = skip_ws(q, end);
	if (q >= end || *q != ']')
		return false;
	q++;
	n++;
	want = layout_columns(layout);
	/* The pid and the layout's columns, or up to 12 numbers when it is not known. */
	lim = want == 0 || want + 1 > 12 ? 12 : want + 1;
	while (n < lim) {
		const char *s = q;
		int64_t v = row_column(&s, end);

		/* A number followed by a blank; else the name has begun. */
		if (v == OOM_NONE || s >= end || (*s != ' ' && *s != '\t'))
			break;
		col[n++] = v;
		q = s;
	}
	if (n < 7)
		return false;	/* not a task row (a call-trace frame, a slab row) */
	if (layout == TL_NONE || want != n - 1) {
		if (layout != TL_NONE && want != n - 1)
			return false;
		layout = guess_layout(n - 1, st->release_version);
		if (r->layout == TL_NONE) {
			r->layout = layout;
			r->layout_guessed = true;
		}
	}
	name = skip_ws(q, end);
	r->seen |= OP_ROWS;
	if (r->ntasks >= OOM_TASKS_MAX) {
		r->tasks_cut++;
		return true;
	}
	if (r->ntasks == r->tasks_cap) {
		r->tasks_cap = r->tasks_cap ? r->tasks_cap * 2 : 256;
		r->tasks = xreallocarray(r->tasks, r->tasks_cap, sizeof(*r->tasks));
	}
	t = &r->tasks[r->ntasks++];
	t->pid = col[0];
	t->uid = col[1];
	t->tgid = col[2];
	t->total_vm = col[3];
	t->rss = col[4];
	t->rss_anon = t->rss_file = t->rss_shmem = OOM_NONE;
	t->pgtables = t->swapents = t->oom_adj = t->oom_score_adj = OOM_NONE;
	switch (layout) {
	case TL_2632:
		t->oom_adj = col[6];
		break;
	case TL_2636:
		t->oom_adj = col[6];
		t->oom_score_adj = col[7];
		break;
	case TL_PTES:
		t->pgtables = col[5];
		t->swapents = col[6];
		t->oom_score_adj = col[7];
		break;
	case TL_PMDS:
		if (__builtin_add_overflow(col[5], col[6], &t->pgtables))
			t->pgtables = INT64_MAX;	/* dropped by log/bounds.c */
		t->swapents = col[7];
		t->oom_score_adj = col[8];
		break;
	case TL_BYTES:
		t->pgtables = col[5];
		t->swapents = col[6];
		t->oom_score_adj = col[7];
		break;
	case TL_SPLIT:
		t->rss_anon = col[5];
		t->rss_file = col[6];
		t->rss_shmem = col[7];
		t->pgtables = col[8];
		t->swapents = col[9];
		t->oom_score_adj = col[10];
		break;
	case TL_NONE:
		t->oom_score_adj = col[n - 1];
		break;
	}
	copy_text(t->comm, sizeof(t->comm), name, trim_end(name, end));
	return true;
}

/* ---- summary and kill lines --------------------------------------------- */

/* The first ',' or space of [p, end), or end; sixteen bytes a step where SSE2 is. */
static inline const char *
comma_or_blank(const char *p, const char *end)
{
	const char *q = p;

#ifdef __SSE2__
	if (end - p >= 16) {
		unsigned bits;

		for (; end - q >= 16; q += 16)
			if ((bits = either_bits(q, ',', ' ')) != 0)
				return q + __builtin_ctz(bits);
		if (q == end)
			return end;
		bits = either_bits(end - 16, ',', ' ') >> (16 - (end - q));
		return bits != 0 ? q + __builtin_ctz(bits) : end;
	}
#endif
	while (q < end && *q != ',' && *q != ' ')
		q++;
	return q;
}

/* KEY_TEXT()'s copy: the value at v (if any) up to the next ',' or blank. */
static void
summary_text(const char *v, const char *end, char *out, size_t size)
{
	if (v != NULL)
		copy_text(out, size, v, comma_or_blank(v, end));
}

/*
 * "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,
 *  global_oom,task_memcg=/system.slice/x.service,task=cache-main,pid=3117813,uid=991"
 */
static __attribute__((noinline)) bool
parse_summary(struct oom_report *r, const char *p, const char *end)
{
	const char *t, *pid;

	enum { S_CONSTRAINT, S_NODEMASK, S_CPUSET, S_MEMS, S_OOM_MEMCG, S_TASK_MEMCG, S_KEYS };
	const char *at[S_KEYS] = { NULL }, *e, *last = NULL;

	p = skip_ws(p, end);
	if (!STARTS(p, end, "oom-kill:"))
		return false;
	/*
	 * One pass over the line's '=': each key's first "key=" is the first
	 * '=' with the key before it (where find_strn() would find it), the
	 * task's ",task=" the first of its own, and the ",pid=" after it the
	 * last one.  (A search of the line per key was 2,800 instructions a
	 * summary, callgrind.)
	 */
	t = NULL;
#define ENDS(lit) ((size_t)(e - p) >= sizeof(lit) - 1 && \
	memcmp(e - (sizeof(lit) - 1), (lit), sizeof(lit) - 1) == 0)
#define FIRST(i, lit) if (at[i] == NULL && ENDS(lit)) at[i] = e + 1
	for (e = p; (e = memchr(e, '=', (size_t)(end - e))) != NULL; e++) {
		FIRST(S_CONSTRAINT, "constraint");
		FIRST(S_NODEMASK, "nodemask");
		FIRST(S_CPUSET, "cpuset");
		FIRST(S_MEMS, "mems_allowed");
		FIRST(S_OOM_MEMCG, "oom_memcg");
		FIRST(S_TASK_MEMCG, "task_memcg");
		if (t == NULL) {
			if (ENDS(",task"))
				t = e - 5;
		} else if (ENDS(",pid")) {
			last = e - 4;	/* begins after t's '=': ",pid=" has no ',' but its first */
		}
	}
#undef FIRST
#undef ENDS
	summary_text(at[S_CONSTRAINT], end, r->constraint, sizeof(r->constraint));
	summary_text(at[S_NODEMASK], end, r->nodemask, sizeof(r->nodemask));
	summary_text(at[S_CPUSET], end, r->cpuset, sizeof(r->cpuset));
	summary_text(at[S_MEMS], end, r->mems_allowed, sizeof(r->mems_allowed));
	summary_text(at[S_OOM_MEMCG], end, r->oom_memcg, sizeof(r->oom_memcg));
	summary_text(at[S_TASK_MEMCG], end, r->task_memcg, sizeof(r->task_memcg));
	r->global_oom = FIND(p, end, ",global_oom") != NULL;
	/* The comm may hold commas: take everything up to the last ",pid=". */
	if (t != NULL) {
		if (last != NULL) {
			copy_text(r->summary_task, sizeof(r->summary_task), t + 6, last);
			pid = last + 5;
			r->summary_pid = num_at(&pid, end);
			r->summary_uid = KEY_NUM(last, end, "uid=");
		}
	}
	if (strcmp(r->constraint, "CONSTRAINT_MEMCG") == 0)
		r->kind = OOM_KIND_MEMCG;
	else if (strcmp(r->constraint, "CONSTRAINT_CPUSET") == 0)
		r->kind = OOM_KIND_CPUSET;
	else if (strcmp(r->constraint, "CONSTRAINT_MEMORY_POLICY") == 0)
		r->kind = OOM_KIND_MEMPOLICY;
	else if (r->kind != OOM_KIND_SYSRQ)
		r->kind = OOM_KIND_GLOBAL;
	r->kind_known = true;
	r->seen |= OP_SUMMARY;
	return true;
}

/* The comm in "(x)": from open to the last ')' before stop; true if found. */
static bool
paren_comm(const char *open, const char *stop, char *out, size_t size)
{
	const char *close = stop;

	if (open >= stop || *open != '(')
		return false;
	while (close > open + 1 && close[-1] != ')')
		close--;
	if (close <= open + 1)
		return false;
	copy_text(out, size, open + 1, close - 1);
	return true;
}

static void
kill_message(struct oom_report *r, const char *p, const char *at)
{
	const char *m = trim_end(p, at);

	if (m > p && m[-1] == ':')
		m--;
	copy_text(r->kill.message, sizeof(r->kill.message), skip_ws(p, m), m);
	if (FIND(p, m, "Memory cgroup") != NULL && r->kind != OOM_KIND_ALLOC_FAILURE) {
		r->kind = OOM_KIND_MEMCG;
		r->kind_known = true;
	}
}

/* Text a vendor kernel put between fields this parser knows: kept, to be said. */
static void
note_vendor_fields(struct oom_report *r, const char *p, const char *e)
{
	p = skip_ws(p, e);
	e = trim_end(p, e);
	if (e > p && e[-1] == ',')
		e--;
	if (e <= p || r->vendor_fields[0] != '\0')
		return;
	copy_text(r->vendor_fields, sizeof(r->vendor_fields), p, e);
}

/* "Kill process N" or "kill process N" in [p, end): the 'K', or NULL. */
static const char *
find_kill_process(const char *p, const char *end)
{
	const char *at = p;

	while ((at = FIND(at, end, "ill process ")) != NULL) {
		if (at > p && (at[-1] == 'K' || at[-1] == 'k'))
			return at - 1;
		at++;
	}
	return NULL;
}

/* Room for one more entry of the event's kills, or NULL (counted as dropped). */
static struct oom_killed *
add_killed(struct oom_report *r, enum oom_killed_role role)
{
	struct oom_killed *k;

	if (r->nkilled >= OOM_MAX_KILLED) {
		r->killed_dropped++;
		return NULL;
	}
	k = &r->killed[r->nkilled++];
	memset(k, 0, sizeof(*k));
	k->pid = k->uid = k->total_vm_kb = k->anon_rss_kb = k->file_rss_kb = OOM_NONE;
	k->shmem_rss_kb = k->pgtables_kb = k->oom_score_adj = OOM_NONE;
	k->role = (uint8_t)role;
	return k;
}

/*
 * "Out of memory: Kill process 40738 (mysqld) score 16 or sacrifice child"
 * "Memory cgroup out of memory: kill process 1 (x) score 3 or a child" (2.6.32)
 * "Memory cgroup out of memory: Kill process 5021 (dd) [State: 0 Flags: 4202752]
 *  score 977 or sacrifice child" (a vendor kernel: the extra field is noted)
 * "Kill process 1234 (x) sharing same memory" (3.x)
 * Fields are found by name and shape: the pid after "process", the comm in
 * parentheses, the number after "score".
 */
static enum ol_result
parse_kill(struct oom_report *r, enum ol_mode mode, const char *p, const char *end)
{
	const char *at = find_kill_process(p, end), *q, *sc, *open, *close;

	if (at == NULL)
		return OLR_IGNORED;
	q = at + 13;
	if (FIND(q, end, "sharing same memory") != NULL) {
		struct oom_killed *k;
		int64_t pid;

		if (mode == OLM_NEW)
			return OLR_IGNORED;
		pid = num_at(&q, end);
		r->sharing_killed++;
		if ((k = add_killed(r, KR_SHARED)) != NULL) {
			k->pid = pid;
			paren_comm(skip_ws(q, end), FIND(q, end, " sharing same memory"), k->comm,
			    sizeof(k->comm));
		}
		return OLR_PART;
	}
	if ((sc = FIND(q, end, " score ")) == NULL)
		return OLR_IGNORED;
	if (mode != OLM_NEW && (r->seen & (OP_KILL | OP_KILLED)))
		return OLR_IGNORED;	/* another kill: a new report */
	kill_message(r, p, at);
	r->kill.chosen_pid = num_at(&q, end);
	open = skip_ws(q, end);
	close = sc;
	if (open < sc && *open == '(') {
		/* The comm's ')' is the last one before the score or a vendor's "[". */
		const char *b = memchr(open, '[', (size_t)(sc - open));

		close = b != NULL && b > open + 1 ? b : sc;
		while (close > open + 1 && close[-1] != ')')
			close--;
		if (close > open + 1)
			copy_text(r->kill.chosen_comm, sizeof(r->kill.chosen_comm), open + 1, close - 1);
		else
			close = open;
	}
	if (close < sc)
		note_vendor_fields(r, close, sc);
	q = sc + 7;
	r->kill.score = num_at(&q, end);
	r->seen |= OP_KILL;
	return OLR_PART;
}

/* Fill a kill entry from "Killed process P (c) total-vm:..." starting after "process ". */
static bool
killed_fields(struct oom_report *r, const char *q, const char *end, struct oom_kill *k)
{
	const char *tv, *open;

	k->pid = num_at(&q, end);
	if (k->pid == OOM_NONE)
		return false;
	tv = FIND(q, end, "total-vm:");
	if (tv == NULL)
		tv = FIND(q, end, "vsz:");	/* 2.6.33-2.6.35 */
	if (tv == NULL)
		tv = end;
	if (STARTS(q, end, ", UID ")) {
		const char *u = q + 6;

		k->uid = num_at(&u, end);
		open = memchr(q, '(', (size_t)(tv - q));
	} else {
		open = skip_ws(q, end);
	}
	if (open != NULL && open < tv && *open == '(') {
		const char *stop = tv, *close;
		const char *ru = FIND(q, tv, "), UID ");

		if (ru != NULL) {
			const char *u = ru + 7;

			k->uid = num_at(&u, end);
			stop = ru + 1;
		}
		paren_comm(open, stop, k->comm, sizeof(k->comm));
		/* What lies between the comm and the first known field is a vendor's. */
		for (close = stop; close > open && close[-1] != ')'; close--)
			;
		if (ru == NULL && close > open && close < tv) {
			const char *x = skip_ws(close, tv);

			if (x < tv && *x == ',')
				x++;
			if (skip_ws(x, tv) < trim_end(x, tv) && tv < end)
				note_vendor_fields(r, x, tv);
		}
	}
	k->total_vm_kb = KEY_NUM(q, end, "total-vm:");
	if (k->total_vm_kb == OOM_NONE)
		k->total_vm_kb = KEY_NUM(q, end, "vsz:");
	k->anon_rss_kb = KEY_NUM(q, end, "anon-rss:");
	k->file_rss_kb = KEY_NUM(q, end, "file-rss:");
	k->shmem_rss_kb = KEY_NUM(q, end, "shmem-rss:");
	if (k->uid == OOM_NONE)
		k->uid = KEY_NUM(q, end, "UID:");
	k->pgtables_kb = KEY_NUM(q, end, "pgtables:");
	k->oom_score_adj = KEY_NUM(q, end, "oom_score_adj:");
	return true;
}

static void
killed_entry(struct oom_report *r, const struct oom_kill *k, enum oom_killed_role role)
{
	struct oom_killed *e = add_killed(r, role);

	if (e == NULL)
		return;
	e->pid = k->pid;
	e->uid = k->uid;
	e->total_vm_kb = k->total_vm_kb;
	e->anon_rss_kb = k->anon_rss_kb;
	e->file_rss_kb = k->file_rss_kb;
	e->shmem_rss_kb = k->shmem_rss_kb;
	e->pgtables_kb = k->pgtables_kb;
	e->oom_score_adj = k->oom_score_adj;
	memcpy(e->comm, k->comm, sizeof(e->comm));
}

/*
 * "Killed process 13536 (memorymonster) total-vm:33558652kB, anon-rss:920kB, file-rss:452kB"
 * "Killed process 40738, UID 27, (mysqld) total-vm:6424316kB, ..." (RHEL 6)
 * "Killed process 21945 (tidb-server), UID 1000, total-vm:..." (RHEL 7)
 * "Out of memory: Killed process 3117813 (cache-main) total-vm:11705436kB, anon-rss:4805020kB,
 *  file-rss:53964kB, shmem-rss:0kB, UID:991 pgtables:21664kB oom_score_adj:0" (5.1+)
 * After "Tasks in /x are going to be killed due to memory.oom.group set",
 * each further "Killed process" line is a member of the group.
 */
static enum ol_result
parse_killed(struct oom_report *r, enum ol_mode mode, const char *p, const char *end)
{
	const char *at = FIND(p, end, "Killed process ");
	struct oom_kill k;

	if (at == NULL)
		return OLR_IGNORED;
	if (mode == OLM_AFTER && r->oom_group && (r->seen & OP_KILLED)) {
		memset(&k, 0, sizeof(k));
		k.uid = OOM_NONE;
		if (!killed_fields(r, at + 15, end, &k))
			return OLR_IGNORED;
		killed_entry(r, &k, KR_GROUP);
		return OLR_PART;
	}
	if (mode != OLM_NEW && (r->seen & OP_KILLED))
		return OLR_IGNORED;
	k = r->kill;
	k.uid = OOM_NONE;
	if (!killed_fields(r, at + 15, end, &k))
		return OLR_IGNORED;
	r->kill.pid = k.pid;
	r->kill.uid = k.uid;
	memcpy(r->kill.comm, k.comm, sizeof(k.comm));
	r->kill.total_vm_kb = k.total_vm_kb;
	r->kill.anon_rss_kb = k.anon_rss_kb;
	r->kill.file_rss_kb = k.file_rss_kb;
	r->kill.shmem_rss_kb = k.shmem_rss_kb;
	r->kill.pgtables_kb = k.pgtables_kb;
	r->kill.oom_score_adj = k.oom_score_adj;
	if (at > p)
		kill_message(r, p, at);
	killed_entry(r, &k, KR_VICTIM);
	r->seen |= OP_KILLED;
	return OLR_END;
}

/*
 * "Out of memory: OOM victim 901 (gdG1) is already exiting. Skip killing the task"
 * (4.19+, __oom_kill_process: the task has no mm left).  For the selected
 * victim it replaces the kill line; after a memory.oom.group line it is one
 * of the group's members.
 */
static enum ol_result
parse_exiting(struct oom_report *r, enum ol_mode mode, const char *p, const char *end)
{
	const char *at = FIND(p, end, "OOM victim "), *q, *ex;
	struct oom_killed *k;
	bool member;

	if (at == NULL || (ex = FIND(at, end, " is already exiting")) == NULL)
		return OLR_IGNORED;
	member = mode == OLM_AFTER && r->oom_group && (r->seen & OP_KILLED);
	if (mode == OLM_AFTER && !member)
		return OLR_IGNORED;	/* another event */
	if (!member && (r->seen & OP_KILLED))
		return OLR_IGNORED;
	if ((k = add_killed(r, member ? KR_GROUP : KR_VICTIM)) != NULL) {
		q = at + 11;
		k->pid = num_at(&q, end);
		paren_comm(skip_ws(q, ex), ex, k->comm, sizeof(k->comm));
		k->exiting = true;
	}
	if (member)
		return OLR_PART;
	if (at > p)
		kill_message(r, p, at);
	r->already_exiting = true;
	if (k != NULL) {
		r->kill.pid = k->pid;
		memcpy(r->kill.comm, k->comm, sizeof(r->kill.comm));
	}
	r->seen |= OP_KILLED;
	return OLR_END;
}

/*
 * kubelet's events about the kernel's kills, victim only:
 * "System OOM encountered, victim process: stress, pid: 470521"
 * "Cgroup OOM encountered, victim process: stress, pid: 470521"
 */
static enum ol_result
parse_kubelet(struct oom_report *r, enum ol_mode mode, const char *p, const char *end)
{
	const char *at = FIND(p, end, "OOM encountered, victim process: "), *c, *ce, *q;

	if (at == NULL || mode != OLM_NEW || at - p < 6)
		return OLR_IGNORED;
	c = at + 33;
	if ((ce = FIND(c, end, ", pid: ")) == NULL)
		return OLR_IGNORED;
	q = ce + 7;
	r->kill.pid = num_at(&q, end);
	if (r->kill.pid == OOM_NONE)
		return OLR_IGNORED;
	copy_text(r->kill.comm, sizeof(r->kill.comm), c, ce);
	copy_text(r->kill.message, sizeof(r->kill.message), at - 7, at + 15);
	if (STARTS(at - 7, end, "Cgroup ")) {
		r->kind = OOM_KIND_MEMCG;
	} else {
		r->kind = OOM_KIND_GLOBAL;
	}
	r->kind_known = STARTS(at - 7, end, "Cgroup ") || STARTS(at - 7, end, "System ");
	killed_entry(r, &r->kill, KR_VICTIM);
	r->seen |= OP_KILLED;
	return OLR_END;
}

/* "Tasks in /gd are going to be killed due to memory.oom.group set" */
static bool
parse_group(struct oom_report *r, const char *p, const char *end)
{
	const char *e;

	if (!STARTS(p, end, "Tasks in ") || (e = FIND(p, end, " are going to be killed")) ==
	    NULL || FIND(e, end, "memory.oom.group") == NULL)
		return false;
	r->oom_group = true;
	copy_text(r->oom_group_path, sizeof(r->oom_group_path), p + 9, e);
	return true;
}

/*
 * "oom_reaper: reaped process 1381 (gunpowder-memho), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB"
 * "oom_reaper: unable to reap pid:1381 (x)"
 */
static bool
parse_reaper(struct oom_report *r, const char *p, const char *end)
{
	struct oom_reaped *x;
	const char *q, *open, *now;

	if (!STARTS(p, end, "oom_reaper: "))
		return false;
	r->seen |= OP_REAPER;
	if (r->nreaped >= OOM_MAX_REAPED)
		return true;
	x = &r->reaped[r->nreaped];
	memset(x, 0, sizeof(*x));
	if ((q = FIND(p, end, "reaped process ")) != NULL) {
		q += 15;
	} else if ((q = FIND(p, end, "unable to reap pid:")) != NULL) {
		q += 19;
		x->unable = true;
	} else {
		return true;
	}
	x->pid = num_at(&q, end);
	now = FIND(q, end, ", now ");
	open = skip_ws(q, end);
	paren_comm(open, now != NULL ? now : end, x->comm, sizeof(x->comm));
	x->anon_kb = KEY_NUM(q, end, "anon-rss:");
	x->file_kb = KEY_NUM(q, end, "file-rss:");
	x->shmem_kb = KEY_NUM(q, end, "shmem-rss:");
	r->nreaped++;
	return true;
}

/* ---- dispatch ----------------------------------------------------------- */

void
message_report_init(struct oom_report *r)
{
	struct oom_task *tasks = r->tasks;
	size_t cap = r->tasks_cap;
	int i;

	/* Everything but the arrays at the end, whose counts are cleared here. */
	memset(r, 0, offsetof(struct oom_report, zones));
	r->tasks = tasks;
	r->tasks_cap = cap;
	r->invoker_pid = r->invoker_uid = OOM_NONE;
	r->gfp_mask = r->order = r->oom_adj = r->oom_score_adj = OOM_NONE;
	for (i = 0; i < OC_COUNT; i++)
		r->counters[i] = OOM_NONE;
	r->node_shmem_kb = r->node_kernel_stack_kb = r->node_pagetables_kb = OOM_NONE;
	r->node_anon_thp_kb = r->node_shmem_thp_kb = r->node_unevictable_kb = OOM_NONE;
	r->pagecache_pages = r->swapcache_pages = r->free_swap_kb = r->total_swap_kb = OOM_NONE;
	r->ram_pages = r->highmem_pages = r->reserved_pages = r->cma_pages = OOM_NONE;
	r->hwpoisoned_pages = OOM_NONE;
	r->mem_usage_kb = r->mem_limit_kb = r->mem_failcnt = OOM_NONE;
	r->memsw_usage_kb = r->memsw_limit_kb = r->memsw_failcnt = OOM_NONE;
	r->swap_usage_kb = r->swap_limit_kb = r->swap_failcnt = OOM_NONE;
	r->kmem_usage_kb = r->kmem_limit_kb = r->kmem_failcnt = OOM_NONE;
	r->ms_anon = r->ms_file = r->ms_shmem = r->ms_kernel = r->ms_kernel_stack = OOM_NONE;
	r->ms_pagetables = r->ms_slab_reclaimable = r->ms_slab_unreclaimable = OOM_NONE;
	r->ms_sock = r->ms_percpu = r->ms_swap = r->ms_anon_thp = OOM_NONE;
	r->ms_mapped_file = r->ms_unevictable = OOM_NONE;
	r->summary_pid = r->summary_uid = OOM_NONE;
	r->kill.chosen_pid = r->kill.score = r->kill.pid = r->kill.uid = OOM_NONE;
	r->kill.total_vm_kb = r->kill.anon_rss_kb = r->kill.file_rss_kb = OOM_NONE;
	r->kill.shmem_rss_kb = r->kill.pgtables_kb = r->kill.oom_score_adj = OOM_NONE;
}

/*
 * Where the kernel's message begins in a line, found by its content: the
 * fixed words a report line starts with ("Out of memory", "oom-kill:",
 * "Task in", "CPU: ... Comm:", the dump header's "[ pid ]", ...), placed
 * from the line's first anchor.  NULL when the message starts with a task's
 * name (the "invoked oom-killer" and allocation failure lines), which
 * content alone cannot place.
 */
const char *
message_content_start(const char *p, const char *end, const char *anchor, int id)
{
	const char *q, *c;

	switch (id) {
	case AN_OOM_KILL:
		return STARTS(anchor, end, "oom-kill:constraint=") ? anchor : NULL;
	case AN_OUT_OF_MEMORY:
		/* "Out of memory...", or "Memory cgroup out of memory..." */
		if (anchor - p >= 15 && memcmp(anchor - 15, "Memory cgroup o", 15) == 0)
			return anchor - 15;
		return anchor > p && anchor[-1] == 'O' ? anchor - 1 : NULL;
	case AN_LIMIT:
		return (q = FIND(p, anchor, "Task in ")) != NULL ? q : NULL;
	case AN_DUMP_HEADER:
		for (q = anchor; q > p && q[-1] != '['; q--)
			;
		return q > p ? q - 1 : NULL;
	case AN_TAINTED:
		if ((q = FIND(p, anchor, " Comm: ")) == NULL && (q = FIND(p, anchor, ", comm: ")) == NULL)
			return NULL;
		if ((c = FIND(p, q, "CPU: ")) == NULL)
			c = FIND(p, q, "Pid: ");
		return c;
	case AN_KILLED:
	case AN_KILL:
		if (anchor - p >= 1 && (anchor[-1] == 'K' || anchor[-1] == 'k'))
			return anchor - 1;
		return NULL;
	case AN_OOM_GROUP:
		return (q = FIND(p, anchor, "Tasks in ")) != NULL ? q : NULL;
	case AN_ENCOUNTERED:
		return anchor - p >= 7 && (memcmp(anchor - 7, "System ", 7) == 0 ||
		    memcmp(anchor - 7, "Cgroup ", 7) == 0) ? anchor - 7 : NULL;
	}
	return NULL;
}

/* Lines that close the main part of a report: the panic and its reasons. */
static enum ol_result
parse_end(struct oom_report *r, const char *p, const char *end)
{
	if (STARTS(p, end, "Out of memory and no killable processes")) {
		r->no_killable = true;
		r->seen |= OP_NOKILLABLE;
		return OLR_END;
	}
	if (STARTS(p, end, "Kernel panic - not syncing: ")) {
		p += 28;
		copy_text(r->panic, sizeof(r->panic), p, trim_end(p, end));
		if (FIND(p, end, "panic_on_oom") != NULL)
			r->panic_on_oom = true;
		r->seen |= OP_PANIC;
		return OLR_END;
	}
	return OLR_IGNORED;
}

/* Can a line that begins with c be one of message_lead()'s? */
static inline bool
may_lead(char c)
{
	switch (c) {
	case 'o':	/* "oom_reaper: ", "oom-kill:" */
	case 'O':	/* "Out of memory and no killable processes" */
	case 'K':	/* "Kernel panic - not syncing: " */
	case 'T':	/* "Task in ", "Tasks state" */
	case 'M':	/* "Memory limit reached", "Memory cgroup stats for " */
	case 'm':	/* "memory: usage ", "memory+swap: usage " */
	case 's':	/* "swap: usage " */
	case 'k':	/* "kmem: usage " */
	case '[':	/* the task dump's header */
		return true;
	default:
		return false;
	}
}

/*
 * The lines after the headers and kill lines that begin with a fixed text
 * (may_lead()), in a report being built (OLM_OPEN) or maybe the start of
 * one (OLM_NEW).  *done: the line is settled, the result is final.
 */
static enum ol_result
message_lead(struct oom_report *r, struct ol_state *st, enum ol_mode mode, const char *p,
    const char *end, bool *done)
{
	enum ol_result res;

	*done = true;
	/* "Out of memory and no killable processes", "Kernel panic - ...": 'O', 'K' */
	if (mode == OLM_OPEN && (*p == 'O' || *p == 'K') &&
	    (res = parse_end(r, p, end)) != OLR_IGNORED)
		return res;
	if (p < end && *p == 'o' && parse_summary(r, p, end))	/* "oom-kill:" */
		return OLR_PART;
	if (STARTS(p, end, "Task in ") && FIND(p, end, " killed as a result of limit of ")) {
		const char *k = FIND(p, end, " killed as a result of limit of ");

		copy_text(r->memcg_task, sizeof(r->memcg_task), p + 8, k);
		copy_text(r->memcg, sizeof(r->memcg), k + 32, trim_end(k + 32, end));
		r->kind = OOM_KIND_MEMCG;
		r->kind_known = true;
		r->seen |= OP_MEMCG;
		return OLR_PART;
	}
	if (STARTS(p, end, "Memory limit reached of cgroup ")) {
		copy_text(r->memcg, sizeof(r->memcg), p + 31, trim_end(p + 31, end));
		r->kind = OOM_KIND_MEMCG;
		r->kind_known = true;
		return OLR_PART;
	}
	if (parse_memcg_usage(r, p, end))
		return OLR_PART;
	if (STARTS(p, end, "Memory cgroup stats for ")) {
		st->slab_info = false;
		return parse_memcg_stats(r, st, p, end) ? OLR_PART : OLR_IGNORED;
	}
	if (STARTS(p, end, "Tasks state (memory values in pages)")) {
		st->memcg_stats = false;
		return OLR_PART;
	}
	if (*p == '[' && parse_task_header(r, p, end)) {
		st->memcg_stats = st->slab_info = false;
		return OLR_PART;
	}
	*done = false;
	return OLR_IGNORED;
}

/*
 * Can no Mem-Info recogniser take the line (parse_node_or_zone(),
 * parse_reserve(), parse_totals(), parse_counters())?  Each begins with a
 * test that says no to these lines: a zone or node line begins with a
 * letter ("Node ", a zone's name) and has a blank or ':' after the zone's
 * name, a counter a ':' after its [a-z_] name, the reserve line is
 * "lowmem_reserve[]:", the totals begin with an upper-case letter, a
 * digit, a sign or a blank.  So: an empty line, one that begins with none
 * of those bytes ("? x+0x", "[<ffffffff8110f26e>] x+0x", "<IRQ>"), or
 * with [a-z_] and its first word ([A-Za-z0-9_]) followed by none of ' ',
 * ':', '[' ("dump_stack_lvl+0x44/0x5c", "__alloc_pages_slowpath.constprop.0+0x3f9").
 * The call-trace frames are most lines that get here: they go straight to
 * parse_trace().
 */
static inline bool
no_meminfo_word(const char *p, const char *end)
{
	char c;

	if (p >= end)
		return true;
	c = *p;
	if ((c >= 'a' && c <= 'z') || c == '_') {
		p = name_end(p, end, NM_UPPER | NM_DIGIT | NM_US);
		return p >= end || (*p != ' ' && *p != ':' && *p != '[');
	}
	return !((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '+' ||
	    c == ' ' || c == '\t');
}

/* The other lines of an open report: Mem-Info, zones, stats blocks, the call trace. */
static enum ol_result
message_body(struct oom_report *r, struct ol_state *st, const char *p, const char *end)
{
	enum ol_result res;

	if (st->memcg_stats && parse_memcg_stat_line(r, p, end))
		return OLR_PART;
	st->memcg_stats = false;
	if (STARTS(p, end, "Unreclaimable slab info:")) {
		st->slab_info = true;
		return OLR_PART;
	}
	if (st->slab_info) {
		if (STARTS(p, end, "Name ") || parse_slab_row(r, p, end))
			return OLR_PART;
		st->slab_info = false;
	}
	if (p < end && (*p == 'C' || *p == 'P')) {	/* "CPU: ", "Pid: ", "CPU " */
		if (parse_cpu(r, p, end))
			return OLR_PART;
		if (STARTS(p, end, "CPU ") && FIND(p, end, " hi:") != NULL)
			return OLR_PART;	/* 3.x per-cpu pageset lines */
	}
	if (no_meminfo_word(p, end))
		goto trace;
	/* Mem-Info lines before the trace test, which searches the whole line. */
	if (parse_node_or_zone(r, p, end) || parse_reserve(r, p, end))
		return OLR_PART;
	if ((res = parse_totals(r, p, end)) != OLR_IGNORED)
		return res;
	if (parse_counters(r, p, end))
		return OLR_PART;
trace:
	if (parse_trace(r, p, end))
		return OLR_PART;
	if (parse_cpuset(r, p, end))
		return OLR_PART;
	return OLR_IGNORED;
}

enum ol_result
message_apply(struct oom_report *r, struct ol_state *st, enum ol_mode mode, const char *msg,
    size_t len, bool anchored)
{
	const char *end = msg + len, *p = skip_ws(msg, end);
	enum ol_result res;
	bool lead;

	/*
	 * The task dump is most of a report: its rows first.  Lines that hold
	 * none of the anchors (log/anchor.h) cannot be a header or a kill
	 * line, so those recognisers, which search the whole line, are tried
	 * only on lines that hold one.
	 */
	if (p < end && *p == '[' && mode != OLM_AFTER && parse_task_row(r, st, p, end))
		return OLR_PART;
	if (anchored) {
		if (mode != OLM_AFTER && (parse_invoked(r, p, end) || parse_allocfail(r, p, end)))
			return OLR_PART;
		/* Lines that may begin a report whose start is missing, or follow a kill. */
		if ((res = parse_killed(r, mode, p, end)) != OLR_IGNORED)
			return res;
		if ((res = parse_exiting(r, mode, p, end)) != OLR_IGNORED)
			return res;
		if ((res = parse_kill(r, mode, p, end)) != OLR_IGNORED)
			return res;
		if ((res = parse_kubelet(r, mode, p, end)) != OLR_IGNORED)
			return res;
		if (parse_group(r, p, end))
			return mode == OLM_NEW ? OLR_IGNORED : OLR_PART;
	}
	/*
	 * The recognisers below up to the task header each begin with a fixed
	 * text; a line that begins with none of their first bytes skips them
	 * all (the call-trace frames, Mem-Info and zone lines: most of the
	 * rest of a report).
	 */
	lead = p < end && may_lead(*p);
	if (lead && parse_reaper(r, p, end))
		return mode == OLM_NEW ? OLR_IGNORED : OLR_PART;
	if (mode == OLM_AFTER) {
		if (r->seen & OP_PANIC)
			return OLR_PART;	/* the panic's own stack dump */
		res = lead ? parse_end(r, p, end) : OLR_IGNORED;
		return res;
	}
	if (lead) {
		bool done;

		res = message_lead(r, st, mode, p, end, &done);
		if (done)
			return res;
	}
	if (mode == OLM_NEW)
		return OLR_IGNORED;
	return message_body(r, st, p, end);
}