/* meminfo.h: parse /proc/meminfo text. */
#ifndef OOMRISK_PROC_MEMINFO_H
#define OOMRISK_PROC_MEMINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Fields in kB, except the HugePages_ counts, which are in huge pages. */
struct meminfo {
	uint64_t mem_total, mem_free, mem_available, buffers, cached;
	uint64_t swap_cached, swap_total, swap_free;
	uint64_t active_anon, inactive_anon, active_file, inactive_file;
	uint64_t unevictable, mlocked, dirty, writeback;
	uint64_t anon_pages, mapped, shmem, kreclaimable;
	uint64_t slab, sreclaimable, sunreclaim, kernel_stack, page_tables;
	uint64_t commit_limit, committed_as;
	uint64_t hugepages_total, hugepages_free, hugepages_rsvd, hugepages_surp;
	uint64_t hugepagesize, hugetlb;
	uint64_t present;	/* bit i set: field i of the key table was seen */
};

/* Indices into the key table, for meminfo_has(). */
enum meminfo_field {
	MI_MEM_TOTAL, MI_MEM_FREE, MI_MEM_AVAILABLE, MI_BUFFERS, MI_CACHED,
	MI_SWAP_CACHED, MI_SWAP_TOTAL, MI_SWAP_FREE,
	MI_ACTIVE_ANON, MI_INACTIVE_ANON, MI_ACTIVE_FILE, MI_INACTIVE_FILE,
	MI_UNEVICTABLE, MI_MLOCKED, MI_DIRTY, MI_WRITEBACK,
	MI_ANON_PAGES, MI_MAPPED, MI_SHMEM, MI_KRECLAIMABLE,
	MI_SLAB, MI_SRECLAIMABLE, MI_SUNRECLAIM, MI_KERNEL_STACK, MI_PAGE_TABLES,
	MI_COMMIT_LIMIT, MI_COMMITTED_AS,
	MI_HUGEPAGES_TOTAL, MI_HUGEPAGES_FREE, MI_HUGEPAGES_RSVD, MI_HUGEPAGES_SURP,
	MI_HUGEPAGESIZE, MI_HUGETLB,
	MI_NFIELDS
};

/*
 * Parse meminfo text.  Returns 0, or -1 when MemTotal is missing (then
 * *lineno is 0) or a known key has a malformed value (*lineno says where).
 */
int meminfo_parse(const char *buf, size_t len, struct meminfo *mi, unsigned *lineno);
bool meminfo_has(const struct meminfo *mi, enum meminfo_field f);

#endif
