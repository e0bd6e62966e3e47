/*
 * sort.h: an in-place sort that never allocates.  glibc's qsort() mallocs
 * a merge buffer for arrays over a few hundred bytes; the refresh loop of
 * `top` must not allocate once warm, so rankings and views sort with this.
 */
#ifndef OOMRISK_LIB_SORT_H
#define OOMRISK_LIB_SORT_H

#include <stddef.h>

/* Comparison with a context pointer, like qsort_r(). */
typedef int (*sort_cmp_fn)(const void *a, const void *b, void *ctx);

/*
 * Heapsort into ascending order as qsort() would (a before b when
 * cmp(a, b) < 0): O(n log n), in place, not stable (give cmp a
 * tie-breaker for a deterministic order).
 */
void sort_inplace(void *base, size_t n, size_t size, sort_cmp_fn cmp, void *ctx);

/*
 * The first k elements of the ascending order, sorted, in base[0..k); the
 * other n - k follow in no particular order.  O(n log k), in place: a
 * refresh that shows 20 rows of 10,000 tasks compares each task about
 * once instead of sorting them all.  With k >= n, sort_inplace().
 */
void sort_first(void *base, size_t n, size_t k, size_t size, sort_cmp_fn cmp, void *ctx);

/*
 * The k-th largest (0-based) of v[0..n) by quickselect; reorders v.
 * Requires k < n.
 */
int select_kth_largest(int *v, size_t n, size_t k);

#endif
