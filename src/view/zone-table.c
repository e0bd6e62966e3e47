/* zone-table.c: text, CSV and JSON rendering of /proc/zoneinfo zones. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "lib/escape.h"
#include "lib/format.h"
#include "view/zone-table.h"

/* NODE ZONE MANAGED FREE MIN LOW HIGH BOOST TO-LOW TO-MIN, then VERDICT. */
#define ZONE_NUM_FMT " %7s %7s %7s %7s %7s %7s %7s %7s  "
#define ZONE_NAME_WIDTH 8

const char *
zone_table_verdict_name(const struct zoneinfo_zone *z)
{
	if (wm_zone_empty(&z->wm))
		return "empty";
	return wm_verdict_name(wm_zone_verdict(&z->wm));
}

const char *
zone_table_signed_kb(char *buf, int64_t kb)
{
	char tmp[FMT_KB_LEN];

	if (kb >= 0)
		return fmt_kb(buf, (uint64_t)kb);
	snprintf(buf, FMT_KB_LEN, "-%s", fmt_kb(tmp, (uint64_t)-(kb + 1) + 1));
	return buf;
}

/* Zone names come from a file that may be a saved copy: escape them. */
static void
put_name(struct buf *out, const char *name, size_t width)
{
	size_t w = escape_text(out, name, strnlen(name, 15), width);

	while (w++ < width)
		buf_putc(out, ' ');
}

void
zone_table_text_header(struct buf *out)
{
	buf_printf(out, "%4s ", "NODE");
	put_name(out, "ZONE", ZONE_NAME_WIDTH);
	buf_printf(out, ZONE_NUM_FMT "%s", "MANAGED", "FREE", "MIN", "LOW", "HIGH", "BOOST",
	    "TO LOW", "TO MIN", "VERDICT");
}

void
zone_table_text_row(struct buf *out, const struct zoneinfo_zone *z)
{
	const struct zone_wm *w = &z->wm;
	char man[FMT_KB_LEN], fr[FMT_KB_LEN], mi[FMT_KB_LEN], lo[FMT_KB_LEN], hi[FMT_KB_LEN];
	char bo[FMT_KB_LEN], hl[FMT_KB_LEN], hm[FMT_KB_LEN];
	bool empty = wm_zone_empty(w);

	buf_printf(out, "%4d ", w->node);
	put_name(out, w->name, ZONE_NAME_WIDTH);
	buf_printf(out, ZONE_NUM_FMT "%s",
	    w->have_managed ? fmt_kb(man, w->managed_kb) : "-", fmt_kb(fr, w->free_kb),
	    fmt_kb(mi, w->min_kb), fmt_kb(lo, w->low_kb), fmt_kb(hi, w->high_kb),
	    w->have_boost ? fmt_kb(bo, w->boost_kb) : "-",
	    empty ? "-" : zone_table_signed_kb(hl, wm_headroom_kb(w, WM_LOW)),
	    empty ? "-" : zone_table_signed_kb(hm, wm_headroom_kb(w, WM_MIN)), zone_table_verdict_name(z));
	if (z->node_unreclaimable)
		buf_puts(out, " (node unreclaimable)");
}

void
zone_table_text_protection(struct buf *out, const struct zoneinfo *zi)
{
	int i, c, ncols = 0;

	for (i = 0; i < zi->nzones; i++)
		if (zi->zones[i].wm.nreserve > ncols)
			ncols = zi->zones[i].wm.nreserve;
	if (ncols == 0)
		return;
	buf_puts(out, "lowmem_reserve (protection): what each zone keeps free from requests\n"
	    "whose highest usable zone is the column's\n");
	buf_printf(out, "%4s ", "NODE");
	put_name(out, "ZONE", ZONE_NAME_WIDTH);
	for (c = 0; c < ncols; c++) {
		const char *title = NULL;

		/* Columns are zone indices; name them after the first node's zones. */
		for (i = 0; i < zi->nzones && title == NULL; i++)
			if (zi->zones[i].wm.node == zi->zones[0].wm.node &&
			    zi->zones[i].wm.zone_idx == c)
				title = zi->zones[i].wm.name;
		buf_putc(out, ' ');
		if (title != NULL) {
			size_t len = strnlen(title, 15), w;
			struct buf t = BUF_INIT;

			/* Right-align in 7 columns. */
			w = escape_text(&t, title, len, 7);
			while (w++ < 7)
				buf_putc(out, ' ');
			buf_add(out, t.data, t.len);
			buf_free(&t);
		} else {
			buf_printf(out, "%6s%d", "#", c);
		}
	}
	buf_putc(out, '\n');
	for (i = 0; i < zi->nzones; i++) {
		const struct zone_wm *w = &zi->zones[i].wm;

		if (w->nreserve == 0)
			continue;
		buf_printf(out, "%4d ", w->node);
		put_name(out, w->name, ZONE_NAME_WIDTH);
		for (c = 0; c < ncols; c++) {
			char v[FMT_KB_LEN];

			buf_printf(out, " %7s", c < w->nreserve ? fmt_kb(v, wm_reserve_kb(w, c)) : "-");
		}
		buf_putc(out, '\n');
	}
}

void
zone_table_text_legend(struct buf *out, const struct zoneinfo *zi)
{
	bool seen[WM_BELOW_MIN + 1] = { false };
	int i;

	for (i = 0; i < zi->nzones; i++)
		if (!wm_zone_empty(&zi->zones[i].wm))
			seen[wm_zone_verdict(&zi->zones[i].wm)] = true;
	for (i = WM_BELOW_HIGH; i <= WM_BELOW_MIN; i++)
		if (seen[i])
			buf_printf(out, "%s: %s\n", wm_verdict_name((enum wm_verdict)i),
			    wm_verdict_meaning((enum wm_verdict)i));
}

void
zone_table_csv_header(struct buf *out)
{
	buf_puts(out, "node,zone,zone_index,managed_kb,present_kb,free_kb,min_kb,low_kb,high_kb,"
	    "boost_kb,headroom_low_kb,headroom_min_kb,lowmem_reserve_pages,node_unreclaimable,"
	    "verdict\n");
}

void
zone_table_csv_row(struct buf *out, const struct zoneinfo_zone *z)
{
	const struct zone_wm *w = &z->wm;
	bool empty = wm_zone_empty(w);
	int c;

	buf_printf(out, "%d,", w->node);
	csv_field(out, w->name, strnlen(w->name, 15));
	buf_printf(out, ",%d,", w->zone_idx);
	if (w->have_managed)
		buf_printf(out, "%" PRIu64, w->managed_kb);
	buf_printf(out, ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",",
	    w->present_kb, w->free_kb, w->min_kb, w->low_kb, w->high_kb);
	if (w->have_boost)
		buf_printf(out, "%" PRIu64, w->boost_kb);
	buf_putc(out, ',');
	if (!empty)
		buf_printf(out, "%" PRId64 ",%" PRId64, wm_headroom_kb(w, WM_LOW),
		    wm_headroom_kb(w, WM_MIN));
	else
		buf_putc(out, ',');
	buf_putc(out, ',');
	for (c = 0; c < w->nreserve; c++)
		buf_printf(out, "%s%" PRIu64, c ? " " : "", w->lowmem_reserve[c]);
	buf_printf(out, ",%s,%s\n", z->node_unreclaimable ? "true" : "false", zone_table_verdict_name(z));
}

void
zone_table_json(struct json *j, const struct zoneinfo_zone *z)
{
	const struct zone_wm *w = &z->wm;
	bool empty = wm_zone_empty(w);
	int c;

	json_object_begin(j);
	json_kv_int(j, "node", w->node);
	json_key(j, "zone");
	json_strn(j, w->name, strnlen(w->name, 15));
	json_kv_int(j, "zone_index", w->zone_idx);
	json_kv_int_opt(j, "managed_kb", w->have_managed, (int64_t)w->managed_kb);
	json_kv_uint(j, "present_kb", w->present_kb);
	json_kv_uint(j, "spanned_kb", z->spanned_kb);
	json_kv_uint(j, "free_kb", w->free_kb);
	json_kv_uint(j, "min_kb", w->min_kb);
	json_kv_uint(j, "low_kb", w->low_kb);
	json_kv_uint(j, "high_kb", w->high_kb);
	json_kv_int_opt(j, "boost_kb", w->have_boost, (int64_t)w->boost_kb);
	json_key(j, "lowmem_reserve_pages");
	json_array_begin(j);
	for (c = 0; c < w->nreserve; c++)
		json_uint(j, w->lowmem_reserve[c]);
	json_array_end(j);
	json_kv_int_opt(j, "headroom_low_kb", !empty, wm_headroom_kb(w, WM_LOW));
	json_kv_int_opt(j, "headroom_min_kb", !empty, wm_headroom_kb(w, WM_MIN));
	json_kv_bool(j, "node_unreclaimable", z->node_unreclaimable);
	json_kv_str(j, "verdict", zone_table_verdict_name(z));
	json_kv_str(j, "verdict_meaning", empty ? "no managed pages: never allocated from" :
	    wm_verdict_meaning(wm_zone_verdict(w)));
	json_object_end(j);
}
