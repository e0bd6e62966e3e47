/* forecast.c: least-squares trend of memory headroom, extrapolated. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "core/forecast.h"
#include "core/watermark.h"

void
forecast_init(struct forecast *f)
{
	memset(f, 0, sizeof(*f));
}

void
forecast_add(struct forecast *f, const struct forecast_sample *s)
{
	if (f->n < FORECAST_SAMPLES) {
		f->s[(f->head + f->n) % FORECAST_SAMPLES] = *s;
		f->n++;
	} else {
		f->s[f->head] = *s;
		f->head = (f->head + 1) % FORECAST_SAMPLES;
	}
}

double
forecast_fit(const double *t, const double *y, size_t n, double *r)
{
	double mt = 0, my = 0, num = 0, den = 0, syy = 0;
	size_t i;

	*r = 0;
	if (n < 2)
		return 0;
	for (i = 0; i < n; i++) {
		mt += t[i];
		my += y[i];
	}
	mt /= (double)n;
	my /= (double)n;
	/* Centred sums: no cancellation with large monotonic timestamps. */
	for (i = 0; i < n; i++) {
		num += (t[i] - mt) * (y[i] - my);
		den += (t[i] - mt) * (t[i] - mt);
		syy += (y[i] - my) * (y[i] - my);
	}
	if (den > 0 && syy > 0)
		*r = num / sqrt(den * syy);
	return den > 0 ? num / den : 0;
}

static void
eta(const double *t, const double *y, size_t n, struct forecast_eta *out)
{
	double r, slope = forecast_fit(t, y, n, &r);

	memset(out, 0, sizeof(*out));
	out->now_kb = y[n - 1];
	out->rate_kbs = -slope;
	if (slope >= 0 || r > -FORECAST_MIN_CORR)
		return;
	out->seconds = y[n - 1] > 0 ? y[n - 1] / -slope : 0;
	out->falling = out->seconds <= FORECAST_HORIZON_S;
}

void
forecast_estimate(const struct forecast *f, double window_s, struct forecast_result *out)
{
	double t[FORECAST_SAMPLES], avail[FORECAST_SAMPLES], zone[FORECAST_SAMPLES];
	size_t i, n = 0, nz = 0, first;
	double newest;
	bool zones_all = true;

	memset(out, 0, sizeof(*out));
	if (f->n == 0)
		return;
	newest = f->s[(f->head + f->n - 1) % FORECAST_SAMPLES].t;
	/* Oldest sample still inside the window. */
	for (first = 0; first < f->n; first++)
		if (newest - f->s[(f->head + first) % FORECAST_SAMPLES].t <= window_s)
			break;
	for (i = first; i < f->n; i++) {
		const struct forecast_sample *s = &f->s[(f->head + i) % FORECAST_SAMPLES];

		t[n] = s->t;
		avail[n] = s->avail_kb;
		zone[n] = s->zone_kb;
		zones_all = zones_all && s->have_zone;
		n++;
	}
	if (n == 0)
		return;
	nz = zones_all ? n : 0;
	out->used = n;
	out->span_s = newest - t[0];
	if (n < FORECAST_MIN_SAMPLES)
		return;
	eta(t, avail, n, &out->kill);
	if (nz >= FORECAST_MIN_SAMPLES)
		eta(t, zone, nz, &out->reclaim);
}

/* Samples newer than this many are the recent trend the older ones must fit. */
#define STEADY_RECENT 4

void
forecast_estimate_steady(const struct forecast *f, double window_s, struct forecast_eta *out)
{
	double t[FORECAST_SAMPLES], y[FORECAST_SAMPLES], r, slope, step;
	size_t i, n = 0, first;

	memset(out, 0, sizeof(*out));
	if (f->n == 0)
		return;
	for (i = 0; i < f->n; i++) {
		const struct forecast_sample *s = &f->s[(f->head + i) % FORECAST_SAMPLES];
		double newest = f->s[(f->head + f->n - 1) % FORECAST_SAMPLES].t;

		if (newest - s->t > window_s)
			continue;
		t[n] = s->t;
		y[n++] = s->avail_kb;
	}
	if (n < FORECAST_MIN_SAMPLES)
		return;
	first = n > STEADY_RECENT ? n - STEADY_RECENT : 0;
	slope = forecast_fit(t + first, y + first, n - first, &r);
	step = (t[n - 1] - t[first]) / (double)(n - 1 - first);	/* the sample interval */
	/*
	 * Walk back while each older sample lies within three quarters of one
	 * interval's fall of the recent line (a growth in steps between samples
	 * strays by up to a step, half an interval's fall at two steps per
	 * interval), with a floor of 256 kB; the sample a whole interval off
	 * is from before the fall began.
	 */
	while (first > 0) {
		double tol = fabs(slope) * 0.75 * step + 256;
		double at = y[n - 1] + slope * (t[first - 1] - t[n - 1]);

		if (fabs(y[first - 1] - at) > tol)
			break;
		first--;
	}
	eta(t + first, y + first, n - first, out);
}

void
forecast_sample_from(const struct snapshot *s, struct forecast_sample *out)
{
	const struct meminfo *mi = &s->mi;
	uint64_t avail = meminfo_has(mi, MI_MEM_AVAILABLE) ? mi->mem_available :
	    mi->mem_free + mi->buffers + mi->cached;
	int i;

	memset(out, 0, sizeof(*out));
	out->t = s->taken;
	out->avail_kb = (double)(avail + mi->swap_free);
	if (!s->have_zoneinfo)
		return;
	out->have_zone = true;
	for (i = 0; i < s->zi.nzones; i++) {
		const struct zone_wm *z = &s->zi.zones[i].wm;
		int j, classzone = z->zone_idx;

		/* A user allocation may use up to the node's highest populated zone. */
		for (j = 0; j < s->zi.nzones; j++) {
			const struct zone_wm *o = &s->zi.zones[j].wm;

			if (o->node == z->node && !wm_zone_empty(o) && o->zone_idx > classzone)
				classzone = o->zone_idx;
		}
		out->zone_kb += (double)wm_usable_kb(z, WM_MIN, classzone);
	}
}
