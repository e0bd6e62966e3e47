/*
 * explain.h: what an OOM report means.  Pure: a parsed report in, an
 * explanation out — who asked and for what, which zones could have served
 * it (watermarks + lowmem_reserve, via watermark.h), where the memory went
 * and why (a classified cause), the biggest tasks, the victim, the replay
 * of the kernel's choice (replay.h), and advice that follows from these.
 */
#ifndef OOMRISK_CORE_EXPLAIN_H
#define OOMRISK_CORE_EXPLAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "core/replay.h"
#include "core/watermark.h"
#include "log/gfp.h"
#include "log/reports.h"

#define EX_TEXT 384
#define EX_MAX_FINDINGS 16
#define EX_MAX_ADVICE 8
#define EX_TOP 10
#define EX_MAX_MISSING 12

struct ex_zone {
	const struct oom_zone *z;
	int idx;		/* zone index = lowmem_reserve column; -1 unknown */
	bool allowed;		/* the request may use it (at or below its highest zone) */
	int64_t reserve_kb;	/* lowmem_reserve[classzone] in kB, OOM_NONE if unknown */
	int64_t need_min_kb, need_high_kb;	/* free must exceed these (mark + reserve + order) */
	const char *verdict;	/* "ok", "below high", "below low", "below min",
				   "fragmented", "not allowed", "unknown" */
	int largest_order;	/* largest free block, -1 if no buddy line */
};

/* Where the memory was, in kB (OOM_NONE where the report does not say). */
struct ex_memory {
	int64_t total_kb;	/* managed pages (RAM - reserved), or the memcg limit */
	int64_t anon_kb;	/* anonymous, without shmem */
	int64_t shmem_kb, file_kb, unevictable_kb;
	int64_t slab_reclaimable_kb, slab_unreclaimable_kb, pagetables_kb, kernel_stack_kb;
	int64_t hugetlb_kb, hugetlb_free_kb;
	int64_t mapped_nonlru_kb;	/* mapped but on no LRU: driver/GPU memory */
	int64_t free_kb, other_kb;	/* other: the kernel's untracked allocations */
	int64_t swap_total_kb, swap_free_kb;
};

#define EX_GROUP_MAX 64

/*
 * A memory.oom.group kill checked against what the kernel does (reference
 * §1.4, mm/oom_kill.c oom_kill_memcg_member): every task of the group's
 * cgroup is killed, except tasks at oom_score_adj -1000 and init; a member
 * whose memory is already gone is named "already exiting" instead.
 */
struct ex_group {
	bool shown;		/* the log shows a group kill */
	bool members_known;	/* the dump lists exactly the group (it is the OOM's scope) */
	bool checked, agrees;
	int64_t expected[EX_GROUP_MAX];	/* pids the rule says die (members_known) */
	int nexpected;
	int64_t missing[EX_GROUP_MAX];		/* expected, but neither killed nor exiting */
	int nmissing;
	int64_t unexpected[EX_GROUP_MAX];	/* killed, but not in the dump or at -1000 */
	int nunexpected;
	int64_t spared[EX_GROUP_MAX];		/* in the dump at oom_score_adj -1000 */
	int nspared;
	int nkilled;		/* distinct tasks killed or found exiting */
};

struct explanation {
	const struct oom_report *r;
	int64_t page_kb;	/* from the buddy lists; 4 when not printed */
	bool page_kb_known;
	int version;		/* kernel version code, or a guess from the shape; -1 */
	char era[112];		/* release, or "3.6-3.19 (from the dump's columns)" */
	const char *kind;	/* "global", "memcg", ... */
	const char *memcg;	/* the OOMing cgroup's path, or NULL */
	bool have_gfp;
	struct gfp_info gfp;
	int64_t request_kb;	/* 2^order pages */
	int classzone;		/* lowmem_reserve column the kernel indexes, -1 unknown */
	char target_zone[16];
	bool target_populated;		/* the report lists a zone of that type */
	const char *fallback[6];	/* lower zones the request may fall back to */
	int nfallback;
	struct ex_zone zones[OOM_MAX_ZONES];
	int nzones;
	struct ex_memory mem;
	const char *cause;
	char cause_summary[EX_TEXT];
	struct replay replay;
	struct ex_group group;
	bool selected_differs;	/* the kernel selected one task and killed another */
	size_t top[EX_TOP];
	int ntop;
	char findings[EX_MAX_FINDINGS][EX_TEXT];
	int nfindings;
	char advice[EX_MAX_ADVICE][EX_TEXT];
	int nadvice;
	const char *missing[EX_MAX_MISSING];
	int nmissing;
	bool complete;
};

/*
 * What explain knows of the machine whose log it reads, when that is the
 * machine it runs on (the kernel's own log, the journal of this boot).
 */
struct explain_host {
	int64_t swap_total_kb;	/* SwapTotal now (a memcg report does not print it); -1 */
};

/* Explain r (host: NULL for a log from anywhere); ex stays valid while r does. */
void explain_report(const struct oom_report *r, const struct explain_host *host,
    struct explanation *ex);

/* "global", "memcg", "cpuset", "mempolicy", "sysrq", "alloc-failure" */
const char *explain_kind_name(enum oom_kind k);

#endif
