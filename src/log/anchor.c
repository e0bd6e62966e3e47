/*
 * anchor.c: the anchor search (see log/anchor.h).
 *
 * Each anchor has a pair: c1 at offset `off` and c2 three bytes after it.
 * Pairs are chosen so that few bytes serve all anchors: c1 is an 'o' but
 * for "OOM encountered" ('O') and "ainted" ('n'), c2 one of "-defglms"
 * ("oom-", "of m", "on f", "of l", "otal", "om.g", "oces", "OM e",
 * "nted").  The block test below is written for exactly these (init_pairs()
 * checks the table against it): a 16-byte block is compared with the c1
 * bytes ('o' and 'O' at once, their case bit set), the block three bytes
 * on with the c2 bytes (d to g, l and m at once, their low bits cleared),
 * and one mask says which positions are candidates; a candidate is
 * confirmed by the anchors of its c1 and its c2 byte (two table lookups)
 * and a compare of the whole anchor.  The last bytes are tested with a
 * block ending at the end, a text shorter than a block byte by byte (the
 * byte-by-byte scan remains for a changed pair table).  This runs on every
 * line of a dense log, so it must cost a few instructions per byte; and it
 * is exact: it finds an anchor on the same line as a memmem() loop does
 * (tests/unit/test-scan.c compares them).
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "log/anchor.h"

struct anchor {
	const char *text;
	size_t len;
	unsigned off;		/* the pair: text[off] and text[off + PAIR_D] */
};

#define PAIR_D 3

#define A(s, off) { s, sizeof(s) - 1, off }
/* In enum anchor_id order. */
static const struct anchor anchors[] = {
	A("invoked oom-killer", 8),		/* 'o' .. '-' of "oom-" */
	A("oom-kill:", 0),			/* the same pair */
	A("ut of memory", 3),			/* 'o' .. 'm' of "of m" */
	A("allocation failure", 8),		/* 'o' .. 'f' of "on f" */
	A("result of limit", 7),		/* 'o' .. 'l' of "of l" */
	A("tgid total_vm", 6),			/* 'o' .. 'l' of "otal" */
	A("ainted", 2),				/* 'n' .. 'd' of "nted" */
	A("illed process", 8),			/* 'o' .. 's' of "oces" */
	A("ill process", 6),			/* the same pair: Kill, kill */
	A("oom.group", 1),			/* 'o' .. 'g' of "om.g" */
	A("OOM encountered", 1),		/* 'O' .. 'e' of "OM e" */
};
#define NANCHORS (sizeof(anchors) / sizeof(anchors[0]))

/* For each byte, the anchors whose pair begins (c1) or ends (c2) with it (bit i: anchors[i]). */
static uint16_t pair_c1[256], pair_c2[256];
static bool pair_ready;

/*
 * The block test's bytes: c1 is one of "oOn", c2 one of "-defglms".  And
 * the least length of an anchor from its pair on: a pair byte later than
 * that before the end cannot begin a whole anchor.
 */
#define SHORTEST_TAIL 4		/* "ainted" from its 'n' */
static bool block_ok;		/* every anchor's pair is one the block test finds */
/*
 * Anchors that share a pair come in the table by the offset of their pair,
 * greatest first ("invoked oom-killer" before "oom-kill:"): the first that
 * is whole at a pair byte begins earliest there.
 */
static bool pair_order;

static void
init_pairs(void)
{
	size_t i;

	block_ok = true;
	pair_order = true;
	for (i = 0; i < NANCHORS; i++) {
		const struct anchor *a = &anchors[i];
		char c1 = a->text[a->off], c2 = a->text[a->off + PAIR_D];
		size_t j;

		for (j = 0; j < i; j++)
			if (anchors[j].text[anchors[j].off] == c1 &&
			    anchors[j].text[anchors[j].off + PAIR_D] == c2 && anchors[j].off < a->off)
				pair_order = false;

		pair_c1[(unsigned char)c1] |= (uint16_t)(1u << i);
		pair_c2[(unsigned char)c2] |= (uint16_t)(1u << i);
		if (strchr("oOn", c1) == NULL || strchr("-defglms", c2) == NULL ||
		    a->len - a->off < SHORTEST_TAIL)
			block_ok = false;	/* the table was changed: scalar search only */
	}
	pair_ready = true;
}

/* Is s[0..n) equal to t[0..n), 4 <= n <= 32?  Loads of 8 or 4 bytes, no libc call. */
static bool
same_bytes(const char *s, const char *t, size_t n)
{
	uint64_t a, b;
	size_t i;

	if (n < 8) {
		uint32_t x, y, u, v;

		memcpy(&x, s, 4);
		memcpy(&y, t, 4);
		memcpy(&u, s + n - 4, 4);
		memcpy(&v, t + n - 4, 4);
		return x == y && u == v;
	}
	for (i = 0; i + 8 < n; i += 8) {
		memcpy(&a, s + i, 8);
		memcpy(&b, t + i, 8);
		if (a != b)
			return false;
	}
	memcpy(&a, s + n - 8, 8);
	memcpy(&b, t + n - 8, 8);
	return a == b;
}

/* Does an anchor, with its pair byte at q, lie all inside [lo, end)? Its id in *id. */
static const char *
anchor_at(const char *q, const char *lo, const char *end, int *id)
{
	unsigned m;
	const char *best = NULL;

	if (end - q <= PAIR_D)
		return NULL;
	m = pair_c1[(unsigned char)*q] & pair_c2[(unsigned char)q[PAIR_D]];
	while (m != 0) {
		int i = __builtin_ctz(m);
		const struct anchor *a = &anchors[i];
		const char *s = q - a->off;

		m &= m - 1;
		if (s < lo || (size_t)(end - s) < a->len)
			continue;
		if (same_bytes(s, a->text, a->len) && (best == NULL || s < best)) {
			best = s;
			*id = i;
			if (pair_order)
				break;	/* the anchors after it begin later */
		}
	}
	return best;
}

/* The scalar search over [from, end), anchors starting no earlier than lo. */
static const char *
find_scalar(const char *lo, const char *from, const char *end, int *id)
{
	const char *q;

	for (q = from; q < end; q++) {
		const char *hit;

		if (pair_c1[(unsigned char)*q] != 0 && (hit = anchor_at(q, lo, end, id)) != NULL)
			return hit;
	}
	return NULL;
}

const char *
anchor_find(const char *p, const char *end)
{
	int id;

	return anchor_find_id(p, end, &id);
}

#ifdef __SSE2__
#define BLOCK (16 + PAIR_D)	/* the bytes one block test reads */

/*
 * The candidate positions of the 16-byte block at q (bit i: q + i), by the
 * pair test.  Inline, so that its constants are loaded once a search, not
 * once a block (a call per block cost 0.2 M more on dense8.log, callgrind).
 */
static inline __attribute__((always_inline)) unsigned
block_mask(const char *q)
{
	__m128i b0 = _mm_loadu_si128((const __m128i *)(const void *)q);
	__m128i b3 = _mm_loadu_si128((const __m128i *)(const void *)(q + PAIR_D));
	__m128i c1 = _mm_or_si128(
	    _mm_cmpeq_epi8(_mm_or_si128(b0, _mm_set1_epi8(0x20)), _mm_set1_epi8('o')),
	    _mm_cmpeq_epi8(b0, _mm_set1_epi8('n')));
	__m128i c2 = _mm_or_si128(
	    _mm_or_si128(_mm_cmpeq_epi8(_mm_and_si128(b3, _mm_set1_epi8((char)0xfc)),
	    _mm_set1_epi8('d')), _mm_cmpeq_epi8(_mm_and_si128(b3, _mm_set1_epi8((char)0xfe)),
	    _mm_set1_epi8('l'))),
	    _mm_or_si128(_mm_cmpeq_epi8(b3, _mm_set1_epi8('-')), _mm_cmpeq_epi8(b3,
	    _mm_set1_epi8('s'))));

	return (unsigned)_mm_movemask_epi8(_mm_and_si128(c1, c2));
}

/* The first anchor among the candidates in mask of the block at b. */
static const char *
block_hits(const char *b, unsigned mask, const char *p, const char *end, int *id)
{
	while (mask != 0) {
		const char *hit = anchor_at(b + __builtin_ctz(mask), p, end, id);

		/*
		 * Candidates come in position order and anchors hold no
		 * newline, so this is on the first line with an anchor.
		 */
		if (hit != NULL)
			return hit;
		mask &= mask - 1;
	}
	return NULL;
}

/*
 * The first anchor in [p, end), end - p >= BLOCK (one block fits).  The
 * last bytes, too few for a block of their own, are tested with a block
 * ending at end that overlaps the one before, the positions already tested
 * masked off: no byte-by-byte tail (that tail was half the search on a
 * line of a report, callgrind).  A pair byte past end - SHORTEST_TAIL
 * cannot be part of a whole anchor, and that block covers up to there.
 */
static const char *
find_blocks(const char *p, const char *end, int *id)
{
	const char *q = p, *hit;
	unsigned mask;

	for (; end - q >= BLOCK; q += 16)
		if ((mask = block_mask(q)) != 0 && (hit = block_hits(q, mask, p, end, id)) != NULL)
			return hit;
	if (end - q > SHORTEST_TAIL - 1) {
		const char *b = end - BLOCK;

		mask = block_mask(b) & (~0u << (q - b));
		if (mask != 0)
			return block_hits(b, mask, p, end, id);
	}
	return NULL;
}
#endif

const char *
anchor_find_id(const char *p, const char *end, int *id)
{
	if (!pair_ready)
		init_pairs();
#ifdef __SSE2__
	if (block_ok && end - p >= BLOCK)
		return find_blocks(p, end, id);
#endif
	/* A short text (a copy to pad it to a block cost more), or no block test. */
	return find_scalar(p, p, end, id);
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
