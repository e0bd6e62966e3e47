/*
 * bpf-records.c: decode the iterators' records and fill the core's task
 * and memcg types from them.  The bytes come from our own BPF programs,
 * but they are still checked (size and magic per record) so that a stale
 * object or a short read can never be taken for data.
 */
#include "config.h"

#include <limits.h>
#include <string.h>

#include "bpf/records.h"
#include "core/badness.h"
#include "sys/bpf-records.h"

_Static_assert(sizeof(struct oomrisk_bpf_task) == 136, "task record is 136 bytes");
_Static_assert(sizeof(struct oomrisk_bpf_memcg) == 64, "memcg record is 64 bytes");

#define PF_KTHREAD 0x00200000u	/* include/linux/sched.h */

const size_t bpf_task_record_size = sizeof(struct oomrisk_bpf_task);
const size_t bpf_memcg_record_size = sizeof(struct oomrisk_bpf_memcg);

/* Check the size/magic header; the same rule for both record kinds. */
static long
record_check(const void *buf, size_t len, size_t size, uint32_t magic)
{
	uint32_t hdr[2];

	if (len < sizeof(hdr))
		return 0;
	memcpy(hdr, buf, sizeof(hdr));
	if (hdr[0] != size || hdr[1] != magic)
		return -1;
	return len < size ? 0 : (long)size;
}

long
bpf_task_decode(const void *buf, size_t len, struct bpf_task *out)
{
	struct oomrisk_bpf_task r;
	long n = record_check(buf, len, sizeof(r), OOMRISK_BPF_TASK_MAGIC);

	if (n <= 0)
		return n;
	memcpy(&r, buf, sizeof(r));
	memset(out, 0, sizeof(*out));
	out->pid = r.pid;
	out->ns_pid = (r.flags & OOMRISK_BPF_F_NS_PID) ? r.ns_pid : 0;
	out->ppid = r.ppid;
	out->ns_ppid = (r.flags & OOMRISK_BPF_F_NS_PPID) ? r.ns_ppid : 0;
	out->mm_tid = (r.flags & OOMRISK_BPF_F_HAS_MM) ? r.mm_tid : 0;
	out->adj = r.oom_score_adj;
	out->adj_min = r.oom_score_adj_min;
	out->nr_threads = r.nr_threads;
	out->uid = r.euid;
	out->task_flags = r.task_flags;
	out->kthread = (r.task_flags & PF_KTHREAD) != 0;
	out->cap_sys_admin = (r.flags & OOMRISK_BPF_F_CAP_SYS_ADMIN) != 0;
	out->has_mm = (r.flags & OOMRISK_BPF_F_HAS_MM) != 0;
	out->mm_from_thread = (r.flags & OOMRISK_BPF_F_MM_FROM_THREAD) != 0;
	out->in_vfork = (r.flags & OOMRISK_BPF_F_IN_VFORK) != 0;
	out->oom_skip = (r.flags & OOMRISK_BPF_F_MM_OOM_SKIP) != 0;
	out->oom_origin = (r.flags & OOMRISK_BPF_F_OOM_ORIGIN) != 0;
	out->oom_victim = (r.flags & OOMRISK_BPF_F_OOM_VICTIM) != 0;
	out->walk_truncated = (r.flags & OOMRISK_BPF_F_WALK_TRUNCATED) != 0;
	if (r.flags & OOMRISK_BPF_F_RSS_PERCPU)
		out->layout = BPF_RSS_PERCPU;
	else if (r.flags & OOMRISK_BPF_F_RSS_ATOMIC)
		out->layout = BPF_RSS_ATOMIC;
	out->rss_file = r.counters[OOMRISK_MM_FILEPAGES];
	out->rss_anon = r.counters[OOMRISK_MM_ANONPAGES];
	out->swap = r.counters[OOMRISK_MM_SWAPENTS];
	out->rss_shmem = r.counters[OOMRISK_MM_SHMEMPAGES];
	out->pgtables_bytes = r.pgtables_bytes;
	out->total_vm = r.total_vm;
	out->start_boottime_ns = r.start_boottime;
	out->cgroup_id = r.cgroup_id;
	out->memcg_id = (r.flags & OOMRISK_BPF_F_MEMCG) ? r.memcg_id : 0;
	out->comm_len = strnlen(r.comm, sizeof(r.comm));
	memcpy(out->comm, r.comm, out->comm_len);
	out->comm[out->comm_len] = '\0';
	return n;
}

long
bpf_memcg_decode(const void *buf, size_t len, struct bpf_memcg *out)
{
	struct oomrisk_bpf_memcg r;
	long n = record_check(buf, len, sizeof(r), OOMRISK_BPF_MEMCG_MAGIC);

	if (n <= 0)
		return n;
	memcpy(&r, buf, sizeof(r));
	memset(out, 0, sizeof(*out));
	out->cgroup_id = r.cgroup_id;
	out->parent_id = r.parent_id;
	out->level = r.level;
	out->root = (r.flags & OOMRISK_BPF_MEMCG_F_ROOT) != 0;
	out->oom_group = (r.flags & OOMRISK_BPF_MEMCG_F_OOM_GROUP) != 0;
	out->swappiness_known = (r.flags & OOMRISK_BPF_MEMCG_F_SWAPPINESS) != 0;
	out->swappiness = out->swappiness_known ? r.swappiness : -1;
	out->usage = r.usage;
	out->max = r.max;
	out->swap_usage = r.swap_usage;
	out->swap_max = r.swap_max;
	return n;
}

/* pages to kB, saturating (counters are far below the bound in practice). */
static uint64_t
pages_kb(uint64_t pages, uint64_t kb_per_page)
{
	return pages > UINT64_MAX / kb_per_page ? UINT64_MAX : pages * kb_per_page;
}

bool
bpf_task_fill(const struct bpf_task *b, long page_size, struct task *t)
{
	uint64_t pk = page_size >= 1024 ? (uint64_t)page_size / 1024 : 4;

	t->pid = b->ns_pid;
	t->ppid = b->ns_ppid;
	t->adj = b->adj;
	t->adj_known = true;
	t->uid = b->uid;
	memcpy(t->comm, b->comm, b->comm_len + 1);
	t->comm_len = b->comm_len;
	t->rss_split = true;
	t->rss_anon_kb = pages_kb(b->rss_anon, pk);
	t->rss_file_kb = pages_kb(b->rss_file, pk);
	t->rss_shmem_kb = pages_kb(b->rss_shmem, pk);
	t->rss_kb = t->rss_anon_kb + t->rss_file_kb + t->rss_shmem_kb;
	t->swap_kb = pages_kb(b->swap, pk);
	/* What VmPTE prints; task_oom_mem()'s division then floors as the kernel does. */
	t->pgtables_kb = b->pgtables_bytes >> 10;
	t->vm_size_kb = pages_kb(b->total_vm, pk);
	t->cap_sys_admin = b->cap_sys_admin;
	memset(&t->facts, 0, sizeof(t->facts));
	t->facts.kthread = b->kthread;
	/* is_global_init(): pid 1 of the initial namespace, whatever ours calls it. */
	t->facts.global_init = b->pid == 1;
	t->facts.has_mm = b->has_mm;
	t->facts.kernel_skips = b->has_mm && (b->in_vfork || b->oom_skip);
	t->facts.adj = b->adj;
	t->ineligible = oom_task_eligible(&t->facts);
	t->detailed = !b->walk_truncated;
	return t->detailed;
}

void
bpf_memcg_limits(const struct bpf_memcg *m, long page_size, struct memcg_limits *l)
{
	uint64_t ps = page_size > 0 ? (uint64_t)page_size : 4096;
	uint64_t counter_max = (uint64_t)LONG_MAX / ps;
	/* What an unlimited file reads as: "max" on v2, the counter's max in bytes on v1. */
	uint64_t unlimited = l->version == 2 ? UINT64_MAX : counter_max * ps;

	l->limited = m->max < counter_max;
	l->limit_bytes = l->limited ? m->max * ps : unlimited;
	l->usage_bytes = m->usage * ps;
	if (l->version == 2) {
		l->swap_limited = m->swap_max < counter_max;
		l->swap_bytes = l->swap_limited ? m->swap_max * ps : unlimited;
	} else if (l->memsw_accounting) {
		/* mem_cgroup_get_max(): the swap excess is memsw.max - memory.max. */
		l->swap_limited = m->swap_max < counter_max;
		l->swap_bytes = m->swap_max > m->max ? (m->swap_max - m->max) * ps : 0;
	}
}

const char *
bpf_rss_layout_name(enum bpf_rss_layout l)
{
	switch (l) {
	case BPF_RSS_PERCPU: return "percpu_counter .count (6.2+)";
	case BPF_RSS_ATOMIC: return "atomic_long_t (before 6.2)";
	case BPF_RSS_UNKNOWN: break;
	}
	return "unknown";
}
