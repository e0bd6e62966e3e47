/*
 * anchor.c: the anchor search (see log/anchor.h).
 *
 * Each anchor has a pair: c1 at offset `off` and c2 `d` bytes after it.
 * Pairs are chosen so that few c1 bytes and distances serve all anchors:
 * most are an 'o' and a byte three after it ("oom-", "of m", "on f", "of
 * l", "otal", "om.g"), the kill lines "proc".  The block test below is
 * written for exactly these pairs (init_pairs() checks the table against
 * it): a 16-byte block is compared with the four c1 bytes, the blocks three
 * and five bytes on with the c2 bytes, and one mask says which positions
 * are candidates; a candidate is confirmed with its anchors' c2 byte and
 * memcmp.  Text too
 * short for a block is scanned byte by byte for c1 bytes.  This runs on
 * every line of a dense log, so it must cost a few instructions per byte;
 * and it is exact: it finds an anchor on the same line as a memmem() loop
 * does (tests/unit/test-scan.c compares them).
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
	unsigned off, d;	/* the pair: text[off] and text[off + d] */
};

#define A(s, off, d) { s, sizeof(s) - 1, off, d }
/* In enum anchor_id order. */
static const struct anchor anchors[] = {
	A("invoked oom-killer", 8, 3),		/* 'o' .. '-' of "oom-" */
	A("oom-kill:", 0, 3),			/* the same pair */
	A("ut of memory", 3, 3),		/* 'o' .. 'm' of "of m" */
	A("allocation failure", 8, 3),		/* 'o' .. 'f' of "on f" */
	A("result of limit", 7, 3),		/* 'o' .. 'l' of "of l" */
	A("tgid total_vm", 6, 3),		/* 'o' .. 'l' of "otal" */
	A("ainted", 0, 5),			/* 'a' .. 'd' */
	A("illed process", 6, 3),		/* 'p' .. 'c' of "proc" */
	A("ill process", 4, 3),			/* the same pair: Kill, kill */
	A("oom.group", 1, 3),			/* 'o' .. 'g' of "om.g" */
	A("OOM encountered", 1, 3),		/* 'O' .. 'e' of "OM e" */
};
#define NANCHORS (sizeof(anchors) / sizeof(anchors[0]))
#define MAXD 5

/* For each byte, the anchors whose pair begins with it (bit i: anchors[i]). */
static uint16_t pair_anchors[256];
static bool pair_ready;

/* The pairs the block test compares (c1, d, c2); -1 ends a list. */
static const struct { char c1; unsigned d; char c2; } block_pairs[] = {
	{ 'o', 3, '-' }, { 'o', 3, 'm' }, { 'o', 3, 'f' }, { 'o', 3, 'l' }, { 'o', 3, 'g' },
	{ 'p', 3, 'c' }, { 'O', 3, 'e' }, { 'a', 5, 'd' },
};
static bool block_ok;	/* every anchor's pair is one of them */

static void
init_pairs(void)
{
	size_t i, k;

	block_ok = true;
	for (i = 0; i < NANCHORS; i++) {
		const struct anchor *a = &anchors[i];
		char c1 = a->text[a->off], c2 = a->text[a->off + a->d];

		pair_anchors[(unsigned char)c1] |= (uint16_t)(1u << i);
		for (k = 0; k < sizeof(block_pairs) / sizeof(block_pairs[0]); k++)
			if (block_pairs[k].c1 == c1 && block_pairs[k].d == a->d &&
			    block_pairs[k].c2 == c2)
				break;
		if (k == sizeof(block_pairs) / sizeof(block_pairs[0]))
			block_ok = false;	/* the table was changed: scalar search only */
	}
	pair_ready = true;
}

/* Does an anchor, with its pair byte at q, lie all inside [lo, end)? Its id in *id. */
static const char *
anchor_at(const char *q, const char *lo, const char *end, int *id)
{
	unsigned m = pair_anchors[(unsigned char)*q];
	const char *best = NULL;

	while (m != 0) {
		int i = __builtin_ctz(m);
		const struct anchor *a = &anchors[i];
		const char *s = q - a->off;

		m &= m - 1;
		if (end - q <= (ptrdiff_t)a->d || q[a->d] != a->text[a->off + a->d] || s < lo ||
		    (size_t)(end - s) < a->len)
			continue;
		if (memcmp(s, a->text, a->len) == 0 && (best == NULL || s < best)) {
			best = s;
			*id = i;
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

		if (pair_anchors[(unsigned char)*q] != 0 && (hit = anchor_at(q, lo, end, id)) != NULL)
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

const char *
anchor_find_id(const char *p, const char *end, int *id)
{
#ifdef __SSE2__
	const char *q = p;
	const __m128i o = _mm_set1_epi8('o'), pp = _mm_set1_epi8('p');
	const __m128i big_o = _mm_set1_epi8('O'), a = _mm_set1_epi8('a');

	if (!pair_ready)
		init_pairs();
	if (end - p < 16 + MAXD || !block_ok)
		return find_scalar(p, p, end, id);
	/* Candidates are c1 positions; the anchor may start up to 8 bytes before. */
	while (end - q >= 16 + MAXD) {
		__m128i b0 = _mm_loadu_si128((const __m128i *)(const void *)q);
		__m128i b3 = _mm_loadu_si128((const __m128i *)(const void *)(q + 3));
		__m128i b5 = _mm_loadu_si128((const __m128i *)(const void *)(q + 5));
		__m128i after_o = _mm_or_si128(
		    _mm_or_si128(_mm_cmpeq_epi8(b3, _mm_set1_epi8('-')),
		    _mm_cmpeq_epi8(b3, _mm_set1_epi8('m'))),
		    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b3, _mm_set1_epi8('f')),
		    _mm_cmpeq_epi8(b3, _mm_set1_epi8('l'))), _mm_cmpeq_epi8(b3, _mm_set1_epi8('g'))));
		__m128i acc = _mm_or_si128(
		    _mm_or_si128(_mm_and_si128(_mm_cmpeq_epi8(b0, o), after_o),
		    _mm_and_si128(_mm_cmpeq_epi8(b0, pp), _mm_cmpeq_epi8(b3, _mm_set1_epi8('c')))),
		    _mm_or_si128(_mm_and_si128(_mm_cmpeq_epi8(b0, big_o),
		    _mm_cmpeq_epi8(b3, _mm_set1_epi8('e'))),
		    _mm_and_si128(_mm_cmpeq_epi8(b0, a), _mm_cmpeq_epi8(b5, _mm_set1_epi8('d')))));
		unsigned mask = (unsigned)_mm_movemask_epi8(acc);

		while (mask != 0) {
			int bit = __builtin_ctz(mask);
			const char *hit = anchor_at(q + bit, p, end, id);

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
	/* The tail: candidate positions from q on (their anchor may start before q). */
	return find_scalar(p, q, end, id);
#else
	if (!pair_ready)
		init_pairs();
	return find_scalar(p, p, end, id);
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
