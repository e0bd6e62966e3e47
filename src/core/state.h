/*
 * state.h: what `check` remembers between runs: the oom_kill counter and
 * the kernel log position (new kills), a baseline of the largest tasks
 * (growth rates), the victim each run predicted and how often the
 * prediction came true.  Pure: text in, struct out, and back; the file is
 * read and written atomically by sys/statefile.c.
 *
 * The text is line-based and ends with a checksum of everything before it,
 * so a damaged or truncated file is recognised and rebuilt, never trusted:
 *
 *   oomrisk-state 1
 *   boot_id 0f5c3e2a-3d1b-4c55-9a8e-5b1f0e6d7c21
 *   uptime_ms 8123456
 *   wall 1763800000
 *   oom_kill 35
 *   kmsg_seq 10234
 *   predictions 3 1 0
 *   baseline_ms 8123456
 *   task 4410 20612 65280
 *   predict - 4410 707974686f6e33
 *   end 9c1d0a3b5e7f2468
 */
#ifndef OOMRISK_CORE_STATE_H
#define OOMRISK_CORE_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/buf.h"

/* How every version of the file starts: a file without it is not ours. */
#define STATE_HEADER "oomrisk-state "
#define STATE_MAX_TASKS 64
#define STATE_MAX_PREDICTIONS 32
#define STATE_SCOPE_MAX 512	/* a memory cgroup path, "" for the global scope */
#define STATE_COMM_MAX 64

/* A task's size at the baseline time: pid + start time identify it. */
struct state_task {
	int pid;
	uint64_t start;		/* /proc/PID/stat starttime, clock ticks after boot */
	uint64_t mem_kb;	/* rss + swap */
};

/* The victim predicted for one scope (global, or a memory cgroup). */
struct state_prediction {
	char scope[STATE_SCOPE_MAX];
	int pid;
	char comm[STATE_COMM_MAX];
	size_t comm_len;
};

struct check_state {
	char boot_id[40];	/* /proc/sys/kernel/random/boot_id */
	uint64_t uptime_ms;	/* CLOCK_BOOTTIME at the run */
	int64_t wall;		/* time(NULL) at the run */
	bool have_oom_kill;
	uint64_t oom_kill;	/* /proc/vmstat oom_kill then */
	bool have_kmsg_seq;
	uint64_t kmsg_seq;	/* the next kernel log record to read */
	uint64_t confirmed, missed, unpredicted;
	uint64_t baseline_ms;	/* uptime_ms of the task baseline */
	struct state_task tasks[STATE_MAX_TASKS];
	size_t ntasks;
	struct state_prediction pred[STATE_MAX_PREDICTIONS];
	size_t npred;
};

/*
 * Parse state text.  Returns 0, or -1 with *lineno (0 when the whole file
 * is at fault, e.g. a checksum mismatch) and a static reason in *why.
 */
int state_parse(const char *buf, size_t len, struct check_state *st, unsigned *lineno,
    const char **why);

/* Append the text form (with its checksum). */
void state_format(const struct check_state *st, struct buf *out);

/* The prediction for a scope ("" = global), or NULL. */
const struct state_prediction *state_prediction_for(const struct check_state *st,
    const char *scope);

/* What a run found of the previous state file. */
enum statefile_status {
	STATEFILE_OK,
	STATEFILE_MISSING,	/* first run, or removed */
	STATEFILE_CORRUPT,	/* unreadable text: reported, then rebuilt */
};

#endif
