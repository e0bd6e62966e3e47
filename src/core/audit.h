/*
 * audit.h: findings about what an OOM would do on this system and which
 * settings decide it.  Pure: a scored task list, a snapshot of the vm
 * sysctls and meminfo, /proc/swaps and the limited memory cgroups go in;
 * findings, each with the tasks concerned and one sentence, come out.
 * `oomrisk audit` prints them; `check` can run the same (sys/gather-audit.h
 * gathers the input from the live system).
 *
 * Findings (ids are stable; thresholds below):
 *   adj-min-large          large tasks at oom_score_adj -1000, out of reach
 *   adj-victim             the would-be victim (of a system-wide OOM, or of
 *                          a memory cgroup's) is first only because of a
 *                          positive adj, ahead of a much larger task
 *   adj-outranks           other small tasks with a positive adj rank above
 *                          much larger ones
 *   memcg-adj-step         a memory cgroup so small that totalpages/1000,
 *                          the weight of one adj point, is 0 or a few pages
 *   panic-on-oom, oom-kill-allocating-task, overcommit-never,
 *   overcommit-always, min-free-kbytes-high, watermark-scale-factor,
 *   no-swap, zram-swap, swap-full, swappiness-zero
 *                          settings that change what an OOM does
 *   protected-victim       a task matching a protect pattern is the
 *                          would-be victim of some scope
 *   oom-group              the would-be victim's kill takes a whole cgroup
 *                          with it (memory.oom.group)
 */
#ifndef OOMRISK_CORE_AUDIT_H
#define OOMRISK_CORE_AUDIT_H

#include <stddef.h>

#include "core/blast.h"
#include "core/protect.h"
#include "core/rank.h"
#include "core/snapshot.h"
#include "proc/swaps.h"
#include "core/memcg.h"

/* A task is "large" when it holds at least this share of totalpages. */
#define AUDIT_LARGE_PERMILLE 10
/* "Much larger": at least this many times the memory, and a large difference. */
#define AUDIT_MUCH_LARGER 2
/* A memory cgroup adj step below this many pages is "a few pages". */
#define AUDIT_ADJ_STEP_FEW 16
/* Swap this full (percent used) has little room left to absorb a shortage. */
#define AUDIT_SWAP_FULL_PCT 80
/*
 * Neither the boot-time formula (sqrt(16 x lowmem kB), at least 128) nor
 * THP's raise (capped at 5% of lowmem) sets min_free_kbytes above 5% of
 * RAM on any machine with more than 6.25 MiB.
 */
#define AUDIT_MIN_FREE_PCT 5
/* The kernel's default watermark_scale_factor. */
#define AUDIT_WSF_DEFAULT 10

enum audit_severity { AUDIT_INFO, AUDIT_WARNING, AUDIT_CRITICAL };

struct audit_finding {
	const char *id;
	enum audit_severity severity;
	/* One sentence.  It quotes process names, command lines and cgroup
	 * paths raw: escape it for a terminal, or write it through json.h. */
	char *summary;
	int *pids;
	size_t npids;
};

struct audit_report {
	struct audit_finding *v;	/* most severe first */
	size_t n, cap;
};

struct audit_input {
	/* Global scope, every task scored (limit 0), command lines read. */
	const struct ranking *rank;
	const struct snapshot *snap;	/* sysctls and meminfo; NULL skips them */
	const struct swaps *swaps;	/* NULL: /proc/swaps not read */
	const struct memcg_limited *memcgs;
	size_t nmemcgs;
	/* What a kill of the would-be victim takes down; NULL: not known. */
	const struct oom_group *victim_group;
	const struct blast_members *victim_members;
	const struct protect_list *protect;	/* NULL: none */
};

/* Append the findings (out must be empty or zeroed), most severe first. */
void audit_run(const struct audit_input *in, struct audit_report *out);
void audit_report_free(struct audit_report *r);

/* "info", "warning", "critical". */
const char *audit_severity_name(enum audit_severity s);

/* The finding with this id, or NULL (for tests and for check). */
const struct audit_finding *audit_find(const struct audit_report *r, const char *id);

#endif
