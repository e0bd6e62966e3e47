/*
 * top.h: the model behind `oomrisk top`: one refresh samples the system
 * snapshot (meminfo, zoneinfo, PSI, vmstat), ranks the tasks with
 * rank_collect() (the same code as `rank`), records each task's growth and
 * feeds the time-to-OOM forecast; the process panel's rows are then
 * filtered and sorted for the view.  No terminal code here: the TUI
 * (tui.c) and --batch both draw from this.
 *
 * Memory: everything is reused across refreshes.  Once the arrays have
 * grown to the task count, a refresh allocates nothing (the global scope;
 * --cgroup re-resolves the cgroup each time).
 */
#ifndef OOMRISK_TOP_H
#define OOMRISK_TOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "forecast.h"
#include "growth.h"
#include "rank.h"
#include "snapshot.h"
#include "threshold.h"

enum top_sort { TOP_SORT_SCORE, TOP_SORT_RSS, TOP_SORT_GROWTH, TOP_SORT_PID, TOP_SORT_N };

#define TOP_FILTER_MAX 64

struct top_options {
	double interval;		/* seconds between refreshes */
	const char *cgroup;		/* NULL: global scope */
	bool cmdline;			/* show (and filter on) command lines */
	enum top_sort sort;
	/* [top] levels of oomrisk.conf: header values that reach them are
	 * tagged WARN or CRIT; NULL: no tags. */
	const struct thresholds *levels;
};

/* One row of the process panel. */
struct top_row {
	size_t entry;			/* index into rank.entries */
	size_t rank;			/* 1-based place in the victim order; 0 unkillable */
	bool growth_known;
	double growth_kbs;		/* rss + swap + page tables, kB per second */
};

struct top {
	struct top_options opt;
	struct sampler *sampler;
	struct snapshot_reader reader;
	struct snapshot snap;		/* the last complete snapshot */
	struct snapshot next;		/* read into this, kept only when complete */
	bool have_snap;
	struct ranking rank;
	bool have_rank;
	struct growth growth;
	struct forecast fc;
	struct forecast_result fcr;
	bool have_oom_start;
	uint64_t oom_kill_start;	/* vmstat oom_kill when top started */
	struct top_row *rows;
	size_t nrows, caprows;
	char filter[TOP_FILTER_MAX];
	size_t filter_len;
	/* Ranked rows the view needs; 0 = every task (sorts other than score). */
	size_t want;
	struct buf err;			/* why the last refresh was incomplete */
	struct buf rank_err;		/* scratch for rank_collect's reason */
	unsigned long refreshes;
	uint64_t self_rss_kb;		/* our own footprint, shown in the header */
};

const char *top_sort_name(enum top_sort s);

/* Open the sampler and /proc; -1 with err when /proc cannot be used. */
int top_open(struct top *t, const struct top_options *o, struct buf *err);
void top_close(struct top *t);

/*
 * Sample, rank and rebuild the rows.  A read that fails keeps the
 * previous snapshot and says why in t->err (the screen stays whole).
 * Returns 0, -1 on a runtime error (t->err), -2 when --cgroup names no
 * memory cgroup.
 */
int top_refresh(struct top *t);

/* Filter and sort the ranking into rows again (after a key changed them). */
void top_build_rows(struct top *t);

/* Set the filter (raw bytes, cut at TOP_FILTER_MAX - 1); "" clears it. */
void top_set_filter(struct top *t, const char *s, size_t len);

/* How many ranked rows to read in full for the next refresh. */
void top_set_want(struct top *t, size_t rows);

static inline const struct rank_entry *
top_row_entry(const struct top *t, const struct top_row *row)
{
	return &t->rank.entries[row->entry];
}

/* The would-be victim, or NULL when nothing is killable. */
const struct rank_entry *top_victim(const struct top *t);

/* Kills counted in /proc/vmstat since top started (0 when unknown). */
uint64_t top_oom_kills_since(const struct top *t);

/* Pure helpers, exposed for tests. */

/* Does the text contain the filter (ASCII case-insensitive)? "" matches all. */
bool top_text_matches(const char *text, size_t len, const char *filter, size_t flen);

/* Sort rows by key (ties by pid) using the ranking's tasks. */
void top_sort_rows(struct top_row *rows, size_t n, const struct ranking *r, enum top_sort key);

#endif
