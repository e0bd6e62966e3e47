/*
 * gfp.c: gfp_mask bit tables per kernel era, and the meaning of the flags.
 *
 * One table holds every (bit, era) pair: each row says which flag a bit
 * meant from one kernel version up to (not including) another.  The rows
 * follow include/linux/gfp.h as summarised in the kernel OOM reference §4.1
 * (2.6.32, 3.10, 4.4, 4.9, 4.14-4.20, 5.0-5.15, 6.1, 6.12); boundaries
 * inside 3.x (NO_KSWAPD 2.6.38, OTHER_NODE 3.0, WRITE 3.2, MEMALLOC 3.6,
 * KMEMCG 3.8-3.15, NOACCOUNT 4.1) are from the history of gfp.h and
 * OOMAnalyser's per-version tables.  RHEL 7's "3.10" reuses 0x100000 for
 * __GFP_ACCOUNT.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "log/gfp.h"

#define V(a, b) GFP_VERSION(a, b, 0)
#define VMAX 0x7fffffff

struct gfp_bit {
	uint32_t bit;
	int from, to;		/* kernel versions [from, to) */
	enum gfp_flag flag;
	const char *name;
};

static const struct gfp_bit gfp_bits[] = {
	{ 0x1, 0, VMAX, GF_DMA, "__GFP_DMA" },
	{ 0x2, 0, VMAX, GF_HIGHMEM, "__GFP_HIGHMEM" },
	{ 0x4, 0, VMAX, GF_DMA32, "__GFP_DMA32" },
	{ 0x8, 0, VMAX, GF_MOVABLE, "__GFP_MOVABLE" },
	{ 0x10, 0, V(4, 4), GF_WAIT, "__GFP_WAIT" },
	{ 0x10, V(4, 4), VMAX, GF_RECLAIMABLE, "__GFP_RECLAIMABLE" },
	{ 0x20, 0, VMAX, GF_HIGH, "__GFP_HIGH" },
	{ 0x40, 0, VMAX, GF_IO, "__GFP_IO" },
	{ 0x80, 0, VMAX, GF_FS, "__GFP_FS" },
	{ 0x100, 0, V(4, 15), GF_COLD, "__GFP_COLD" },
	{ 0x100, V(4, 18), V(5, 1), GF_WRITE, "__GFP_WRITE" },
	{ 0x100, V(5, 1), VMAX, GF_ZERO, "__GFP_ZERO" },
	{ 0x200, 0, V(5, 1), GF_NOWARN, "__GFP_NOWARN" },
	{ 0x200, V(5, 1), V(6, 3), GF_ATOMIC, "__GFP_ATOMIC" },
	{ 0x400, 0, V(4, 13), GF_REPEAT, "__GFP_REPEAT" },
	{ 0x400, V(4, 13), V(5, 1), GF_RETRY_MAYFAIL, "__GFP_RETRY_MAYFAIL" },
	{ 0x400, V(5, 1), VMAX, GF_DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM" },
	{ 0x800, 0, V(5, 1), GF_NOFAIL, "__GFP_NOFAIL" },
	{ 0x800, V(5, 1), VMAX, GF_KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM" },
	{ 0x1000, 0, V(5, 1), GF_NORETRY, "__GFP_NORETRY" },
	{ 0x1000, V(5, 1), VMAX, GF_WRITE, "__GFP_WRITE" },
	{ 0x2000, V(3, 6), V(5, 1), GF_MEMALLOC, "__GFP_MEMALLOC" },
	{ 0x2000, V(5, 1), VMAX, GF_NOWARN, "__GFP_NOWARN" },
	{ 0x4000, 0, V(5, 1), GF_COMP, "__GFP_COMP" },
	{ 0x4000, V(5, 1), VMAX, GF_RETRY_MAYFAIL, "__GFP_RETRY_MAYFAIL" },
	{ 0x8000, 0, V(5, 1), GF_ZERO, "__GFP_ZERO" },
	{ 0x8000, V(5, 1), VMAX, GF_NOFAIL, "__GFP_NOFAIL" },
	{ 0x10000, 0, V(5, 1), GF_NOMEMALLOC, "__GFP_NOMEMALLOC" },
	{ 0x10000, V(5, 1), VMAX, GF_NORETRY, "__GFP_NORETRY" },
	{ 0x20000, 0, V(5, 1), GF_HARDWALL, "__GFP_HARDWALL" },
	{ 0x20000, V(5, 1), VMAX, GF_MEMALLOC, "__GFP_MEMALLOC" },
	{ 0x40000, 0, V(5, 1), GF_THISNODE, "__GFP_THISNODE" },
	{ 0x40000, V(5, 1), VMAX, GF_COMP, "__GFP_COMP" },
	{ 0x80000, 0, V(4, 4), GF_RECLAIMABLE, "__GFP_RECLAIMABLE" },
	{ 0x80000, V(4, 4), V(5, 1), GF_ATOMIC, "__GFP_ATOMIC" },
	{ 0x80000, V(5, 1), VMAX, GF_NOMEMALLOC, "__GFP_NOMEMALLOC" },
	{ 0x100000, V(3, 8), V(3, 16), GF_ACCOUNT, "__GFP_KMEMCG" },
	{ 0x100000, V(4, 1), V(4, 5), GF_NOACCOUNT, "__GFP_NOACCOUNT" },
	{ 0x100000, V(4, 5), V(5, 1), GF_ACCOUNT, "__GFP_ACCOUNT" },
	{ 0x100000, V(5, 1), VMAX, GF_HARDWALL, "__GFP_HARDWALL" },
	{ 0x200000, 0, V(4, 15), GF_NOTRACK, "__GFP_NOTRACK" },
	{ 0x200000, V(4, 18), V(5, 1), GF_DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM" },
	{ 0x200000, V(5, 1), VMAX, GF_THISNODE, "__GFP_THISNODE" },
	{ 0x400000, GFP_VERSION(2, 6, 38), V(4, 4), GF_NO_KSWAPD, "__GFP_NO_KSWAPD" },
	{ 0x400000, V(4, 4), V(4, 18), GF_DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM" },
	{ 0x400000, V(4, 18), V(5, 1), GF_KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM" },
	{ 0x400000, V(5, 1), VMAX, GF_ACCOUNT, "__GFP_ACCOUNT" },
	{ 0x800000, V(3, 0), V(4, 10), GF_OTHER_NODE, "__GFP_OTHER_NODE" },
	{ 0x800000, V(4, 10), V(4, 18), GF_WRITE, "__GFP_WRITE" },
	{ 0x800000, V(4, 18), V(5, 14), GF_NOLOCKDEP, "__GFP_NOLOCKDEP" },
	{ 0x800000, V(5, 14), VMAX, GF_ZEROTAGS, "__GFP_ZEROTAGS" },
	{ 0x1000000, V(3, 2), V(4, 10), GF_WRITE, "__GFP_WRITE" },
	{ 0x1000000, V(4, 10), V(4, 18), GF_KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM" },
	{ 0x2000000, V(4, 4), V(4, 10), GF_KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM" },
	{ 0x2000000, V(4, 12), V(4, 18), GF_NOLOCKDEP, "__GFP_NOLOCKDEP" },
};

/* Reclaim rights: __GFP_WAIT before 4.4, then the two split bits. */
#define RECLAIM_NEW (GF(GF_DIRECT_RECLAIM) | GF(GF_KSWAPD_RECLAIM))

struct gfp_composite {
	const char *name;
	int from, to;
	uint64_t flags;		/* with RECLAIM_NEW; WAIT replaces it before 4.4 */
};

#define KERNEL_ (RECLAIM_NEW | GF(GF_IO) | GF(GF_FS))
#define USER_ (KERNEL_ | GF(GF_HARDWALL))
#define HIGHUSER_ (USER_ | GF(GF_HIGHMEM))
#define MOVABLE_ (HIGHUSER_ | GF(GF_MOVABLE))
#define THP_LIGHT_ ((MOVABLE_ | GF(GF_COMP) | GF(GF_NOMEMALLOC) | GF(GF_NOWARN)) & ~RECLAIM_NEW)

/* The kernel's rendering order (include/trace/events/mmflags.h). */
static const struct gfp_composite gfp_composites[] = {
	{ "GFP_TRANSHUGE", V(4, 8), VMAX, THP_LIGHT_ | GF(GF_DIRECT_RECLAIM) },
	{ "GFP_TRANSHUGE_LIGHT", V(4, 8), VMAX, THP_LIGHT_ },
	{ "GFP_HIGHUSER_MOVABLE", 0, VMAX, MOVABLE_ },
	{ "GFP_HIGHUSER", 0, VMAX, HIGHUSER_ },
	{ "GFP_USER", 0, VMAX, USER_ },
	{ "GFP_TEMPORARY", 0, V(4, 15), KERNEL_ | GF(GF_RECLAIMABLE) },
	{ "GFP_KERNEL_ACCOUNT", V(4, 5), VMAX, KERNEL_ | GF(GF_ACCOUNT) },
	{ "GFP_KERNEL", 0, VMAX, KERNEL_ },
	{ "GFP_NOFS", 0, VMAX, RECLAIM_NEW | GF(GF_IO) },
	{ "GFP_ATOMIC", 0, V(4, 4), GF(GF_HIGH) },
	{ "GFP_ATOMIC", V(4, 4), V(6, 3), GF(GF_HIGH) | GF(GF_ATOMIC) | GF(GF_KSWAPD_RECLAIM) },
	{ "GFP_ATOMIC", V(6, 3), VMAX, GF(GF_HIGH) | GF(GF_KSWAPD_RECLAIM) },
	{ "GFP_NOIO", 0, VMAX, RECLAIM_NEW },
	{ "GFP_NOWAIT", V(4, 4), VMAX, GF(GF_KSWAPD_RECLAIM) },
	{ "GFP_DMA", 0, VMAX, GF(GF_DMA) },
	{ "GFP_DMA32", 0, VMAX, GF(GF_DMA32) },
};

/* Before 4.4 "may reclaim" was the single __GFP_WAIT bit. */
static uint64_t
era_flags(uint64_t flags, int version)
{
	if (version >= 0 && version < V(4, 4) && (flags & RECLAIM_NEW) == RECLAIM_NEW)
		flags = (flags & ~RECLAIM_NEW) | GF(GF_WAIT);
	return flags;
}

static bool
bit_in_era(const struct gfp_bit *b, int version)
{
	return version >= b->from && version < b->to;
}

static void
names_add(char *names, const char *name)
{
	size_t n = strlen(names);

	if (n + strlen(name) + 2 > GFP_NAMES_MAX)
		return;
	if (n > 0)
		names[n++] = '|';
	strcpy(names + n, name);
}

static enum gfp_zone
zone_of(uint64_t flags)
{
	uint64_t z = flags & (GF(GF_DMA) | GF(GF_HIGHMEM) | GF(GF_DMA32) | GF(GF_MOVABLE));

	/* GFP_ZONE_TABLE (include/linux/gfp.h): the highest zone allowed. */
	if (z == 0 || z == GF(GF_MOVABLE))
		return GZ_NORMAL;
	if (z == GF(GF_DMA) || z == (GF(GF_DMA) | GF(GF_MOVABLE)))
		return GZ_DMA;
	if (z == GF(GF_HIGHMEM))
		return GZ_HIGHMEM;
	if (z == GF(GF_DMA32) || z == (GF(GF_DMA32) | GF(GF_MOVABLE)))
		return GZ_DMA32;
	if (z == (GF(GF_HIGHMEM) | GF(GF_MOVABLE)))
		return GZ_MOVABLE;
	return GZ_INVALID;
}

static const char *
table_name(int version, bool el7)
{
	if (el7)
		return "RHEL 7 (3.10)";
	if (version < V(3, 0))
		return "2.6.x";
	if (version < V(4, 4))
		return "3.x-4.3";
	if (version < V(4, 10))
		return "4.4-4.9";
	if (version < V(4, 18))
		return "4.10-4.17";
	if (version < V(5, 1))
		return "4.18-5.0";
	if (version < V(6, 3))
		return "5.1-6.2";
	return "6.3+";
}

/* Single flags in the order the kernel prints them (mmflags.h), older ones placed alike. */
static const enum gfp_flag single_order[] = {
	GF_DMA, GF_HIGHMEM, GF_DMA32, GF_HIGH, GF_ATOMIC, GF_IO, GF_FS, GF_WAIT, GF_COLD,
	GF_NOWARN, GF_REPEAT, GF_RETRY_MAYFAIL, GF_NOFAIL, GF_NORETRY, GF_COMP, GF_ZERO,
	GF_NOMEMALLOC, GF_MEMALLOC, GF_HARDWALL, GF_THISNODE, GF_RECLAIMABLE, GF_MOVABLE,
	GF_ACCOUNT, GF_NOACCOUNT, GF_NOTRACK, GF_NO_KSWAPD, GF_OTHER_NODE, GF_WRITE,
	GF_DIRECT_RECLAIM, GF_KSWAPD_RECLAIM, GF_NOLOCKDEP, GF_ZEROTAGS,
};

void
gfp_decode(uint64_t mask, int version, bool el7, struct gfp_info *out)
{
	uint64_t left;
	size_t i, k;

	memset(out, 0, sizeof(*out));
	out->mask = mask;
	if (version < 0)
		version = V(5, 1);	/* callers pass a guess; this is a last resort */
	out->table = table_name(version, el7);
	for (i = 0; i < sizeof(gfp_bits) / sizeof(gfp_bits[0]); i++) {
		const struct gfp_bit *b = &gfp_bits[i];

		if ((mask & b->bit) && bit_in_era(b, version))
			out->flags |= GF(b->flag);
	}
	if (el7 && (mask & 0x100000))
		out->flags |= GF(GF_ACCOUNT);
	out->unknown = mask;
	for (i = 0; i < sizeof(gfp_bits) / sizeof(gfp_bits[0]); i++)
		if (bit_in_era(&gfp_bits[i], version))
			out->unknown &= ~(uint64_t)gfp_bits[i].bit;
	if (el7)
		out->unknown &= ~(uint64_t)0x100000;
	out->zone = zone_of(out->flags);

	/* Render: composites (largest first), then single flags, then hex. */
	left = out->flags;
	for (i = 0; i < sizeof(gfp_composites) / sizeof(gfp_composites[0]); i++) {
		const struct gfp_composite *c = &gfp_composites[i];
		uint64_t f = era_flags(c->flags, version);

		if (!(version >= c->from && version < c->to) && !(el7 &&
		    strcmp(c->name, "GFP_KERNEL_ACCOUNT") == 0))
			continue;
		if (f != 0 && (left & f) == f) {
			names_add(out->names, c->name);
			left &= ~f;
		}
	}
	for (k = 0; k < sizeof(single_order) / sizeof(single_order[0]); k++) {
		/* Most flags are set in no mask, or were named by a composite. */
		if (!(left & GF(single_order[k])))
			continue;
		for (i = 0; i < sizeof(gfp_bits) / sizeof(gfp_bits[0]); i++) {
			const struct gfp_bit *b = &gfp_bits[i];

			if (b->flag == single_order[k] && bit_in_era(b, version) && (mask & b->bit) &&
			    (left & GF(b->flag))) {
				names_add(out->names, el7 && b->bit == 0x100000 ? "__GFP_ACCOUNT" : b->name);
				left &= ~GF(b->flag);
			}
		}
	}
	if (el7 && (left & GF(GF_ACCOUNT)))
		names_add(out->names, "__GFP_ACCOUNT");
	if (out->unknown) {
		char hex[24];

		snprintf(hex, sizeof(hex), "%#llx", (unsigned long long)out->unknown);
		names_add(out->names, hex);
	}
}

/* The meaning of one printed name, or 0 if unknown. */
static uint64_t
name_flags(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(gfp_composites) / sizeof(gfp_composites[0]); i++) {
		const struct gfp_composite *c = &gfp_composites[i];

		/* Names are printed from 4.5 on: take the newest definition. */
		if (strlen(c->name) == len && memcmp(c->name, name, len) == 0 && c->to == VMAX)
			return c->flags;
	}
	for (i = 0; i < sizeof(gfp_bits) / sizeof(gfp_bits[0]); i++)
		if (strlen(gfp_bits[i].name) == len && memcmp(gfp_bits[i].name, name, len) == 0)
			return GF(gfp_bits[i].flag);
	if (len == 13 && memcmp(name, "__GFP_RECLAIM", 13) == 0)
		return RECLAIM_NEW;
	return 0;
}

void
gfp_from_names(uint64_t mask, const char *names, size_t len, struct gfp_info *out)
{
	size_t i, start = 0, n;

	memset(out, 0, sizeof(*out));
	out->mask = mask;
	out->names_printed = true;
	out->table = "as printed";
	n = len < GFP_NAMES_MAX - 1 ? len : GFP_NAMES_MAX - 1;
	if (n > 0)
		memcpy(out->names, names, n);
	out->names[n] = '\0';
	for (i = 0; i <= n; i++) {
		if (i == n || names[i] == '|') {
			out->flags |= name_flags(names + start, i - start);
			start = i + 1;
		}
	}
	out->zone = zone_of(out->flags);
}

const char *
gfp_zone_name(enum gfp_zone z)
{
	switch (z) {
	case GZ_DMA: return "DMA";
	case GZ_DMA32: return "DMA32";
	case GZ_NORMAL: return "Normal";
	case GZ_HIGHMEM: return "HighMem";
	case GZ_MOVABLE: return "Movable";
	case GZ_INVALID: break;
	}
	return "invalid";
}
