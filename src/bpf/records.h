/*
 * records.h: the fixed binary records the BPF iterators write with
 * bpf_seq_write() and the loader reads back.  Shared by the BPF programs
 * (src/bpf/tasks.bpf.c, src/bpf/memcgs.bpf.c) and user space
 * (src/sys/bpf-records.c), so both
 * sides agree on every offset; each record starts with its size and a
 * magic, so the reader can reject a stream from a mismatched build.
 *
 * No strings are formatted in BPF: every number is the kernel's own value
 * (pages, bytes, ids), and the reader does the arithmetic.
 */
#ifndef OOMRISK_BPF_RECORDS_H
#define OOMRISK_BPF_RECORDS_H

#include <linux/types.h>

#define OOMRISK_BPF_TASK_MAGIC	0x6f6d7274u	/* "omrt" */
#define OOMRISK_BPF_MEMCG_MAGIC	0x6f6d7267u	/* "omrg" */
#define OOMRISK_BPF_COMM_LEN	16		/* TASK_COMM_LEN */

/* The MM_* counters, in the order of the kernel's enum (stable since 4.5). */
enum oomrisk_bpf_counter {
	OOMRISK_MM_FILEPAGES,
	OOMRISK_MM_ANONPAGES,
	OOMRISK_MM_SWAPENTS,
	OOMRISK_MM_SHMEMPAGES,
	OOMRISK_NR_MM_COUNTERS,
};

/* struct oomrisk_bpf_task.flags */
enum {
	OOMRISK_BPF_F_HAS_MM = 1u << 0,		/* some thread has an mm (find_lock_task_mm) */
	OOMRISK_BPF_F_MM_FROM_THREAD = 1u << 1,	/* ... and it is not the leader (zombie leader) */
	OOMRISK_BPF_F_IN_VFORK = 1u << 2,	/* that thread is a vfork child sharing its parent's mm */
	OOMRISK_BPF_F_MM_OOM_SKIP = 1u << 3,	/* mm has MMF_OOM_SKIP (reaped or past exit_mmap) */
	OOMRISK_BPF_F_OOM_ORIGIN = 1u << 4,	/* signal->oom_flag_origin (swapoff, KSM unmerge) */
	OOMRISK_BPF_F_OOM_VICTIM = 1u << 5,	/* signal->oom_mm set: already an OOM victim */
	OOMRISK_BPF_F_RSS_PERCPU = 1u << 6,	/* counters read as percpu_counter .count (6.2+) */
	OOMRISK_BPF_F_RSS_ATOMIC = 1u << 7,	/* counters read as atomic_long_t (before 6.2) */
	OOMRISK_BPF_F_WALK_TRUNCATED = 1u << 8,	/* thread list longer than the walk bound */
	OOMRISK_BPF_F_NS_PID = 1u << 9,		/* ns_pid is valid (task visible in the reader's ns) */
	OOMRISK_BPF_F_MEMCG = 1u << 10,		/* memcg_id is valid (memory controller present) */
	OOMRISK_BPF_F_CAP_SYS_ADMIN = 1u << 11,	/* CAP_SYS_ADMIN in the leader's effective set */
	OOMRISK_BPF_F_NS_PPID = 1u << 12,	/* ns_ppid is valid (parent visible in the reader's ns) */
};

/*
 * One thread group, as oom_badness() sees it.  136 bytes, naturally
 * aligned, no padding.  Counters are pages, already clamped at 0 the way
 * get_mm_counter() clamps them.
 */
struct oomrisk_bpf_task {
	__u32 size;		/* sizeof(struct oomrisk_bpf_task) */
	__u32 magic;		/* OOMRISK_BPF_TASK_MAGIC */
	__u64 counters[OOMRISK_NR_MM_COUNTERS];
	__u64 pgtables_bytes;	/* mm_pgtables_bytes() */
	__u64 total_vm;		/* pages (VmSize) */
	__u64 start_boottime;	/* ns after boot, of the group leader */
	__u64 cgroup_id;	/* default-hierarchy (v2) cgroup, kernfs id = inode (want_memcg) */
	__u64 memcg_id;		/* cgroup holding the task's memory css, v1 or v2 (want_memcg) */
	__s32 pid;		/* tgid in the initial pid namespace */
	__s32 ns_pid;		/* tgid in the reader's pid namespace (F_NS_PID) */
	__s32 mm_tid;		/* the thread whose mm was read, initial namespace */
	__u32 task_flags;	/* the leader's PF_* flags */
	__u32 euid;		/* effective uid, initial user namespace */
	__u32 flags;		/* OOMRISK_BPF_F_* */
	__s32 nr_threads;	/* signal->nr_threads */
	__s16 oom_score_adj;
	__s16 oom_score_adj_min;
	char comm[OOMRISK_BPF_COMM_LEN];	/* raw bytes, NUL-padded */
	/*
	 * The parent's thread group id, as /proc/PID/status PPid gives it
	 * (task_tgid_nr_ns(real_parent)): in the initial namespace, and in
	 * the reader's (F_NS_PPID; 0 for init and kthreadd, whose parent is
	 * the idle task).
	 */
	__s32 ppid;
	__s32 ns_ppid;
};

/* struct oomrisk_bpf_memcg.flags */
enum {
	OOMRISK_BPF_MEMCG_F_OOM_GROUP = 1u << 0,	/* memory.oom.group = 1 (v2) */
	OOMRISK_BPF_MEMCG_F_SWAPPINESS = 1u << 1,	/* swappiness is valid */
	OOMRISK_BPF_MEMCG_F_ROOT = 1u << 2,		/* the hierarchy's root */
};

/*
 * One memory cgroup (a cgroup with its own memory css).  64 bytes.  Page
 * counters are pages; an unlimited max reads as PAGE_COUNTER_MAX
 * (LONG_MAX / PAGE_SIZE).  swap_max is the swap counter's max on v2 and
 * the memory+swap (memsw) counter's on v1: the kernel keeps both in one
 * union, and mem_cgroup_get_max() interprets it by hierarchy.
 */
struct oomrisk_bpf_memcg {
	__u32 size;		/* sizeof(struct oomrisk_bpf_memcg) */
	__u32 magic;		/* OOMRISK_BPF_MEMCG_MAGIC */
	__u64 cgroup_id;	/* kernfs id = the directory's inode number */
	__u64 parent_id;	/* 0 for the root */
	__u64 usage;		/* memory page_counter usage, pages */
	__u64 max;		/* memory.max / limit_in_bytes, pages */
	__u64 swap_usage;	/* swap (v2) or memsw (v1) usage, pages */
	__u64 swap_max;		/* swap.max (v2) or memsw limit (v1), pages */
	__s32 level;		/* depth below the hierarchy's root */
	__u16 flags;		/* OOMRISK_BPF_MEMCG_F_* */
	__s16 swappiness;
};

#endif
