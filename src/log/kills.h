/*
 * kills.h: who the kernel's OOM killer killed since a point in the
 * kernel log.  `check` asks "which tasks were killed after record SEQ?"
 * and compares the answer with the victim it predicted.
 *
 * The answer comes from the report parser of `explain` (log/reports.c): a kill
 * is a report's "Killed process" line, in any era's form, with the memory
 * cgroup from the 5.0+ "oom-kill:" summary line or the older memcg block.
 */
#ifndef OOMRISK_LOG_KILLS_H
#define OOMRISK_LOG_KILLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/buf.h"

#define KILL_COMM_MAX 64
#define KILL_MEMCG_MAX 512

struct oom_kill_event {
	uint64_t seq;		/* kernel log record of the kill line */
	int pid;
	char comm[KILL_COMM_MAX];
	size_t comm_len;
	bool memcg;		/* a memory cgroup OOM (its limit was hit) */
	bool have_memcg_path;	/* oom_memcg= from the summary line (5.0+) */
	char memcg_path[KILL_MEMCG_MAX];
	/* The victim's own memory cgroup (task_memcg=, or "Task in X killed" before 5.0). */
	bool have_task_memcg;
	char task_memcg[KILL_MEMCG_MAX];
	/* When: the report's uptime stamp, seconds since boot ([uptime] or kmsg usec). */
	bool have_uptime;
	double uptime_s;
	bool have_total_vm;
	uint64_t anon_rss_kb, file_rss_kb, shmem_rss_kb;
};

struct kill_list {
	struct oom_kill_event *v;
	size_t n, cap;
};

void kills_free(struct kill_list *l);

/* The records a read covered. */
struct kmsg_window {
	bool any;
	uint64_t first_seq, last_seq;
};

/*
 * Parse one kernel log line (any prefix: syslog, "[uptime]", a kmsg
 * record's text) holding "Killed process ...".  Returns true and fills pid,
 * comm and the rss fields; false for any other line.
 */
bool kills_parse_line(const char *line, size_t len, struct oom_kill_event *ev);

/*
 * Parse raw /dev/kmsg records ("PRI,SEQ,USEC,FLAGS;text", one per line;
 * continuation lines starting with a space are skipped) and append every
 * kill in a record with seq >= from_seq to out, with the memcg from the
 * summary record that precedes it.  w gets the first and last seq seen.
 */
void kills_from_kmsg(const char *buf, size_t len, uint64_t from_seq, struct kill_list *out,
    struct kmsg_window *w);

/*
 * A reports_emit_fn (reports.h) that appends the report's kill, if it has
 * one, to the struct kill_list at arg.
 */
struct oom_report;
void kills_collect(const struct oom_report *r, void *arg);

#endif
