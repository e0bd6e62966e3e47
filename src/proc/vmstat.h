/* vmstat.h: the /proc/vmstat counters that matter for OOM risk. */
#ifndef OOMRISK_PROC_VMSTAT_H
#define OOMRISK_PROC_VMSTAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vmstat {
	bool have_oom_kill;	/* "oom_kill" exists since 4.13 */
	uint64_t oom_kill;	/* OOM kills since boot, memcg ones included */
	uint64_t allocstall;	/* direct reclaim entries (sum of allocstall_*) */
	uint64_t pgscan_kswapd, pgscan_direct, pgsteal_kswapd, pgsteal_direct;
	uint64_t pswpin, pswpout, pgmajfault;
	uint64_t workingset_refault_anon, workingset_refault_file;
	uint64_t compact_stall, compact_fail;
	uint64_t nr_free_pages;
};

/* Returns 0, or -1 (with *lineno) when a known counter is malformed. */
int vmstat_parse(const char *buf, size_t len, struct vmstat *v, unsigned *lineno);

#endif
