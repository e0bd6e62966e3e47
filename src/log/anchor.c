/*
 * anchor.c: the anchor search of the idle reader (see log/anchor.h).
 *
 * Each anchor has a pair (c1 at offset `off`, c2 `d` bytes after it) that
 * ordinary log text seldom shows, e.g. '_' and 'm' two apart ("_vm").  A
 * 16-byte block is compared with c1 at p and with c2 at p + d; a bit set in
 * both masks is a candidate, confirmed with memcmp.  On the syslog of
 * bench/explain.sh this is several times faster than one memmem() per
 * anchor, and exact: it finds an anchor on the same line as the memmem()
 * loop does (tests/unit/test-scan.c compares them).
 */
#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "log/anchor.h"

struct anchor {
	const char *text;
	size_t len;
	unsigned off, d;	/* the pair: text[off] and text[off + d] */
};

#define A(s, off, d) { s, sizeof(s) - 1, off, d }
static const struct anchor anchors[] = {
	A("invoked oom-killer", 8, 3),		/* 'o' .. '-' of "oom-" */
	A("oom-kill:", 0, 3),			/* the same pair */
	A("ut of memory", 4, 7),		/* 'f' .. 'y' */
	A("allocation failure", 11, 5),		/* 'f' .. 'r' of "failure" */
	A("result of limit", 8, 2),		/* 'f' .. 'l' of "f l" */
	A("tgid total_vm", 10, 2),		/* '_' .. 'm' of "_vm" */
	A("ainted", 0, 5),			/* 'a' .. 'd' */
	A("illed process", 4, 4),		/* 'd' .. 'o' of "d pro" */
	A("ill process", 4, 3),			/* 'p' .. 'c' of "proc": Kill, kill */
	A("oom.group", 3, 1),			/* '.' .. 'g' */
	A("OOM encountered", 2, 4),		/* 'M' .. 'c' */
};
#define NANCHORS (sizeof(anchors) / sizeof(anchors[0]))
#define MAXD 7

/* Does an anchor begin at s (all of it inside [lo, end))? */
static const char *
anchor_at(const char *q, const char *lo, const char *end)
{
	size_t i;
	const char *best = NULL;

	for (i = 0; i < NANCHORS; i++) {
		const struct anchor *a = &anchors[i];
		const char *s = q - a->off;

		if (q[0] != a->text[a->off] || s < lo || (size_t)(end - s) < a->len)
			continue;
		if (memcmp(s, a->text, a->len) == 0 && (best == NULL || s < best))
			best = s;
	}
	return best;
}

/* The scalar and portable answer: the earliest memmem() hit. */
static const char *
find_memmem(const char *p, const char *end)
{
	const char *best = NULL;
	size_t i;

	for (i = 0; i < NANCHORS; i++) {
		const char *e = best != NULL ? best + anchors[i].len : end;
		const char *hit;

		if (e > end)
			e = end;
		hit = memmem(p, (size_t)(e - p), anchors[i].text, anchors[i].len);
		if (hit != NULL && (best == NULL || hit < best))
			best = hit;
	}
	return best;
}

const char *
anchor_find(const char *p, const char *end)
{
#ifdef __SSE2__
	const char *q = p;
	__m128i c1[NANCHORS], c2[NANCHORS];
	size_t i;

	for (i = 0; i < NANCHORS; i++) {
		c1[i] = _mm_set1_epi8(anchors[i].text[anchors[i].off]);
		c2[i] = _mm_set1_epi8(anchors[i].text[anchors[i].off + anchors[i].d]);
	}
	/* Candidates are c1 positions; the anchor may start up to 11 bytes before. */
	while (end - q >= 16 + MAXD) {
		__m128i b0 = _mm_loadu_si128((const __m128i *)(const void *)q);
		unsigned mask = 0;

		for (i = 0; i < NANCHORS; i++) {
			__m128i bd = _mm_loadu_si128((const __m128i *)(const void *)(q + anchors[i].d));

			mask |= (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(b0, c1[i]),
			    _mm_cmpeq_epi8(bd, c2[i])));
		}
		while (mask != 0) {
			int bit = __builtin_ctz(mask);
			const char *hit = anchor_at(q + bit, p, end);

			/*
			 * Candidates come in position order and anchors hold no
			 * newline, so this is on the first line with an anchor.
			 */
			if (hit != NULL)
				return hit;
			mask &= mask - 1;
		}
		q += 16;
	}
	/* The tail (and anchors starting before q that end there). */
	return find_memmem(q > p + 32 ? q - 32 : p, end);
#else
	return find_memmem(p, end);
#endif
}

uint64_t
anchor_count_newlines(const char *p, const char *end)
{
	uint64_t n = 0;
#ifdef __SSE2__
	const __m128i nl = _mm_set1_epi8('\n');

	while (end - p >= 16) {
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)p);

		n += (uint64_t)__builtin_popcount((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(b, nl)));
		p += 16;
	}
#endif
	for (; p < end; p++)
		n += *p == '\n';
	return n;
}
