/* test-sort: the in-place heapsort and quickselect against a reference. */
#include "config.h"

#include "lib/sort.h"
#include "tap.h"

static int
int_asc(const void *a, const void *b, void *ctx)
{
	int x = *(const int *)a, y = *(const int *)b;

	(void)ctx;
	return x < y ? -1 : x > y;
}

static int
int_asc_q(const void *a, const void *b)
{
	return int_asc(a, b, NULL);
}

int
main(void)
{
	static int v[5000], ref[5000], w[5000];
	unsigned seed = 12345;
	size_t n, i, k;
	int bad = 0, badsel = 0, badfirst = 0, badrest = 0;

	/* Sizes around the heap's edge cases, values with many duplicates. */
	for (n = 0; n < 300; n++) {
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			v[i] = ref[i] = (int)(seed >> 16) % 50;
		}
		sort_inplace(v, n, sizeof(int), int_asc, NULL);
		qsort(ref, n, sizeof(int), int_asc_q);
		if (n && memcmp(v, ref, n * sizeof(int)) != 0)
			bad++;
		/*
		 * sort_first: for every k, the first k equal the sorted
		 * reference's, and the rest is a permutation of its tail.
		 */
		for (k = 0; k <= n; k += 1 + k / 8) {
			static int tail[5000], rtail[5000];

			for (i = 0; i < n; i++)
				w[i] = ref[(i * 7919) % n];
			sort_first(w, n, k, sizeof(int), int_asc, NULL);
			if (k && memcmp(w, ref, (k < n ? k : n) * sizeof(int)) != 0)
				badfirst++;
			if (k < n) {
				memcpy(tail, w + k, (n - k) * sizeof(int));
				memcpy(rtail, ref + k, (n - k) * sizeof(int));
				qsort(tail, n - k, sizeof(int), int_asc_q);
				if (memcmp(tail, rtail, (n - k) * sizeof(int)) != 0)
					badrest++;
			}
		}
		/* Every k of a shuffled copy, against the sorted reference. */
		for (k = 0; k < n; k++) {
			for (i = 0; i < n; i++)
				w[i] = ref[(i * 7919) % n];
			if (select_kth_largest(w, n, k) != ref[n - 1 - k])
				badsel++;
		}
	}
	is_int(bad, 0, "heapsort = qsort on 300 sizes with duplicates");
	is_int(badsel, 0, "k-th largest = sorted[n-1-k] for every k");
	is_int(badfirst, 0, "sort_first: the first k are the sorted first k");
	is_int(badrest, 0, "sort_first: the others are the rest, each once");
	for (i = 0; i < 5000; i++)
		v[i] = (int)i;
	is_int(select_kth_largest(v, 5000, 0), 4999, "sorted input: largest");
	is_int(select_kth_largest(v, 5000, 4999), 0, "sorted input: smallest");
	for (i = 0; i < 5000; i++)
		v[i] = 666;
	is_int(select_kth_largest(v, 5000, 40), 666, "all equal (idle tasks score 666)");
	{
		int one = 7;

		sort_inplace(&one, 1, sizeof(int), int_asc, NULL);
		is_int(select_kth_largest(&one, 1, 0), 7, "one element");
	}
	return tap_done();
}
