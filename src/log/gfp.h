/*
 * gfp.h: decode an OOM report's gfp_mask for the kernel era it came from.
 *
 * The bit values of the __GFP_* flags changed several times (2.6.32, 3.x,
 * 4.4, 4.10, 4.13, 4.18, 5.1, 5.14, 6.3; see the kernel OOM reference §4),
 * so a bare hex mask means nothing without its era.  Kernels from 4.5 on
 * print the names themselves ("0x100cca(GFP_HIGHUSER_MOVABLE)"); those are
 * taken as printed.  Either way the result also carries the flags' meaning
 * (era-independent), which the explanation needs: may the allocation
 * reclaim, do I/O, fail, which zones may it use.
 */
#ifndef OOMRISK_LOG_GFP_H
#define OOMRISK_LOG_GFP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Era-independent meaning of the flags. */
enum gfp_flag {
	GF_DMA, GF_HIGHMEM, GF_DMA32, GF_MOVABLE, GF_RECLAIMABLE,
	GF_HIGH, GF_IO, GF_FS, GF_COLD, GF_NOWARN, GF_REPEAT, GF_RETRY_MAYFAIL,
	GF_NOFAIL, GF_NORETRY, GF_MEMALLOC, GF_COMP, GF_ZERO, GF_NOMEMALLOC,
	GF_HARDWALL, GF_THISNODE, GF_ATOMIC, GF_ACCOUNT, GF_NOACCOUNT,
	GF_NOTRACK, GF_NO_KSWAPD, GF_OTHER_NODE, GF_WRITE, GF_DIRECT_RECLAIM,
	GF_KSWAPD_RECLAIM, GF_WAIT, GF_NOLOCKDEP, GF_ZEROTAGS,
	GF_COUNT
};
#define GF(f) (UINT64_C(1) << (f))

/* Zone types a request may reach (its highest zone; it falls back below). */
enum gfp_zone { GZ_DMA, GZ_DMA32, GZ_NORMAL, GZ_HIGHMEM, GZ_MOVABLE, GZ_INVALID };

#define GFP_NAMES_MAX 256

struct gfp_info {
	uint64_t mask;
	uint64_t flags;		/* GF() bits */
	uint64_t unknown;	/* bits of mask no flag of the era explains */
	enum gfp_zone zone;
	bool names_printed;	/* the names came from the log */
	char names[GFP_NAMES_MAX];	/* "GFP_KERNEL|__GFP_COMP", '|'-separated */
	const char *table;	/* which era's table decoded a bare mask */
};

/* Kernel versions are release_version_code() values (badness.h); -1 unknown. */
#define GFP_VERSION(a, b, c) ((a) * 1000000 + (b) * 1000 + (c))

/*
 * Decode a bare mask with the table of kernel version `version` (el7: a
 * RHEL 7 kernel, whose 0x100000 is __GFP_ACCOUNT).  The names are rendered
 * the way the kernel's %pGg does: composites first, greedy, then single
 * flags, then leftover bits in hex.
 */
void gfp_decode(uint64_t mask, int version, bool el7, struct gfp_info *out);

/*
 * Take the names a kernel printed in parentheses (names[0..len), without
 * the parentheses) and derive their meaning.
 */
void gfp_from_names(uint64_t mask, const char *names, size_t len, struct gfp_info *out);

/* "Normal", "DMA32", ... */
const char *gfp_zone_name(enum gfp_zone z);

#endif
