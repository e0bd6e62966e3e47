/*
 * task.h: the model's view of processes: one thread group as the kernel
 * scores it, the list of a sample, and the system-wide numbers the scorer
 * needs.  Filled by the sampler (sys/sampler.h) or, for tests, by hand.
 */
#ifndef OOMRISK_CORE_TASK_H
#define OOMRISK_CORE_TASK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/badness.h"
#include "lib/buf.h"
#include "proc/meminfo.h"
#include "proc/mountinfo.h"
#include "proc/status.h"

/* One thread group, as the kernel scores it. */
struct task {
	int pid;
	int ppid;		/* the parent's pid (status PPid); 0: none, or outside our namespace */
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
	struct oom_task_facts facts;	/* what eligibility is decided on */
	enum oom_ineligible ineligible;	/* oom_task_eligible(&facts) */
	/*
	 * Where the kernel's OOM scan meets the task, which decides exact
	 * ties (core/rank.c).  scan_key orders the cgroups of a memcg walk
	 * and the tasks within one cgroup where cgroupfs shows it (0 for
	 * all in the global scope); equal keys fall back to the start time
	 * (fork order), read only for tasks that tie, and then the pid.
	 */
	uint64_t scan_key;
	uint64_t start_ticks;	/* /proc/PID/stat starttime */
	bool start_known;
	bool self;		/* this oomrisk process (never named as the victim) */
	int32_t cgroup;		/* its memory cgroup in the ranking's table, -1 unread */
};

#define TASK_NO_CMDLINE ((size_t)-1)

/* Where a sample's task numbers came from. */
enum task_source {
	TASK_SOURCE_PROC,	/* /proc/PID/status and oom_score_adj (sys/sampler.h) */
	TASK_SOURCE_BPF,	/* the BPF task iterator: the OOM killer's own counters */
};

/* "proc" or "bpf", as --backend and JSON's "backend" name them. */
const char *task_source_name(enum task_source s);

/*
 * Tasks of one sample.  Command lines live in one string arena, so that a
 * refresh loop that clears and refills the list allocates nothing once its
 * buffers have grown to size.
 */
struct task_list {
	struct task *v;
	size_t n, cap;
	struct buf strings;
	enum task_source source;	/* set by the gather step */
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

/* A task in the list, zeroed with the "unknown" markers set. */
struct task *task_list_add(struct task_list *l);

/*
 * A task as the global /proc scan lists it, before anything else is read:
 * 8 bytes where a struct task takes 200, so that 10,000 tasks can be
 * listed to show the 40 that matter without holding 10,000 of those.
 */
struct task_ref {
	int pid;
	int kernel_score;	/* /proc/PID/oom_score, -1 unread */
};

struct task_refs {
	struct task_ref *v;
	size_t n, cap;
};

struct task_ref *task_refs_add(struct task_refs *l);
void task_refs_free(struct task_refs *l);

#endif
