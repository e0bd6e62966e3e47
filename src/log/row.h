/*
 * row.h: does a kernel message start like a task-dump row ("[  788]     0
 * 788 ..." : a bracketed number, then a number)?  Pure; asked of every
 * line of a report by reports.c, so that a row (the bulk of a report) is
 * not searched for anchors.  task_row_start() reads 16 bytes at once
 * with SSE2 and falls back on task_row_start_ref() (byte by byte, the
 * reference that tests/unit/test-held compares it with) where they do
 * not settle it.
 */
#ifndef OOMRISK_LOG_ROW_H
#define OOMRISK_LOG_ROW_H

#include <stdbool.h>
#include <stddef.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Byte classes: blanks and digits. */
enum { ROW_BLANK = 1, ROW_DIGIT = 2 };
static const unsigned char row_class[256] = {
	[' '] = ROW_BLANK, ['\t'] = ROW_BLANK,
	['0'] = ROW_DIGIT, ['1'] = ROW_DIGIT, ['2'] = ROW_DIGIT, ['3'] = ROW_DIGIT,
	['4'] = ROW_DIGIT, ['5'] = ROW_DIGIT, ['6'] = ROW_DIGIT, ['7'] = ROW_DIGIT,
	['8'] = ROW_DIGIT, ['9'] = ROW_DIGIT,
};

#define ROW_SKIP(p, end, cls) \
	while ((p) < (end) && (row_class[(unsigned char)*(p)] & (cls))) (p)++

/* From just after the '[': blanks, digits, blanks, ']', blanks, a digit. */
static inline bool
task_row_rest(const char *p, const char *end)
{
	ROW_SKIP(p, end, ROW_BLANK);
	if (p >= end || !(row_class[(unsigned char)*p] & ROW_DIGIT))
		return false;
	ROW_SKIP(p, end, ROW_DIGIT);
	ROW_SKIP(p, end, ROW_BLANK);
	if (p >= end || *p != ']')
		return false;
	p++;
	ROW_SKIP(p, end, ROW_BLANK);
	return p < end && (row_class[(unsigned char)*p] & ROW_DIGIT);
}

/* The reference: blanks, '[' with at least 7 more bytes, then task_row_rest(). */
static inline bool
task_row_start_ref(const char *p, const char *end)
{
	ROW_SKIP(p, end, ROW_BLANK);
	if (end - p < 8 || *p != '[')
		return false;
	return task_row_rest(p + 1, end);
}

static inline bool
task_row_start(const char *p, const char *end)
{
	ROW_SKIP(p, end, ROW_BLANK);
	if (end - p < 8 || *p != '[')
		return false;
#ifdef __SSE2__
	if (end - p >= 17) {
		/* The 16 bytes after '[': where blanks, digits and ']' are, as bits. */
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
		__m128i d = _mm_sub_epi8(v, _mm_set1_epi8('0'));
		unsigned blank = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))));
		unsigned digit = (unsigned)_mm_movemask_epi8(
		    _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d));
		unsigned close = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(']')));
		unsigned nonblank = ~blank & 0xffffu, nondigit, rest;
		int i, j, k;

		if (nonblank == 0)
			return task_row_rest(p + 1, end);
		i = __builtin_ctz(nonblank);		/* the number's first digit */
		if (!(digit >> i & 1))
			return false;
		nondigit = ~digit & 0xffffu & ~((2u << i) - 1);
		if (nondigit == 0)
			return task_row_rest(p + 1, end);
		j = __builtin_ctz(nondigit);		/* just after its last */
		rest = nonblank & ~((1u << j) - 1);
		if (rest == 0)
			return task_row_rest(p + 1, end);
		k = __builtin_ctz(rest);		/* the ']' */
		if (!(close >> k & 1))
			return false;
		rest = nonblank & ~((2u << k) - 1);
		if (rest != 0)				/* the next number's first digit */
			return digit >> __builtin_ctz(rest) & 1;
		p += 17;				/* blanks to the window's end */
		ROW_SKIP(p, end, ROW_BLANK);
		return p < end && (row_class[(unsigned char)*p] & ROW_DIGIT);
	}
#endif
	return task_row_rest(p + 1, end);
}

#endif
