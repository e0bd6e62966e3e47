/*
 * top-rows.c: top's process panel: columns sized from the data, COMMAND
 * taking the rest of the line (with its window for left/right scroll and
 * the tree's guides).
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "lib/escape.h"
#include "lib/format.h"
#include "lib/xalloc.h"
#include "view/group-table.h"
#include "view/rank-table.h"
#include "view/top-rows.h"

#define CMD_MIN_NARROW 12	/* COMMAND keeps at least this many columns */
#define CMD_MIN_WIDE 16		/* ... from 60 columns on */

static const char *const col_title[TC_N] = {
	"RANK", "PID", "USER", "SCORE", "ADJ", "RSS", "SWAP", "PGTBL", "SHARE", "GROW/s",
	"CGROUP",
};

/* Left out first when the line is short. */
static const enum top_col drop_order[] = {
	TC_CGROUP, TC_PGTBL, TC_SWAP, TC_USER, TC_SHARE, TC_GROW, TC_ADJ, TC_RSS, TC_SCORE,
};

#define USER_MAX 8

/* One cell's text (not escaped: only the user name needs that, apart). */
static void
cell_text(char *buf, size_t len, const struct top *t, const struct top_row *row, enum top_col c)
{
	const struct rank_entry *e = top_row_entry(t, row);
	const struct task *tk = rank_task(&t->rank, e);
	char v[FMT_KB_LEN];
	double a;

	switch (c) {
	case TC_RANK:
		snprintf(buf, len, row->rank ? "%zu" : "-", row->rank);
		break;
	case TC_PID:
		snprintf(buf, len, "%d", tk->pid);
		break;
	case TC_SCORE:
		if (e->score.eligible)
			snprintf(buf, len, "%" PRId64, e->score.scope_score);
		else
			snprintf(buf, len, "-");
		break;
	case TC_ADJ:
		snprintf(buf, len, "%d", tk->adj);
		break;
	case TC_RSS:
		snprintf(buf, len, "%s", fmt_kb(v, tk->rss_kb));
		break;
	case TC_SWAP:
		snprintf(buf, len, "%s", fmt_kb(v, tk->swap_kb));
		break;
	case TC_PGTBL:
		snprintf(buf, len, "%s", fmt_kb(v, tk->pgtables_kb));
		break;
	case TC_SHARE:
		snprintf(buf, len, "%.1f%%", rank_share_pct(&t->rank, e));
		break;
	case TC_GROW:
		a = row->growth_kbs < 0 ? -row->growth_kbs : row->growth_kbs;
		if (!row->growth_known)
			snprintf(buf, len, "-");
		else if (a < 0.5)
			snprintf(buf, len, "0");
		else
			snprintf(buf, len, "%c%s", row->growth_kbs < 0 ? '-' : '+',
			    fmt_kb(v, (uint64_t)(a + 0.5)));
		break;
	case TC_USER:
	case TC_CGROUP:
	case TC_N:
		buf[0] = '\0';
		break;
	}
}

static const char *
row_user(const struct top *t, const struct top_row *row)
{
	return user_table_name(&t->rank.users, rank_task(&t->rank, top_row_entry(t, row))->uid);
}

/* The short form of the row's cgroup (raw bytes, untrusted); its length. */
static size_t
row_cgroup(char *dst, size_t size, const struct top *t, const struct top_row *row)
{
	return rank_table_cgroup_short(dst, size, &t->rank,
	    rank_task(&t->rank, top_row_entry(t, row)));
}

/* Names (escaped) of at most max columns: USER and CGROUP. */
static bool
col_is_name(size_t k)
{
	return k == TC_USER || k == TC_CGROUP;
}

static size_t
col_max(size_t k)
{
	return k == TC_CGROUP ? RANK_TABLE_CGROUP_W : USER_MAX;
}

/* A name cell's text and its length (the cgroup's in sh). */
static const char *
name_cell(char *sh, size_t size, const struct top *t, const struct top_row *row, size_t k,
    size_t *len)
{
	const char *user;

	if (k == TC_CGROUP) {
		*len = row_cgroup(sh, size, t, row);
		return sh;
	}
	user = row_user(t, row);
	*len = strlen(user);
	return user;
}

void
top_view_columns(struct top_columns *c, const struct top *t, size_t first, size_t n,
    size_t width, size_t hscroll)
{
	size_t i, k, used, cmd_min = width >= 60 ? CMD_MIN_WIDE : CMD_MIN_NARROW;
	char cell[48];

	memset(c, 0, sizeof(*c));
	c->hscroll = hscroll;
	c->width = width;
	/* Groups are rows of their own layout (view/group-table.h). */
	if (t->opt.group_by != GROUP_NONE)
		return;
	for (k = 0; k < TC_N; k++) {
		c->w[k] = strlen(col_title[k]);
		c->shown[k] = true;
	}
	/* CGROUP as rank shows it: from RANK_TABLE_CGROUP_MIN_WIDTH columns on, or in --batch. */
	c->shown[TC_CGROUP] = width == 0 || width >= RANK_TABLE_CGROUP_MIN_WIDTH;
	for (i = first; i < first + n && i < t->nrows; i++) {
		const struct top_row *row = &t->rows[i];

		for (k = 0; k < TC_N; k++) {
			if (col_is_name(k)) {
				char sh[OWNER_SHORT_MAX];
				size_t len, w;
				const char *name = name_cell(sh, sizeof(sh), t, row, k, &len);

				if (k == TC_CGROUP && !c->shown[k])
					continue;
				w = escape_text(NULL, name, len, col_max(k));
				if (w > c->w[k])
					c->w[k] = w;
				continue;
			}
			cell_text(cell, sizeof(cell), t, row, (enum top_col)k);
			if (strlen(cell) > c->w[k])
				c->w[k] = strlen(cell);
		}
	}
	for (;;) {
		used = 0;
		for (k = 0; k < TC_N; k++)
			if (c->shown[k])
				used += c->w[k] + 1;
		if (width == 0 || used + cmd_min <= width)
			break;
		for (k = 0; k < ARRAY_SIZE(drop_order) && !c->shown[drop_order[k]]; k++)
			;
		if (k == ARRAY_SIZE(drop_order))
			break;
		c->shown[drop_order[k]] = false;
	}
	c->cmd_at = used;
	c->cmd_w = width == 0 ? 0 : width > used ? width - used : 0;
}

/* A cell of w columns padded to width: right-aligned numbers, left-aligned names. */
static void
put_cell(struct buf *out, const char *s, size_t w, size_t width, bool left)
{
	size_t pad;

	if (left)
		buf_puts(out, s);
	for (pad = w; pad < width; pad++)
		buf_putc(out, ' ');
	if (!left)
		buf_puts(out, s);
	buf_putc(out, ' ');
}

void
top_view_rows_header(struct buf *out, const struct top *t, const struct top_columns *c)
{
	const char *cmd = t->opt.cmdline ? "COMMAND LINE" : "COMMAND";
	size_t k, from;

	top_view_style(out, TV_HEAD);
	if (t->opt.group_by != GROUP_NONE) {
		group_table_text_header(out, c->width);
		top_view_style(out, TV_PLAIN);
		return;
	}
	for (k = 0; k < TC_N; k++)
		if (c->shown[k])
			put_cell(out, col_title[k], strlen(col_title[k]), c->w[k], col_is_name(k));
	from = out->len;
	buf_puts(out, cmd);
	if (c->hscroll > 0)
		buf_printf(out, " +%zu", c->hscroll);
	if (c->cmd_w > 0 && out->len - from > c->cmd_w)
		out->len = from + (c->cmd_w >= strlen(cmd) ? strlen(cmd) : c->cmd_w);
	/* The title bar runs to the end of the line. */
	while (c->cmd_w > 0 && out->len - from < c->cmd_w)
		buf_putc(out, ' ');
	top_view_style(out, TV_PLAIN);
}

/* The tree's guides before a name: "|  " per open level, then "|- " or "`- ". */
static void
tree_prefix(struct buf *out, const struct top_row *row)
{
	unsigned l;

	for (l = 1; l < row->depth; l++)
		buf_puts(out, l - 1 < TOP_TREE_GUIDES && (row->guides >> (l - 1) & 1) ? "|  " :
		    "   ");
	if (row->depth > 0)
		buf_puts(out, row->last ? "`- " : "|- ");
}

void
top_view_row(struct buf *out, const struct top *t, const struct top_row *row,
    const struct top_columns *c)
{
	const struct rank_entry *e = top_row_entry(t, row);
	const struct task *tk = rank_task(&t->rank, e);
	const char *cl = t->opt.cmdline ? task_cmdline(&t->rank.tasks, tk) : NULL;
	char cell[48];
	size_t k, at, skip, keep;

	if (t->opt.group_by != GROUP_NONE) {
		if (row->group < t->groups.n)
			group_table_text_row(out, &t->rank, &t->groups, &t->groups.v[row->group],
			    c->width);
		return;
	}
	for (k = 0; k < TC_N; k++) {
		if (!c->shown[k])
			continue;
		if (col_is_name(k)) {
			char sh[OWNER_SHORT_MAX];
			size_t len;
			const char *name = name_cell(sh, sizeof(sh), t, row, k, &len);
			/*
			 * User names are not trusted either (NSS can return
			 * anything), nor cgroup paths and runtime names.
			 */
			size_t w = escape_text(out, name, len, c->w[k]);

			put_cell(out, "", w, c->w[k], true);
			continue;
		}
		cell_text(cell, sizeof(cell), t, row, (enum top_col)k);
		put_cell(out, cell, strlen(cell), c->w[k], false);
	}
	/* COMMAND: the whole text, then the window of it that hscroll shows. */
	at = out->len;
	tree_prefix(out, row);
	if (cl != NULL)
		escape_text(out, cl, tk->cmdline_len, 0);
	else
		escape_text(out, tk->comm, tk->comm_len, 0);
	if (e->self)
		buf_puts(out, "  (oomrisk itself: never named the victim)");
	else if (!e->score.eligible)
		buf_printf(out, "  (unkillable: %s)", oom_ineligible_reason(e->score.why));
	skip = c->hscroll ? escaped_fit(out->data + at, out->len - at, c->hscroll) : 0;
	if (skip > 0) {
		memmove(out->data + at, out->data + at + skip, out->len - at - skip);
		out->len -= skip;
	}
	if (c->cmd_w > 0) {
		keep = escaped_fit(out->data + at, out->len - at, c->cmd_w);
		out->len = at + keep;
	}
	out->data[out->len] = '\0';
}
