/*
 * swaps.h: parse /proc/swaps, to tell what kind of swap a system has
 * (disk, or zram: compressed RAM that still counts as swap).
 */
#ifndef OOMRISK_PROC_SWAPS_H
#define OOMRISK_PROC_SWAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SWAPS_MAX 32		/* MAX_SWAPFILES is 32 or fewer */

struct swap_dev {
	char name[256];		/* as printed: octal escapes kept, cut to fit */
	bool partition;		/* "partition" (a block device) or "file" */
	bool zram;		/* /dev/zramN */
	uint64_t size_kb, used_kb;
	int prio;
};

struct swaps {
	struct swap_dev dev[SWAPS_MAX];
	int n;
	int dropped;		/* devices beyond SWAPS_MAX */
};

/*
 * Parse /proc/swaps text.  Returns 0, or -1 when a device line is
 * malformed (*lineno says which).  A file with only the header (no swap)
 * gives n = 0.
 */
int swaps_parse(const char *buf, size_t len, struct swaps *out, unsigned *lineno);

#endif
