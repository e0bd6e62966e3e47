/*
 * bpf-records.h: the BPF iterators' binary records (src/bpf/records.h)
 * decoded into plain structs, and a task's record turned into the core's
 * struct task (core/task.h), with eligibility decided by
 * oom_task_eligible() like every other task.  Pure: no BPF, no I/O, so
 * it is built and unit-tested whether or not the BPF backend is.
 */
#ifndef OOMRISK_SYS_BPF_RECORDS_H
#define OOMRISK_SYS_BPF_RECORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/memcg.h"
#include "core/task.h"

/* How the kernel keeps its rss counters (what the iterator found). */
enum bpf_rss_layout {
	BPF_RSS_UNKNOWN = 0,
	BPF_RSS_PERCPU,		/* 6.2+: percpu_counter, .count read */
	BPF_RSS_ATOMIC,		/* before 6.2: atomic_long_t */
};

/* One thread group as the OOM killer sees it; memory in pages. */
struct bpf_task {
	int pid;		/* tgid in the initial pid namespace */
	int ns_pid;		/* tgid in the reader's pid namespace, 0 if not visible there */
	int ppid;		/* the parent's tgid (initial namespace); 0 for init, kthreadd */
	int ns_ppid;		/* the same in the reader's namespace, 0 if not visible there */
	int mm_tid;		/* thread whose mm was read (initial namespace), 0 if none */
	int adj, adj_min;	/* oom_score_adj, oom_score_adj_min */
	int nr_threads;
	uint32_t uid;		/* effective uid, initial user namespace */
	uint32_t task_flags;	/* PF_* of the leader */
	bool kthread;		/* PF_KTHREAD */
	bool cap_sys_admin;	/* in the leader's effective set */
	bool has_mm;		/* some thread has an mm */
	bool mm_from_thread;	/* the leader had none (zombie leader) */
	bool in_vfork, oom_skip;	/* what makes oom_badness() return LONG_MIN */
	bool oom_origin, oom_victim;	/* what oom_evaluate_task() looks at */
	bool walk_truncated;	/* gave up looking for a thread with an mm */
	enum bpf_rss_layout layout;
	uint64_t rss_file, rss_anon, rss_shmem, swap;	/* get_mm_counter() */
	uint64_t pgtables_bytes;
	uint64_t total_vm;	/* pages */
	uint64_t start_boottime_ns;
	uint64_t cgroup_id;	/* default-hierarchy cgroup (inode of its directory), 0 unread */
	uint64_t memcg_id;	/* cgroup of the task's memory controller, 0 if none or unread */
	char comm[17];		/* raw bytes, NUL-terminated */
	size_t comm_len;
};

/* One memory cgroup; page counters in pages. */
struct bpf_memcg {
	uint64_t cgroup_id, parent_id;	/* inode numbers in cgroupfs */
	int level;
	bool root;
	bool oom_group;
	bool swappiness_known;
	int swappiness;
	uint64_t usage, max;
	uint64_t swap_usage, swap_max;	/* swap (v2) or memory+swap (v1) counter */
};

/* Wire sizes, for callers that size buffers. */
extern const size_t bpf_task_record_size, bpf_memcg_record_size;

/*
 * Decode one record at the start of buf.  Returns the bytes it took, 0
 * when buf holds only part of a record (read more), -1 when the bytes are
 * not a record of this build (wrong size or magic: the stream is unusable).
 */
long bpf_task_decode(const void *buf, size_t len, struct bpf_task *out);
long bpf_memcg_decode(const void *buf, size_t len, struct bpf_memcg *out);

/*
 * Fill a sampled task (already added to its list: task_list_add()) from a
 * record, as sampler_task_detail() fills one from /proc: the pid (and
 * the parent's) is the one our pid namespace gives it (ns_pid, ns_ppid), memory in kB (pages times the
 * page size, so the scorer's kB-to-pages division gives the kernel's
 * pages back; page tables as pgtables_bytes >> 10, like VmPTE), and the
 * facts eligibility is decided on: a kernel thread, the initial
 * namespace's pid 1, no thread with an mm, oom_score_adj, and what makes
 * the kernel skip a task (in vfork, MMF_OOM_SKIP).  Returns false when
 * the record cannot stand for the task (the thread walk gave up before
 * finding an mm): the caller then reads it from /proc.
 */
bool bpf_task_fill(const struct bpf_task *b, long page_size, struct task *t);

/*
 * A memory cgroup's page counters as core limits, in place: limited,
 * limit_bytes, swap_limited, swap_bytes, usage_bytes from the record;
 * version, memsw_accounting and swappiness are left as read from the
 * cgroup's files.  PAGE_COUNTER_MAX (LONG_MAX / page size) is "max".
 */
void bpf_memcg_limits(const struct bpf_memcg *m, long page_size, struct memcg_limits *l);

const char *bpf_rss_layout_name(enum bpf_rss_layout l);

#endif
