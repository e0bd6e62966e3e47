// SPDX-License-Identifier: GPL-2.0-only
/*
 * tasks.bpf.c: a BPF task iterator that reads what the OOM killer reads.
 *
 * iter/task writes one struct oomrisk_bpf_task per thread group: the
 * inputs of oom_badness() (mm/oom_kill.c) taken the way the kernel takes
 * them, so a score computed from them equals /proc/PID/oom_score:
 *  - the thread whose mm counts is the one find_lock_task_mm() picks: the
 *    first thread in signal->thread_head with an mm, so a zombie leader
 *    whose other threads still run is scored by a live thread's mm;
 *  - rss and swap are get_mm_counter(): on 6.2+ each percpu_counter's
 *    .count, without the per-CPU deltas (percpu_counter_read_positive),
 *    before 6.2 the atomic counter; negative values read as 0 in both;
 *  - page tables are mm->pgtables_bytes; MMF_OOM_SKIP and in_vfork() are
 *    tested on that thread, as oom_badness() does.
 * The task iterator walks the reader's pid namespace, so every task it
 * visits has a pid there (ns_pid), and only those.
 *
 * Cost.  Loading is mostly the verifier, and what it spends most on
 * (6.18, perf) is a lookup by name in the kernel's BTF (linear, some
 * 100,000 types) for every pointer loaded straight from a trusted
 * pointer, on every path it explores.  A scan is mostly cache misses,
 * and a bpf_probe_read_kernel() call costs more than a direct load.  So:
 * the few pointers every task needs (signal, mm, cred, real_parent) are
 * loaded directly and the scalars behind them too; the rare paths (another
 * thread's mm, the pid in a child namespace, the memory cgroup) use
 * BPF_CORE_READ; the thread walk is short (each step is verified).
 * Measured at 10,000 tasks on 6.18: 11-13 ms of verification, 9-10 ms of
 * CPU per scan (bench/RESULTS.md).  The memory cgroup (four pointers
 * away) is read only when the loader asks for it (want_memcg).
 *
 * Output is binary (bpf_seq_write); nothing is formatted here.  Licence:
 * the helpers used (bpf_probe_read_kernel, bpf_seq_write) are GPL-only.
 */
#include <stdbool.h>
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "kernel.h"
#include "records.h"

char LICENSE[] SEC("license") = "GPL";

/*
 * find_lock_task_mm() walks every thread.  Threads leave the list when
 * they are released, and only a group leader lingers as a zombie, so the
 * first thread after a leader without an mm nearly always has one; after
 * this many without, the record says F_WALK_TRUNCATED and the loader
 * reads that task from /proc instead of guessing.
 */
#define THREAD_WALK_MAX 8

/* Set by the loader before a scan: also read each task's memory cgroup. */
__u32 want_memcg;

/* The reader's pid namespace, looked up once per iterator session. */
static __u64 reader_session = ~0ULL;
static __u32 reader_level;
static struct pid_namespace *reader_ns;

/* Read the upid at numbers[level] of a struct pid (a flexible array). */
static __always_inline int
read_upid(struct pid *pid, __u32 level, struct upid *out)
{
	const char *base = (const char *)pid + bpf_core_field_offset(struct pid, numbers);

	return bpf_probe_read_kernel(out, sizeof(*out),
	    base + (__u64)level * bpf_core_type_size(struct upid));
}

/* The calling task's (the reader's) pid namespace and its level. */
static __always_inline void
reader_pidns(struct bpf_iter_meta *meta)
{
	struct task_struct *self;
	struct pid *pid;
	struct upid up;
	__u64 session = meta->session_id;

	if (session == reader_session)
		return;
	reader_session = session;
	reader_ns = NULL;
	reader_level = 0;
	self = (struct task_struct *)bpf_get_current_task();
	pid = BPF_CORE_READ(self, thread_pid);
	if (pid == NULL)
		return;
	reader_level = BPF_CORE_READ(pid, level);
	if (read_upid(pid, reader_level, &up) == 0)
		reader_ns = up.ns;
}

/*
 * pid_nr_ns(pid, reader's ns): the number the reader's namespace gives
 * this pid, valid only if the pid is at least as deep and its upid at the
 * reader's level belongs to the reader's namespace.  In the initial
 * namespace (level 0) that is the tgid itself.
 */
static __always_inline bool
ns_pid_of(struct task_struct *task, int tgid, int *nr)
{
	struct pid *pid;
	struct upid up;

	if (reader_level == 0) {
		*nr = tgid;
		return true;
	}
	pid = BPF_CORE_READ(task, thread_pid);
	if (pid == NULL || reader_ns == NULL)
		return false;
	if (BPF_CORE_READ(pid, level) < reader_level)
		return false;
	if (read_upid(pid, reader_level, &up) != 0 || up.ns != reader_ns)
		return false;
	*nr = up.nr;
	return true;
}

/* get_mm_counter(): negative values (per-CPU residue, split caches) read as 0. */
static __always_inline __u64
positive(__s64 v)
{
	return v > 0 ? (__u64)v : 0;
}

/*
 * READ(direct, p, f): p->f as a plain load when p came from a BTF-typed
 * pointer chain (the verifier turns it into a fault-safe load that costs
 * next to nothing), through bpf_probe_read_kernel() when p was itself
 * read with a probe (a walked thread's mm is a plain number to the
 * verifier).  direct is a constant in every inlined caller, so only one
 * branch is compiled.
 */
#define READ(direct, p, ...) ((direct) ? (p)->__VA_ARGS__ : BPF_CORE_READ(p, __VA_ARGS__))

/*
 * get_mm_counter() for every counter, in whichever layout the kernel has.
 * The indexes are constants on purpose: CO-RE relocates a constant array
 * index with the kernel's element size (a percpu_counter is far bigger
 * than our one-field declaration); a variable index would be scaled by
 * the local size.
 */
static __always_inline __u32
read_counters(struct mm_struct *mm, __u64 out[OOMRISK_NR_MM_COUNTERS], const bool direct)
{
	struct mm_struct___rss_percpu *pc = (void *)mm;
	struct mm_struct___rss_atomic *at = (void *)mm;

	if (bpf_core_field_exists(pc->rss_stat[0].count)) {
		out[0] = positive(READ(direct, pc, rss_stat[0].count));
		out[1] = positive(READ(direct, pc, rss_stat[1].count));
		out[2] = positive(READ(direct, pc, rss_stat[2].count));
		out[3] = positive(READ(direct, pc, rss_stat[3].count));
		return OOMRISK_BPF_F_RSS_PERCPU;
	}
	/*
	 * Probe reads here whatever the caller's pointer: the 6.1 verifier
	 * cannot walk an array of atomic_long_t (a typedef: "Type
	 * 'atomic_long_t' is not a struct") in a direct load.
	 */
	if (bpf_core_field_exists(at->rss_stat.count[0].counter)) {
		out[0] = positive(BPF_CORE_READ(at, rss_stat.count[0].counter));
		out[1] = positive(BPF_CORE_READ(at, rss_stat.count[1].counter));
		out[2] = positive(BPF_CORE_READ(at, rss_stat.count[2].counter));
		out[3] = positive(BPF_CORE_READ(at, rss_stat.count[3].counter));
		return OOMRISK_BPF_F_RSS_ATOMIC;
	}
	return 0;	/* unknown layout: the loader refuses the records */
}

/* The first word of mm->flags, in either layout. */
static __always_inline unsigned long
read_mm_flags(struct mm_struct *mm, const bool direct)
{
	struct mm_struct___flags_bitmap *bm = (void *)mm;
	struct mm_struct___flags_word *w = (void *)mm;

	if (bpf_core_field_exists(bm->flags.__mm_flags[0]))
		return READ(direct, bm, flags.__mm_flags[0]);
	return READ(direct, w, flags);
}

/* oom_badness()'s inputs from the chosen thread t and its mm. */
static __always_inline void
read_mm(struct oomrisk_bpf_task *r, struct task_struct *t, struct mm_struct *mm,
    const bool direct)
{
	r->flags |= OOMRISK_BPF_F_HAS_MM;
	r->mm_tid = READ(direct, t, pid);
	r->flags |= read_counters(mm, r->counters, direct);
	r->pgtables_bytes = READ(direct, mm, pgtables_bytes.counter);
	r->total_vm = READ(direct, mm, total_vm);
	if (read_mm_flags(mm, direct) & (1UL << MMF_OOM_SKIP))
		r->flags |= OOMRISK_BPF_F_MM_OOM_SKIP;
	/* in_vfork(): a vfork child still on its parent's mm (rare: probe reads). */
	if (READ(direct, t, vfork_done) != NULL && BPF_CORE_READ(t, real_parent, mm) == mm)
		r->flags |= OOMRISK_BPF_F_IN_VFORK;
}

/*
 * find_lock_task_mm() when the leader has no mm: the first thread, in
 * thread-list order, that has one.  The leader heads the list (it is
 * added first and leaves it only when the group is reaped), so this walk
 * starts after it.  Returns the thread; *mmp gets its mm.
 */
static __always_inline struct task_struct *
walk_threads(struct task_struct *leader, struct signal_struct *sig, struct mm_struct **mmp,
    struct oomrisk_bpf_task *r)
{
	struct list_head *head, *pos;
	struct task_struct *t;
	__u64 node_off = bpf_core_field_offset(struct task_struct, thread_node);
	int i;

	head = (struct list_head *)((char *)sig +
	    bpf_core_field_offset(struct signal_struct, thread_head));
	pos = BPF_CORE_READ(sig, thread_head.next);
	for (i = 0; i < THREAD_WALK_MAX; i++) {
		if (pos == head || pos == NULL)
			return NULL;
		t = (struct task_struct *)((char *)pos - node_off);
		if (t != leader && (*mmp = BPF_CORE_READ(t, mm)) != NULL)
			return t;
		pos = BPF_CORE_READ(pos, next);
	}
	r->flags |= OOMRISK_BPF_F_WALK_TRUNCATED;
	return NULL;
}

/* The cgroup id holding this css_set's memory css, or 0. */
static __always_inline __u64
memcg_cgroup_id(struct css_set *cs)
{
	struct cgroup_subsys_state *css = NULL;
	__u32 idx;

	if (!bpf_core_enum_value_exists(enum cgroup_subsys_id, memory_cgrp_id))
		return 0;
	idx = bpf_core_enum_value(enum cgroup_subsys_id, memory_cgrp_id);
	if (idx >= 16)
		return 0;
	if (bpf_probe_read_kernel(&css, sizeof(css), &cs->subsys[idx]) != 0 || css == NULL)
		return 0;
	return BPF_CORE_READ(css, cgroup, kn, id);
}

/*
 * CAP_SYS_ADMIN in cred->cap_effective (only the 2.6.36-4.16 eras' root
 * bonus uses it, for --model): two __u32 before 6.3, one __u64 since.
 */
static __always_inline bool
cap_sys_admin(const struct cred *cred)
{
	const struct cred___cap_u64 *c64 = (const void *)cred;

	if (bpf_core_field_exists(c64->cap_effective.val))
		return (c64->cap_effective.val >> CAP_SYS_ADMIN) & 1;
	return (cred->cap_effective.cap[0] >> CAP_SYS_ADMIN) & 1;
}

SEC("iter/task")
int
oomrisk_tasks(struct bpf_iter__task *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	struct task_struct *task = ctx->task, *mt, *parent, *leader;
	struct signal_struct *sig;
	struct mm_struct *mm;
	const struct cred *cred;
	struct oomrisk_bpf_task r = {};
	int nr;

	if (task == NULL)
		return 0;
	/* One record per thread group: the leader stands for it. */
	if (task->pid != task->tgid)
		return 0;
	reader_pidns(ctx->meta);

	r.size = sizeof(r);
	r.magic = OOMRISK_BPF_TASK_MAGIC;
	r.pid = task->tgid;
	r.task_flags = task->flags;
	r.start_boottime = task->start_boottime;
	__builtin_memcpy(r.comm, task->comm, sizeof(r.comm));
	cred = task->cred;
	if (cred != NULL) {
		r.euid = cred->euid.val;
		if (cap_sys_admin(cred))
			r.flags |= OOMRISK_BPF_F_CAP_SYS_ADMIN;
	}
	if (ns_pid_of(task, r.pid, &nr)) {
		r.ns_pid = nr;
		r.flags |= OOMRISK_BPF_F_NS_PID;
	}
	/*
	 * PPid as /proc/PID/status prints it, task_tgid_nr_ns(real_parent):
	 * the parent's group, so in a child namespace its leader's number.
	 */
	parent = task->real_parent;
	if (parent != NULL) {
		r.ppid = parent->tgid;
		if (reader_level == 0) {
			r.ns_ppid = r.ppid;
			r.flags |= OOMRISK_BPF_F_NS_PPID;
		} else if ((leader = BPF_CORE_READ(parent, group_leader)) != NULL &&
		    ns_pid_of(leader, r.ppid, &nr)) {
			r.ns_ppid = nr;
			r.flags |= OOMRISK_BPF_F_NS_PPID;
		}
	}

	sig = task->signal;
	if (sig != NULL) {
		r.oom_score_adj = sig->oom_score_adj;
		r.oom_score_adj_min = sig->oom_score_adj_min;
		r.nr_threads = sig->nr_threads;
		if (sig->oom_flag_origin)
			r.flags |= OOMRISK_BPF_F_OOM_ORIGIN;
		if (sig->oom_mm != NULL)
			r.flags |= OOMRISK_BPF_F_OOM_VICTIM;
	}

	if (want_memcg) {
		struct css_set *cs = BPF_CORE_READ(task, cgroups);

		if (cs != NULL) {
			r.cgroup_id = BPF_CORE_READ(cs, dfl_cgrp, kn, id);
			r.memcg_id = memcg_cgroup_id(cs);
			if (r.memcg_id != 0)
				r.flags |= OOMRISK_BPF_F_MEMCG;
		}
	}

	/* Kernel threads never count; an mm they borrow is not theirs. */
	if (!(r.task_flags & PF_KTHREAD) && sig != NULL) {
		if ((mm = task->mm) != NULL)
			read_mm(&r, task, mm, true);
		else if ((mt = walk_threads(task, sig, &mm, &r)) != NULL) {
			r.flags |= OOMRISK_BPF_F_MM_FROM_THREAD;
			read_mm(&r, mt, mm, false);
		}
	}
	bpf_seq_write(seq, &r, sizeof(r));
	return 0;
}
