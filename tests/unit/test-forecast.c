/*
 * test-forecast: the least-squares trend and time to OOM, on exact series
 * and on a real snapshot (meminfo + zoneinfo of the coreos capture, whose
 * headrooms are worked out by hand below).
 */
#include "config.h"

#include <math.h>

#include "core/forecast.h"
#include "tap.h"

static void
feed(struct forecast *f, double t0, double dt, int n, double avail0, double avail_step,
    double zone0, double zone_step)
{
	int i;

	for (i = 0; i < n; i++) {
		struct forecast_sample s = { t0 + i * dt, avail0 + i * avail_step,
		    zone0 + i * zone_step, true };

		forecast_add(f, &s);
	}
}

static void
test_fit(void)
{
	double t[] = { 1000, 1001, 1002, 1003 }, y[] = { 10, 8, 6, 4 };
	double noisy[] = { 10, 9, 6, 5 }, r;

	ok(fabs(forecast_fit(t, y, 4, &r) + 2) < 1e-9, "exact line: slope -2");
	ok(fabs(r + 1) < 1e-9, "exact falling line: r = -1");
	/*
	 * By hand: t - mean = -1.5 -.5 .5 1.5; y - mean = 2.5 1.5 -1.5 -2.5.
	 * Sum of products -9, sum of t squares 5, of y squares 17:
	 * slope -9/5 = -1.8, r = -9/sqrt(85) = -0.976.
	 */
	ok(fabs(forecast_fit(t, noisy, 4, &r) + 1.8) < 1e-9, "noisy: least-squares slope -1.8");
	ok(fabs(r + 9 / sqrt(85)) < 1e-9, "noisy: r = -0.976");
	ok(forecast_fit(t, y, 1, &r) == 0 && r == 0, "one point: no slope");
	{
		double tc[] = { 5, 5, 5 }, yc[] = { 1, 2, 3 }, flat[] = { 7, 7, 7 };

		ok(forecast_fit(tc, yc, 3, &r) == 0, "constant time: no slope");
		ok(forecast_fit(t, flat, 3, &r) == 0 && r == 0, "constant y: slope 0, r 0");
	}
}

/*
 * A cgroup's headroom, flat for 10 s, then falling 8 MiB/s in 4 MiB steps
 * every 0.5 s (tests/top-forecast.sh's grower), sampled each second.
 */
static void
test_steady(void)
{
	static struct forecast f;
	struct forecast_result r;
	struct forecast_eta e;
	int i;

	forecast_init(&f);
	feed(&f, 100, 1, 10, 184320, 0, 0, 0);
	for (i = 1; i <= 6; i++) {
		struct forecast_sample s = { 109 + i, 184320 - i * 8192, 0, false };

		forecast_add(&f, &s);
	}
	/* 184320 - 6 * 8192 = 135168 kB left at 8192 kB/s: 16.5 s. */
	forecast_estimate_steady(&f, 30, &e);
	ok(e.falling, "steady: a fall");
	ok(fabs(e.rate_kbs - 8192) < 1, "steady: the rate of the fall alone (%.0f kB/s)",
	    e.rate_kbs);
	ok(fabs(e.seconds - 16.5) < 0.01, "steady: 16.5 s to the limit (%.2f)", e.seconds);
	forecast_estimate(&f, 30, &r);
	ok(r.kill.falling && r.kill.seconds > 20, "the whole window's fit lags: %.1f s",
	    r.kill.seconds);
	/* Flat all along: nothing to forecast. */
	forecast_init(&f);
	feed(&f, 100, 1, 12, 184320, 0, 0, 0);
	forecast_estimate_steady(&f, 30, &e);
	ok(!e.falling, "flat: no forecast");
	/* Too few samples. */
	forecast_init(&f);
	feed(&f, 100, 1, 2, 184320, -8192, 0, 0);
	forecast_estimate_steady(&f, 30, &e);
	ok(!e.falling && e.seconds == 0, "two samples: no forecast");
}

static void
test_eta(void)
{
	static struct forecast f;
	struct forecast_result r;

	forecast_init(&f);
	/* 1 GiB available falling 10 MiB/s; zones 100 MiB over min falling 1 MiB/s. */
	feed(&f, 500, 1, 10, 1048576, -10240, 102400, -1024);
	forecast_estimate(&f, FORECAST_WINDOW_S, &r);
	is_int(r.used, 10, "10 samples in the window");
	ok(r.kill.falling && fabs(r.kill.rate_kbs - 10240) < 1e-6, "available falls 10 MiB/s");
	/* Newest: 1048576 - 9 * 10240 = 956416 kB, at 10240 kB/s = 93.4 s. */
	ok(fabs(r.kill.seconds - 956416.0 / 10240) < 1e-6, "kill in 93.4 s (%g)", r.kill.seconds);
	ok(r.reclaim.falling && fabs(r.reclaim.seconds - (102400 - 9 * 1024) / 1024.0) < 1e-6,
	    "reclaim at min in 91 s (%g)", r.reclaim.seconds);

	forecast_init(&f);
	feed(&f, 0, 1, 10, 1048576, 0, 102400, 0);
	forecast_estimate(&f, FORECAST_WINDOW_S, &r);
	ok(!r.kill.falling && !r.reclaim.falling, "flat: no forecast");

	forecast_init(&f);
	feed(&f, 0, 1, 10, 1048576, 4096, 102400, 100);
	forecast_estimate(&f, FORECAST_WINDOW_S, &r);
	ok(!r.kill.falling && !r.reclaim.falling, "rising: no forecast");

	forecast_init(&f);
	/* 20 GiB falling 1 MiB/s: 5.8 h away, beyond the horizon. */
	feed(&f, 0, 1, 10, 20971520, -1024, 102400, 0);
	forecast_estimate(&f, FORECAST_WINDOW_S, &r);
	ok(!r.kill.falling && r.kill.rate_kbs > 0, "too slow to matter within the hour");

	forecast_init(&f);
	feed(&f, 0, 1, 2, 1000, -100, 1000, -100);
	forecast_estimate(&f, FORECAST_WINDOW_S, &r);
	ok(!r.kill.falling, "two samples are not a trend");

	forecast_init(&f);
	/* An old fall then 31 s flat: only the window counts. */
	feed(&f, 0, 1, 10, 1048576, -50000, 102400, -5000);
	feed(&f, 40, 1, 31, 548576, 0, 52400, 0);
	forecast_estimate(&f, 30, &r);
	is_int(r.used, 31, "only the last 30 s");
	ok(!r.kill.falling, "the recent window is flat");

	forecast_init(&f);
	feed(&f, 0, 1, 5, 1000, -500, 0, 0);
	forecast_estimate(&f, FORECAST_WINDOW_S, &r);
	ok(r.kill.falling && r.kill.seconds == 0, "already exhausted: now");

	forecast_init(&f);
	/* A task took 50 MiB and gave it back: a dip, not a trend. */
	{
		static const double dip[] = { 0, 0, 0, -51200, -51200, -51200, 0, 0, 0, 0 };
		int i;

		for (i = 0; i < 10; i++) {
			struct forecast_sample s = { i, 1048576 + dip[i], 102400, true };

			forecast_add(&f, &s);
		}
	}
	forecast_estimate(&f, FORECAST_WINDOW_S, &r);
	ok(!r.kill.falling, "a dip that recovered is no trend");

	forecast_init(&f);
	feed(&f, 0, 0.1, FORECAST_SAMPLES + 50, 1e5, -10, 1e5, -1);
	is_int(f.n, FORECAST_SAMPLES, "ring keeps the last FORECAST_SAMPLES");
	forecast_estimate(&f, FORECAST_WINDOW_S, &r);
	ok(r.kill.falling && fabs(r.kill.rate_kbs - 100) < 1e-6, "10 kB per 0.1 s = 100 kB/s");
}

static void
test_sample_from(void)
{
	static struct snapshot s;
	struct forecast_sample fs;
	unsigned line;
	size_t len;
	char *mi = fixture_load("fixtures/procroot/coreos-4.x-below-low/meminfo", &len);

	memset(&s, 0, sizeof(s));
	ok(meminfo_parse(mi, len, &s.mi, &line) == 0, "coreos meminfo parses");
	free(mi);
	mi = fixture_load("fixtures/procroot/coreos-4.x-below-low/zoneinfo", &len);
	ok(zoneinfo_parse(mi, len, 4, &s.zi, &line) == 0, "coreos zoneinfo parses");
	free(mi);
	s.have_zoneinfo = true;
	s.taken = 42;
	forecast_sample_from(&s, &fs);
	ok(fs.t == 42 && fs.have_zone, "time and zone flag");
	is_int((long long)fs.avail_kb, 1950080, "MemAvailable 1950080 + SwapFree 0");
	/*
	 * Classzone Normal (2): Movable and Device are empty.  DMA 3975 pages <
	 * min 33 + reserve 7894: 0.  DMA32 122008 - 8178 - 4065 = 109765 pages.
	 * Normal 10852 - 8684 = 2168 pages.  (109765 + 2168) * 4 = 447732 kB.
	 */
	is_int((long long)fs.zone_kb, 447732, "zone headroom over min + reserve, by hand");
	s.have_zoneinfo = false;
	s.mi.present &= ~(UINT64_C(1) << MI_MEM_AVAILABLE);
	forecast_sample_from(&s, &fs);
	is_int((long long)fs.avail_kb, 851960 + 4304 + 1235532,
	    "before 3.14: MemFree + Buffers + Cached");
	ok(!fs.have_zone, "no zoneinfo: no zone headroom");
}

int
main(void)
{
	test_steady();
	test_fit();
	test_eta();
	test_sample_from();
	return tap_done();
}
