/* sort.c: in-place heapsort and quickselect (no allocation). */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "lib/sort.h"

static void
swap_bytes(unsigned char *a, unsigned char *b, size_t size)
{
	while (size--) {
		unsigned char t = *a;

		*a++ = *b;
		*b++ = t;
	}
}

/* Move element i down the max-heap of n elements. */
static void
sift_down(unsigned char *base, size_t i, size_t n, size_t size, sort_cmp_fn cmp, void *ctx)
{
	for (;;) {
		size_t l = 2 * i + 1, big = i;

		if (l < n && cmp(base + l * size, base + big * size, ctx) > 0)
			big = l;
		if (l + 1 < n && cmp(base + (l + 1) * size, base + big * size, ctx) > 0)
			big = l + 1;
		if (big == i)
			return;
		swap_bytes(base + i * size, base + big * size, size);
		i = big;
	}
}

void
sort_inplace(void *base, size_t n, size_t size, sort_cmp_fn cmp, void *ctx)
{
	unsigned char *b = base;
	size_t i;

	if (n < 2)
		return;
	for (i = n / 2; i-- > 0;)
		sift_down(b, i, n, size, cmp, ctx);
	for (i = n - 1; i > 0; i--) {
		swap_bytes(b, b + i * size, size);
		sift_down(b, 0, i, size, cmp, ctx);
	}
}

void
sort_first(void *base, size_t n, size_t k, size_t size, sort_cmp_fn cmp, void *ctx)
{
	unsigned char *b = base;
	size_t i;

	if (k >= n) {
		sort_inplace(base, n, size, cmp, ctx);
		return;
	}
	if (k == 0)
		return;
	/* A max-heap of the k best so far: its root is the worst of them. */
	for (i = k / 2; i-- > 0;)
		sift_down(b, i, k, size, cmp, ctx);
	for (i = k; i < n; i++) {
		if (cmp(b + i * size, b, ctx) < 0) {
			swap_bytes(b, b + i * size, size);
			sift_down(b, 0, k, size, cmp, ctx);
		}
	}
	sort_inplace(base, k, size, cmp, ctx);
}

int
select_kth_largest(int *v, size_t n, size_t k)
{
	ptrdiff_t lo = 0, hi = (ptrdiff_t)n - 1, kk = (ptrdiff_t)k;

	while (lo < hi) {
		/* Median of three as the pivot keeps sorted input linear. */
		ptrdiff_t mid = lo + (hi - lo) / 2, i = lo - 1, j = hi + 1;
		int a = v[lo], b = v[mid], c = v[hi];
		int pivot = (a > b) != (a > c) ? a : (b > a) != (b > c) ? b : c;

		/* Hoare partition, descending: v[lo..j] >= pivot >= v[j+1..hi]. */
		for (;;) {
			int t;

			do
				i++;
			while (v[i] > pivot);
			do
				j--;
			while (v[j] < pivot);
			if (i >= j)
				break;
			t = v[i];
			v[i] = v[j];
			v[j] = t;
		}
		if (kk <= j)
			hi = j;
		else
			lo = j + 1;
	}
	return v[kk];
}
