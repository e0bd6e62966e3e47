/* threshold.c: measures, their levels and the value syntax of oomrisk.conf. */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "core/threshold.h"
#include "core/watermark.h"
#include "lib/parse.h"

#define PCT(x) ((uint64_t)(x) * 100)	/* whole percent in hundredths */

const struct measure_info measure_table[M_NMEASURES] = {
	[M_MEM_AVAILABLE] = { "mem_available", DIR_LOW_BAD, U_PCT | U_BYTES, false, PCT(100),
	    "MemAvailable" },
	[M_SWAP_FREE] = { "swap_free", DIR_LOW_BAD, U_PCT | U_BYTES, false, PCT(100),
	    "SwapFree" },
	[M_ZONE] = { "zone", DIR_LOW_BAD, U_MARK, false, 0, "zone free pages" },
	[M_PSI_SOME_AVG10] = { "psi_some_avg10", DIR_HIGH_BAD, U_PCT, false, PCT(100),
	    "PSI memory some avg10" },
	[M_PSI_SOME_AVG60] = { "psi_some_avg60", DIR_HIGH_BAD, U_PCT, false, PCT(100),
	    "PSI memory some avg60" },
	[M_PSI_FULL_AVG10] = { "psi_full_avg10", DIR_HIGH_BAD, U_PCT, false, PCT(100),
	    "PSI memory full avg10" },
	[M_PSI_FULL_AVG60] = { "psi_full_avg60", DIR_HIGH_BAD, U_PCT, false, PCT(100),
	    "PSI memory full avg60" },
	/* Committed_AS may exceed CommitLimit many times over in modes 0 and 1. */
	[M_COMMIT] = { "commit", DIR_HIGH_BAD, U_PCT, false, PCT(10000),
	    "Committed_AS of CommitLimit" },
	[M_TOP_SHARE] = { "top_share", DIR_HIGH_BAD, U_PCT, false, PCT(100),
	    "top candidate's share of totalpages" },
	[M_OOM_KILLS] = { "oom_kills", DIR_HIGH_BAD, U_COUNT, false, 0,
	    "OOM kills since the last run" },
	[M_GROWTH] = { "growth", DIR_HIGH_BAD, U_PCT | U_BYTES, true, PCT(100),
	    "task growth" },
	[M_CGROUP] = { "cgroup", DIR_HIGH_BAD, U_PCT, false, PCT(100),
	    "memory cgroup use of its limit" },
	[M_CGROUP_KILLS] = { "cgroup_oom_kills", DIR_HIGH_BAD, U_COUNT, false, 0,
	    "kills at a memory cgroup's limit since the last run" },
};

static void
set(struct thr *t, enum thr_unit unit, uint64_t warn, uint64_t crit, uint64_t per_s)
{
	memset(t, 0, sizeof(*t));
	t->warn.unit = t->crit.unit = unit;
	t->warn.v = warn;
	t->crit.v = crit;
	t->warn.per_s = t->crit.per_s = per_s;
}

void
thresholds_default(struct thresholds *th)
{
	struct thr *t = th->t;

	set(&t[M_MEM_AVAILABLE], THR_PCT, PCT(10), PCT(5), 0);
	set(&t[M_SWAP_FREE], THR_PCT, PCT(20), PCT(10), 0);
	set(&t[M_ZONE], THR_MARK, WM_LOW, WM_MIN, 0);
	set(&t[M_PSI_SOME_AVG10], THR_PCT, PCT(10), PCT(40), 0);
	set(&t[M_PSI_SOME_AVG60], THR_PCT, PCT(5), PCT(20), 0);
	set(&t[M_PSI_FULL_AVG10], THR_PCT, PCT(5), PCT(20), 0);
	set(&t[M_PSI_FULL_AVG60], THR_PCT, PCT(2), PCT(10), 0);
	set(&t[M_COMMIT], THR_PCT, PCT(90), PCT(98), 0);
	set(&t[M_TOP_SHARE], THR_PCT, PCT(50), PCT(80), 0);
	set(&t[M_OOM_KILLS], THR_COUNT, 1, 5, 0);
	set(&t[M_GROWTH], THR_PCT, PCT(10), PCT(25), 3600);
	set(&t[M_CGROUP], THR_PCT, PCT(90), PCT(98), 0);
	/* A container's own kills warn; they are not the host's emergency. */
	set(&t[M_CGROUP_KILLS], THR_COUNT, 1, 0, 0);
	t[M_CGROUP_KILLS].crit.unit = THR_OFF;
}

int
measure_by_name(const char *name, size_t len)
{
	int m;

	for (m = 0; m < M_NMEASURES; m++)
		if (strlen(measure_table[m].name) == len &&
		    memcmp(measure_table[m].name, name, len) == 0)
			return m;
	return -1;
}

/* "s", "sec", "m", "min", "h", "hour" -> seconds; NULL suffix is an error. */
static uint64_t
time_unit(const char *p, const char *end)
{
	size_t n = (size_t)(end - p);

	if ((n == 1 && *p == 's') || (n == 3 && memcmp(p, "sec", 3) == 0))
		return 1;
	if ((n == 1 && *p == 'm') || (n == 3 && memcmp(p, "min", 3) == 0))
		return 60;
	if ((n == 1 && *p == 'h') || (n == 4 && memcmp(p, "hour", 4) == 0))
		return 3600;
	return 0;
}

static void
expected(enum measure m, struct buf *err)
{
	const struct measure_info *mi = &measure_table[m];
	const char *rate = mi->rate ? " per time" : "";

	buf_puts(err, "expected ");
	if (mi->units == U_MARK)
		buf_puts(err, "a watermark: min, low or high");
	else if (mi->units == U_COUNT)
		buf_puts(err, "a count (0, 1, 2...)");
	else if (mi->units == U_PCT)
		buf_puts(err, "a percentage like 15%");
	else
		buf_printf(err, "a percentage like %s or a size like %s%s",
		    mi->rate ? "10%/h" : "15%", mi->rate ? "512M/h" : "512M", rate);
	buf_puts(err, ", or off");
}

int
thr_parse(enum measure m, const char *s, struct thr_value *out, struct buf *err)
{
	const struct measure_info *mi = &measure_table[m];
	const char *p = s, *end = s + strlen(s), *slash;
	uint64_t v;

	memset(out, 0, sizeof(*out));
	if (strcmp(s, "off") == 0) {
		out->unit = THR_OFF;
		return 0;
	}
	if (mi->rate) {
		slash = memchr(s, '/', (size_t)(end - s));
		if (slash == NULL || (out->per_s = time_unit(slash + 1, end)) == 0) {
			buf_printf(err, "malformed value '%s': ", s);
			expected(m, err);
			return -1;
		}
		end = slash;
	}
	if (mi->units & U_MARK) {
		size_t n = (size_t)(end - p);

		out->unit = THR_MARK;
		if (n == 3 && memcmp(p, "min", 3) == 0)
			out->v = WM_MIN;
		else if (n == 3 && memcmp(p, "low", 3) == 0)
			out->v = WM_LOW;
		else if (n == 4 && memcmp(p, "high", 4) == 0)
			out->v = WM_HIGH;
		else
			goto malformed;
		return 0;
	}
	if (mi->units & U_COUNT) {
		if (!scan_decimal(&p, end, 0, &v) || p != end)
			goto malformed;
		out->unit = THR_COUNT;
		out->v = v;
		return 0;
	}
	if (end > p && end[-1] == '%' && (mi->units & U_PCT)) {
		if (!scan_decimal(&p, end - 1, 2, &v) || p != end - 1)
			goto malformed;
		if (v > mi->max_pct) {
			buf_printf(err, "'%s' is above %" PRIu64 "%%", s, mi->max_pct / 100);
			return -1;
		}
		out->unit = THR_PCT;
		out->v = v;
		return 0;
	}
	if ((mi->units & U_BYTES) && scan_size(&p, end, &v) && p == end) {
		out->unit = THR_BYTES;
		out->v = v;
		return 0;
	}
malformed:
	buf_printf(err, "malformed value '%s': ", s);
	expected(m, err);
	return -1;
}

/* A size in the largest binary unit that divides it, else bytes. */
static void
format_size(struct buf *out, uint64_t bytes)
{
	static const char units[] = "KMGTP";
	int u = -1;

	while (u < 4 && bytes != 0 && bytes % 1024 == 0) {
		bytes /= 1024;
		u++;
	}
	if (u < 0)
		buf_printf(out, "%" PRIu64, bytes);
	else
		buf_printf(out, "%" PRIu64 "%c", bytes, units[u]);
}

void
thr_format(struct buf *out, const struct thr_value *v)
{
	switch (v->unit) {
	case THR_OFF:
		buf_puts(out, "off");
		return;
	case THR_PCT:
		if (v->v % 100 == 0)
			buf_printf(out, "%" PRIu64 "%%", v->v / 100);
		else if (v->v % 10 == 0)
			buf_printf(out, "%" PRIu64 ".%" PRIu64 "%%", v->v / 100, v->v % 100 / 10);
		else
			buf_printf(out, "%" PRIu64 ".%02" PRIu64 "%%", v->v / 100, v->v % 100);
		break;
	case THR_BYTES:
		format_size(out, v->v);
		break;
	case THR_COUNT:
		buf_printf(out, "%" PRIu64, v->v);
		break;
	case THR_MARK:
		buf_puts(out, v->v == WM_MIN ? "min" : v->v == WM_LOW ? "low" : "high");
		break;
	}
	if (v->per_s)
		buf_puts(out, v->per_s == 1 ? "/s" : v->per_s == 60 ? "/min" : "/h");
}

uint64_t
thr_resolve(const struct thr_value *v, uint64_t base_bytes)
{
	if (v->unit == THR_PCT && base_bytes != 0) {
		/* base * pct / 10000 without overflow for bases up to 2^63. */
		return base_bytes / 10000 * v->v + base_bytes % 10000 * v->v / 10000;
	}
	return v->v;
}

bool
thr_ordered(enum measure m, const struct thr *t, uint64_t base_bytes)
{
	uint64_t w, c;

	if (t->warn.unit == THR_OFF || t->crit.unit == THR_OFF)
		return true;
	if (t->warn.unit != t->crit.unit) {
		if (base_bytes == 0)
			return true;
		w = thr_resolve(&t->warn, base_bytes);
		c = thr_resolve(&t->crit, base_bytes);
	} else {
		/* Same unit: compare per second for rates. */
		w = t->warn.v * (t->crit.per_s ? t->crit.per_s : 1);
		c = t->crit.v * (t->warn.per_s ? t->warn.per_s : 1);
	}
	return measure_table[m].dir == DIR_LOW_BAD ? w >= c : w <= c;
}

int
parse_duration(const char *s, uint64_t *seconds)
{
	const char *p = s, *end = s + strlen(s);
	uint64_t v, unit = 1;

	if (!scan_decimal(&p, end, 0, &v))
		return -1;
	if (p != end && (unit = time_unit(p, end)) == 0)
		return -1;
	if (v > UINT64_MAX / unit)
		return -1;
	*seconds = v * unit;
	return 0;
}

int
parse_bool(const char *s, bool *out)
{
	if (strcmp(s, "yes") == 0 || strcmp(s, "true") == 0 || strcmp(s, "on") == 0 ||
	    strcmp(s, "1") == 0)
		*out = true;
	else if (strcmp(s, "no") == 0 || strcmp(s, "false") == 0 || strcmp(s, "off") == 0 ||
	    strcmp(s, "0") == 0)
		*out = false;
	else
		return -1;
	return 0;
}

double
thr_level(const struct thr_value *v, uint64_t base_bytes)
{
	if (v->unit == THR_OFF)
		return NAN;
	if (v->unit == THR_PCT)
		return base_bytes ? (double)thr_resolve(v, base_bytes) : (double)v->v / 100.0;
	return (double)v->v;
}

int
thr_grade(enum measure m, double value, double warn, double crit)
{
	bool low = measure_table[m].dir == DIR_LOW_BAD;

	if (!isnan(crit) && (low ? value <= crit : value >= crit))
		return 2;
	if (!isnan(warn) && (low ? value <= warn : value >= warn))
		return 1;
	return 0;
}
