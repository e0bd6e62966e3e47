/*
 * top-zones.c: top's zones panel: each populated zone's bar against its
 * watermarks (the scale is view/zone-bar.h's), its headroom to low and
 * to min, its verdict, grouped per node.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "lib/escape.h"
#include "lib/format.h"
#include "lib/xalloc.h"
#include "view/top-zones.h"
#include "view/zone-bar.h"
#include "view/zone-table.h"

#define ZONE_BAR_DEFAULT 40	/* the bar without a width (tests) */

#define FREE_W 5		/* fmt_kb: "1023M" */
#define HEAD_W 6		/* "+1023M", "TO LOW" */
#define VERDICT_W 10		/* "below high" */
#define ZONE_NAME_MAX 12	/* columns of a zone's (escaped) name */

static int
verdict_style(const struct zone_wm *z)
{
	switch (wm_zone_verdict(z)) {
	case WM_OK: return TV_OK;
	case WM_BELOW_HIGH: return TV_HIGH;
	case WM_BELOW_LOW: return TV_LOW;
	case WM_BELOW_MIN: return TV_MIN;
	}
	return TV_PLAIN;
}

int
top_view_zone_nodes(const struct zoneinfo *zi)
{
	int i, j, n = 0;

	for (i = 0; i < zi->nzones; i++) {
		for (j = 0; j < i; j++)
			if (zi->zones[j].wm.node == zi->zones[i].wm.node)
				break;
		n += j == i;
	}
	return n;
}

/* "N NAME" of a zone, escaped (a saved zoneinfo is not trusted). */
static size_t
zone_name(struct buf *out, const struct zone_wm *z)
{
	size_t from = out->len, w;

	buf_printf(out, "%d ", z->node);
	w = out->len - from;
	return w + escape_text(out, z->name, strnlen(z->name, sizeof(z->name)), ZONE_NAME_MAX);
}

void
top_view_zone_layout(struct top_zone_layout *l, const struct zoneinfo *zi, size_t width)
{
	char node[16];
	size_t fixed;
	int i;

	memset(l, 0, sizeof(*l));
	l->width = width;
	l->name_w = 5;		/* "ZONE " */
	for (i = 0; i < zi->nzones; i++) {
		const struct zone_wm *z = &zi->zones[i].wm;
		size_t w = (size_t)snprintf(node, sizeof(node), "%d ", z->node) +
		    escape_text(NULL, z->name, strnlen(z->name, sizeof(z->name)), ZONE_NAME_MAX);

		if (w + 1 > l->name_w)
			l->name_w = w + 1;
	}
	l->free = l->to_low = l->to_min = l->verdict = true;
	if (width == 0) {
		l->bar_w = ZONE_BAR_DEFAULT;
		return;
	}
	for (;;) {
		fixed = l->name_w + 2 + (l->free ? FREE_W + 1 : 0) + (l->to_low ? HEAD_W + 1 : 0) +
		    (l->to_min ? HEAD_W + 1 : 0) + (l->verdict ? VERDICT_W + 1 : 0);
		if (fixed + ZONE_BAR_MIN_CELLS <= width)
			break;
		if (l->free)
			l->free = false;
		else if (l->verdict)
			l->verdict = false;
		else if (l->to_min)
			l->to_min = false;
		else if (l->to_low)
			l->to_low = false;
		else
			break;
	}
	l->bar_w = width > fixed + ZONE_BAR_MIN_CELLS ? width - fixed : ZONE_BAR_MIN_CELLS;
}

/* The legend over the bars: the longest that fits. */
static const char *const legends[] = {
	"# free; m l h: min low high; 0 to 2 x high, then . log to size",
	"# free; m l h: min low high; . log to size",
	"m l h: min low high; . log",
	"m l h: min low high",
	"m l h",
};

void
top_view_zones_title(struct buf *out, const struct top_zone_layout *l)
{
	size_t from = out->len, i, w = 0;

	top_view_style(out, TV_HEAD);
	buf_puts(out, "ZONE");
	while (out->len - from - 2 < l->name_w)
		buf_putc(out, ' ');
	for (i = 0; i < ARRAY_SIZE(legends); i++)
		if (strlen(legends[i]) <= l->bar_w + 2) {
			buf_puts(out, legends[i]);
			w = strlen(legends[i]);
			break;
		}
	for (; w < l->bar_w + 2; w++)
		buf_putc(out, ' ');
	if (l->free)
		buf_printf(out, " %*s", FREE_W, "FREE");
	if (l->to_low)
		buf_printf(out, " %*s", HEAD_W, "TO LOW");
	if (l->to_min)
		buf_printf(out, " %*s", HEAD_W, "TO MIN");
	if (l->verdict)
		buf_printf(out, " %s", "VERDICT");
	top_view_style(out, TV_PLAIN);
}

/* A headroom with its sign: "+8.5M", "-12K", "0". */
static const char *
signed_kb(char *buf, int64_t kb)
{
	char tmp[FMT_KB_LEN];

	if (kb <= 0)
		return zone_table_signed_kb(buf, kb);
	snprintf(buf, FMT_KB_LEN, "+%s", fmt_kb(tmp, (uint64_t)kb));
	return buf;
}

/* The bar's cells: fill in the verdict's style, marks bold, the log part dotted. */
static void
zone_bar(struct buf *out, const struct zone_wm *z, size_t cells)
{
	struct zone_scale s;
	size_t fill, i, m[3];
	int cur = TV_PLAIN;

	zone_scale_init(&s, z, cells);
	fill = zone_scale_fill(&s, z->free_kb);
	for (i = 0; i < 3; i++)
		m[i] = s.no_marks ? (size_t)-1 : zone_scale_mark(&s, (enum wm_mark)i);
	for (i = 0; i < s.cells; i++) {
		char ch = i < fill ? '#' : i >= s.near ? '.' : ' ';
		int want = i < fill ? verdict_style(z) : TV_PLAIN;

		if (i == m[WM_MIN] || i == m[WM_LOW] || i == m[WM_HIGH]) {
			ch = i == m[WM_MIN] ? 'm' : i == m[WM_LOW] ? 'l' : 'h';
			want = TV_MARK;
		}
		if (want != cur) {
			top_view_style(out, (enum tv_style)want);
			cur = want;
		}
		buf_putc(out, ch);
	}
	if (cur != TV_PLAIN)
		top_view_style(out, TV_PLAIN);
}

void
top_view_zone_line(struct buf *out, const struct top_zone_layout *l, const struct zoneinfo_zone *zz)
{
	const struct zone_wm *z = &zz->wm;
	char a[FMT_KB_LEN];
	size_t w = zone_name(out, z), i;

	for (; w < l->name_w; w++)
		buf_putc(out, ' ');
	buf_putc(out, '[');
	if (wm_zone_empty(z))
		for (i = 0; i < l->bar_w; i++)
			buf_putc(out, ' ');
	else
		zone_bar(out, z, l->bar_w);
	buf_putc(out, ']');
	if (l->free)
		buf_printf(out, " %*s", FREE_W, fmt_kb(a, z->free_kb));
	if (l->to_low)
		buf_printf(out, " %*s", HEAD_W, wm_zone_empty(z) ? "-" :
		    signed_kb(a, wm_headroom_kb(z, WM_LOW)));
	if (l->to_min)
		buf_printf(out, " %*s", HEAD_W, wm_zone_empty(z) ? "-" :
		    signed_kb(a, wm_headroom_kb(z, WM_MIN)));
	if (l->verdict) {
		buf_putc(out, ' ');
		if (!wm_zone_empty(z))
			top_view_style(out, (enum tv_style)verdict_style(z));
		buf_puts(out, zone_table_verdict_name(zz));
		top_view_style(out, TV_PLAIN);
	}
}

/*
 * What the node's zones can give a user allocation (a movable page, whose
 * highest zone is the node's highest populated one) before reaching a
 * mark: free minus mark and lowmem_reserve, summed.
 */
static uint64_t
node_usable_kb(const struct zoneinfo *zi, int node, enum wm_mark mark)
{
	int i, classzone = -1;
	uint64_t sum = 0;

	for (i = 0; i < zi->nzones; i++)
		if (zi->zones[i].wm.node == node && !wm_zone_empty(&zi->zones[i].wm) &&
		    zi->zones[i].wm.zone_idx > classzone)
			classzone = zi->zones[i].wm.zone_idx;
	for (i = 0; i < zi->nzones; i++)
		if (zi->zones[i].wm.node == node)
			sum += wm_usable_kb(&zi->zones[i].wm, mark, classzone);
	return sum;
}

void
top_view_node_line(struct buf *out, const struct top_zone_layout *l, const struct zoneinfo *zi,
    int node)
{
	char a[FMT_KB_LEN], b[FMT_KB_LEN];
	size_t from = out->len;

	top_view_style(out, TV_HEAD);
	buf_printf(out, "node %d", node);
	top_view_style(out, TV_PLAIN);
	buf_printf(out, "  to low %s", fmt_kb(a, node_usable_kb(zi, node, WM_LOW)));
	top_view_field(out, 5);
	buf_printf(out, "  to min %s", fmt_kb(b, node_usable_kb(zi, node, WM_MIN)));
	top_view_field(out, 2);
	buf_puts(out, "  (what a user page can take from its zones, after lowmem_reserve)");
	top_view_fit(out, from, l->width);
}
