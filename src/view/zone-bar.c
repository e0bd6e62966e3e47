/* zone-bar.c: the scale of top's zone bars (see zone-bar.h). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "view/zone-bar.h"

#define NEAR_MIN_CELLS 8	/* four stretches of two cells */
#define STRETCH_MIN 2

/* The zone's size: managed pages where printed, else present. */
static uint64_t
zone_size_kb(const struct zone_wm *z)
{
	return z->have_managed ? z->managed_kb : z->present_kb;
}

/*
 * Share `cells` among the four stretches of the near part: in proportion
 * to their lengths, each at least STRETCH_MIN (largest remainder first,
 * then taken back from the widest).
 */
static void
share_near(struct zone_scale *s)
{
	double want[ZB_N - 1];
	size_t got[ZB_N - 1], sum = 0, i;
	uint64_t span = s->at_kb[ZB_END];

	for (i = 0; i < ZB_N - 1; i++) {
		want[i] = (double)(s->at_kb[i + 1] - s->at_kb[i]) * (double)s->near / (double)span;
		got[i] = (size_t)want[i];
		if (got[i] < STRETCH_MIN)
			got[i] = STRETCH_MIN;
		sum += got[i];
	}
	while (sum < s->near) {
		size_t best = 0;

		for (i = 1; i < ZB_N - 1; i++)
			if (want[i] - (double)got[i] > want[best] - (double)got[best])
				best = i;
		got[best]++;
		sum++;
	}
	while (sum > s->near) {
		size_t best = ZB_N - 1;

		for (i = 0; i < ZB_N - 1; i++)
			if (got[i] > STRETCH_MIN && (best == ZB_N - 1 ||
			    (double)got[i] - want[i] > (double)got[best] - want[best]))
				best = i;
		if (best == ZB_N - 1)
			break;	/* cannot happen: near >= 4 x STRETCH_MIN */
		got[best]--;
		sum--;
	}
	s->at_cell[ZB_ZERO] = 0;
	for (i = 0; i < ZB_N - 1; i++)
		s->at_cell[i + 1] = s->at_cell[i] + got[i];
}

void
zone_scale_init(struct zone_scale *s, const struct zone_wm *z, size_t cells)
{
	memset(s, 0, sizeof(*s));
	if (cells < ZONE_BAR_MIN_CELLS)
		cells = ZONE_BAR_MIN_CELLS;
	s->cells = s->near = cells;
	s->size_kb = zone_size_kb(z);
	if (z->high_kb == 0) {
		s->no_marks = 1;
		return;
	}
	s->at_kb[ZB_ZERO] = 0;
	s->at_kb[ZB_MIN] = z->min_kb;
	/* Marks out of order (a hand-edited file): keep the scale monotone. */
	s->at_kb[ZB_LOW] = z->low_kb > z->min_kb ? z->low_kb : z->min_kb;
	s->at_kb[ZB_HIGH] = z->high_kb > s->at_kb[ZB_LOW] ? z->high_kb : s->at_kb[ZB_LOW];
	s->at_kb[ZB_END] = 2 * s->at_kb[ZB_HIGH];
	if (s->size_kb > s->at_kb[ZB_END]) {
		size_t far = cells * 2 / 5;

		s->near = cells - far < NEAR_MIN_CELLS ? NEAR_MIN_CELLS : cells - far;
	}
	share_near(s);
}

/* ceil(a * b / c): kB (below 2^50 for any real zone) times a cell count. */
static size_t
ceil_frac(uint64_t a, size_t b, uint64_t c)
{
	uint64_t p = a * (uint64_t)b;

	return (size_t)(p / c + (p % c != 0));
}

size_t
zone_scale_fill(const struct zone_scale *s, uint64_t kb)
{
	size_t i;
	double f;

	if (s->no_marks)
		return s->size_kb == 0 || kb >= s->size_kb ? (kb ? s->cells : 0) :
		    ceil_frac(kb, s->cells, s->size_kb);
	if (kb <= s->at_kb[ZB_END]) {
		/* The stretch that holds kb: the last breakpoint at or below it. */
		for (i = ZB_HIGH; i > ZB_ZERO && s->at_kb[i] >= kb; i--)
			;
		if (kb == s->at_kb[i])
			return s->at_cell[i];
		return s->at_cell[i] + ceil_frac(kb - s->at_kb[i], s->at_cell[i + 1] - s->at_cell[i],
		    s->at_kb[i + 1] - s->at_kb[i]);
	}
	if (s->near == s->cells || kb >= s->size_kb)
		return s->cells;
	f = log((double)kb / (double)s->at_kb[ZB_END]) /
	    log((double)s->size_kb / (double)s->at_kb[ZB_END]);
	i = s->near + (size_t)ceil(f * (double)(s->cells - s->near));
	return i > s->cells ? s->cells : i;
}

size_t
zone_scale_mark(const struct zone_scale *s, enum wm_mark m)
{
	size_t c = s->at_cell[m == WM_MIN ? ZB_MIN : m == WM_LOW ? ZB_LOW : ZB_HIGH];

	return c < s->cells ? c : s->cells - 1;
}
