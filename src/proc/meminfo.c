/*
 * meminfo.c: parse /proc/meminfo.
 *
 * Sample:
 *   MemTotal:       24684084 kB
 *   MemAvailable:   24386292 kB
 *   HugePages_Total:       0
 *
 * Keys vary by kernel (MemAvailable since 3.14, KReclaimable since 4.20),
 * so presence is recorded per field rather than assumed.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "lib/parse.h"
#include "proc/meminfo.h"

static const struct {
	const char *key;
	size_t off;
} fields[MI_NFIELDS] = {
#define F(idx, key, member) [idx] = { key, offsetof(struct meminfo, member) }
	F(MI_MEM_TOTAL, "MemTotal", mem_total),
	F(MI_MEM_FREE, "MemFree", mem_free),
	F(MI_MEM_AVAILABLE, "MemAvailable", mem_available),
	F(MI_BUFFERS, "Buffers", buffers),
	F(MI_CACHED, "Cached", cached),
	F(MI_SWAP_CACHED, "SwapCached", swap_cached),
	F(MI_SWAP_TOTAL, "SwapTotal", swap_total),
	F(MI_SWAP_FREE, "SwapFree", swap_free),
	F(MI_ACTIVE_ANON, "Active(anon)", active_anon),
	F(MI_INACTIVE_ANON, "Inactive(anon)", inactive_anon),
	F(MI_ACTIVE_FILE, "Active(file)", active_file),
	F(MI_INACTIVE_FILE, "Inactive(file)", inactive_file),
	F(MI_UNEVICTABLE, "Unevictable", unevictable),
	F(MI_MLOCKED, "Mlocked", mlocked),
	F(MI_DIRTY, "Dirty", dirty),
	F(MI_WRITEBACK, "Writeback", writeback),
	F(MI_ANON_PAGES, "AnonPages", anon_pages),
	F(MI_MAPPED, "Mapped", mapped),
	F(MI_SHMEM, "Shmem", shmem),
	F(MI_KRECLAIMABLE, "KReclaimable", kreclaimable),
	F(MI_SLAB, "Slab", slab),
	F(MI_SRECLAIMABLE, "SReclaimable", sreclaimable),
	F(MI_SUNRECLAIM, "SUnreclaim", sunreclaim),
	F(MI_KERNEL_STACK, "KernelStack", kernel_stack),
	F(MI_PAGE_TABLES, "PageTables", page_tables),
	F(MI_COMMIT_LIMIT, "CommitLimit", commit_limit),
	F(MI_COMMITTED_AS, "Committed_AS", committed_as),
	F(MI_HUGEPAGES_TOTAL, "HugePages_Total", hugepages_total),
	F(MI_HUGEPAGES_FREE, "HugePages_Free", hugepages_free),
	F(MI_HUGEPAGES_RSVD, "HugePages_Rsvd", hugepages_rsvd),
	F(MI_HUGEPAGES_SURP, "HugePages_Surp", hugepages_surp),
	F(MI_HUGEPAGESIZE, "Hugepagesize", hugepagesize),
	F(MI_HUGETLB, "Hugetlb", hugetlb),
#undef F
};

bool
meminfo_has(const struct meminfo *mi, enum meminfo_field f)
{
	return (mi->present >> f) & 1;
}

int
meminfo_parse(const char *buf, size_t len, struct meminfo *mi, unsigned *lineno)
{
	struct lines it;
	const char *line;
	size_t n;

	memset(mi, 0, sizeof(*mi));
	*lineno = 0;
	lines_init(&it, buf, len);
	while (lines_next(&it, &line, &n)) {
		const char *colon = memchr(line, ':', n);
		size_t klen, i;

		if (colon == NULL)
			continue;
		klen = (size_t)(colon - line);
		for (i = 0; i < MI_NFIELDS; i++) {
			uint64_t v;

			if (strlen(fields[i].key) != klen ||
			    memcmp(line, fields[i].key, klen) != 0)
				continue;
			if (!kv_number(line, n, fields[i].key, &v)) {
				*lineno = it.lineno;
				return -1;
			}
			memcpy((char *)mi + fields[i].off, &v, sizeof(v));
			mi->present |= UINT64_C(1) << i;
			break;
		}
	}
	return meminfo_has(mi, MI_MEM_TOTAL) ? 0 : -1;
}
