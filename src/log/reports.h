/*
 * reports.h: OOM-killer and page-allocation-failure reports found in kernel
 * log text, as plain structs.  Pure: lines in, reports out through a
 * callback; nothing is read from a file here (sys/logsource.c does that).
 *
 * A report is everything one OOM event printed (kernel OOM reference §3):
 * the "invoked oom-killer" line, cpuset line, CPU/Comm line and call
 * trace, Mem-Info (counters, per-node and per-zone lines, lowmem_reserve,
 * buddy lists, hugepages, swap and page totals) or the memcg block, the
 * task dump, the oom-kill summary, the kill line(s), oom_reaper lines and
 * panics.  Reports may be cut anywhere (rate limits, grep, pagers, mail):
 * whatever arrived is kept and the `seen` bits say what did not.
 *
 * Values the log does not show stay OOM_NONE.  Sizes keep the units the
 * kernel printed them in (the field names say which).
 */
#ifndef OOMRISK_LOG_REPORTS_H
#define OOMRISK_LOG_REPORTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OOM_NONE INT64_MIN
#define OOM_COMM_MAX 64		/* TASK_COMM_LEN is 16; kept longer for odd logs */
#define OOM_PATH_MAX 256
#define OOM_TEXT_MAX 128
#define OOM_MAX_ZONES 32
#define OOM_MAX_RESERVE 8
#define OOM_MAX_ORDERS 16
#define OOM_MAX_HUGE 16
#define OOM_MAX_REAPED 8
#define OOM_MAX_SLABS 5
#define OOM_MAX_KILLED 64	/* kill lines kept per event (a group kill); more are counted */
#define OOM_TASKS_MAX 32768	/* rows kept per report; more are counted as cut */
#define OOM_LINE_MAX 65536	/* longer logical lines are cut (and flagged) */

enum oom_kind {
	OOM_KIND_GLOBAL, OOM_KIND_MEMCG, OOM_KIND_CPUSET, OOM_KIND_MEMPOLICY,
	OOM_KIND_SYSRQ, OOM_KIND_ALLOC_FAILURE,
};

/* Parts of a report, for "what was seen / what is missing". */
enum oom_part {
	OP_HEADER = 1 << 0,	/* invoked oom-killer / page allocation failure */
	OP_CPUSET = 1 << 1,
	OP_CPU = 1 << 2,	/* CPU: ... PID: ... Comm: (or Pid: ..., comm:) */
	OP_TRACE = 1 << 3,
	OP_MEMINFO = 1 << 4,	/* the global counters */
	OP_NODE = 1 << 5,
	OP_ZONES = 1 << 6,
	OP_BUDDY = 1 << 7,
	OP_SWAP = 1 << 8,
	OP_PAGES = 1 << 9,	/* pages RAM / reserved */
	OP_MEMCG = 1 << 10,	/* memory: usage ... limit */
	OP_TASKS = 1 << 11,	/* the task dump header */
	OP_ROWS = 1 << 12,
	OP_SUMMARY = 1 << 13,	/* oom-kill:constraint=... */
	OP_KILL = 1 << 14,	/* Kill process ... score (or a child) */
	OP_KILLED = 1 << 15,	/* Killed process ... */
	OP_REAPER = 1 << 16,
	OP_PANIC = 1 << 17,
	OP_NOKILLABLE = 1 << 18,
	OP_MEMCG_STATS = 1 << 19,
	OP_HUGE = 1 << 20,
};

/* Mem-Info counters, in pages. */
enum oom_counter {
	OC_ACTIVE_ANON, OC_INACTIVE_ANON, OC_ISOLATED_ANON, OC_ACTIVE_FILE,
	OC_INACTIVE_FILE, OC_ISOLATED_FILE, OC_UNEVICTABLE, OC_DIRTY, OC_WRITEBACK,
	OC_UNSTABLE, OC_SLAB_RECLAIMABLE, OC_SLAB_UNRECLAIMABLE, OC_MAPPED, OC_SHMEM,
	OC_PAGETABLES, OC_SEC_PAGETABLES, OC_BOUNCE, OC_FREE, OC_FREE_PCP, OC_FREE_CMA,
	OC_KERNEL_MISC_RECLAIMABLE,
	OC_COUNT
};
extern const char *const oom_counter_names[OC_COUNT];

struct oom_zone {
	int node;		/* -1: printed without "Node N" (non-NUMA builds) */
	char name[16];
	int64_t free_kb, min_kb, low_kb, high_kb, boost_kb;
	int64_t present_kb, managed_kb, highatomic_kb, free_cma_kb;
	int64_t kernel_stack_kb, pagetables_kb;
	int64_t lowmem_reserve[OOM_MAX_RESERVE];	/* pages */
	int nreserve;		/* 0: the lowmem_reserve line was not seen */
	int64_t buddy[OOM_MAX_ORDERS];	/* free blocks per order */
	int nbuddy;		/* 0: no buddy line */
	int64_t buddy_page_kb;	/* size of an order-0 block as printed */
	int64_t buddy_total_kb;
};

struct oom_huge {
	int node;
	int64_t total, free, surp, size_kb;
};

/* A task-dump row (values as printed; pages unless said otherwise). */
struct oom_task {
	int64_t pid, uid, tgid, total_vm, rss, rss_anon, rss_file, rss_shmem;
	int64_t pgtables;	/* nr_ptes (+ nr_pmds) in pages, or bytes: see layout */
	int64_t swapents, oom_adj, oom_score_adj;
	char comm[OOM_COMM_MAX];
};

enum oom_layout {
	TL_NONE,
	TL_2632,	/* rss cpu oom_adj name */
	TL_2636,	/* rss cpu oom_adj oom_score_adj name */
	TL_PTES,	/* rss nr_ptes swapents oom_score_adj name (3.6-3.19) */
	TL_PMDS,	/* rss nr_ptes nr_pmds swapents oom_score_adj name (4.0-4.14) */
	TL_BYTES,	/* rss pgtables_bytes swapents oom_score_adj name (4.15-6.7) */
	TL_SPLIT,	/* rss rss_anon rss_file rss_shmem pgtables_bytes swapents ... (6.8+) */
};

struct oom_reaped {
	int64_t pid, anon_kb, file_kb, shmem_kb;
	bool unable;
	char comm[OOM_COMM_MAX];
};

struct oom_slab {
	char name[32];
	int64_t used_kb, total_kb;
};

/*
 * The victim: "Kill process P (c) score S [or sacrifice child]" names the
 * task the kernel selected (before 5.1), "Killed process" the task it
 * killed; they differ when a child was sacrificed.
 */
struct oom_kill {
	int64_t chosen_pid, score;	/* "Kill process P (c) score S" */
	char chosen_comm[OOM_COMM_MAX];
	int64_t pid, uid, total_vm_kb, anon_rss_kb, file_rss_kb, shmem_rss_kb;
	int64_t pgtables_kb, oom_score_adj;
	char comm[OOM_COMM_MAX];
	char message[48];	/* "Out of memory", "Memory cgroup out of memory", ... */
	uint64_t line;		/* line of "Killed process" (for /dev/kmsg input,
				 * the record's sequence number); 0 if not seen */
};

/* Why a task is in the list of the event's kills. */
enum oom_killed_role {
	KR_VICTIM,	/* the victim's own "Killed process" line */
	KR_GROUP,	/* a member of the memory.oom.group cgroup */
	KR_SHARED,	/* 3.x: "Kill process N (x) sharing same memory" */
};

/* Every task one OOM event killed or meant to kill, in the order printed. */
struct oom_killed {
	int64_t pid, uid, total_vm_kb, anon_rss_kb, file_rss_kb, shmem_rss_kb;
	int64_t pgtables_kb, oom_score_adj;
	char comm[OOM_COMM_MAX];
	uint8_t role;		/* enum oom_killed_role */
	bool exiting;		/* "OOM victim N (x) is already exiting. Skip killing the task" */
	uint64_t line;
};

/* Where a report's lines came from, beyond the text itself. */
enum oom_source {
	SRC_LOG,	/* a kernel log (any prefix) */
	SRC_KMSG,	/* /dev/kmsg records: line numbers are sequence numbers */
	SRC_EVENT,	/* a Kubernetes event (node-problem-detector, kubelet): victim only */
};

struct oom_report {
	/* Where it was found. */
	int file;		/* index of the input (0 for the first) */
	uint64_t line;		/* first line, 1-based physical line number */
	uint64_t last_line;
	char host[OOM_TEXT_MAX], time[64], uptime[32];
	bool has_host, has_time, has_uptime;
	uint8_t source;		/* enum oom_source */
	char event_by[32];	/* SRC_EVENT: "node-problem-detector", "kubelet" */
	uint64_t repeats;	/* more reports just like this one (header line only) */
	uint64_t repeat_last_line;
	unsigned seen;		/* enum oom_part bits */
	enum oom_kind kind;
	bool kind_known;	/* false: guessed global (the telling lines are missing) */

	/* Header. */
	char invoker[OOM_COMM_MAX];
	bool has_invoker;
	int64_t invoker_pid, invoker_uid;
	int64_t gfp_mask, order, oom_adj, oom_score_adj;
	char gfp_names[256];
	bool gfp_names_printed;
	char nodemask[64], cpuset[OOM_PATH_MAX], mems_allowed[64];
	char kernel[96];	/* release from the CPU line */
	bool kernel_from_earlier;	/* taken from an earlier line of the same host */
	char taint[32];

	/* Call trace hints. */
	bool trace_pagefault_oom, trace_alloc_pages, trace_memcg_charge, trace_slab;
	bool trace_hugetlb, trace_thp, trace_irq, trace_panic_on_oom;

	/* Mem-Info. */
	int64_t counters[OC_COUNT];	/* pages */
	int64_t node_shmem_kb, node_kernel_stack_kb, node_pagetables_kb, node_anon_thp_kb;
	int64_t node_shmem_thp_kb, node_unevictable_kb;
	bool node_all_unreclaimable;
	int nzones, zones_dropped;
	int nhuge;
	int64_t pagecache_pages, swapcache_pages, free_swap_kb, total_swap_kb;
	int64_t ram_pages, highmem_pages, reserved_pages, cma_pages, hwpoisoned_pages;
	int nslabs;

	/* Memory cgroup block. */
	char memcg_task[OOM_PATH_MAX], memcg[OOM_PATH_MAX], memcg_stats_path[OOM_PATH_MAX];
	int64_t mem_usage_kb, mem_limit_kb, mem_failcnt;
	int64_t memsw_usage_kb, memsw_limit_kb, memsw_failcnt;
	int64_t swap_usage_kb, swap_limit_kb, swap_failcnt;	/* cgroup v2 */
	int64_t kmem_usage_kb, kmem_limit_kb, kmem_failcnt;
	/* memcg stats in bytes ("KB" values of <= 4.19 converted) */
	int64_t ms_anon, ms_file, ms_shmem, ms_kernel, ms_kernel_stack, ms_pagetables;
	int64_t ms_slab_reclaimable, ms_slab_unreclaimable, ms_sock, ms_percpu, ms_swap;
	int64_t ms_anon_thp, ms_mapped_file, ms_unevictable;
	bool memcg_v2;		/* a "swap:" line: cgroup v2 */

	/* Task dump. */
	enum oom_layout layout;
	bool layout_guessed;	/* rows without a header line */
	struct oom_task *tasks;	/* owned by the parser; valid during the callback */
	size_t ntasks, tasks_cap, tasks_cut;

	/* oom-kill summary (5.0+). */
	char constraint[32], oom_memcg[OOM_PATH_MAX], task_memcg[OOM_PATH_MAX];
	bool global_oom;
	char summary_task[OOM_COMM_MAX];
	int64_t summary_pid, summary_uid;

	/* The kill. */
	struct oom_kill kill;
	int sharing_killed;	/* "Kill process N (x) sharing same memory" */
	bool oom_group;		/* memory.oom.group kill */
	char oom_group_path[OOM_PATH_MAX];	/* "Tasks in PATH are going to be killed ..." */
	bool already_exiting;	/* the selected victim itself was already exiting */
	int nkilled, killed_dropped;
	int nreaped;
	bool no_killable, panic_on_oom;
	char panic[OOM_TEXT_MAX];
	char vendor_fields[OOM_TEXT_MAX];	/* fields of a kill line this parser skipped */

	/* Damage. */
	unsigned lines_cut;	/* logical lines longer than OOM_LINE_MAX */
	unsigned implausible;	/* numbers no kernel prints, dropped (log/bounds.h) */
	char implausible_what[112];	/* the first of them, e.g. "rss 4611686018427387904 pages (pid 4410)" */

	/*
	 * Arrays last: a new report clears everything above and only the
	 * counts of these (entries are set when added), so starting a report
	 * costs little even on a log of nothing but header lines.
	 */
	struct oom_zone zones[OOM_MAX_ZONES];
	struct oom_huge huge[OOM_MAX_HUGE];
	struct oom_slab slabs[OOM_MAX_SLABS];	/* largest "Unreclaimable slab info" */
	struct oom_reaped reaped[OOM_MAX_REAPED];
	struct oom_killed killed[OOM_MAX_KILLED];
};

typedef void (*reports_emit_fn)(const struct oom_report *r, void *arg);

struct reports;

struct reports *reports_new(reports_emit_fn emit, void *arg);
void reports_free(struct reports *ol);

/* The next input starts (file index, for reports' "file"). */
void reports_set_file(struct reports *ol, int file);

/*
 * One physical line (without its newline) at 1-based line number lineno.
 * Lines may be skipped while reports_wants_all() is false, as long as every
 * line holding an anchor (log/anchor.h) is passed.
 */
void reports_line(struct reports *ol, const char *line, size_t len, uint64_t lineno);

/*
 * reports_line() for a caller whose lines stay where they are for a while
 * (a read buffer): the line's bytes must stay readable and unchanged until
 * reports_release() is called, which the caller must do before it moves,
 * overwrites or frees them.  The assembler then keeps the line it may
 * still join with the next one where it is, instead of copying it.
 */
void reports_line_held(struct reports *ol, const char *line, size_t len, uint64_t lineno);

/*
 * The complete lines of [p, end) held, as reports_line_held() takes them
 * (numbered from *lineno on): the first one, then the next ones as long as
 * reports_wants_all().  *end must be readable and hold a '\n' (a
 * sentinel).  Returns where it stopped, a line's start (p itself when
 * [p, end) holds no complete line), and counts *lineno on.  One call for a
 * run of lines: the feed's loop.
 */
const char *reports_lines_held(struct reports *ol, const char *p, const char *end,
    uint64_t *lineno);

/* The held lines are about to go: copy what is still kept of them. */
void reports_release(struct reports *ol);

/*
 * The caller skipped to lineno without passing the lines between (none had
 * an anchor): lets finished reports go out without waiting for more input.
 */
void reports_advance(struct reports *ol, uint64_t lineno);

/* Whether every line must be passed (a report is being collected). */
bool reports_wants_all(const struct reports *ol);

/*
 * The input has gone quiet (a followed log): emit the reports whose kill
 * was printed without waiting for more lines.
 */
void reports_quiet(struct reports *ol);

/* The lines of the next input are /dev/kmsg records numbered by sequence. */
void reports_set_kmsg(struct reports *ol, bool kmsg);

/*
 * Let runs of reports that hold nothing but their header line, and say the
 * same (host, invoker, gfp_mask, order), come out once with a count
 * (r->repeats) instead of once each: a grep-filtered log of a million
 * headers is read in seconds and printed in a page.  Off by default.
 */
void reports_set_fold(struct reports *ol, bool fold);

/* End of all input: emit every report still open. */
void reports_finish(struct reports *ol);

/* Parse a whole buffer (tests, fuzzing): every line is passed. */
void reports_parse_buf(const char *buf, size_t len, reports_emit_fn emit, void *arg);

#endif
