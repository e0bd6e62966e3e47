/*
 * zoneinfo.c: parse /proc/zoneinfo.
 *
 * Sample (6.18, per-node and per-cpu counters trimmed):
 *   Node 0, zone    DMA32
 *     pages free     772915
 *           boost    0
 *           min      7859
 *           low      9823
 *           high     11787
 *           promo    13751
 *           spanned  1044480
 *           present  782336
 *           managed  772915
 *           protection: (0, 0, 3456, 3456, 3456)
 *         nr_free_pages 772915
 *     node_unreclaimable:  0
 *
 * Every number is in pages.  "boost" exists since 5.0 and is already part
 * of min/low/high; "managed" since 3.x; 2.6.32 had "scanned" and
 * "all_unreclaimable".  Zones of a node are printed in zone index order,
 * so a zone's position in its node is its lowmem_reserve column; but
 * before 4.12 (b2bd8598195f "mm, vmstat: print non-populated zones in
 * zoneinfo") empty zones were left out, and a node with only Normal
 * printed it first.  A zone type's index is therefore taken as the
 * highest position it has in any node.
 */
#include "config.h"

#include <string.h>

#include "lib/parse.h"
#include "proc/zoneinfo.h"

/* "key value" with the key at the start of the (left-trimmed) line. */
static bool
field(const char *p, const char *end, const char *key, uint64_t *out, bool *bad)
{
	size_t k = strlen(key);

	if ((size_t)(end - p) <= k || memcmp(p, key, k) != 0 || (p[k] != ' ' && p[k] != '\t'))
		return false;
	p += k;
	if (!scan_u64(&p, end, out))
		*bad = true;
	return true;
}

static void
parse_protection(const char *p, const char *end, struct zone_wm *z, bool *bad)
{
	p = skip_blanks(p, end);
	if (p < end && *p == '(')
		p++;
	z->nreserve = 0;
	while (p < end && *p != ')') {
		uint64_t v;

		if (!scan_u64(&p, end, &v)) {
			*bad = true;
			return;
		}
		if (z->nreserve < WM_MAX_ZONES)
			z->lowmem_reserve[z->nreserve++] = v;
		p = skip_blanks(p, end);
		if (p < end && *p == ',')
			p++;
	}
}

/* See above: a name's index is its highest position in any node. */
static void
fix_zone_indices(struct zoneinfo *zi)
{
	int i, j;

	for (i = 0; i < zi->nzones; i++) {
		struct zone_wm *a = &zi->zones[i].wm;

		for (j = 0; j < zi->nzones; j++) {
			const struct zone_wm *b = &zi->zones[j].wm;

			if (b->zone_idx > a->zone_idx && strcmp(a->name, b->name) == 0)
				a->zone_idx = b->zone_idx;
		}
	}
}

int
zoneinfo_parse(const char *buf, size_t len, unsigned page_kb, struct zoneinfo *zi,
    unsigned *lineno)
{
	struct lines it;
	const char *line;
	size_t n;
	struct zoneinfo_zone *z = NULL;
	int last_node = -1, idx = 0;

	memset(zi, 0, sizeof(*zi));
	*lineno = 0;
	if (page_kb == 0)
		page_kb = 4;
	lines_init(&it, buf, len);
	while (lines_next(&it, &line, &n)) {
		const char *p = skip_blanks(line, line + n), *end = line + n;
		uint64_t v;
		bool bad = false;

		if (starts_with(p, end, "Node ")) {
			uint64_t node;
			const char *q = p + 5, *name;
			size_t nl;

			if (!scan_u64(&q, end, &node) || node > 1 << 20 ||
			    !starts_with(q, end, ", zone")) {
				*lineno = it.lineno;
				return -1;
			}
			name = skip_blanks(q + 6, end);
			nl = (size_t)(end - name);
			if ((int)node != last_node) {
				last_node = (int)node;
				idx = 0;
			}
			if (zi->nzones == ZONEINFO_MAX_ZONES) {
				zi->dropped++;
				z = NULL;
				idx++;
				continue;
			}
			z = &zi->zones[zi->nzones++];
			z->wm.node = (int)node;
			z->wm.zone_idx = idx++;
			z->wm.page_kb = page_kb;
			if (nl >= sizeof(z->wm.name))
				nl = sizeof(z->wm.name) - 1;
			memcpy(z->wm.name, name, nl);
			z->wm.name[nl] = '\0';
			continue;
		}
		if (z == NULL)
			continue;
		if (starts_with(p, end, "pages free")) {
			const char *q = p + 10;

			if (!scan_u64(&q, end, &v))
				bad = true;
			else
				z->wm.free_kb = sat_mul(v, page_kb);
		} else if (field(p, end, "min", &v, &bad)) {
			z->wm.min_kb = sat_mul(v, page_kb);
		} else if (field(p, end, "low", &v, &bad)) {
			z->wm.low_kb = sat_mul(v, page_kb);
		} else if (field(p, end, "high", &v, &bad)) {
			z->wm.high_kb = sat_mul(v, page_kb);
		} else if (field(p, end, "boost", &v, &bad)) {
			z->wm.boost_kb = sat_mul(v, page_kb);
			z->wm.have_boost = true;
		} else if (field(p, end, "managed", &v, &bad)) {
			z->wm.managed_kb = sat_mul(v, page_kb);
			z->wm.have_managed = true;
		} else if (field(p, end, "present", &v, &bad)) {
			z->wm.present_kb = sat_mul(v, page_kb);
			z->populated = v > 0;
		} else if (field(p, end, "spanned", &v, &bad)) {
			z->spanned_kb = sat_mul(v, page_kb);
		} else if (starts_with(p, end, "protection:")) {
			parse_protection(p + 11, end, &z->wm, &bad);
		} else if (starts_with(p, end, "node_unreclaimable:")) {
			const char *q = p + 19;

			if (scan_u64(&q, end, &v))
				z->node_unreclaimable = v != 0;
		}
		if (bad) {
			*lineno = it.lineno;
			return -1;
		}
	}
	fix_zone_indices(zi);
	return zi->nzones > 0 || zi->dropped > 0 ? 0 : -1;
}
