/*
 * top.h: the model behind `oomrisk top`: one refresh samples the system
 * snapshot (meminfo, zoneinfo, PSI, vmstat), ranks the tasks with
 * gather_rank() (the same code as `rank`), records each task's growth and
 * feeds the time-to-OOM forecast; the process panel's rows are then
 * filtered, sorted and, in the tree view, put under their parents for the
 * view; the selection follows its task from refresh to refresh.  No
 * terminal code here: the TUI (tui/tui.c) and --batch both draw from this.
 *
 * Memory: everything is reused across refreshes.  Once the arrays have
 * grown to the task count, a refresh allocates nothing (the global scope;
 * --cgroup re-resolves the cgroup each time).  In the default view (victim
 * order, no filter, no tree) only the rows that can be on screen are read
 * in full, so the arrays stay at a few hundred tasks whatever the count.
 */
#ifndef OOMRISK_CORE_TOP_H
#define OOMRISK_CORE_TOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/forecast.h"
#include "core/groups.h"
#include "core/growth.h"
#include "core/rank.h"
#include "core/snapshot.h"
#include "core/threshold.h"
#include "lib/buf.h"

struct sampler;
struct snapshot_reader;

enum top_sort { TOP_SORT_SCORE, TOP_SORT_RSS, TOP_SORT_GROWTH, TOP_SORT_PID, TOP_SORT_N };

#define TOP_FILTER_MAX 64

struct top_options {
	double interval;		/* seconds between refreshes */
	const char *cgroup;		/* NULL: global scope */
	const char *proc_root;		/* NULL: /proc (--proc-root) */
	const char *replay;		/* --replay: a directory of numbered proc roots */
	bool cmdline;			/* show command lines instead of names */
	bool tree;			/* each task under its parent (PPid) */
	enum top_sort sort;
	enum group_key group_by;	/* fold the rows by cgroup, unit or container */
	/* [top] levels of oomrisk.conf: header values that reach them are
	 * tagged WARN or CRIT; NULL: no tags. */
	const struct thresholds *levels;
};

/* One row of the process panel: a task, or a group when grouping. */
struct top_row {
	size_t entry;			/* index into rank.entries (a group's first victim) */
	size_t group;			/* index into groups.v when grouping */
	size_t rank;			/* 1-based place in the victim order; 0 unkillable */
	bool growth_known;
	double growth_kbs;		/* rss + swap + page tables, kB per second */
	/*
	 * The tree view: depth below its root; whether it is its parent's
	 * last child shown; bit L-1 of guides: the ancestor at depth L has a
	 * later sibling (a "|" runs down that column).  Depth 0 elsewhere.
	 */
	unsigned depth;
	bool last;
	uint32_t guides;
};

#define TOP_TREE_GUIDES 32		/* levels with a guide bit; deeper ones draw none */

struct top {
	struct top_options opt;
	struct sampler *sampler;		/* sys/gather-top.c: the sources */
	struct snapshot_reader *reader;
	struct top_replay *replay;		/* --replay's roots (sys/gather-top.c) */
	size_t replay_at, replay_n;		/* the root read (1-based) of how many */
	struct snapshot snap;		/* the last complete snapshot */
	struct snapshot next;		/* read into this, kept only when complete */
	bool have_snap;
	struct ranking rank;
	bool have_rank;
	struct rank_groups groups;	/* the ranking folded, when opt.group_by */
	struct growth growth;
	struct forecast fc;
	struct forecast_result fcr;
	/*
	 * A memory cgroup scope: its headroom under the binding limit (plus
	 * its inactive file cache, reclaimed before an OOM) over time; fcm.kill
	 * is the time until it reaches the limit.
	 */
	struct forecast mfc;
	struct forecast_result mfcr;
	bool have_mfc;
	/* The kernel log is read for the scope's last kill when vmstat's oom_kill moves. */
	bool lastkill_known;
	uint64_t lastkill_at;
	bool have_oom_start;
	uint64_t oom_kill_start;	/* vmstat oom_kill when top started */
	struct top_row *rows;
	size_t nrows, caprows;
	size_t *rowentries;		/* scratch: the rows' entries, for their ties and cgroups */
	size_t nrowentries, caprowentries;
	char filter[TOP_FILTER_MAX];
	size_t filter_len;
	/* A filter is being typed: rank every task, with its command line. */
	bool filtering;
	/* Read in full whatever the limit (the TUI's selection), 0: none. */
	int pin_pid;
	/* The tree view's scratch, reused (captree entries each). */
	struct top_tree_scratch {
		struct top_row *rows;
		size_t *parent, *first, *next, *stack;
		struct top_pid_row { int pid; size_t row; } *bypid;
		bool *done;
		size_t cap;
	} tree;
	/* vmstat oom_kill before the last refresh, for "OOM kills meanwhile". */
	bool have_oom_prev;
	uint64_t oom_kill_prev;
	/* Ranked rows the view needs; 0 = every task (sorts other than score). */
	size_t want;
	struct buf err;			/* why the last refresh was incomplete */
	struct buf rank_err;		/* scratch for gather_rank's reason */
	unsigned long refreshes;
	uint64_t self_rss_kb;		/* our own footprint, shown in the header */
};

const char *top_sort_name(enum top_sort s);

/* An empty model for the options (no I/O); top_free() releases it. */
void top_init(struct top *t, const struct top_options *o);
void top_free(struct top *t);

/*
 * The steps of a refresh (sys/gather-top.c reads, these keep):
 * top_take_snapshot() keeps t->next, a complete snapshot just read, and
 * feeds the forecast; top_rank_request() updates the forecast and says
 * what to rank; top_take_ranking() records the ranking (rc is the
 * gather's result; t->rank_err its reason), the growth at time now, and
 * rebuilds the rows.
 */
void top_take_snapshot(struct top *t);
void top_rank_request(struct top *t, struct rank_request *req);
void top_take_ranking(struct top *t, int rc, double now);

/* Filter and sort the ranking into rows again (after a key changed them). */
void top_build_rows(struct top *t);

/*
 * Set the filter (raw bytes, cut at TOP_FILTER_MAX - 1); "" clears it.  A
 * row matches when its name or its command line holds the filter.
 */
void top_set_filter(struct top *t, const char *s, size_t len);

/*
 * The selected task, followed from refresh to refresh by pid (the TUI
 * pins it: t->pin_pid, so it is read in full even off screen).
 */
struct top_selection {
	int pid;			/* 0: none */
	size_t row;			/* its row when last seen */
	bool live;			/* it had an mm and the kernel did not skip it */
	char comm[STATUS_NAME_MAX + 1];	/* raw bytes, to name it when it dies */
	size_t comm_len;
};

/* Who died under the selection, and how the model knows. */
struct top_death {
	int pid;
	char comm[STATUS_NAME_MAX + 1];	/* raw bytes */
	size_t comm_len;
	bool zombie;			/* still listed, but without memory (exited, or reaped) */
	uint64_t oom_kills;		/* OOM kills counted since the previous refresh */
};

enum top_follow {
	TOP_FOLLOW_SAME,		/* on its task (its row may have changed) */
	TOP_FOLLOW_DIED,		/* the task died: now on the row it had (d says who) */
	TOP_FOLLOW_AWAY,		/* alive but not among the rows read: read them all */
	TOP_FOLLOW_MOVED,		/* filtered out, or nothing was selected: on the same row */
	TOP_FOLLOW_EMPTY,		/* no rows */
};

/* Select row i (clamped to the rows), remembering which task it is. */
void top_select_row(const struct top *t, struct top_selection *sel, size_t i);

/*
 * After the rows were rebuilt: find the selected task again, by pid.  A
 * task that had memory and now has none (a zombie waiting to be reaped,
 * or an OOM victim whose memory the reaper took) counts as dead, so the
 * selection does not follow it into the unkillable rows.  When it died,
 * the selection moves to the task now on the row it had (the same rank
 * in victim order) and *d says who died.
 */
enum top_follow top_follow(const struct top *t, struct top_selection *sel, struct top_death *d);

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

/* Does the row's task still have memory the OOM killer could take back? */
bool top_task_live(const struct task *tk);

#endif
