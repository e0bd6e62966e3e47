/*
 * check.h: the verdicts of `oomrisk check` (and the check metrics of
 * `export`) as a pure function: a snapshot of the system, the ranking's
 * top candidates, the watched memory cgroups, the previous run's state,
 * the kills the kernel log shows and the configured levels go in; a list
 * of verdicts, the overall status and the next state come out.  No I/O:
 * sys/gather-check.c gathers the input, cmd/cmd-check.c and cmd/cmd-export.c print.
 */
#ifndef OOMRISK_CORE_CHECK_H
#define OOMRISK_CORE_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/conf.h"
#include "core/task.h"
#include "core/memcg.h"
#include "core/snapshot.h"
#include "core/state.h"
#include "lib/buf.h"
#include "log/kills.h"
#include "proc/status.h"

/* Monitoring-plugins statuses; the value is the exit code. */
enum check_status { CS_OK = 0, CS_WARNING = 1, CS_CRITICAL = 2, CS_UNKNOWN = 3 };

/* Pseudo-measures after the real ones: the protect check, the state file. */
#define M_PROTECT M_NMEASURES
#define M_STATE (M_NMEASURES + 1)

/* A task as the checks see it: identity, size and score. */
struct check_task {
	int pid;
	uint64_t start;			/* starttime in clock ticks; 0 unknown */
	char comm[STATUS_NAME_MAX + 1];	/* raw bytes */
	size_t comm_len;
	const char *cmdline;		/* raw, NULs as spaces; NULL unread */
	size_t cmdline_len;
	uint64_t mem_kb;		/* rss + swap: what growth tracks */
	double share_pct;		/* rss + swap + page tables, % of the scope's T */
	int64_t points;			/* the badness */
};

/* A memory cgroup with a limit. */
struct check_cgroup {
	char path[CGROUP_PATH_MAX];	/* as in /proc/PID/cgroup, e.g. "/app" */
	uint64_t usage_bytes, limit_bytes;
	bool have_inactive_file;
	uint64_t inactive_file_bytes;	/* memory.stat (total_)inactive_file */
	bool have_victim;
	struct check_task victim;	/* its own top candidate (memcg scope) */
	/* Kills of its tasks since it was made: memory.events oom_kill (v2, its
	 * subtree), memory.oom_control oom_kill (v1, 4.13+). */
	bool have_oom_kills;
	uint64_t oom_kills;
};

/*
 * How close a cgroup is to its limit, for choosing which to watch and
 * export: its working set (usage - inactive file cache) as a share of its
 * limit; 0 without a limit.
 */
double check_cgroup_risk(const struct check_cgroup *cg);

struct check_input {
	const struct snapshot *snap;
	const struct conf *conf;
	uint64_t totalpages_kb;		/* global RAM + swap: base of shares and % growth */
	bool have_victim;
	struct check_task victim;	/* the global top candidate */
	const struct check_task *tasks;	/* the largest candidates, for growth */
	size_t ntasks;
	const struct check_cgroup *cgroups;
	size_t ncgroups;
	const struct check_state *prev;	/* NULL: no usable previous state */
	const char *boot_id;
	uint64_t uptime_ms;		/* CLOCK_BOOTTIME now */
	int64_t wall;
	bool kills_read;		/* the kernel log was read */
	const struct kill_list *kills;	/* kills in records >= the previous kmsg_seq */
	struct kmsg_window window;
	const char *kills_error;	/* why the log could not be read */
	enum task_source source;	/* where the task numbers came from */
};

/* One verdict. */
struct check_item {
	int m;				/* enum measure, or M_PROTECT */
	enum check_status status;
	bool evaluated;			/* false: skipped, msg says why */
	char label[160];		/* "mem_available", "zone 0/Normal", "cgroup /app";
					 * raw: each output escapes it */
	struct buf msg;			/* one line, untrusted parts escaped for plugin
					 * output (escape_plugin) */
	const char *unit;		/* "bytes", "percent", "count", "bytes_per_hour" */
	double value;
	bool have_levels;
	double warn, crit;		/* in the same unit as value; NaN when off */
	double max;			/* perfdata maximum (a zone's managed size); NaN */
};

enum prediction_outcome { PRED_CONFIRMED, PRED_MISSED, PRED_NONE };

/* A kill since the last run, and how it compares with the prediction. */
struct check_kill {
	struct oom_kill_event ev;
	enum prediction_outcome outcome;
	bool have_prediction;
	struct state_prediction predicted;
};

struct check_report {
	enum check_status status;
	struct buf error;		/* set: the run could not be evaluated (UNKNOWN) */
	struct check_item *items;
	size_t n, cap;
	bool new_kills_known;
	uint64_t new_kills;		/* from the vmstat counter: every kill */
	uint64_t new_global_kills;	/* of those, system-wide (new_kills - new_memcg_kills) */
	uint64_t new_memcg_kills;	/* at memory cgroup limits, as the kernel log shows */
	struct check_kill *kills;
	size_t nkills;
	struct buf notes;		/* lines for -v: skipped checks' reasons, the log's state */
	struct check_state next;	/* what to save */
};

void check_evaluate(const struct check_input *in, struct check_report *out);
void check_report_free(struct check_report *r);

const char *check_status_name(enum check_status s);	/* "OK", "WARNING", ... */

/* The name of an item's check: a measure's, "protect" or "state". */
const char *check_item_name(const struct check_item *it);

/*
 * The state could not be saved: the next run cannot count new kills or
 * growth from this one.  Adds a WARNING item (why, escaped, in its
 * message) and raises the status to WARNING at least.
 */
void check_state_unsaved(struct check_report *r, const char *why);

/* "PID (comm)" and a kill's description, the names escaped: for messages and views. */
void check_put_task(struct buf *out, int pid, const char *comm, size_t len);
void check_put_kill(struct buf *out, const struct check_kill *k);

#endif
