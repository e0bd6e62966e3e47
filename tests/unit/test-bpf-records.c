/*
 * test-bpf-records: the BPF iterators' records decoded, a task's record
 * filled into the core's struct task (eligibility by oom_task_eligible())
 * and scored the way rank scores every task, and a memcg's counters as
 * limits.
 * The records are built here field by field (the format is ours, defined
 * in src/bpf/records.h); what the kernel puts in them is checked live by
 * tests/bpf-agree.sh.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "bpf/records.h"
#include "core/rank.h"
#include "sys/bpf-records.h"
#include "sys/bpf-tasks.h"
#include "tap.h"

static struct oomrisk_bpf_task
base_task(void)
{
	struct oomrisk_bpf_task r;

	memset(&r, 0, sizeof(r));
	r.size = sizeof(r);
	r.magic = OOMRISK_BPF_TASK_MAGIC;
	r.pid = 4242;
	r.ns_pid = 17;
	r.ppid = 4200;
	r.ns_ppid = 3;
	r.mm_tid = 4242;
	r.flags = OOMRISK_BPF_F_HAS_MM | OOMRISK_BPF_F_RSS_PERCPU | OOMRISK_BPF_F_NS_PID |
	    OOMRISK_BPF_F_NS_PPID | OOMRISK_BPF_F_MEMCG;
	r.counters[OOMRISK_MM_FILEPAGES] = 100;
	r.counters[OOMRISK_MM_ANONPAGES] = 2000;
	r.counters[OOMRISK_MM_SWAPENTS] = 30;
	r.counters[OOMRISK_MM_SHMEMPAGES] = 4;
	r.pgtables_bytes = 3 * 4096 + 4095;	/* 3 pages and a bit: floor */
	r.total_vm = 9999;
	r.memcg_id = 77;
	r.cgroup_id = 1;
	r.oom_score_adj = 250;
	r.oom_score_adj_min = -100;
	memcpy(r.comm, "0123456789abcdef", 16);	/* full 16 bytes, no NUL */
	return r;
}

static void
test_task_decode(void)
{
	struct oomrisk_bpf_task r = base_task();
	struct bpf_task t;
	unsigned char two[2 * sizeof(r)];

	is_int(bpf_task_decode(&r, sizeof(r), &t), 136, "a whole record takes 136 bytes");
	is_int(t.pid, 4242, "pid");
	is_int(t.ns_pid, 17, "ns pid");
	is_int(t.ppid, 4200, "parent's pid");
	is_int(t.ns_ppid, 3, "parent's pid in our namespace");
	is_int(t.adj, 250, "adj");
	is_int(t.adj_min, -100, "adj min");
	is_int(t.rss_anon, 2000, "anon pages");
	is_int(t.rss_file, 100, "file pages");
	is_int(t.rss_shmem, 4, "shmem pages");
	is_int(t.swap, 30, "swap entries");
	is_int(t.memcg_id, 77, "memcg id");
	is_int(t.layout, BPF_RSS_PERCPU, "percpu layout");
	is_int(t.comm_len, 16, "a 16-byte comm without NUL is kept whole");
	is_str(t.comm, "0123456789abcdef", "and terminated");

	is_int(bpf_task_decode(&r, sizeof(r) - 1, &t), 0, "a partial record asks for more");
	is_int(bpf_task_decode(&r, 4, &t), 0, "a partial header asks for more");
	r.magic ^= 1;
	is_int(bpf_task_decode(&r, sizeof(r), &t), -1, "a wrong magic is refused");
	r = base_task();
	r.size = 120;
	is_int(bpf_task_decode(&r, sizeof(r), &t), -1, "a wrong size is refused");
	r.size = 128;
	is_int(bpf_task_decode(&r, sizeof(r), &t), -1, "a record of the build before PPid is refused");

	r = base_task();
	r.flags &= ~(OOMRISK_BPF_F_NS_PID | OOMRISK_BPF_F_NS_PPID | OOMRISK_BPF_F_MEMCG);
	bpf_task_decode(&r, sizeof(r), &t);
	is_int(t.ns_pid, 0, "ns pid 0 when not visible in our namespace");
	is_int(t.ns_ppid, 0, "parent's ns pid 0 when it is not visible in our namespace");
	is_int(t.memcg_id, 0, "memcg id 0 without the memory controller");

	/* Records need not be aligned in the reader's buffer. */
	r = base_task();
	memcpy(two + 1, &r, sizeof(r) - 1);
	is_int(bpf_task_decode(two + 1, sizeof(r) - 1, &t), 0, "unaligned partial");
	memcpy(two + 1, &r, sizeof(r));
	is_int(bpf_task_decode(two + 1, sizeof(r), &t), 136, "unaligned whole");
}

/* A record through bpf_task_fill() and the scorer rank uses. */
static void
fill(const struct oomrisk_bpf_task *r, struct task *t)
{
	struct bpf_task b;

	bpf_task_decode(r, sizeof(*r), &b);
	memset(t, 0, sizeof(*t));
	bpf_task_fill(&b, 4096, t);
}

static void
test_fill(void)
{
	struct oomrisk_bpf_task r = base_task();
	struct task t;
	struct oom_task_mem m;

	fill(&r, &t);
	is_int(t.pid, 17, "the pid our namespace gives it");
	is_int(t.ppid, 3, "and its parent's, as status PPid in our namespace");
	ok(t.detailed && t.adj_known && t.rss_split, "detailed, adj known, rss split");
	is_int(t.rss_anon_kb, 8000, "anon pages in kB");
	is_int(t.rss_file_kb, 400, "file pages in kB");
	is_int(t.rss_shmem_kb, 16, "shmem pages in kB");
	is_int(t.rss_kb, 8416, "rss = anon + file + shmem");
	is_int(t.swap_kb, 120, "swap entries in kB");
	is_int(t.pgtables_kb, 15, "page tables: bytes >> 10, as VmPTE prints");
	is_int(t.vm_size_kb, 39996, "total_vm in kB");
	is_int(t.uid, 0, "euid");
	is_str(t.comm, "0123456789abcdef", "comm");
	is_int(t.ineligible, OOM_ELIGIBLE, "eligible");

	/* Back to pages the way rank scores every task. */
	task_oom_mem(&t, 4096, &m);
	is_int(m.rss, 2104, "scorer: rss = file + anon + shmem pages");
	is_int(m.swap, 30, "scorer: swap pages");
	is_int(m.pgtables, 3, "scorer: page tables = bytes / PAGE_SIZE, floor");
	is_int(m.adj, 250, "scorer: adj");

	/* The score: 2104 + 30 + 3 pages, adj 250 over T = 1,000,000 pages. */
	{
		struct oom_score sc;

		oom_score_compute(oom_model_by_name("5.9"), &m, 1000000, 1000000, &sc);
		is_int(sc.points, 2137 + 250 * 1000, "points = pages + adj * T/1000");
		is_int(sc.proc_score, (1000 + sc.points * 1000 / 1000000) * 2 / 3,
		    "oom_score on the 5.9+ scale");
	}

	/* Eligibility is oom_task_eligible()'s, in its order. */
	r = base_task();
	r.pid = 1;
	r.task_flags = 0x00200000;	/* PF_KTHREAD */
	fill(&r, &t);
	is_int(t.ineligible, OOM_KTHREAD, "a kernel thread first");
	r.task_flags = 0;
	fill(&r, &t);
	is_int(t.ineligible, OOM_INIT, "then pid 1 of the initial namespace");
	ok(t.facts.global_init, "global init from the initial namespace's pid");
	r = base_task();
	r.ns_pid = 1;
	fill(&r, &t);
	is_int(t.ineligible, OOM_ELIGIBLE, "a container's init (pid 1 only in its namespace)");
	is_int(t.pid, 1, "is listed as the namespace calls it");
	r = base_task();
	r.flags &= ~OOMRISK_BPF_F_HAS_MM;
	r.oom_score_adj = -1000;
	fill(&r, &t);
	is_int(t.ineligible, OOM_NO_MM, "then no thread with an mm");
	r.flags |= OOMRISK_BPF_F_HAS_MM | OOMRISK_BPF_F_IN_VFORK;
	fill(&r, &t);
	is_int(t.ineligible, OOM_ADJ_MIN, "then adj -1000");
	r.oom_score_adj = 0;
	fill(&r, &t);
	is_int(t.ineligible, OOM_KERNEL_SKIP, "in vfork: the kernel's LONG_MIN");
	r.flags &= ~OOMRISK_BPF_F_IN_VFORK;
	r.flags |= OOMRISK_BPF_F_MM_OOM_SKIP;
	fill(&r, &t);
	is_int(t.ineligible, OOM_KERNEL_SKIP, "MMF_OOM_SKIP: the kernel's LONG_MIN");

	/* A zombie leader scored by a live thread's mm counts as the process. */
	r = base_task();
	r.flags |= OOMRISK_BPF_F_MM_FROM_THREAD;
	r.mm_tid = 4243;
	fill(&r, &t);
	ok(t.detailed && t.ineligible == OOM_ELIGIBLE && t.rss_anon_kb == 8000,
	    "zombie leader: the thread's mm, eligible");
	/* The walk gave up: not detailed, for /proc to read. */
	r.flags = (r.flags & ~OOMRISK_BPF_F_HAS_MM) | OOMRISK_BPF_F_WALK_TRUNCATED;
	{
		struct bpf_task b;

		bpf_task_decode(&r, sizeof(r), &b);
		memset(&t, 0, sizeof(t));
		ok(!bpf_task_fill(&b, 4096, &t) && !t.detailed, "walk cut short: left to /proc");
	}
	r = base_task();
	r.flags |= OOMRISK_BPF_F_CAP_SYS_ADMIN;
	fill(&r, &t);
	ok(t.cap_sys_admin, "CAP_SYS_ADMIN (the old eras' root bonus)");
	/* 64 KiB pages: kB follow the page size. */
	{
		struct bpf_task b;

		r = base_task();
		bpf_task_decode(&r, sizeof(r), &b);
		bpf_task_fill(&b, 65536, &t);
		is_int(t.rss_anon_kb, 2000 * 64, "64 KiB pages");
		task_oom_mem(&t, 65536, &m);
		is_int(m.rss, 2104, "64 KiB pages: the scorer gets the pages back");
	}
}

static void
test_memcg_decode(void)
{
	struct oomrisk_bpf_memcg r;
	struct bpf_memcg m;

	memset(&r, 0, sizeof(r));
	r.size = sizeof(r);
	r.magic = OOMRISK_BPF_MEMCG_MAGIC;
	r.cgroup_id = 1234;
	r.parent_id = 1;
	r.level = 1;
	r.usage = 256;
	r.max = 25600;
	r.swap_max = 51200;
	r.flags = OOMRISK_BPF_MEMCG_F_OOM_GROUP;
	is_int(bpf_memcg_decode(&r, sizeof(r), &m), 64, "a memcg record takes 64 bytes");
	is_int(m.cgroup_id, 1234, "cgroup id");
	is_int(m.parent_id, 1, "parent id");
	is_int(m.max, 25600, "max pages");
	is_int(m.swap_max, 51200, "swap max pages");
	ok(m.oom_group && !m.root, "oom.group set, not the root");
	is_int(m.swappiness, -1, "swappiness unknown without its flag");
	r.flags = OOMRISK_BPF_MEMCG_F_SWAPPINESS | OOMRISK_BPF_MEMCG_F_ROOT;
	r.swappiness = 60;
	bpf_memcg_decode(&r, sizeof(r), &m);
	ok(m.root && m.swappiness == 60, "root with swappiness 60");
	r.magic = OOMRISK_BPF_TASK_MAGIC;
	is_int(bpf_memcg_decode(&r, sizeof(r), &m), -1, "a task record is not a memcg one");
}

/* A memcg record's counters as the limits memcg_totalpages() takes. */
static void
test_memcg_limits(void)
{
	struct bpf_memcg m;
	struct memcg_limits l;
	uint64_t cmax = (uint64_t)LONG_MAX / 4096;

	memset(&m, 0, sizeof(m));
	m.max = 25600;
	m.usage = 256;
	m.swap_max = cmax;
	memset(&l, 0, sizeof(l));
	l.version = 2;
	l.swappiness = 60;
	bpf_memcg_limits(&m, 4096, &l);
	ok(l.limited && l.limit_bytes == 100u << 20, "v2: 100 MiB limit");
	is_int(l.usage_bytes, 1 << 20, "v2: usage");
	ok(!l.swap_limited && l.swap_bytes == UINT64_MAX, "v2: swap.max max");
	is_int(memcg_totalpages(&l, 1000, 4096), 25600 + 1000, "v2: limit + system swap");
	m.swap_max = 512;
	bpf_memcg_limits(&m, 4096, &l);
	is_int(memcg_totalpages(&l, 1000, 4096), 25600 + 512, "v2: limit + swap.max");
	m.max = cmax;
	bpf_memcg_limits(&m, 4096, &l);
	ok(!l.limited && l.limit_bytes == UINT64_MAX, "v2: memory.max max is no limit");

	/* v1: the memsw counter holds memory + swap. */
	memset(&l, 0, sizeof(l));
	l.version = 1;
	l.memsw_accounting = true;
	l.swappiness = 60;
	m.max = 25600;
	m.swap_max = 25600 + 2048;
	bpf_memcg_limits(&m, 4096, &l);
	ok(l.swap_limited && l.swap_bytes == 2048u * 4096, "v1: swap = memsw - memory");
	is_int(memcg_totalpages(&l, 1u << 20, 4096), 25600 + 2048, "v1: limit + swap excess");
	m.swap_max = cmax;
	bpf_memcg_limits(&m, 4096, &l);
	ok(!l.swap_limited, "v1: memsw unlimited");
	m.max = cmax;
	bpf_memcg_limits(&m, 4096, &l);
	ok(!l.limited && l.limit_bytes == cmax * 4096, "v1: unlimited reads as the counter's max");
}

/* A build without BPF: opening says why, in one sentence, and scans nothing. */
static void
test_stub(void)
{
#ifndef HAVE_BPF
	char err[256] = "";

	ok(bpf_tasks_open(NULL, err, sizeof(err)) == NULL, "no BPF build: open fails");
	is_str(err, "BPF backend unavailable: oomrisk was built without BPF support "
	    "(configure --enable-bpf)", "no BPF build: the reason");
	is_int(bpf_tasks_scan(NULL, false, NULL, NULL), -ENOSYS, "no BPF build: scan says ENOSYS");
#endif
}

int
main(void)
{
	test_task_decode();
	test_fill();
	test_memcg_decode();
	test_memcg_limits();
	test_stub();
	return tap_done();
}
