/*
 * threshold.h: warning and critical levels for `check` (and the colours of
 * `top`), the measures they apply to, and the value syntax of the
 * configuration file: percentages ("15%", "12.5%"), sizes with binary units
 * ("512M", "1.5G", "4096" bytes), counts, watermark names (min, low, high),
 * rates ("1G/h", "10%/h") and durations ("60s", "5min").  Pure: text in,
 * numbers out; the INI reading is conf.c.
 */
#ifndef OOMRISK_CORE_THRESHOLD_H
#define OOMRISK_CORE_THRESHOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/buf.h"

/* What a measure is compared against; see measure_table in threshold.c. */
enum measure {
	M_MEM_AVAILABLE,	/* MemAvailable: % of MemTotal or a size */
	M_SWAP_FREE,		/* SwapFree: % of SwapTotal or a size */
	M_ZONE,			/* a zone's free pages vs its watermark (a mark name) */
	M_PSI_SOME_AVG10,	/* /proc/pressure/memory, % of wall time */
	M_PSI_SOME_AVG60,
	M_PSI_FULL_AVG10,
	M_PSI_FULL_AVG60,
	M_COMMIT,		/* Committed_AS as % of CommitLimit */
	M_TOP_SHARE,		/* the top candidate's share of totalpages, % */
	M_OOM_KILLS,		/* OOM kills since the last run, a count */
	M_GROWTH,		/* a task's growth, size or % of totalpages per time */
	M_CGROUP,		/* a memory cgroup's use, % of its limit */
	M_CGROUP_KILLS,		/* memcg OOM kills in a cgroup since the last run, a count */
	M_NMEASURES
};

/* Which way is bad. */
enum measure_dir {
	DIR_LOW_BAD,		/* alert when the value falls to the level */
	DIR_HIGH_BAD,		/* alert when the value reaches the level */
};

/* The units a level may be given in. */
enum thr_unit {
	THR_OFF = 0,		/* "off": this level is not checked */
	THR_PCT,		/* hundredths of a percent: 1550 = 15.5% */
	THR_BYTES,
	THR_COUNT,
	THR_MARK,		/* enum wm_mark: WM_MIN, WM_LOW, WM_HIGH */
};

/* Which units each measure accepts (bit per enum thr_unit). */
#define U_PCT (1u << THR_PCT)
#define U_BYTES (1u << THR_BYTES)
#define U_COUNT (1u << THR_COUNT)
#define U_MARK (1u << THR_MARK)

struct measure_info {
	const char *name;	/* key prefix: "mem_available" -> mem_available_warn */
	enum measure_dir dir;
	unsigned units;
	bool rate;		/* the value is per time ("1G/h") */
	uint64_t max_pct;	/* in hundredths; larger percentages are errors */
	const char *what;	/* for messages: "MemAvailable" */
};

extern const struct measure_info measure_table[M_NMEASURES];

/* One level: "10%", "512M", "off", ... ; per_s > 0 for a rate ("/h" = 3600). */
struct thr_value {
	enum thr_unit unit;
	uint64_t v;
	uint64_t per_s;
};

struct thr {
	struct thr_value warn, crit;
	unsigned warn_line, crit_line;	/* where set (0: built-in default) */
};

struct thresholds {
	struct thr t[M_NMEASURES];
};

/* The built-in levels (documented in etc/oomrisk.conf and oomrisk.conf(5)). */
void thresholds_default(struct thresholds *th);

/* The measure whose name is [name, name+len), or -1. */
int measure_by_name(const char *name, size_t len);

/*
 * Parse a level for measure m from a NUL-terminated value.  Returns 0, or
 * -1 with the reason in err ("expected a percentage (15%) or a size (512M)").
 */
int thr_parse(enum measure m, const char *s, struct thr_value *out, struct buf *err);

/* Append a level as it would be written in the file: "15%", "512M", "1G/h". */
void thr_format(struct buf *out, const struct thr_value *v);

/*
 * A level as a number in the measure's base unit: bytes for sizes, and
 * for percentages of a base (MemTotal, SwapTotal, totalpages...) the bytes
 * they stand for when base_bytes is non-zero, else hundredths of a percent.
 */
uint64_t thr_resolve(const struct thr_value *v, uint64_t base_bytes);

/*
 * Do the two levels of a pair stand in the right order (the critical one
 * at least as bad as the warning one)?  Levels in different units are
 * compared after resolving against base_bytes; with base_bytes 0 they are
 * taken as ordered (checked again when the base is known).
 */
bool thr_ordered(enum measure m, const struct thr *t, uint64_t base_bytes);

/* Parsers for the other value types of the file. */
int parse_duration(const char *s, uint64_t *seconds);
int parse_bool(const char *s, bool *out);

/*
 * A level as a number: bytes of base_bytes for a percentage of a size
 * (base_bytes 0: the percentage itself), else the level's own value; NaN
 * when the level is off.
 */
double thr_level(const struct thr_value *v, uint64_t base_bytes);

/*
 * Where value stands against a pair of levels resolved to numbers (NaN
 * levels are off and never reached): 0 ok, 1 warning, 2 critical, as the
 * monitoring-plugin codes.  The measure's direction says which side is bad.
 */
int thr_grade(enum measure m, double value, double warn, double crit);

#endif
