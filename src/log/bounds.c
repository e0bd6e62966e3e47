/* bounds.c: drop the numbers of a report that cannot be what they claim. */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "log/bounds.h"

/* Drop *v, remembering the first one dropped: "rss 4611686018427387904 pages (pid 4410)". */
/* Rare (a value out of its range): out of the way of bound()'s test. */
static void __attribute__((noinline, cold))
drop(struct oom_report *r, int64_t *v, const char *what, const char *unit, int64_t pid)
{
	if (r->implausible++ == 0) {
		if (pid != OOM_NONE)
			snprintf(r->implausible_what, sizeof(r->implausible_what),
			    "%s %lld%s (pid %lld)", what, (long long)*v, unit, (long long)pid);
		else
			snprintf(r->implausible_what, sizeof(r->implausible_what), "%s %lld%s",
			    what, (long long)*v, unit);
	}
	*v = OOM_NONE;
}

/* Keep *v when it is unknown or in [lo, hi]; else drop it. */
/* Every number of a report goes through here: inline, the test only. */
static inline void
bound(struct oom_report *r, int64_t *v, int64_t lo, int64_t hi, const char *what,
    const char *unit, int64_t pid)
{
	if (*v != OOM_NONE && (*v < lo || *v > hi))
		drop(r, v, what, unit, pid);
}

/*
 * Pages of the report's page size whose bytes a 64-bit machine could hold
 * (most: 2^52 pages of 4 kB, 2^44 of 1 MB).
 */
#define PAGES(r, v, most, what, pid) bound(r, &(v), 0, most, what, " pages", pid)
#define KB(r, v, what) bound(r, &(v), 0, OOM_KB_MAX, what, " kB", OOM_NONE)
#define BYTES(r, v, what) bound(r, &(v), 0, OOM_BYTES_MAX, what, " bytes", OOM_NONE)

static void
bound_zone(struct oom_report *r, struct oom_zone *z, int64_t pages_max)
{
	int64_t *kb[] = { &z->free_kb, &z->min_kb, &z->low_kb, &z->high_kb, &z->boost_kb,
		&z->present_kb, &z->managed_kb, &z->highatomic_kb, &z->free_cma_kb,
		&z->kernel_stack_kb, &z->pagetables_kb, &z->buddy_total_kb };
	size_t i;
	int o;

	for (i = 0; i < sizeof(kb) / sizeof(kb[0]); i++)
		KB(r, *kb[i], "a zone's size");
	for (i = 0; i < (size_t)z->nreserve && i < OOM_MAX_RESERVE; i++)
		PAGES(r, z->lowmem_reserve[i], pages_max, "lowmem_reserve", OOM_NONE);
	/* A free block of order o is 2^o pages: their total stays a page count. */
	for (o = 0; o < z->nbuddy && o < OOM_MAX_ORDERS; o++)
		bound(r, &z->buddy[o], 0, pages_max >> o, "free blocks of one order", "",
		    OOM_NONE);
}

/* The order-0 buddy block is a page: 4 kB to 1 MB, a power of two. */
static void
bound_page_size(struct oom_report *r, struct oom_zone *z)
{
	if (z->buddy_page_kb != OOM_NONE && (z->buddy_page_kb < 4 || z->buddy_page_kb > 1024 ||
	    (z->buddy_page_kb & (z->buddy_page_kb - 1)) != 0))
		drop(r, &z->buddy_page_kb, "page size", " kB", OOM_NONE);
}

static void
bound_task(struct oom_report *r, struct oom_task *t, int64_t pages_max)
{
	bool bytes = r->layout == TL_BYTES || r->layout == TL_SPLIT;

	PAGES(r, t->total_vm, pages_max, "total_vm", t->pid);
	PAGES(r, t->rss, pages_max, "rss", t->pid);
	PAGES(r, t->rss_anon, pages_max, "rss_anon", t->pid);
	PAGES(r, t->rss_file, pages_max, "rss_file", t->pid);
	PAGES(r, t->rss_shmem, pages_max, "rss_shmem", t->pid);
	PAGES(r, t->swapents, pages_max, "swapents", t->pid);
	if (bytes)
		bound(r, &t->pgtables, 0, OOM_BYTES_MAX, "pgtables_bytes", "", t->pid);
	else
		PAGES(r, t->pgtables, pages_max, "page tables", t->pid);
	bound(r, &t->oom_adj, -17, 15, "oom_adj", "", t->pid);
	bound(r, &t->oom_score_adj, -1000, 1000, "oom_score_adj", "", t->pid);
}

/* Two int64s at a time (GCC's vector types: SSE2 here, plain code elsewhere). */
typedef uint64_t u64x2 __attribute__((vector_size(16)));

/*
 * The bits of r's int64s in bytes [from, to) that differ from OOM_NONE's,
 * folded into two lanes: zero when every one is unknown.  to - from is a
 * multiple of 8 and at least 16 (the last pair may overlap the one before).
 * A run of values that are all unknown cannot drop anything, so its tests
 * are skipped: a report of a header line alone (a grep-filtered log has
 * millions) has only its header's numbers.
 */
static inline u64x2
known_bits(const struct oom_report *r, size_t from, size_t to)
{
	const unsigned char *p = (const unsigned char *)r;
	const u64x2 none = { (uint64_t)OOM_NONE, (uint64_t)OOM_NONE };
	u64x2 acc = { 0, 0 }, v;
	size_t o;

	/* The bounds are constants here: a straight run of loads, no loop. */
#pragma GCC unroll 16
	for (o = from; o + sizeof(v) <= to; o += sizeof(v)) {
		memcpy(&v, p + o, sizeof(v));
		acc |= v ^ none;
	}
	if (o < to) {
		memcpy(&v, p + to - sizeof(v), sizeof(v));
		acc |= v ^ none;
	}
	return acc;
}

static inline bool
any_lane(u64x2 v)
{
	return (v[0] | v[1]) != 0;
}

/* The fields from first to last (both int64_t members of struct oom_report). */
#define KNOWN_BITS(r, first, last) known_bits(r, offsetof(struct oom_report, first), \
	offsetof(struct oom_report, last) + sizeof(int64_t))

/* The runs known_bits() tests hold the fields their tests name. */
_Static_assert(offsetof(struct oom_report, node_unevictable_kb) -
    offsetof(struct oom_report, counters) == (OC_COUNT + 5) * sizeof(int64_t),
    "counters and node sizes are one run of int64s");
_Static_assert(offsetof(struct oom_report, hwpoisoned_pages) -
    offsetof(struct oom_report, pagecache_pages) == 8 * sizeof(int64_t),
    "page totals and swap sizes are one run of int64s");
_Static_assert(offsetof(struct oom_report, ms_unevictable) -
    offsetof(struct oom_report, mem_usage_kb) == 25 * sizeof(int64_t),
    "memcg sizes and stats are one run of int64s");
_Static_assert(offsetof(struct oom_report, kill.oom_score_adj) -
    offsetof(struct oom_report, kill.total_vm_kb) == 5 * sizeof(int64_t),
    "the victim's sizes are one run of int64s");

/*
 * The values report_bound() tests between the header's and the victim's
 * scores, in their order (the first drop is the one named); each run of
 * scalars only when known_bits() found one of them known.
 */
static void
bound_body(struct oom_report *r, int64_t pages_max, u64x2 meminfo, u64x2 totals, u64x2 memcg,
    u64x2 kill)
{
	size_t i;
	int k;

	/* The sizes in kB ... */
	if (any_lane(meminfo)) {
		KB(r, r->node_shmem_kb, "a size");
		KB(r, r->node_kernel_stack_kb, "a size");
		KB(r, r->node_pagetables_kb, "a size");
		KB(r, r->node_anon_thp_kb, "a size");
		KB(r, r->node_shmem_thp_kb, "a size");
		KB(r, r->node_unevictable_kb, "a size");
	}
	if (any_lane(totals)) {
		KB(r, r->free_swap_kb, "a size");
		KB(r, r->total_swap_kb, "a size");
	}
	if (any_lane(memcg)) {
		KB(r, r->mem_usage_kb, "a size");
		KB(r, r->mem_limit_kb, "a size");
		KB(r, r->memsw_usage_kb, "a size");
		KB(r, r->memsw_limit_kb, "a size");
		KB(r, r->swap_usage_kb, "a size");
		KB(r, r->swap_limit_kb, "a size");
		KB(r, r->kmem_usage_kb, "a size");
		KB(r, r->kmem_limit_kb, "a size");
	}
	if (any_lane(kill)) {
		KB(r, r->kill.total_vm_kb, "a size");
		KB(r, r->kill.anon_rss_kb, "a size");
		KB(r, r->kill.file_rss_kb, "a size");
		KB(r, r->kill.shmem_rss_kb, "a size");
		KB(r, r->kill.pgtables_kb, "a size");
	}
	/* ... the page totals ... */
	if (any_lane(totals)) {
		PAGES(r, r->pagecache_pages, pages_max, "a page total", OOM_NONE);
		PAGES(r, r->swapcache_pages, pages_max, "a page total", OOM_NONE);
		PAGES(r, r->ram_pages, pages_max, "a page total", OOM_NONE);
		PAGES(r, r->highmem_pages, pages_max, "a page total", OOM_NONE);
		PAGES(r, r->reserved_pages, pages_max, "a page total", OOM_NONE);
		PAGES(r, r->cma_pages, pages_max, "a page total", OOM_NONE);
		PAGES(r, r->hwpoisoned_pages, pages_max, "a page total", OOM_NONE);
	}
	/* ... the memcg statistics in bytes ... */
	if (any_lane(memcg)) {
		BYTES(r, r->ms_anon, "a memory cgroup statistic");
		BYTES(r, r->ms_file, "a memory cgroup statistic");
		BYTES(r, r->ms_shmem, "a memory cgroup statistic");
		BYTES(r, r->ms_kernel, "a memory cgroup statistic");
		BYTES(r, r->ms_kernel_stack, "a memory cgroup statistic");
		BYTES(r, r->ms_pagetables, "a memory cgroup statistic");
		BYTES(r, r->ms_slab_reclaimable, "a memory cgroup statistic");
		BYTES(r, r->ms_slab_unreclaimable, "a memory cgroup statistic");
		BYTES(r, r->ms_sock, "a memory cgroup statistic");
		BYTES(r, r->ms_percpu, "a memory cgroup statistic");
		BYTES(r, r->ms_swap, "a memory cgroup statistic");
		BYTES(r, r->ms_anon_thp, "a memory cgroup statistic");
		BYTES(r, r->ms_mapped_file, "a memory cgroup statistic");
		BYTES(r, r->ms_unevictable, "a memory cgroup statistic");
	}
	/* ... the Mem-Info counters ... */
	if (any_lane(meminfo))
		for (k = 0; k < OC_COUNT; k++)
			PAGES(r, r->counters[k], pages_max, oom_counter_names[k], OOM_NONE);
	/* ... and the arrays. */
	for (k = 0; k < r->nzones && k < OOM_MAX_ZONES; k++)
		bound_zone(r, &r->zones[k], pages_max);
	for (k = 0; k < r->nhuge && k < OOM_MAX_HUGE; k++) {
		struct oom_huge *h = &r->huge[k];
		int64_t most;

		/* Huge page sizes run from 64 kB to 16 GB. */
		bound(r, &h->size_kb, 1, INT64_C(1) << 24, "hugepages_size", " kB", OOM_NONE);
		most = h->size_kb != OOM_NONE ? OOM_KB_MAX / h->size_kb : OOM_KB_MAX;
		bound(r, &h->total, 0, most, "hugepages_total", "", OOM_NONE);
		bound(r, &h->free, 0, most, "hugepages_free", "", OOM_NONE);
		bound(r, &h->surp, 0, most, "hugepages_surp", "", OOM_NONE);
	}
	for (k = 0; k < r->nslabs && k < OOM_MAX_SLABS; k++) {
		KB(r, r->slabs[k].used_kb, "a slab cache's size");
		KB(r, r->slabs[k].total_kb, "a slab cache's size");
	}
	for (i = 0; i < r->ntasks; i++)
		bound_task(r, &r->tasks[i], pages_max);
}

void
report_bound(struct oom_report *r)
{
	/* Which runs of scalars hold anything (see known_bits()). */
	u64x2 meminfo = KNOWN_BITS(r, counters[0], node_unevictable_kb);
	u64x2 totals = KNOWN_BITS(r, pagecache_pages, hwpoisoned_pages);
	u64x2 memcg = KNOWN_BITS(r, mem_usage_kb, ms_unevictable);
	u64x2 kill = KNOWN_BITS(r, kill.total_vm_kb, kill.oom_score_adj);
	int64_t page_kb = 4, pages_max;
	int k;

	/* The page size first, as explain takes it: the first zone's buddy line. */
	for (k = 0; k < r->nzones && k < OOM_MAX_ZONES; k++)
		bound_page_size(r, &r->zones[k]);
	for (k = 0; k < r->nzones && k < OOM_MAX_ZONES; k++)
		if (r->zones[k].buddy_page_kb != OOM_NONE) {
			page_kb = r->zones[k].buddy_page_kb;
			break;
		}
	pages_max = OOM_KB_MAX / page_kb;
	bound(r, &r->oom_adj, -17, 15, "oom_adj", "", OOM_NONE);
	bound(r, &r->oom_score_adj, -1000, 1000, "oom_score_adj", "", OOM_NONE);
	/* A report of its header line alone has none of these. */
	if (any_lane(meminfo | totals | memcg | kill) || r->nzones > 0 || r->nhuge > 0 ||
	    r->nslabs > 0 || r->ntasks > 0)
		bound_body(r, pages_max, meminfo, totals, memcg, kill);
	bound(r, &r->kill.oom_score_adj, -1000, 1000, "the victim's oom_score_adj", "",
	    r->kill.pid);
	/* "score N": per mille of totalpages, or (2.6) points, a page count. */
	bound(r, &r->kill.score, 0, pages_max, "the victim's score", "", r->kill.pid);
	for (k = 0; k < r->nreaped && k < OOM_MAX_REAPED; k++) {
		KB(r, r->reaped[k].anon_kb, "a reaped size");
		KB(r, r->reaped[k].file_kb, "a reaped size");
		KB(r, r->reaped[k].shmem_kb, "a reaped size");
	}
}
