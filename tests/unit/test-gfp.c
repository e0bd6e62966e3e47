/*
 * test-gfp: masks from real reports (tests/oom-logs) and the worked decodes
 * of the kernel OOM reference §4.4, each with the era's table.
 */
#include "config.h"

#include "log/gfp.h"
#include "tap.h"

#define V GFP_VERSION

static void
decode(uint64_t mask, int version, int el7, const char *want, enum gfp_zone zone,
    const char *what)
{
	struct gfp_info g;

	gfp_decode(mask, version, el7, &g);
	is_str(g.names, want, "%s: names", what);
	is_int(g.zone, zone, "%s: zone %s", what, gfp_zone_name(zone));
}

int
main(void)
{
	struct gfp_info g;

	/* 050, 051 (3.10 / RHEL 6): page cache, cold */
	decode(0x201da, V(3, 10, 0), 0, "GFP_HIGHUSER_MOVABLE|__GFP_COLD", GZ_MOVABLE, "0x201da 3.10");
	decode(0x201da, V(2, 6, 32), 0, "GFP_HIGHUSER_MOVABLE|__GFP_COLD", GZ_MOVABLE, "0x201da 2.6.32");
	/* 001, 053 (2.6.32): zeroed anonymous fault */
	decode(0x280da, V(2, 6, 32), 0, "GFP_HIGHUSER_MOVABLE|__GFP_ZERO", GZ_MOVABLE, "0x280da 2.6.32");
	/* 052 (3.10.14 MIPS): plain user page */
	decode(0x200da, V(3, 10, 14), 0, "GFP_HIGHUSER_MOVABLE", GZ_MOVABLE, "0x200da 3.10");
	/* 003, 039: GFP_KERNEL of 3.x */
	decode(0xd0, V(3, 13, 0), 0, "GFP_KERNEL", GZ_NORMAL, "0xd0 3.13");
	/* 021 (3.4): an atomic order-2 allocation in softirq */
	decode(0x4020, V(3, 4, 9), 0, "GFP_ATOMIC|__GFP_COMP", GZ_NORMAL, "0x4020 3.4");
	gfp_decode(0x4020, V(3, 4, 9), 0, &g);
	ok(!(g.flags & GF(GF_WAIT)) && (g.flags & GF(GF_HIGH)), "0x4020: may not wait, __GFP_HIGH");
	/* 033 (RHEL 7): 0x100000 is __GFP_ACCOUNT there, __GFP_KMEMCG in mainline 3.10 */
	decode(0x10c0d0, V(3, 10, 0), 1, "GFP_KERNEL_ACCOUNT|__GFP_COMP|__GFP_ZERO", GZ_NORMAL,
	    "0x10c0d0 RHEL 7");
	decode(0x10c0d0, V(3, 10, 0), 0, "GFP_KERNEL|__GFP_COMP|__GFP_ZERO|__GFP_KMEMCG", GZ_NORMAL,
	    "0x10c0d0 mainline 3.10");
	/* Reference §4.4 worked decodes, one per era. */
	decode(0x24201ca, V(4, 4, 0), 0, "GFP_HIGHUSER_MOVABLE|__GFP_COLD", GZ_MOVABLE, "0x24201ca 4.4");
	decode(0x14200ca, V(4, 14, 0), 0, "GFP_HIGHUSER_MOVABLE", GZ_MOVABLE, "0x14200ca 4.14");
	decode(0x6200ca, V(4, 18, 0), 0, "GFP_HIGHUSER_MOVABLE", GZ_MOVABLE, "0x6200ca 4.18");
	decode(0x100cca, V(5, 8, 0), 0, "GFP_HIGHUSER_MOVABLE", GZ_MOVABLE, "0x100cca 5.8");
	decode(0xcc0, V(5, 4, 0), 0, "GFP_KERNEL", GZ_NORMAL, "0xcc0 5.4");
	decode(0x140dca, V(6, 1, 0), 0, "GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO", GZ_MOVABLE,
	    "0x140dca 6.1");
	decode(0xa20, V(5, 15, 0), 0, "GFP_ATOMIC", GZ_NORMAL, "GFP_ATOMIC 5.15");
	decode(0x820, V(6, 12, 0), 0, "GFP_ATOMIC", GZ_NORMAL, "GFP_ATOMIC 6.12");
	decode(0x24000c0, V(4, 8, 0), 0, "GFP_KERNEL", GZ_NORMAL, "0x24000c0 4.8");
	decode(0x14000c0, V(4, 15, 0), 0, "GFP_KERNEL", GZ_NORMAL, "0x14000c0 4.15");
	decode(0x7000c0, V(4, 19, 0), 0, "GFP_KERNEL_ACCOUNT", GZ_NORMAL, "0x7000c0 4.19");
	/* Cross-era trap (§4.4): 0x100cca read with the 4.9 table has no reclaim at all. */
	gfp_decode(0x100cca, V(4, 9, 0), 0, &g);
	ok((g.flags & GF(GF_NOFAIL)) && (g.flags & GF(GF_REPEAT)) &&
	    !(g.flags & GF(GF_DIRECT_RECLAIM)), "0x100cca with the 4.9 table: REPEAT|NOFAIL, no reclaim");
	gfp_decode(0x8000, V(4, 9, 0), 0, &g);
	is_str(g.names, "__GFP_ZERO", "0x8000 is ZERO before 5.1");
	gfp_decode(0x8000, V(5, 1, 0), 0, &g);
	is_str(g.names, "__GFP_NOFAIL", "and NOFAIL from 5.1");
	/* Bits no flag of the era explains are printed in hex, like %pGg does. */
	gfp_decode(0x80000000d0ULL, V(3, 10, 0), 0, &g);
	is_str(g.names, "GFP_KERNEL|0x8000000000", "unknown bits in hex");
	is_int(g.unknown, 0x8000000000ULL, "unknown bits kept");
	gfp_decode(0, V(5, 4, 0), 0, &g);
	is_str(g.names, "", "0x0 (page-fault OOM before 5.15) has no names");
	is_int(g.zone, GZ_NORMAL, "0x0 targets Normal");

	/* Names printed by the kernel are taken as printed; their meaning derived. */
	gfp_from_names(0xcc4, "GFP_KERNEL|GFP_DMA32", 20, &g);
	ok(g.names_printed, "names printed");
	is_str(g.names, "GFP_KERNEL|GFP_DMA32", "020: names as printed");
	is_int(g.zone, GZ_DMA32, "020: zone DMA32");
	ok((g.flags & GF(GF_DIRECT_RECLAIM)) && (g.flags & GF(GF_FS)), "GFP_KERNEL may reclaim, FS");
	gfp_from_names(0x500cc2, "GFP_HIGHUSER|__GFP_ACCOUNT", 26, &g);
	is_int(g.zone, GZ_HIGHMEM, "028: GFP_HIGHUSER is not movable");
	ok(g.flags & GF(GF_ACCOUNT), "028: __GFP_ACCOUNT");
	gfp_from_names(0x6202c2, "GFP_HIGHUSER|__GFP_NOWARN", 25, &g);
	ok(g.flags & GF(GF_NOWARN), "014: __GFP_NOWARN");
	gfp_from_names(0x140cca, "GFP_HIGHUSER_MOVABLE|__GFP_COMP", 31, &g);
	is_int(g.zone, GZ_MOVABLE, "009: movable");
	ok(g.flags & GF(GF_COMP), "009: __GFP_COMP");
	is_str(gfp_zone_name(GZ_DMA32), "DMA32", "zone name");
	return tap_done();
}
