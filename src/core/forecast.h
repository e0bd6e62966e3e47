/*
 * forecast.h: time to OOM from the recent trend.  Pure: `top` feeds one
 * sample per refresh; the estimate is a least-squares line through the
 * samples of the last window, extrapolated to zero headroom.
 *
 * Two headrooms, two questions:
 *  - zone headroom: the sum over zones of free - (min + lowmem_reserve)
 *    for a user allocation (classzone = the node's highest populated
 *    zone).  At zero, allocations fail the min watermark and enter direct
 *    reclaim: "the kernel reclaims at min".
 *  - available: MemAvailable + SwapFree, what can still be handed out
 *    counting reclaimable cache and swap.  At zero, reclaim finds nothing
 *    and the OOM killer runs: "kills".
 * Flat or rising trends, falls too slow to matter within the horizon,
 * and falls that are not a steady line (|correlation| below
 * FORECAST_MIN_CORR: a process that came and went, cache churn) give no
 * forecast.
 */
#ifndef OOMRISK_CORE_FORECAST_H
#define OOMRISK_CORE_FORECAST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/snapshot.h"

#define FORECAST_SAMPLES 256		/* ring; older samples are dropped */
#define FORECAST_WINDOW_S 30.0		/* default trend window */
#define FORECAST_HORIZON_S 3600.0	/* slower falls count as flat */
#define FORECAST_MIN_SAMPLES 3
#define FORECAST_MIN_CORR 0.7		/* how straight the fall must be */

struct forecast_sample {
	double t;			/* monotonic seconds */
	double avail_kb;		/* MemAvailable + SwapFree */
	double zone_kb;			/* zone headroom over min + reserve */
	bool have_zone;
};

struct forecast {
	struct forecast_sample s[FORECAST_SAMPLES];
	size_t head, n;			/* s[head] is the oldest */
};

struct forecast_eta {
	bool falling;			/* a fall that reaches zero within the horizon */
	double seconds;			/* from the newest sample; 0 = already there */
	double rate_kbs;		/* fall rate, kB/s (positive when falling) */
	double now_kb;			/* headroom at the newest sample */
};

struct forecast_result {
	struct forecast_eta reclaim;	/* zone headroom -> direct reclaim at min */
	struct forecast_eta kill;	/* available -> OOM kill */
	size_t used;			/* samples in the window */
	double span_s;			/* their time span */
};

void forecast_init(struct forecast *f);
void forecast_add(struct forecast *f, const struct forecast_sample *s);

/* Estimate from the samples of the last window_s seconds. */
void forecast_estimate(const struct forecast *f, double window_s, struct forecast_result *out);

/*
 * The time until the avail_kb series reaches zero, fitted like the kill
 * forecast but only over its steady part: older samples that do not lie
 * on the line of the newest few (a flat stretch before a task started to
 * grow) are left out, so that a fall that has just begun is not diluted
 * by what came before it.  For a memory cgroup's headroom (top -g).
 */
void forecast_estimate_steady(const struct forecast *f, double window_s,
    struct forecast_eta *out);

/*
 * The sample a snapshot gives: MemAvailable (MemFree + Buffers + Cached
 * before 3.14) + SwapFree, and the zone headroom when zoneinfo was read.
 */
void forecast_sample_from(const struct snapshot *s, struct forecast_sample *out);

/*
 * Least-squares slope dy/dt of n points (0 when n < 2 or t is constant)
 * and, in *r, the correlation coefficient (0 when y or t is constant).
 */
double forecast_fit(const double *t, const double *y, size_t n, double *r);

#endif
