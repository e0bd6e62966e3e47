/*
 * sampler.h: the one interface between oomrisk and the live system's task
 * list.  The global scan reads /proc directly (getdents64 into a kept
 * buffer: no allocation per refresh, one file per task); a cgroup's pids
 * are read through libproc2 (procps-ng); what libproc2 does not provide
 * (VmPTE, the status breakdown we need in one read, cgroup files) is read
 * by the small readers here.  Code above this header sees
 * plain structs and never opens /proc itself.
 */
#ifndef OOMRISK_SYS_SAMPLER_H
#define OOMRISK_SYS_SAMPLER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/task.h"

struct sampler;
struct bpf_sampler;

/*
 * Open a proc root: "/proc" when proc_root is NULL, or a saved tree laid
 * out like /proc (tests/fixtures/procroot; mount points named in its
 * self/mountinfo are looked for under its parent directory, so a capture
 * holds ROOT/proc and ROOT/sys/fs/cgroup).  NULL with *err set (a static
 * string) when it cannot be used.
 */
struct sampler *sampler_new(const char *proc_root, const char **err);
void sampler_free(struct sampler *s);

/*
 * Read another saved tree from now on (top --replay); not for the live
 * /proc.  0, or -1 with *err set (the old root stays).
 */
int sampler_reroot(struct sampler *s, const char *proc_root, const char **err);

/* The proc root's path, as given ("/proc" by default). */
const char *sampler_proc_root(const struct sampler *s);
/* Is it the live /proc (not a saved tree)? */
bool sampler_is_live(const struct sampler *s);
/* The directory mount points of the proc root's mountinfo are under: "" when live. */
const char *sampler_fs_prefix(const struct sampler *s);
/* Read a file of the proc root (e.g. "self/mountinfo") into b: its length or -errno. */
long sampler_read(struct sampler *s, const char *path, struct buf *b);
/* The same for a saved regular file (file_read_regular(): bounded, no link, no FIFO). */
long sampler_read_regular(struct sampler *s, const char *path, size_t limit, struct buf *b);

/*
 * The BPF task source to list tasks from instead of /proc (attached by
 * sys/backend.h; the sampler frees it), or NULL for /proc.
 */
void sampler_set_bpf(struct sampler *s, struct bpf_sampler *b);
struct bpf_sampler *sampler_bpf(const struct sampler *s);

/* Read meminfo, page size, release.  0, or -1 with a message in err. */
int sampler_system(struct sampler *s, struct system_mem *out, char *err, size_t errlen);

/*
 * Enumerate every thread group (one getdents pass over /proc; no status
 * read; no allocation but the list's own growth) and append it to out.
 * With kernel_scores, each task's oom_score is read too (one small file);
 * without, only the pid is known.  sampler_task_detail() reads
 * oom_score_adj for the tasks it details.
 */
int sampler_scan(struct sampler *s, struct task_refs *out, bool kernel_scores);

/* The same for the given pids only (e.g. a cgroup's members). */
int sampler_scan_pids(struct sampler *s, const int *pids, size_t n, struct task_list *out);

/*
 * Read status (and oom_score_adj when the scan did not) for one task and
 * fill the memory breakdown and identity.  False when the task vanished
 * (the caller skips it silently) or could not be read; t->unreadable then
 * tells a denied read (hidepid) from a task that exited.
 */
bool sampler_task_detail(struct sampler *s, const struct system_mem *sys, struct task *t);

/* Read the kernel's /proc/PID/oom_score into t->kernel_score (-1 if gone). */
void sampler_kernel_score(struct sampler *s, struct task *t);

/*
 * The task's start time (clock ticks after boot, /proc/PID/stat field 22),
 * which with the pid identifies it across runs.  False if it is gone.
 */
bool sampler_starttime(struct sampler *s, int pid, uint64_t *ticks);

/* Read the command line into l->strings (kernel threads get "[comm]"). */
void sampler_cmdline(struct sampler *s, struct task_list *l, struct task *t);

/*
 * One process as it was when pinned: its pid, its start time and, where
 * the kernel has pidfd_open (5.3+), a pidfd, which names that process and
 * no other when its pid is reused.
 */
struct task_pin {
	int pid;
	uint64_t start;		/* /proc/PID/stat starttime, clock ticks */
	int pidfd;		/* -1: none */
};

/* Pin the process pid names now.  0, or -ESRCH when there is none. */
int sampler_pin(struct sampler *s, int pid, struct task_pin *pin);
void sampler_unpin(struct task_pin *pin);

/*
 * Write the pinned process's oom_score_adj (the kernel's own knob) if its
 * pid still names it.  0, or -errno: -ESTALE when the pid now names
 * another process (the start time differs), -ESRCH when the process has
 * exited, -EACCES when lowering it below the task's minimum needs
 * CAP_SYS_RESOURCE.
 */
int sampler_set_adj(struct sampler *s, const struct task_pin *pin, int adj);

/* This process's pid when the proc root is the live /proc, else -1. */
int sampler_self_pid(const struct sampler *s);

/* Does this process have the capability (CAP_* bit number) in its effective set? */
bool sampler_self_has_cap(struct sampler *s, int bit);

/* Our own resident memory (always the live /proc/self) (VmRSS, kB), or 0 when unreadable. */
uint64_t sampler_self_rss_kb(struct sampler *s);

#endif
