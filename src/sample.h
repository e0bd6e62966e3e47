/*
 * sample.h: the one interface between oomrisk and the live system's task
 * list.  The global scan reads /proc directly (getdents64 into a kept
 * buffer: no allocation per refresh, one file per task); a cgroup's pids
 * are read through libproc2 (procps-ng); what libproc2 does not provide
 * (VmPTE, the status breakdown we need in one read, cgroup files) is read
 * by the small readers here.  Code above this header sees
 * plain structs and never opens /proc itself.
 */
#ifndef OOMRISK_SAMPLE_H
#define OOMRISK_SAMPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "badness.h"
#include "buf.h"
#include "meminfo.h"
#include "mountinfo.h"
#include "status.h"

/* One thread group, as the kernel scores it. */
struct task {
	int pid;
	int adj;		/* oom_score_adj */
	int kernel_score;	/* /proc/PID/oom_score as read, -1 if unread */
	bool adj_known;		/* adj was read */
	bool detailed;		/* the status fields below were read */
	bool unreadable;	/* listed, but reading it was denied (hidepid) */
	int64_t uid;		/* effective uid, -1 unknown */
	char comm[STATUS_NAME_MAX + 1];	/* raw bytes */
	size_t comm_len;
	size_t cmdline_off;	/* into task_list.strings; TASK_NO_CMDLINE if unread */
	size_t cmdline_len;
	uint64_t rss_anon_kb, rss_file_kb, rss_shmem_kb, rss_kb;
	uint64_t swap_kb, pgtables_kb, vm_size_kb;
	bool rss_split;		/* RssAnon/RssFile/RssShmem were present */
	bool cap_sys_admin;
	enum oom_ineligible ineligible;
};

#define TASK_NO_CMDLINE ((size_t)-1)

/*
 * Tasks of one sample.  Command lines live in one string arena, so that a
 * refresh loop that clears and refills the list allocates nothing once its
 * buffers have grown to size.
 */
struct task_list {
	struct task *v;
	size_t n, cap;
	struct buf strings;
};

void task_list_clear(struct task_list *l);	/* keeps the memory */
void task_list_free(struct task_list *l);
/* The command line (raw bytes, NULs turned into spaces), or NULL. */
const char *task_cmdline(const struct task_list *l, const struct task *t);

/* System-wide numbers the scorer needs. */
struct system_mem {
	long page_size;		/* bytes, from sysconf */
	struct meminfo mi;
	uint64_t totalpages;	/* (MemTotal + SwapTotal) in pages */
	char release[65];	/* uname -r */
	bool host_pid_ns;	/* /proc shows the initial pid namespace */
	/*
	 * /proc mounted with hidepid and we are not exempt (no CAP_SYS_PTRACE,
	 * not in its gid= group): other users' tasks are unreadable
	 * (noaccess) or not even listed (invisible, ptraceable).
	 */
	enum proc_hidepid proc_hidepid;
	bool proc_restricted;
};

struct sampler;

/* NULL with *err set (a static string) when /proc cannot be used. */
struct sampler *sampler_new(const char **err);
void sampler_free(struct sampler *s);

/* Read meminfo, page size, release.  0, or -1 with a message in err. */
int sample_system(struct sampler *s, struct system_mem *out, char *err, size_t errlen);

/*
 * Enumerate every thread group (one getdents pass over /proc; no status
 * read; no allocation but the list's own growth) and append it to out.
 * With kernel_scores, each task's oom_score is read too (one small file);
 * without, only the pid is known.  sample_task_detail() reads
 * oom_score_adj for the tasks it details.
 */
int sample_scan(struct sampler *s, struct task_list *out, bool kernel_scores);

/* The same for the given pids only (e.g. a cgroup's members). */
int sample_scan_pids(struct sampler *s, const int *pids, size_t n, struct task_list *out);

/*
 * Read status (and oom_score_adj when the scan did not) for one task and
 * fill the memory breakdown and identity.  False when the task vanished
 * (the caller skips it silently) or could not be read; t->unreadable then
 * tells a denied read (hidepid) from a task that exited.
 */
bool sample_task_detail(struct sampler *s, const struct system_mem *sys, struct task *t);

/* Read the kernel's /proc/PID/oom_score into t->kernel_score (-1 if gone). */
void sample_task_kernel_score(struct sampler *s, struct task *t);

/*
 * The task's start time (clock ticks after boot, /proc/PID/stat field 22),
 * which with the pid identifies it across runs.  False if it is gone.
 */
bool sample_task_starttime(struct sampler *s, int pid, uint64_t *ticks);

/* Read the command line into l->strings (kernel threads get "[comm]"). */
void sample_task_cmdline(struct sampler *s, struct task_list *l, struct task *t);

/*
 * Write a task's oom_score_adj (the kernel's own knob).  0, or -errno:
 * -EACCES when lowering it below the task's minimum needs
 * CAP_SYS_RESOURCE, -ESRCH/-ENOENT when the task is gone.
 */
int sample_set_adj(struct sampler *s, int pid, int adj);

/* Our own resident memory (VmRSS, kB), or 0 when unreadable. */
uint64_t sample_self_rss_kb(struct sampler *s);

/* User name for a uid, cached; the number as text when unknown. */
const char *sample_user_name(struct sampler *s, int64_t uid);

#endif
