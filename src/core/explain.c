/*
 * explain.c: from a parsed OOM report to findings.
 *
 * The zone reasoning follows the allocator (kernel OOM reference §5): a
 * request may use zones up to its gfp zone (MOVABLE > HIGHMEM > NORMAL >
 * DMA32 > DMA); in each it needs free > watermark + lowmem_reserve[classzone]
 * + (2^order - 1) pages, where the slow path checks MIN and the last try
 * before the OOM killer HIGH.  classzone is the first populated zone of the
 * zonelist up to 5.7 and the gfp zone itself from 5.8.  Zone indices come
 * from the zone names and the number of lowmem_reserve columns.
 */
#include "proc/release.h"
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/explain.h"
#include "lib/buf.h"
#include "lib/format.h"

static const char *const zone_order[] = { "DMA", "DMA32", "Normal", "HighMem", "Movable", "Device" };
#define NZONE_TYPES 6

/*
 * The zone verdicts and the cause classes, each text once: compared by
 * address (a dozen strcmp() calls per report were most of the library
 * calls of explaining one), printed as they are.
 */
static const char V_NOT_ALLOWED[] = "not allowed", V_UNKNOWN[] = "unknown",
    V_BELOW_MIN[] = "below min", V_FRAGMENTED[] = "fragmented", V_BELOW_LOW[] = "below low",
    V_BELOW_HIGH[] = "below high", V_OK[] = "ok";
static const char C_MEMCG_LIMIT[] = "memcg-limit", C_ZONE_CONSTRAINT[] = "zone-constraint",
    C_FRAGMENTATION[] = "fragmentation", C_HUGETLB[] = "hugetlb-reservation",
    C_CPUSET[] = "cpuset-constraint", C_UNKNOWN[] = "unknown",
    C_ATOMIC_HIGH_ORDER[] = "atomic-high-order", C_APP_ANON[] = "application-anon",
    C_SHMEM[] = "shmem", C_KERNEL_SLAB[] = "kernel-slab", C_PAGE_TABLES[] = "page-tables",
    C_MAPPED_NON_LRU[] = "mapped-non-lru", C_KERNEL_UNACCOUNTED[] = "kernel-unaccounted";

static bool
known(int64_t v)
{
	return v != OOM_NONE;
}

static void __attribute__((format(printf, 2, 3)))
finding(struct explanation *ex, const char *fmt, ...)
{
	va_list ap;

	if (ex->nfindings >= EX_MAX_FINDINGS)
		return;
	va_start(ap, fmt);
	buf_vsnprintf(ex->findings[ex->nfindings++], EX_TEXT, fmt, ap);
	va_end(ap);
}

static void __attribute__((format(printf, 2, 3)))
advise(struct explanation *ex, const char *fmt, ...)
{
	va_list ap;

	if (ex->nadvice >= EX_MAX_ADVICE)
		return;
	va_start(ap, fmt);
	buf_vsnprintf(ex->advice[ex->nadvice++], EX_TEXT, fmt, ap);
	va_end(ap);
}

/* A size for prose: "1.5G", "512K". */
static const char *
sz(char *buf, int64_t kb)
{
	return fmt_kb(buf, kb < 0 ? 0 : (uint64_t)kb);
}

const char *
explain_kind_name(enum oom_kind k)
{
	switch (k) {
	case OOM_KIND_GLOBAL: return "global";
	case OOM_KIND_MEMCG: return "memcg";
	case OOM_KIND_CPUSET: return "cpuset";
	case OOM_KIND_MEMPOLICY: return "mempolicy";
	case OOM_KIND_SYSRQ: return "sysrq";
	case OOM_KIND_ALLOC_FAILURE: return "alloc-failure";
	}
	return "global";
}

static int
zone_type(const char *name)
{
	int i;

	for (i = 0; i < NZONE_TYPES; i++)
		if (strcmp(name, zone_order[i]) == 0)
			return i;
	return -1;
}

/* ---- era ---------------------------------------------------------------- */

/* Eras a task dump's columns stand for (reference §3.4), as a version to decode with. */
static const struct {
	enum oom_layout layout;
	int version;
	const char *era;
} layout_eras[] = {
	{ TL_2632, GFP_VERSION(2, 6, 32), "2.6.32-2.6.35 (from the dump's columns)" },
	{ TL_2636, GFP_VERSION(2, 6, 36), "2.6.36-3.5 (from the dump's columns)" },
	{ TL_PTES, GFP_VERSION(3, 10, 0), "3.6-3.19 (from the dump's columns)" },
	{ TL_PMDS, GFP_VERSION(4, 0, 0), "4.0-4.14 (from the dump's columns)" },
	{ TL_BYTES, GFP_VERSION(4, 15, 0), "4.15-6.7 (from the dump's columns)" },
	{ TL_SPLIT, GFP_VERSION(6, 8, 0), "6.8+ (from the dump's columns)" },
};

/*
 * The kernel version, or a guess from the report's shape (reference §7.1).
 * Returns the version of the printed release, -1 without one (the replay's,
 * which must not take a guess).
 */
static int
find_era(const struct oom_report *r, struct explanation *ex)
{
	size_t i;

	ex->version = r->kernel[0] ? release_version_code(r->kernel) : -1;
	if (ex->version >= 0) {
		buf_strcpy(ex->era, sizeof(ex->era), r->kernel);
		return ex->version;
	}
	for (i = 0; i < sizeof(layout_eras) / sizeof(layout_eras[0]); i++) {
		if (layout_eras[i].layout == r->layout) {
			ex->version = layout_eras[i].version;
			buf_strcpy(ex->era, sizeof(ex->era), layout_eras[i].era);
			return -1;
		}
	}
	if (r->gfp_names_printed) {
		buf_strcpy(ex->era, sizeof(ex->era), "4.5+ (gfp names printed)");
	} else if (known(r->oom_adj) && known(r->oom_score_adj)) {
		ex->version = GFP_VERSION(2, 6, 36);
		buf_strcpy(ex->era, sizeof(ex->era), "2.6.36-3.7 (oom_adj and oom_score_adj printed)");
	} else if (known(r->oom_adj)) {
		ex->version = GFP_VERSION(2, 6, 32);
		buf_strcpy(ex->era, sizeof(ex->era), "<= 2.6.35 (oom_adj printed)");
	} else {
		ex->era[0] = '\0';
	}
	return -1;
}

/* ---- request and zones -------------------------------------------------- */

static void
describe_request(const struct oom_report *r, struct explanation *ex)
{
	if (!known(r->gfp_mask))
		return;
	ex->have_gfp = true;
	if (r->gfp_names_printed)
		gfp_from_names((uint64_t)r->gfp_mask, r->gfp_names, strlen(r->gfp_names), &ex->gfp);
	else
		gfp_decode((uint64_t)r->gfp_mask, ex->version >= 0 ? ex->version : GFP_VERSION(3, 10, 0),
		    strstr(r->kernel, ".el7") != NULL, &ex->gfp);
	if (known(r->order) && r->order >= 0 && r->order < 20)
		ex->request_kb = ex->page_kb << r->order;
}

/* Configured zone types, canonical order, from names and reserve columns. */
static int
configured_zones(const struct oom_report *r, const int type[], bool cfg[NZONE_TYPES])
{
	static const int fill[] = { 5, 0, 1, 3 };	/* Device, DMA, DMA32, HighMem */
	int i, n = 0, ncols = 0, k;

	memset(cfg, 0, sizeof(bool) * NZONE_TYPES);
	cfg[2] = cfg[4] = true;	/* Normal and Movable always exist */
	for (i = 0; i < r->nzones; i++) {
		int t = type[i];

		if (t >= 0)
			cfg[t] = true;
		if (r->zones[i].nreserve > ncols)
			ncols = r->zones[i].nreserve;
	}
	for (i = 0; i < NZONE_TYPES; i++)
		n += cfg[i];
	for (k = 0; k < 4 && n < ncols; k++) {
		if (!cfg[fill[k]]) {
			cfg[fill[k]] = true;
			n++;
		}
	}
	return ncols;
}

static int
zone_index(const bool cfg[NZONE_TYPES], int type)
{
	int i, idx = 0;

	if (type < 0 || !cfg[type])
		return -1;
	for (i = 0; i < type; i++)
		idx += cfg[i];
	return idx;
}

/* Highest configured zone type at or below the gfp zone. */
static int
highest_type(const bool cfg[NZONE_TYPES], enum gfp_zone gz)
{
	static const int map[] = { 0, 1, 2, 3, 4 };	/* GZ_DMA.. GZ_MOVABLE -> zone_order */
	int t;

	if (gz == GZ_INVALID)
		return -1;
	for (t = map[gz]; t >= 0; t--)
		if (cfg[t])
			return t;
	return -1;
}

static void
zone_wm_from(const struct oom_zone *z, int idx, int64_t page_kb, struct zone_wm *w)
{
	int i;

	memset(w, 0, sizeof(*w));
	w->node = z->node;
	w->zone_idx = idx;
	buf_strcpy(w->name, sizeof(w->name), z->name);
	w->free_kb = (uint64_t)z->free_kb;
	w->min_kb = (uint64_t)z->min_kb;
	w->low_kb = (uint64_t)(known(z->low_kb) ? z->low_kb : z->min_kb);
	w->high_kb = (uint64_t)(known(z->high_kb) ? z->high_kb : z->min_kb);
	w->page_kb = (uint64_t)page_kb;
	w->nreserve = z->nreserve < WM_MAX_ZONES ? z->nreserve : WM_MAX_ZONES;
	for (i = 0; i < w->nreserve; i++)
		w->lowmem_reserve[i] = known(z->lowmem_reserve[i]) ? (uint64_t)z->lowmem_reserve[i] : 0;
}

/*
 * Higher orders (reference §5.2).  4.4+: some free block of at least the
 * order.  <= 4.3: the blocks below the order do not count, and the mark
 * (without lowmem_reserve) halves at each order:
 *     free -= 2^order - 1; for o < order: free -= nr_free[o] << o,
 *     mark >>= 1, fail if free <= mark.
 */
static bool
order_ok(const struct oom_zone *z, int order, int version, int64_t mark_pages, int64_t page_kb)
{
	int o;

	if (version >= 0 && version < GFP_VERSION(4, 4, 0)) {
		int64_t free_pages = z->free_kb / page_kb - ((INT64_C(1) << order) - 1);

		for (o = 0; o < order && o < z->nbuddy; o++) {
			free_pages -= z->buddy[o] << o;
			mark_pages >>= 1;
			if (free_pages <= mark_pages)
				return false;
		}
		return true;
	}
	for (o = order; o < z->nbuddy; o++)
		if (z->buddy[o] > 0)
			return true;
	return false;
}

/* Watermark rights the request has (reference §5.2). */
static unsigned
alloc_rights(const struct explanation *ex)
{
	uint64_t f = ex->gfp.flags;
	unsigned a = 0;
	bool blocking = (f & (GF(GF_WAIT) | GF(GF_DIRECT_RECLAIM))) != 0;

	if (f & GF(GF_HIGH))
		a |= WM_ALLOC_HIGH;
	if (ex->version >= GFP_VERSION(6, 3, 0) ? (f & GF(GF_HIGH)) && !blocking :
	    ex->version >= GFP_VERSION(4, 4, 0) || ex->version < 0 ? (f & GF(GF_ATOMIC)) != 0 :
	    !blocking)
		a |= WM_ALLOC_HARDER;
	return a;
}

static void
analyse_zones(const struct oom_report *r, struct explanation *ex)
{
	bool cfg[NZONE_TYPES];
	int i, top_type, classzone_type = -1, type[OOM_MAX_ZONES];

	ex->classzone = -1;
	if (r->nzones == 0 || !ex->have_gfp)
		goto list_only;
	for (i = 0; i < r->nzones; i++)
		type[i] = zone_type(r->zones[i].name);	/* once, not per question */
	configured_zones(r, type, cfg);
	top_type = highest_type(cfg, ex->gfp.zone);
	if (top_type < 0)
		goto list_only;
	buf_strcpy(ex->target_zone, sizeof(ex->target_zone), zone_order[top_type]);
	for (i = 0; i < r->nzones; i++)
		if (type[i] == top_type)
			ex->target_populated = true;
	for (i = top_type - 1; i >= 0; i--)
		if (cfg[i])
			ex->fallback[ex->nfallback++] = zone_order[i];
	/* classzone: 5.8+ the gfp zone; before, the highest populated one under it. */
	if (ex->version >= GFP_VERSION(5, 8, 0)) {
		classzone_type = top_type;
	} else {
		for (i = 0; i < r->nzones; i++) {
			int t = type[i];

			if (t >= 0 && t <= top_type && t > classzone_type)
				classzone_type = t;
		}
	}
	ex->classzone = zone_index(cfg, classzone_type);
	for (i = 0; i < r->nzones; i++) {
		const struct oom_zone *z = &r->zones[i];
		struct ex_zone *e = &ex->zones[i];
		int t = type[i], o;
		struct zone_wm w;
		uint64_t need_min, need_high, need_low;
		unsigned rights = alloc_rights(ex);
		int order = known(r->order) && r->order > 0 && r->order < 20 ? (int)r->order : 0;

		e->z = z;
		e->idx = zone_index(cfg, t);
		e->allowed = t >= 0 && t <= top_type;
		e->reserve_kb = OOM_NONE;
		e->need_min_kb = e->need_high_kb = OOM_NONE;
		e->largest_order = -1;
		for (o = z->nbuddy - 1; o >= 0; o--)
			if (z->buddy[o] > 0) {
				e->largest_order = o;
				break;
			}
		if (!e->allowed) {
			e->verdict = V_NOT_ALLOWED;
			continue;
		}
		if (!known(z->free_kb) || !known(z->min_kb)) {
			e->verdict = V_UNKNOWN;
			continue;
		}
		/* A reserve row whose own column is not 0 means our index is wrong. */
		if (ex->classzone >= 0 && ex->classzone < z->nreserve && e->idx >= 0 &&
		    e->idx < z->nreserve && z->lowmem_reserve[e->idx] == 0 &&
		    known(z->lowmem_reserve[ex->classzone]))
			e->reserve_kb = z->lowmem_reserve[ex->classzone] * ex->page_kb;
		zone_wm_from(z, e->reserve_kb == OOM_NONE ? -1 : e->idx, ex->page_kb, &w);
		if (e->reserve_kb == OOM_NONE)
			w.nreserve = 0;
		wm_zone_ok_alloc(&w, WM_MIN, rights, ex->classzone, order, &need_min);
		wm_zone_ok_alloc(&w, WM_LOW, rights, ex->classzone, order, &need_low);
		wm_zone_ok_alloc(&w, WM_HIGH, rights, ex->classzone, order, &need_high);
		e->need_min_kb = (int64_t)need_min;
		e->need_high_kb = (int64_t)need_high;
		if ((uint64_t)z->free_kb <= need_min)
			e->verdict = V_BELOW_MIN;
		else if (order > 0 && z->nbuddy > 0 && !order_ok(z, order, ex->version,
		    ((int64_t)need_min - (known(e->reserve_kb) ? e->reserve_kb : 0)) / ex->page_kb -
		    ((INT64_C(1) << order) - 1), ex->page_kb))
			e->verdict = V_FRAGMENTED;
		else if ((uint64_t)z->free_kb <= need_low)
			e->verdict = V_BELOW_LOW;
		else if ((uint64_t)z->free_kb <= need_high)
			e->verdict = V_BELOW_HIGH;
		else
			e->verdict = V_OK;
	}
	ex->nzones = r->nzones;
	return;
list_only:
	for (i = 0; i < r->nzones; i++) {
		ex->zones[i].z = &r->zones[i];
		ex->zones[i].idx = -1;
		ex->zones[i].allowed = true;
		ex->zones[i].reserve_kb = ex->zones[i].need_min_kb = ex->zones[i].need_high_kb = OOM_NONE;
		ex->zones[i].verdict = V_UNKNOWN;
		ex->zones[i].largest_order = -1;
	}
	ex->nzones = r->nzones;
}

/* ---- memory ------------------------------------------------------------- */

static int64_t
pages_kb(const struct explanation *ex, int64_t pages)
{
	return known(pages) ? pages * ex->page_kb : OOM_NONE;
}

static int64_t
sum_known(int n, ...)
{
	va_list ap;
	int64_t s = 0;
	bool any = false;

	va_start(ap, n);
	while (n-- > 0) {
		int64_t v = va_arg(ap, int64_t);

		if (known(v)) {
			s += v;
			any = true;
		}
	}
	va_end(ap);
	return any ? s : OOM_NONE;
}

static void
account_memory(const struct oom_report *r, struct explanation *ex)
{
	struct ex_memory *m = &ex->mem;
	const int64_t *c = r->counters;
	int64_t anon_all, used;
	int i;

	m->swap_total_kb = r->total_swap_kb;
	m->swap_free_kb = r->free_swap_kb;
	if (ex->memcg != NULL || r->kind == OOM_KIND_MEMCG) {
		m->total_kb = r->mem_limit_kb;
		/* memory.stat's anon (v2) and rss (v1) leave shmem out already. */
		m->anon_kb = known(r->ms_anon) ? r->ms_anon / 1024 : OOM_NONE;
		m->file_kb = known(r->ms_file) ? r->ms_file / 1024 : OOM_NONE;
		m->shmem_kb = known(r->ms_shmem) ? r->ms_shmem / 1024 : OOM_NONE;
		m->slab_reclaimable_kb = known(r->ms_slab_reclaimable) ? r->ms_slab_reclaimable / 1024 : OOM_NONE;
		m->slab_unreclaimable_kb = known(r->ms_slab_unreclaimable) ?
		    r->ms_slab_unreclaimable / 1024 : OOM_NONE;
		m->pagetables_kb = known(r->ms_pagetables) ? r->ms_pagetables / 1024 : OOM_NONE;
		m->kernel_stack_kb = known(r->ms_kernel_stack) ? r->ms_kernel_stack / 1024 : OOM_NONE;
		m->unevictable_kb = known(r->ms_unevictable) ? r->ms_unevictable / 1024 : OOM_NONE;
		m->hugetlb_kb = m->hugetlb_free_kb = m->mapped_nonlru_kb = OOM_NONE;
		m->free_kb = known(r->mem_limit_kb) && known(r->mem_usage_kb) ?
		    r->mem_limit_kb - r->mem_usage_kb : OOM_NONE;
		m->other_kb = known(r->kmem_usage_kb) ? r->kmem_usage_kb : OOM_NONE;
		return;
	}
	if (known(r->ram_pages) && known(r->reserved_pages) && r->ram_pages >= r->reserved_pages)
		m->total_kb = (r->ram_pages - r->reserved_pages) * ex->page_kb;
	else
		m->total_kb = OOM_NONE;
	anon_all = sum_known(3, c[OC_ACTIVE_ANON], c[OC_INACTIVE_ANON], c[OC_ISOLATED_ANON]);
	/* shmem pages sit on the anon LRU (swap-backed): take them out of anon. */
	if (known(anon_all))
		m->anon_kb = pages_kb(ex, anon_all - (known(c[OC_SHMEM]) && c[OC_SHMEM] <= anon_all ?
		    c[OC_SHMEM] : 0));
	else
		m->anon_kb = OOM_NONE;
	m->shmem_kb = pages_kb(ex, c[OC_SHMEM]);
	m->file_kb = pages_kb(ex, sum_known(3, c[OC_ACTIVE_FILE], c[OC_INACTIVE_FILE],
	    c[OC_ISOLATED_FILE]));
	m->unevictable_kb = pages_kb(ex, c[OC_UNEVICTABLE]);
	m->slab_reclaimable_kb = pages_kb(ex, c[OC_SLAB_RECLAIMABLE]);
	m->slab_unreclaimable_kb = pages_kb(ex, c[OC_SLAB_UNRECLAIMABLE]);
	m->pagetables_kb = pages_kb(ex, c[OC_PAGETABLES]);
	m->free_kb = pages_kb(ex, c[OC_FREE]);
	if (known(r->node_kernel_stack_kb)) {
		m->kernel_stack_kb = r->node_kernel_stack_kb;
	} else {
		m->kernel_stack_kb = OOM_NONE;
		for (i = 0; i < r->nzones; i++)
			if (known(r->zones[i].kernel_stack_kb))
				m->kernel_stack_kb = (known(m->kernel_stack_kb) ? m->kernel_stack_kb : 0) +
				    r->zones[i].kernel_stack_kb;
	}
	m->hugetlb_kb = m->hugetlb_free_kb = OOM_NONE;
	for (i = 0; i < r->nhuge; i++) {
		const struct oom_huge *h = &r->huge[i];

		if (!known(h->total) || !known(h->size_kb))
			continue;
		m->hugetlb_kb = (known(m->hugetlb_kb) ? m->hugetlb_kb : 0) + h->total * h->size_kb;
		m->hugetlb_free_kb = (known(m->hugetlb_free_kb) ? m->hugetlb_free_kb : 0) +
		    (known(h->free) ? h->free : 0) * h->size_kb;
	}
	/* Mapped pages on no LRU list (mapped counts file and shmem mappings). */
	m->mapped_nonlru_kb = OOM_NONE;
	if (known(c[OC_MAPPED]) && known(m->file_kb)) {
		int64_t lru = m->file_kb + (known(m->shmem_kb) ? m->shmem_kb : 0);
		int64_t mapped = pages_kb(ex, c[OC_MAPPED]);

		m->mapped_nonlru_kb = mapped > lru ? mapped - lru : 0;
	}
	used = sum_known(12, m->anon_kb, m->shmem_kb, m->file_kb, m->unevictable_kb,
	    m->slab_reclaimable_kb, m->slab_unreclaimable_kb, m->pagetables_kb, m->kernel_stack_kb,
	    m->hugetlb_kb, m->mapped_nonlru_kb, m->free_kb, INT64_C(0));
	m->other_kb = known(m->total_kb) && known(used) && m->total_kb > used ?
	    m->total_kb - used : known(m->total_kb) && known(used) ? 0 : OOM_NONE;
}

/* ---- cause -------------------------------------------------------------- */

static int
pct(int64_t part, int64_t whole)
{
	if (!known(part) || !known(whole) || whole <= 0)
		return -1;
	return (int)(part * 100 / whole);
}

static void
classify(const struct oom_report *r, struct explanation *ex)
{
	const struct ex_memory *m = &ex->mem;
	char a[FMT_KB_LEN], b[FMT_KB_LEN], c[FMT_KB_LEN];
	int64_t whole = m->total_kb, best_kb = -1;
	const char *best = NULL, *best_what = NULL;
	int i, allowed_zones = 0, frag = 0;
	struct { const char *cls, *what; int64_t kb; } part[] = {
		{ C_APP_ANON, "anonymous memory of processes", m->anon_kb },
		{ C_SHMEM, "shmem/tmpfs (not freed by killing a process)", m->shmem_kb },
		{ C_KERNEL_SLAB, "unreclaimable kernel slab", m->slab_unreclaimable_kb },
		{ C_PAGE_TABLES, "page tables", m->pagetables_kb },
		{ C_HUGETLB, "the hugetlb pool", m->hugetlb_kb },
		{ C_MAPPED_NON_LRU, "mapped pages outside the page cache (driver or GPU memory)",
		    m->mapped_nonlru_kb },
		{ C_KERNEL_UNACCOUNTED, "kernel memory no counter accounts for", m->other_kb },
	};

	for (i = 0; i < ex->nzones; i++) {
		if (ex->zones[i].allowed && ex->zones[i].verdict != V_UNKNOWN)
			allowed_zones++;
		if (ex->zones[i].verdict == V_FRAGMENTED)
			frag++;
	}
	if (r->kind == OOM_KIND_MEMCG) {
		ex->cause = C_MEMCG_LIMIT;
		if (known(r->mem_limit_kb))
			buf_snprintf(ex->cause_summary, EX_TEXT, "the memory cgroup %s reached its limit of %s "
			    "(usage %s, limit hit %lld times); the rest of the machine may have had "
			    "plenty", ex->memcg ? ex->memcg : "(path not in the log)",
			    sz(a, r->mem_limit_kb), sz(b, known(r->mem_usage_kb) ? r->mem_usage_kb : 0),
			    (long long)(known(r->mem_failcnt) ? r->mem_failcnt : 0));
		else
			buf_snprintf(ex->cause_summary, EX_TEXT, "a memory cgroup (%s) reached its limit; the "
			    "limit lines are not in the log", ex->memcg ? ex->memcg : "path not in the log");
		return;
	}
	if (r->kind == OOM_KIND_ALLOC_FAILURE && ex->have_gfp && r->nzones == 0 &&
	    (r->seen & OP_MEMINFO) && (ex->gfp.zone == GZ_DMA || ex->gfp.zone == GZ_DMA32)) {
		ex->cause = C_ZONE_CONSTRAINT;
		buf_snprintf(ex->cause_summary, EX_TEXT, "the request may only use %s memory and the "
		    "report lists no such zone, while %s is free elsewhere: a zone constraint, not "
		    "a shortage", gfp_zone_name(ex->gfp.zone), sz(a, m->free_kb));
		return;
	}
	if (frag > 0 && known(r->order) && r->order > 0) {
		ex->cause = C_FRAGMENTATION;
		buf_snprintf(ex->cause_summary, EX_TEXT, "an order-%lld request (%s contiguous) found no "
		    "free block that large although %s was free: memory is fragmented",
		    (long long)r->order, sz(a, ex->request_kb), sz(b, m->free_kb));
		return;
	}
	if (known(m->hugetlb_kb) && m->hugetlb_kb > 0 && known(m->hugetlb_free_kb) &&
	    (r->trace_pagefault_oom && !r->trace_alloc_pages ? m->hugetlb_free_kb == 0 :
	    pct(m->hugetlb_kb, whole) >= 30)) {
		ex->cause = C_HUGETLB;
		buf_snprintf(ex->cause_summary, EX_TEXT, "the hugetlb pool (%s, %s of it free) %s%s",
		    sz(a, m->hugetlb_kb), sz(b, m->hugetlb_free_kb),
		    r->trace_pagefault_oom && !r->trace_alloc_pages ? "was exhausted: a page fault "
		    "that needed a huge page failed with VM_FAULT_OOM, although " :
		    "holds memory the rest of the system cannot use; ",
		    r->trace_pagefault_oom && !r->trace_alloc_pages ? sz(c, m->free_kb) : "");
		if (r->trace_pagefault_oom && !r->trace_alloc_pages)
			buf_snprintf(ex->cause_summary + strlen(ex->cause_summary),
			    EX_TEXT - strlen(ex->cause_summary), " of ordinary memory was free");
		return;
	}
	if ((r->kind == OOM_KIND_CPUSET || r->kind == OOM_KIND_MEMPOLICY) && allowed_zones == 0 &&
	    r->nzones > 0) {
		ex->cause = C_CPUSET;
		buf_snprintf(ex->cause_summary, EX_TEXT, "the task's %s allows only node(s) %s, and none "
		    "of their zones may serve this request (highest zone %s): the OOM comes from the "
		    "placement rule, not from a lack of memory", r->kind == OOM_KIND_CPUSET ? "cpuset" :
		    "memory policy", r->mems_allowed[0] ? r->mems_allowed : "?", ex->target_zone);
		return;
	}
	if (!known(whole)) {
		int64_t s = 0;

		for (i = 0; i < (int)(sizeof(part) / sizeof(part[0])); i++)
			if (known(part[i].kb))
				s += part[i].kb;
		s += known(m->file_kb) ? m->file_kb : 0;
		s += known(m->free_kb) ? m->free_kb : 0;
		whole = s > 0 ? s : OOM_NONE;
	}
	for (i = 0; i < (int)(sizeof(part) / sizeof(part[0])); i++) {
		if (known(part[i].kb) && part[i].kb > best_kb) {
			best_kb = part[i].kb;
			best = part[i].cls;
			best_what = part[i].what;
		}
	}
	if (best == NULL || !known(whole) || (!known(m->anon_kb) && !known(m->file_kb) &&
	    r->kind != OOM_KIND_MEMCG)) {
		ex->cause = C_UNKNOWN;
		buf_snprintf(ex->cause_summary, EX_TEXT, "%s", r->kind == OOM_KIND_ALLOC_FAILURE ?
		    "the memory counters of this failure are not in the log" :
		    best != NULL ? "the anon and file counters are not in the log (cut, or in a "
		    "form older than 2.6.28), so where the memory went cannot be told" :
		    "the report is cut before the memory counters");
		if (r->kind == OOM_KIND_ALLOC_FAILURE && ex->have_gfp && known(r->order) && r->order > 0 &&
		    !(ex->gfp.flags & (GF(GF_WAIT) | GF(GF_DIRECT_RECLAIM)))) {
			ex->cause = C_ATOMIC_HIGH_ORDER;
			buf_snprintf(ex->cause_summary, EX_TEXT, "an order-%lld (%s) allocation that may "
			    "not wait or reclaim failed; the memory counters are not in the log, so "
			    "free memory and fragmentation cannot be checked", (long long)r->order,
			    sz(a, ex->request_kb));
		}
		return;
	}
	ex->cause = best;
	buf_snprintf(ex->cause_summary, EX_TEXT, "%s held %s (%d%% of %s%s)", best_what, sz(a, best_kb),
	    pct(best_kb, whole), sz(b, whole), known(m->total_kb) ? "" : " counted");
	if (best == C_APP_ANON && known(m->swap_total_kb)) {
		size_t n = strlen(ex->cause_summary);

		if (m->swap_total_kb == 0)
			buf_snprintf(ex->cause_summary + n, EX_TEXT - n, ", with no swap to move it to");
		else if (known(m->swap_free_kb) && m->swap_free_kb * 20 < m->swap_total_kb)
			buf_snprintf(ex->cause_summary + n, EX_TEXT - n, ", and swap (%s) was full",
			    sz(c, m->swap_total_kb));
	}
}

/* ---- findings ----------------------------------------------------------- */

static void
find_missing(const struct oom_report *r, struct explanation *ex)
{
	static const struct { unsigned part; const char *name; bool global; } parts[] = {
		{ OP_HEADER, "the \"invoked oom-killer\" line", false },
		{ OP_CPU, "the CPU/Comm line", false },
		{ OP_MEMINFO, "Mem-Info", true },
		{ OP_ZONES, "the zone lines", true },
		{ OP_PAGES, "pages RAM/reserved", true },
		{ OP_MEMCG, "the memcg usage/limit lines", false },
		{ OP_TASKS, "the task dump", false },
		{ OP_KILLED, "the kill line", false },
	};
	size_t i;

	ex->complete = true;
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		unsigned p = parts[i].part;

		if (r->seen & p)
			continue;
		if (p == OP_TASKS && (r->seen & OP_ROWS)) {
			/* rows without their header line (grep-filtered logs) */
			if (ex->nmissing < EX_MAX_MISSING)
				ex->missing[ex->nmissing++] = "the task dump's header line";
			ex->complete = false;
			continue;
		}
		if (parts[i].global && r->kind == OOM_KIND_MEMCG)
			continue;
		if (p == OP_MEMCG && r->kind != OOM_KIND_MEMCG)
			continue;
		if (p == OP_KILLED && (r->kind == OOM_KIND_ALLOC_FAILURE || r->no_killable ||
		    r->panic_on_oom || r->already_exiting))
			continue;
		if ((p == OP_TASKS || p == OP_PAGES) && r->kind == OOM_KIND_ALLOC_FAILURE)
			continue;
		if (p == OP_ZONES && r->kind == OOM_KIND_ALLOC_FAILURE && (r->seen & OP_MEMINFO))
			continue;	/* 6.1+ prints only zones the request may use */
		if (ex->nmissing < EX_MAX_MISSING)
			ex->missing[ex->nmissing++] = parts[i].name;
		ex->complete = false;
	}
	if (r->tasks_cut || r->lines_cut)
		ex->complete = false;
}

static void
pick_top(const struct oom_report *r, struct explanation *ex)
{
	int64_t topv[EX_TOP];	/* the value of each task in top, not recomputed per task */
	size_t i;
	int j;

	/* By what the kernel counts: rss + swap + page tables. */
	for (i = 0; i < r->ntasks; i++) {
		const struct oom_task *t = &r->tasks[i];
		int64_t pg = replay_task_pgtables(r, i, ex->page_kb * 1024);
		int64_t v = t->rss + (t->swapents > 0 ? t->swapents : 0) + (pg > 0 ? pg : 0);

		if (ex->ntop == EX_TOP && topv[EX_TOP - 1] >= v)
			continue;	/* most tasks: not above the last of a full list */
		for (j = ex->ntop; j > 0; j--) {
			if (topv[j - 1] >= v)
				break;
			if (j < EX_TOP) {
				ex->top[j] = ex->top[j - 1];
				topv[j] = topv[j - 1];
			}
		}
		if (j < EX_TOP) {
			ex->top[j] = i;
			topv[j] = v;
			if (ex->ntop < EX_TOP)
				ex->ntop++;
		}
	}
}

/* Is the asker's pid a process (row) of the task dump? */
static bool
invoker_in_dump(const struct oom_report *r)
{
	size_t i;

	for (i = 0; i < r->ntasks; i++)
		if (r->tasks[i].pid == r->invoker_pid)
			return true;
	return false;
}

static void
who_asked(const struct oom_report *r, struct explanation *ex)
{
	const struct oom_kill *k = &r->kill;
	char a[FMT_KB_LEN];

	if (!r->has_invoker)
		return;
	if (r->kind == OOM_KIND_ALLOC_FAILURE) {
		finding(ex, "%s (pid %lld) asked for %s and did not get it; no process was killed "
		    "(a page allocation failure is a warning: the caller gets an error)", r->invoker,
		    (long long)(known(r->invoker_pid) ? r->invoker_pid : -1), sz(a, ex->request_kb));
		return;
	}
	if (known(k->pid) && k->pid == r->invoker_pid)
		finding(ex, "%s (pid %lld) asked for memory and was itself killed", r->invoker,
		    (long long)k->pid);
	else if (known(k->pid) && known(r->invoker_pid) && strcmp(k->comm, r->invoker) == 0 &&
	    !invoker_in_dump(r))
		finding(ex, "%s (pid %lld) asked for memory; %s (pid %lld) was killed: the same name%s "
		    "(the CPU line shows a thread's pid)", r->invoker, (long long)r->invoker_pid,
		    k->comm, (long long)k->pid, r->ntasks > 0 ? " and the asker is not a process "
		    "of the dump, so probably a thread of the victim" : ": perhaps a thread of the "
		    "victim; there is no task dump to tell");
	else if (known(k->pid) && known(r->invoker_pid))
		finding(ex, "%s (pid %lld) asked for memory; %s (pid %lld) was killed: the asker is "
		    "often a bystander that allocated just when memory ran out", r->invoker,
		    (long long)r->invoker_pid, k->comm, (long long)k->pid);
	else if (known(k->pid))
		finding(ex, "%s (pid not in the log) asked for memory; %s (pid %lld) was killed: the "
		    "asker is often a bystander that allocated just when memory ran out", r->invoker,
		    k->comm, (long long)k->pid);
	if (known(k->pid) && known(k->chosen_pid) && k->chosen_pid != k->pid)
		finding(ex, "the kernel chose %s (pid %lld) and killed its child %s (pid %lld) "
		    "instead (\"sacrifice child\", before 5.1)", k->chosen_comm,
		    (long long)k->chosen_pid, k->comm, (long long)k->pid);
}

/* ---- group kills ------------------------------------------------------- */

static bool
pid_in(const int64_t *v, int n, int64_t pid)
{
	int i;

	for (i = 0; i < n; i++)
		if (v[i] == pid)
			return true;
	return false;
}

static void
pid_add(int64_t *v, int *n, int64_t pid)
{
	if (*n < EX_GROUP_MAX && !pid_in(v, *n, pid))
		v[(*n)++] = pid;
}

/* The dump's row of pid, or NULL. */
static const struct oom_task *
dump_row(const struct oom_report *r, int64_t pid)
{
	size_t i;

	for (i = 0; i < r->ntasks; i++)
		if (r->tasks[i].pid == pid)
			return &r->tasks[i];
	return NULL;
}

/* Is path at or below dir ("/a/b" is below "/a", not below "/ab")? */
static bool
path_within(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return true;
	return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/*
 * Check the set of tasks a group kill took against the rule.  The members
 * are known when the group is the OOM's own memory cgroup: the dump lists
 * exactly its tasks.  Otherwise (a group below it, a global OOM) the log does
 * not say which tasks are in the group, and only what can be seen is
 * checked: every task killed was in the dump and not at -1000.
 */
static void
check_group(const struct oom_report *r, struct explanation *ex)
{
	struct ex_group *g = &ex->group;
	int64_t done[EX_GROUP_MAX];
	int ndone = 0, i;
	size_t t;

	if (!r->oom_group)
		return;
	g->shown = true;
	for (i = 0; i < r->nkilled; i++)
		if (r->killed[i].role != KR_SHARED && known(r->killed[i].pid))
			pid_add(done, &ndone, r->killed[i].pid);
	g->nkilled = ndone;
	if (r->ntasks == 0 || r->tasks_cut)
		return;
	g->members_known = r->kind == OOM_KIND_MEMCG && ex->memcg != NULL &&
	    r->oom_group_path[0] != '\0' && strcmp(r->oom_group_path, ex->memcg) == 0;
	for (t = 0; t < r->ntasks; t++) {
		const struct oom_task *row = &r->tasks[t];

		if (known(row->oom_score_adj) && row->oom_score_adj == -1000) {
			pid_add(g->spared, &g->nspared, row->pid);
			continue;
		}
		if (g->members_known && row->pid != 1)
			pid_add(g->expected, &g->nexpected, row->pid);
	}
	for (i = 0; i < ndone; i++) {
		const struct oom_task *row = dump_row(r, done[i]);

		if (row == NULL || (known(row->oom_score_adj) && row->oom_score_adj == -1000))
			pid_add(g->unexpected, &g->nunexpected, done[i]);
	}
	for (i = 0; i < g->nexpected; i++)
		if (!pid_in(done, ndone, g->expected[i]))
			pid_add(g->missing, &g->nmissing, g->expected[i]);
	/* The victim is a member: its cgroup is within the group's. */
	g->checked = true;
	g->agrees = g->nmissing == 0 && g->nunexpected == 0 && (r->task_memcg[0] == '\0' ||
	    r->oom_group_path[0] == '\0' || path_within(r->task_memcg, r->oom_group_path));
}

static void
more_findings(const struct oom_report *r, struct explanation *ex)
{
	const struct ex_memory *m = &ex->mem;
	char a[FMT_KB_LEN], b[FMT_KB_LEN];
	int i, below = 0, allowed = 0, free_not_allowed = 0;
	int64_t free_blocked = 0;

	for (i = 0; i < ex->nzones; i++) {
		const struct ex_zone *e = &ex->zones[i];

		if (!e->allowed) {
			if (known(e->z->free_kb))
				free_not_allowed += (int)(e->z->free_kb > 0), free_blocked += e->z->free_kb;
			continue;
		}
		if (e->verdict == V_UNKNOWN)
			continue;
		allowed++;
		if (e->verdict == V_BELOW_MIN)
			below++;
	}
	if (allowed > 0 && below == allowed && r->kind != OOM_KIND_MEMCG)
		finding(ex, "every zone this request may use (%d) was at or below its min watermark "
		    "plus lowmem_reserve: the allocation could not be served anywhere", allowed);
	else if (allowed > 0 && below < allowed && r->kind != OOM_KIND_ALLOC_FAILURE &&
	    r->kind != OOM_KIND_MEMCG && !(r->trace_pagefault_oom && !r->trace_alloc_pages))
		finding(ex, "%d of %d usable zones were above min + reserve when the report was "
		    "printed: memory was freed in the meantime (per-CPU lists, exiting tasks)",
		    allowed - below, allowed);
	if (free_not_allowed > 0)
		finding(ex, "%s free in zones this request may not use (above its highest zone, %s)",
		    sz(a, free_blocked), ex->target_zone[0] ? ex->target_zone : "?");
	if (r->trace_pagefault_oom && !r->trace_alloc_pages && r->kind != OOM_KIND_MEMCG)
		finding(ex, "the OOM came from a page fault (pagefault_out_of_memory), not from the "
		    "page allocator: a fault handler returned VM_FAULT_OOM");
	if (known(m->swap_total_kb) && r->kind != OOM_KIND_MEMCG) {
		if (m->swap_total_kb == 0)
			finding(ex, "no swap: anonymous memory could not be moved out");
		else if (known(m->swap_free_kb) && m->swap_free_kb * 20 < m->swap_total_kb)
			finding(ex, "swap was full: %s free of %s", sz(a, m->swap_free_kb),
			    sz(b, m->swap_total_kb));
		else if (known(m->swap_free_kb))
			finding(ex, "swap had %s free of %s", sz(a, m->swap_free_kb), sz(b, m->swap_total_kb));
	}
	if (known(m->shmem_kb) && known(m->total_kb) && pct(m->shmem_kb, m->total_kb) >= 15 &&
	    ex->cause != C_SHMEM)
		finding(ex, "shmem/tmpfs held %s (%d%%): killing a process does not free it",
		    sz(a, m->shmem_kb), pct(m->shmem_kb, m->total_kb));
	if (known(m->slab_unreclaimable_kb) && known(m->total_kb) &&
	    pct(m->slab_unreclaimable_kb, m->total_kb) >= 10 && ex->cause != C_KERNEL_SLAB)
		finding(ex, "unreclaimable slab held %s (%d%%)", sz(a, m->slab_unreclaimable_kb),
		    pct(m->slab_unreclaimable_kb, m->total_kb));
	if (known(m->other_kb) && known(m->total_kb) && pct(m->other_kb, m->total_kb) >= 15 &&
	    ex->cause != C_KERNEL_UNACCOUNTED)
		finding(ex, "%s (%d%%) is in none of the report's counters: kernel allocations such as "
		    "drivers, vmalloc or zram/zswap pools", sz(a, m->other_kb), pct(m->other_kb, m->total_kb));
	if (r->nslabs > 0)
		finding(ex, "largest unreclaimable slab cache: %s, %s", r->slabs[0].name,
		    sz(a, r->slabs[0].used_kb));
	if (r->kind == OOM_KIND_MEMCG && known(r->mem_limit_kb)) {
		if (known(r->memsw_limit_kb) && r->memsw_limit_kb < (INT64_C(1) << 50))
			finding(ex, "memory+swap limit %s (usage %s)", sz(a, r->memsw_limit_kb),
			    sz(b, known(r->memsw_usage_kb) ? r->memsw_usage_kb : 0));
		if (known(r->ms_anon)) {
			char c[FMT_KB_LEN];

			finding(ex, "in the cgroup: anon %s, file %s%s%s", sz(a, r->ms_anon / 1024),
			    known(r->ms_file) ? sz(b, r->ms_file / 1024) : "?",
			    known(r->ms_shmem) ? ", shmem " : "",
			    known(r->ms_shmem) ? sz(c, r->ms_shmem / 1024) : "");
		}
	}
	if (known(r->kill.pid) && known(r->kill.file_rss_kb) && known(r->kill.anon_rss_kb)) {
		int64_t fs = r->kill.file_rss_kb + (known(r->kill.shmem_rss_kb) ? r->kill.shmem_rss_kb : 0);

		if (fs > r->kill.anon_rss_kb)
			finding(ex, "the victim's resident memory was mostly file/shmem pages (%s of "
			    "%s): the kill frees little of it", sz(a, fs), sz(b, fs + r->kill.anon_rss_kb));
	}
	for (i = 0; i < r->nreaped; i++) {
		const struct oom_reaped *x = &r->reaped[i];

		if (x->unable)
			finding(ex, "oom_reaper could not reap %s (pid %lld)", x->comm, (long long)x->pid);
		else if (x->pid != r->kill.pid)
			finding(ex, "oom_reaper reaped %s (pid %lld), the victim of another kill whose "
			    "report is not here", x->comm, (long long)x->pid);
		else if (known(x->file_kb) && x->file_kb > 0)
			finding(ex, "after the kill oom_reaper left %s of file pages mapped (only anon "
			    "memory is reaped)", sz(a, x->file_kb));
	}
	if (r->oom_group && !ex->group.checked)
		finding(ex, "memory.oom.group was set on %s: every task of the victim's group is "
		    "killed with it", r->oom_group_path[0] ? r->oom_group_path : "the victim's group");
	if (r->already_exiting)
		finding(ex, "the chosen victim was already exiting, so the kernel killed nothing new "
		    "and waited for it");
	if (r->vendor_fields[0])
		finding(ex, "a kill line holds fields this tool does not know (\"%s\"): read around "
		    "them", r->vendor_fields);
	if (r->killed_dropped > 0)
		finding(ex, "%d more kill lines of this event are not listed", r->killed_dropped);
	if (r->source == SRC_EVENT)
		finding(ex, "this is a Kubernetes event%s%s%s, not the kernel's report: it names the "
		    "victim only; the report itself is in the node's kernel log (journalctl -k, or "
		    "oomrisk explain on the node)", r->event_by[0] ? " (" : "", r->event_by,
		    r->event_by[0] ? ")" : "");
	if (r->repeats > 0)
		finding(ex, "%llu more reports like this one follow, each only its header line (up "
		    "to line %llu): grep-filtered or rate-limited output", (unsigned long long)r->repeats,
		    (unsigned long long)r->repeat_last_line);
	if (r->sharing_killed > 0)
		finding(ex, "%d more process(es) sharing the victim's memory were killed with it",
		    r->sharing_killed);
	if (r->no_killable)
		finding(ex, "\"Out of memory and no killable processes\": every task was already "
		    "a victim, unkillable or exiting; the kernel panicked");
	if (r->panic_on_oom)
		finding(ex, "vm.panic_on_oom is set: the kernel panicked instead of killing");
	else if (r->panic[0] && !r->no_killable)
		finding(ex, "the kernel panicked: %s", r->panic);
	if (r->kernel_from_earlier)
		finding(ex, "kernel %s: taken from an earlier line of this log", r->kernel);
	if (!r->kind_known)
		finding(ex, "kind assumed global: the lines that would tell (memcg, constraint) "
		    "are not in the log");
	if (r->tasks_cut)
		finding(ex, "the task dump was cut after %zu rows (%zu more)", r->ntasks, r->tasks_cut);
	if (r->lines_cut)
		finding(ex, "%u line(s) were longer than %d bytes and were cut", r->lines_cut,
		    OOM_LINE_MAX);
}

static void
give_advice(const struct oom_report *r, struct explanation *ex)
{
	const struct ex_memory *m = &ex->mem;
	const char *c = ex->cause;
	char a[FMT_KB_LEN];

	if (c == C_MEMCG_LIMIT) {
		if (known(r->kill.pid) && known(r->mem_limit_kb))
			advise(ex, "raise the limit of %s (now %s) or make its workload use less; the "
			    "kernel will keep killing inside it while usage stays at the limit",
			    ex->memcg ? ex->memcg : "the cgroup", sz(a, r->mem_limit_kb));
		else
			advise(ex, "raise the cgroup's memory limit or make its workload use less");
	} else if (c == C_KERNEL_SLAB) {
		advise(ex, "a kernel memory leak: watch slabtop or /proc/slabinfo for the cache that "
		    "grows%s%s", r->nslabs ? " (here: " : "", r->nslabs ? r->slabs[0].name : "");
		if (r->nslabs)
			buf_snprintf(ex->advice[ex->nadvice - 1] + strlen(ex->advice[ex->nadvice - 1]),
			    EX_TEXT - strlen(ex->advice[ex->nadvice - 1]), ")");
		if (r->nslabs && strstr(r->slabs[0].name, "kmemleak") != NULL)
			advise(ex, "kmemleak's own objects fill the slab: boot with kmemleak=off outside "
			    "debugging");
		advise(ex, "killing processes does not free kernel slab: restarting the driver or "
		    "subsystem that owns the cache (or rebooting) does");
	} else if (c == C_SHMEM) {
		advise(ex, "look for large tmpfs files (df -t tmpfs) and shared memory segments "
		    "(ipcs -m): shmem is freed only when they are removed");
	} else if (c == C_HUGETLB) {
		advise(ex, "size vm.nr_hugepages for the workload: %s is reserved for huge pages and "
		    "%s of it was free", sz(a, m->hugetlb_kb), known(m->hugetlb_free_kb) &&
		    m->hugetlb_free_kb == 0 ? "none" : "some");
	} else if (c == C_FRAGMENTATION) {
		advise(ex, "defragment with echo 1 > /proc/sys/vm/compact_memory and keep larger free "
		    "blocks with a higher vm.min_free_kbytes; better, have the caller use smaller or "
		    "vmalloc'ed buffers");
	} else if (c == C_ZONE_CONSTRAINT) {
		advise(ex, "the caller (a driver) needs %s memory that this machine does not have: "
		    "check the device's DMA addressing (dma-ranges, IOMMU) rather than free memory",
		    gfp_zone_name(ex->gfp.zone));
	} else if (c == C_CPUSET) {
		advise(ex, "give the cpuset (cpuset.mems) a node with Normal memory, or stop pinning "
		    "the workload to node(s) %s", r->mems_allowed);
	} else if (c == C_MAPPED_NON_LRU) {
		advise(ex, "memory mapped by a driver (often the GPU) is outside reclaim: check the "
		    "graphics stack for leaks; killing the mapping process may free nothing");
	} else if (c == C_ATOMIC_HIGH_ORDER) {
		advise(ex, "atomic high-order allocations fail when memory is fragmented: raise "
		    "vm.min_free_kbytes, and get the full report (Mem-Info) to confirm");
	} else if (c == C_APP_ANON) {
		if (known(r->kill.pid) && known(r->kill.anon_rss_kb) && known(m->total_kb) &&
		    r->kill.anon_rss_kb * 2 > m->total_kb)
			advise(ex, "%s alone had %s of anonymous memory: cap it (a cgroup memory.max, "
			    "a heap limit) so it fails instead of the whole machine", r->kill.comm,
			    sz(a, r->kill.anon_rss_kb));
		else
			advise(ex, "processes together outgrew memory: cap the biggest ones with "
			    "cgroup limits, or add memory");
		if (known(m->swap_total_kb) && m->swap_total_kb == 0)
			advise(ex, "there is no swap: even a little swap lets the kernel move cold "
			    "anonymous pages out before it has to kill");
	} else if (c == C_PAGE_TABLES) {
		advise(ex, "page tables are huge: many processes mapping large areas (enable huge "
		    "pages for them, or reduce the number of processes)");
	}
	if (r->panic_on_oom)
		advise(ex, "set vm.panic_on_oom=0 if killing one process is better than rebooting");
	if (known(r->kill.oom_score_adj) && r->kill.oom_score_adj > 0)
		advise(ex, "the victim had oom_score_adj %lld, which made it the first choice",
		    (long long)r->kill.oom_score_adj);
}

void
explain_report(const struct oom_report *r, const struct explain_host *host,
    struct explanation *ex)
{
	int i, release;

	/*
	 * Everything up to the texts, which are read only up to their counts
	 * (10 KB a report not to clear: callgrind counts 15,000 instructions
	 * of memset per report on the dense bench log), but for the zones
	 * (analyse_zones() sets each field of the first nzones, nothing reads
	 * past them), the cause's summary (always written) and the replay
	 * (replay_report() clears it first thing).
	 */
	memset(ex, 0, offsetof(struct explanation, zones));
	memset(&ex->nzones, 0, offsetof(struct explanation, cause_summary) -
	    offsetof(struct explanation, nzones));	/* classify() writes cause_summary */
	/* The group's pid lists are read up to their counts: 2 KB not to clear. */
	memset(&ex->group, 0, offsetof(struct ex_group, expected));
	ex->group.nexpected = ex->group.nmissing = ex->group.nunexpected = 0;
	ex->group.nspared = ex->group.nkilled = 0;
	ex->selected_differs = false;
	ex->ntop = 0;
	ex->nfindings = ex->nadvice = ex->nmissing = 0;
	ex->complete = false;
	ex->r = r;
	ex->page_kb = 4;
	for (i = 0; i < r->nzones; i++) {
		if (known(r->zones[i].buddy_page_kb) && r->zones[i].buddy_page_kb > 0) {
			ex->page_kb = r->zones[i].buddy_page_kb;
			ex->page_kb_known = true;
			break;
		}
	}
	ex->kind = explain_kind_name(r->kind);
	if (r->kind == OOM_KIND_MEMCG)
		ex->memcg = r->oom_memcg[0] ? r->oom_memcg : r->memcg[0] ? r->memcg :
		    r->memcg_stats_path[0] ? r->memcg_stats_path : NULL;
	ex->request_kb = OOM_NONE;
	release = find_era(r, ex);
	describe_request(r, ex);
	analyse_zones(r, ex);
	account_memory(r, ex);
	classify(r, ex);
	find_missing(r, ex);
	replay_report(r, ex->page_kb, release, host != NULL ? host->swap_total_kb : -1, &ex->replay);
	ex->selected_differs = known(r->kill.pid) && known(r->kill.chosen_pid) &&
	    r->kill.chosen_pid != r->kill.pid;
	check_group(r, ex);
	pick_top(r, ex);
	who_asked(r, ex);
	if (r->implausible > 0)
		finding(ex, "%u number%s in this report cannot be real (the first: %s; no 64-bit "
		    "machine holds that much) and %s read as not shown", r->implausible,
		    r->implausible == 1 ? "" : "s", r->implausible_what,
		    r->implausible == 1 ? "was" : "were");
	if (known(ex->replay.implied_base_lo) && ex->replay.kernel_index != SIZE_MAX &&
	    known(r->tasks[ex->replay.kernel_index].rss) &&
	    ex->replay.implied_base_lo > r->tasks[ex->replay.kernel_index].rss) {
		char a[FMT_KB_LEN], b[FMT_KB_LEN], c[FMT_KB_LEN];
		int64_t rss = r->tasks[ex->replay.kernel_index].rss;

		finding(ex, "%s was chosen for memory this dump does not show: its score %lld means "
		    "at least %lld pages (%s) of rss + swap + page tables, but its rss is %lld pages "
		    "(%s); the rest, about %s, was swap or page tables", r->kill.comm,
		    (long long)r->kill.score, (long long)ex->replay.implied_base_lo,
		    sz(a, ex->replay.implied_base_lo * ex->page_kb), (long long)rss,
		    sz(b, rss * ex->page_kb), sz(c, (ex->replay.implied_base_lo - rss) * ex->page_kb));
	}
	more_findings(r, ex);
	give_advice(r, ex);
}
