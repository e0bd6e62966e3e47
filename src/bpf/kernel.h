/*
 * kernel.h: the few kernel types the iterators read, written by hand for
 * CO-RE instead of a vmlinux.h generated on the build machine.
 *
 * Each struct lists only the fields we read.  preserve_access_index makes
 * clang record every access by field name; at load time libbpf looks the
 * names up in the running kernel's BTF (/sys/kernel/btf/vmlinux) and
 * patches the offsets.  So the object built here is correct on any kernel
 * whose BTF has these fields, whatever the build machine runs, and a field
 * that moved between versions is handled by a field-existence test in the
 * program (bpf_core_field_exists), not by a version number.
 *
 * Types whose layout changed are declared once per layout as "flavours":
 * libbpf ignores a name's "___suffix" when matching, so
 * struct mm_struct___rss_percpu and struct mm_struct___rss_atomic both
 * match the kernel's struct mm_struct, and only the one whose fields
 * exist with the same shape is used.
 */
#ifndef OOMRISK_BPF_KERNEL_H
#define OOMRISK_BPF_KERNEL_H

#include <linux/types.h>

#define KERNEL_TYPE __attribute__((preserve_access_index))

struct list_head {
	struct list_head *next, *prev;
} KERNEL_TYPE;

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	long counter;
} atomic_long_t;

typedef struct {
	unsigned int val;
} kuid_t;

struct seq_file;
struct completion;
struct pid_namespace;

/* 6.2+ (f1a7941243c1): each rss counter is a percpu_counter. */
struct percpu_counter {
	__s64 count;		/* what percpu_counter_read() returns */
} KERNEL_TYPE;

/* Before 6.2: one atomic per counter (per-thread caches fold in every 64 events). */
struct mm_rss_stat {
	atomic_long_t count[4];
} KERNEL_TYPE;

/* Fields of mm_struct whose shape has not changed since 4.15. */
struct mm_struct {
	atomic_long_t pgtables_bytes;
	unsigned long total_vm;
} KERNEL_TYPE;

struct mm_struct___rss_percpu {
	struct percpu_counter rss_stat[4];
} KERNEL_TYPE;

struct mm_struct___rss_atomic {
	struct mm_rss_stat rss_stat;
} KERNEL_TYPE;

/* mm->flags: one unsigned long up to 6.17, a bitmap struct (mm_flags_t) since. */
struct mm_struct___flags_word {
	unsigned long flags;
} KERNEL_TYPE;

typedef struct {
	unsigned long __mm_flags[1];
} mm_flags_t___local;

struct mm_struct___flags_bitmap {
	mm_flags_t___local flags;
} KERNEL_TYPE;

struct signal_struct {
	struct list_head thread_head;
	int nr_threads;
	bool oom_flag_origin;
	short oom_score_adj;
	short oom_score_adj_min;
	struct mm_struct *oom_mm;
} KERNEL_TYPE;

struct upid {
	int nr;
	struct pid_namespace *ns;
} KERNEL_TYPE;

struct pid {
	unsigned int level;
	struct upid numbers[1];	/* really [level + 1]; indexed by address */
} KERNEL_TYPE;

struct kernfs_node {
	__u64 id;		/* 5.5+: the inode number in cgroupfs */
} KERNEL_TYPE;

struct cgroup;

struct cgroup_subsys_state {
	struct cgroup *cgroup;
	struct cgroup_subsys_state *parent;
} KERNEL_TYPE;

struct cgroup {
	struct cgroup_subsys_state self;
	int level;
	struct kernfs_node *kn;
	struct cgroup_subsys_state *subsys[16];
} KERNEL_TYPE;

struct css_set {
	struct cgroup_subsys_state *subsys[16];
	struct cgroup *dfl_cgrp;
} KERNEL_TYPE;

/* Named enum, so its value is relocated (memory_cgrp_id varies with config). */
enum cgroup_subsys_id {
	memory_cgrp_id = 4,
};

struct page_counter {
	atomic_long_t usage;
	unsigned long max;
} KERNEL_TYPE;

struct mem_cgroup {
	struct cgroup_subsys_state css;
	struct page_counter memory;
	union {
		struct page_counter swap;	/* v2 */
		struct page_counter memsw;	/* v1: memory + swap */
	};
	bool oom_group;
	int swappiness;
} KERNEL_TYPE;

/* Two __u32 before 6.3, one __u64 since: only its offset is used. */
typedef struct {
	__u32 cap[2];
} kernel_cap_t;

struct cred {
	kuid_t euid;
	kernel_cap_t cap_effective;
} KERNEL_TYPE;

/* 6.3+ (f122a08b197d): kernel_cap_t is one __u64. */
typedef struct {
	__u64 val;
} kernel_cap_t___u64;

struct cred___cap_u64 {
	kernel_cap_t___u64 cap_effective;
} KERNEL_TYPE;

struct task_struct {
	unsigned int flags;
	struct mm_struct *mm;
	int pid;
	int tgid;
	struct task_struct *real_parent;
	struct task_struct *group_leader;
	struct pid *thread_pid;
	struct list_head thread_node;
	struct completion *vfork_done;
	__u64 start_boottime;
	const struct cred *cred;
	char comm[16];
	struct signal_struct *signal;
	struct css_set *cgroups;
} KERNEL_TYPE;

/* Iterator contexts (kernel/bpf/task_iter.c, kernel/bpf/cgroup_iter.c). */
struct bpf_iter_meta {
	struct seq_file *seq;
	__u64 session_id;
	__u64 seq_num;
} KERNEL_TYPE;

struct bpf_iter__task {
	struct bpf_iter_meta *meta;
	struct task_struct *task;
} KERNEL_TYPE;

struct bpf_iter__cgroup {
	struct bpf_iter_meta *meta;
	struct cgroup *cgroup;
} KERNEL_TYPE;

#define PF_KTHREAD	0x00200000	/* include/linux/sched.h, unchanged since 2.6 */
#define CAP_SYS_ADMIN	21		/* include/uapi/linux/capability.h */
#define MMF_OOM_SKIP	21		/* include/linux/mm_types.h (sched/coredump.h before 6.9) */

#endif
