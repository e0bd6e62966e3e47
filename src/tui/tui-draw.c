/*
 * tui-draw.c: the frame of top's screen.
 *
 * Drawing never calls clear(): each frame overwrites its lines and ends
 * them with clrtoeol(), then one refresh() sends only what changed, so a
 * refresh or a resize (KEY_RESIZE from ncurses' SIGWINCH handler) does not
 * flicker.  Text comes from view/top-view.h, already escaped; its markup
 * (TV_STYLE) becomes attributes here, and nothing else does.
 *
 * Layout, top to bottom: the header (seven lines; on a short screen the
 * empty ones go first, then the least telling, down to the status and
 * victim lines), the zones panel (grouped per node when there is room,
 * else ungrouped, else only the zones closest to trouble), the process
 * panel, and the status line (messages, the filter, the keys).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/watermark.h"
#include "lib/escape.h"
#include "lib/xalloc.h"
#include "tui/tui-int.h"
#include "view/top-view.h"

#define MIN_ROWS 3		/* process rows kept when zones need the space */

static attr_t
style_attr(const struct tui *u, int s)
{
	switch (s) {
	case TV_TITLE: return u->look.title;
	case TV_HEAD: return u->look.head;
	case TV_WARN: return u->look.warn;
	case TV_CRIT: return u->look.crit;
	case TV_OK: return u->look.ok;
	case TV_HIGH: return u->look.high;
	case TV_LOW: return u->look.low;
	case TV_MIN: return u->look.min;
	case TV_MARK: return u->look.mark;
	}
	return A_NORMAL;
}

/*
 * Draw a line with markup at y, cleared to the end.  base: the attribute
 * under every style (the selection's), A_NORMAL otherwise.
 */
static void
put_marked(const struct tui *u, int y, const char *s, size_t len, attr_t base)
{
	size_t i = 0, room = COLS > 0 ? (size_t)COLS : 0;

	if (y < 0 || y >= LINES)
		return;
	move(y, 0);
	attrset(base);
	while (i < len && room > 0) {
		size_t j = i, fit;

		if (s[i] == TV_STYLE && i + 1 < len) {
			attrset(base != A_NORMAL ? base : style_attr(u, s[i + 1]));
			i += 2;
			continue;
		}
		if (s[i] == TV_FIELD) {
			i += 2;
			continue;
		}
		while (j < len && s[j] != TV_STYLE && s[j] != TV_FIELD && s[j] != '\n')
			j++;
		/* Never past the right edge: curses would wrap onto the next line. */
		fit = escaped_fit(s + i, j - i, room);
		addnstr(s + i, (int)fit);
		room -= escaped_width(s + i, fit);
		if (fit < j - i || (j < len && s[j] == '\n'))
			break;
		i = j;
	}
	attrset(base);
	clrtoeol();
	if (base != A_NORMAL)
		mvchgat(y, 0, -1, base, PAIR_NUMBER(base), NULL);
	attrset(A_NORMAL);
}

static void
put_plain(const struct tui *u, int y, const char *s)
{
	put_marked(u, y, s, strlen(s), A_NORMAL);
}

/* ---- Layout ------------------------------------------------------------ */

/* Header lines in the order they are given up on a short screen: last first. */
static const int header_keep[TOPVIEW_HEADER_LINES] = { 0, 4, 1, 2, 3, 6, 5 };

/* The zones panel's lines: title, populated zones, and (grouped) node lines. */
static int
zone_lines(const struct top *t, bool grouped)
{
	int i, n = 0, nodes = top_view_zone_nodes(&t->snap.zi);

	for (i = 0; i < t->snap.zi.nzones; i++)
		n += !wm_zone_empty(&t->snap.zi.zones[i].wm);
	return 1 + (grouped && nodes > 1 ? nodes : 0) + n;
}

/* How close to trouble: verdict first, then headroom to low. */
static bool
zone_worse(const struct zoneinfo_zone *a, const struct zoneinfo_zone *b)
{
	enum wm_verdict va = wm_zone_verdict(&a->wm), vb = wm_zone_verdict(&b->wm);

	if (va != vb)
		return va > vb;
	return wm_headroom_kb(&a->wm, WM_LOW) < wm_headroom_kb(&b->wm, WM_LOW);
}

/*
 * Draw the zones in `room` lines (title included).  All of them, grouped
 * per node, when they fit; else the room - 1 closest to trouble, in
 * their order, and the title says how many are left out.
 */
static void
draw_zones(struct tui *u, int *y, int room)
{
	const struct top *t = u->t;
	const struct zoneinfo *zi = &t->snap.zi;
	struct top_zone_layout l;
	bool pick[ZONEINFO_MAX_ZONES];
	int i, nodes = top_view_zone_nodes(zi), shown, populated = 0, last_node = -1;
	bool all = room >= zone_lines(t, true);

	top_view_zone_layout(&l, zi, (size_t)COLS);
	for (i = 0; i < zi->nzones; i++) {
		pick[i] = !wm_zone_empty(&zi->zones[i].wm);
		populated += pick[i];
	}
	shown = populated;
	if (!all) {
		/* Keep the room - 1 worst: drop the best until they fit. */
		for (; shown > room - 1; shown--) {
			int best = -1;

			for (i = 0; i < zi->nzones; i++)
				if (pick[i] && (best < 0 || zone_worse(&zi->zones[best], &zi->zones[i])))
					best = i;
			pick[best] = false;
		}
	}
	buf_reset(&u->line);
	top_view_zones_title(&u->line, &l);
	if (shown < populated) {
		top_view_field(&u->line, 5);
		buf_printf(&u->line, " (%d of %d zones, the closest to min)", shown, populated);
		top_view_fit(&u->line, 0, (size_t)COLS);
	}
	put_marked(u, (*y)++, u->line.data, u->line.len, A_NORMAL);
	for (i = 0; i < zi->nzones; i++) {
		if (!pick[i])
			continue;
		if (all && nodes > 1 && zi->zones[i].wm.node != last_node) {
			last_node = zi->zones[i].wm.node;
			buf_reset(&u->line);
			top_view_node_line(&u->line, &l, zi, last_node);
			put_marked(u, (*y)++, u->line.data, u->line.len, A_NORMAL);
		}
		buf_reset(&u->line);
		top_view_zone_line(&u->line, &l, &zi->zones[i]);
		put_marked(u, (*y)++, u->line.data, u->line.len, A_NORMAL);
	}
}

/* The header's lines (in u->text) and where each starts. */
static int
header_split(struct tui *u, const char *start[TOPVIEW_HEADER_LINES],
    size_t len[TOPVIEW_HEADER_LINES])
{
	const char *p;
	int n = 0;

	buf_reset(&u->text);
	top_view_header(&u->text, u->t, (size_t)COLS, u->paused);
	for (p = buf_str(&u->text); *p && n < TOPVIEW_HEADER_LINES; n++) {
		const char *nl = strchr(p, '\n');

		start[n] = p;
		len[n] = nl ? (size_t)(nl - p) : strlen(p);
		p += len[n] + (nl != NULL);
	}
	return n;
}

/* A header line with nothing in it (markup aside). */
static bool
blank(const char *s, size_t len)
{
	return top_view_width(s, len) == 0;
}

/*
 * What fits above the process panel (MIN_ROWS rows kept): the whole
 * header and the zones grouped per node when they fit; else, with the
 * empty header lines gone, as many header lines as leave room for the
 * zones grouped, or else ungrouped (least telling lines first, down to
 * the status and victim lines); else those two and the zones closest to
 * trouble.
 */
static void
draw_frame(struct tui *u)
{
	const struct top *t = u->t;
	const char *hs[TOPVIEW_HEADER_LINES];
	size_t hl[TOPVIEW_HEADER_LINES];
	bool keep[TOPVIEW_HEADER_LINES];
	bool zones = u->zones && t->have_snap && t->snap.have_zoneinfo;
	int zf = zones ? zone_lines(t, true) : 0, zc = zones ? zone_lines(t, false) : 0;
	int i, n = header_split(u, hs, hl), y = 0, k, h, full = 0, zl = 0;
	int avail = LINES - 1 - 1 - MIN_ROWS;

	for (i = 0; i < n; i++) {
		keep[i] = true;
		full += !blank(hs[i], hl[i]);
	}
	if (n + zf > avail) {
		/* Header lines by priority: keep the first h non-empty ones. */
		for (h = full; h >= 2; h--)
			if (h + zf <= avail || h + zc <= avail)
				break;
		if (h < 2)
			h = 2;
		zl = h + zf <= avail ? zf : h + zc <= avail ? zc : avail - h;
		for (i = 0; i < n; i++)
			keep[i] = false;
		for (k = 0, i = 0; k < TOPVIEW_HEADER_LINES && i < h; k++)
			if (header_keep[k] < n && !blank(hs[header_keep[k]], hl[header_keep[k]])) {
				keep[header_keep[k]] = true;
				i++;
			}
		if (zl < 2)
			zl = 0;
	} else {
		zl = zf;
	}
	for (i = 0; i < n; i++)
		if (keep[i])
			put_marked(u, y++, hs[i], hl[i], A_NORMAL);
	if (zl > 0)
		draw_zones(u, &y, zl);
	u->rows_y = y;
}

void
tui_scroll_to_selection(struct tui *u)
{
	if (u->rows_h < 1)
		return;
	if (u->sel.row < u->offset)
		u->offset = u->sel.row;
	if (u->sel.row >= u->offset + (size_t)u->rows_h)
		u->offset = u->sel.row - (size_t)u->rows_h + 1;
	if (u->offset > 0 && u->offset + (size_t)u->rows_h > u->t->nrows)
		u->offset = u->t->nrows > (size_t)u->rows_h ? u->t->nrows - (size_t)u->rows_h : 0;
}

static void
draw_rows(struct tui *u)
{
	const struct top *t = u->t;
	struct top_columns c;
	int i, y = u->rows_y;

	top_view_columns(&c, t, 0, t->nrows, (size_t)COLS, u->hscroll);
	buf_reset(&u->line);
	top_view_rows_header(&u->line, t, &c);
	put_marked(u, y++, u->line.data, u->line.len, A_NORMAL);
	u->rows_h = LINES - 1 - y;
	tui_scroll_to_selection(u);
	for (i = 0; i < u->rows_h; i++, y++) {
		size_t r = u->offset + (size_t)i;

		if (r >= t->nrows) {
			move(y, 0);
			clrtoeol();
			continue;
		}
		buf_reset(&u->line);
		top_view_row(&u->line, t, &t->rows[r], &c);
		put_marked(u, y, u->line.data, u->line.len, r == u->sel.row ? u->look.sel : A_NORMAL);
	}
}

/* The filter, as the status line shows it: escaped, and how many rows match. */
static void
status_filter(struct tui *u, const char *f, size_t len)
{
	buf_puts(&u->line, "filter \"");
	escape_text(&u->line, f, len, 0);
	buf_printf(&u->line, "\": %zu of %zu tasks", u->t->nrows, u->t->rank.scanned);
}

static void
draw_status(struct tui *u)
{
	const struct top *t = u->t;
	attr_t a = A_NORMAL;

	buf_reset(&u->line);
	switch (u->mode) {
	case MODE_FILTER:
		buf_puts(&u->line, "/");
		escape_text(&u->line, u->input, u->input_len, 0);
		buf_puts(&u->line, "_");
		top_view_field(&u->line, 6);
		buf_printf(&u->line, "  %zu of %zu match", t->nrows, t->rank.scanned);
		top_view_field(&u->line, 4);
		buf_puts(&u->line, "  (name or command line)");
		top_view_field(&u->line, 5);
		buf_puts(&u->line, "  Enter keeps, Esc cancels, ^U clears");
		a = u->look.input;
		break;
	case MODE_ADJ:
		buf_printf(&u->line, "adj of %d (now %d): ", u->adj_pid, u->adj_old);
		buf_add(&u->line, u->input, u->input_len);
		buf_puts(&u->line, "_");
		top_view_field(&u->line, 5);
		buf_puts(&u->line, "  oom_score_adj, -1000..1000; Enter sets, Esc cancels");
		a = u->look.input;
		break;
	case MODE_CONFIRM:
		buf_printf(&u->line, "adj of %d: %d -> %d? y/n", u->adj_pid, u->adj_old,
		    u->adj_new);
		top_view_field(&u->line, 5);
		buf_puts(&u->line, "  (writes /proc/PID/oom_score_adj)");
		a = u->look.input;
		break;
	case MODE_NORMAL:
		if (u->msg[0]) {
			buf_puts(&u->line, u->msg);
		} else if (t->err.len) {
			buf_puts(&u->line, "note: ");
			escape_text(&u->line, t->err.data, t->err.len, 0);
		} else if (t->have_rank && !rank_sees_all(&t->rank)) {
			buf_puts(&u->line, "note: ");
			rank_visibility_note(&t->rank, &u->line);
		} else if (t->filter_len > 0) {
			status_filter(u, t->filter, t->filter_len);
			top_view_field(&u->line, 5);
			buf_puts(&u->line, "  / edits, q quit, h help");
		} else {
			buf_puts(&u->line, "q quit  h help");
			top_view_field(&u->line, 6);
			buf_puts(&u->line, "  space pause");
			top_view_field(&u->line, 7);
			buf_puts(&u->line, "  s sort");
			top_view_field(&u->line, 7);
			buf_puts(&u->line, "  / filter");
			top_view_field(&u->line, 6);
			buf_puts(&u->line, "  t tree");
			top_view_field(&u->line, 4);
			buf_puts(&u->line, "  g group");
			top_view_field(&u->line, 4);
			buf_puts(&u->line, "  c cmdline");
			top_view_field(&u->line, 3);
			buf_puts(&u->line, "  z zones");
			top_view_field(&u->line, 5);
			buf_puts(&u->line, "  a set adj");
			top_view_field(&u->line, 2);
			buf_puts(&u->line, "  <- -> scroll");
		}
		break;
	}
	top_view_fit(&u->line, 0, (size_t)COLS);
	put_marked(u, LINES - 1, u->line.data, u->line.len, a);
}

/*
 * Help text wrapped at the screen's width, after whole words; a wrapped
 * line keeps the indentation of the text after its key.
 */
static int
put_wrapped(struct tui *u, int y, const char *s)
{
	size_t len = strlen(s), indent = 0, room = COLS > 0 ? (size_t)COLS : 1;
	const char *p = s;

	/* "  key          text": continuation lines start under the text. */
	if (s[0] == ' ' && s[1] == ' ') {
		const char *q = strstr(s + 2, "  ");

		while (q != NULL && *q == ' ')
			q++;
		indent = q != NULL ? (size_t)(q - s) : 0;
	}
	if (indent >= room / 2)
		indent = 0;
	while (y < LINES - 1) {
		size_t n = len - (size_t)(p - s), cut;

		buf_reset(&u->line);
		if (p != s)
			for (cut = 0; cut < indent; cut++)
				buf_putc(&u->line, ' ');
		if (u->line.len + n <= room) {
			buf_add(&u->line, p, n);
			put_marked(u, y++, u->line.data, u->line.len, A_NORMAL);
			break;
		}
		for (cut = room - u->line.len; cut > 0 && p[cut] != ' '; cut--)
			;
		if (cut == 0)
			cut = room - u->line.len;
		buf_add(&u->line, p, cut);
		put_marked(u, y++, u->line.data, u->line.len, A_NORMAL);
		for (p += cut; *p == ' '; p++)
			;
	}
	return y;
}

static void
draw_help(struct tui *u)
{
	static const char *const help[] = {
		"oomrisk top: who the OOM killer takes next, and how close it is",
		"",
		"  q            quit",
		"  h, ?         this help (any key returns)",
		"  space        pause / resume refreshing",
		"  Up, Down     move the selection (it stays on its task as rows move)",
		"  PgUp, PgDn   a page up / down",
		"  Home, End    first / last task",
		"  Left, Right  scroll the COMMAND column",
		"  s            sort by score (victim order), rss, growth, pid",
		"  t            process tree: each task under its parent",
		"  /            filter as you type: name or command line, any case;",
		"               Enter keeps it, Esc cancels, Ctrl-U clears",
		"  c            command lines instead of names",
		"  z            show / hide the zones panel",
		"  a            set the selected task's oom_score_adj (asks first)",
		"  g            group by cgroup, unit, container, or not (cycles)",
		"",
		"SCORE is the badness on oom_score's scale against the scope's totalpages",
		"(a cgroup's limit with -g); SHARE is rss + swap + page tables as a share of",
		"totalpages; GROW/s is its change per second.  CGROUP (100 columns or more):",
		"the task's container, pod, systemd unit or cgroup path.",
		"Zones: # is free memory; m l h the min, low and high watermarks, drawn",
		"to scale from 0 to twice high, then (dots) on a log scale up to the",
		"zone's size.  TO LOW, TO MIN: free memory above those marks.  Below low",
		"kswapd reclaims; below min allocations reclaim themselves and the OOM",
		"killer may run.  Colour follows the verdict; NO_COLOR turns colour off.",
	};
	size_t i;
	int y = 0;

	for (i = 0; i < ARRAY_SIZE(help) && y < LINES - 1; i++)
		y = put_wrapped(u, y, help[i]);
	for (; y < LINES - 1; y++) {
		move(y, 0);
		clrtoeol();
	}
	put_plain(u, LINES - 1, "press any key");
}

void
tui_draw(struct tui *u)
{
	if (u->help) {
		draw_help(u);
	} else {
		draw_frame(u);
		draw_rows(u);
		draw_status(u);
	}
	refresh();
}

/* ---- Refresh and selection ---------------------------------------------- */

/* How many ranked rows the next refresh must read for this view. */

void
tui_init_look(struct tui *u)
{
	const char *nc = getenv("NO_COLOR");
	struct look *l = &u->look;

	/* https://no-color.org: any non-empty NO_COLOR turns colour off. */
	u->color = has_colors() && (nc == NULL || nc[0] == '\0') && start_color() == OK;
	if (!u->color) {
		l->title = A_BOLD;
		l->head = A_BOLD | A_UNDERLINE;
		l->sel = A_REVERSE;
		l->warn = A_BOLD;
		l->crit = A_BOLD | A_UNDERLINE;
		l->ok = l->high = A_NORMAL;
		l->low = A_BOLD;
		l->min = A_BOLD | A_UNDERLINE;
		l->mark = A_BOLD;
		l->input = A_BOLD;
		return;
	}
	use_default_colors();
	init_pair(PAIR_OK, COLOR_GREEN, -1);
	init_pair(PAIR_HIGH, COLOR_YELLOW, -1);
	init_pair(PAIR_LOW, COLOR_MAGENTA, -1);
	init_pair(PAIR_MIN, COLOR_RED, -1);
	init_pair(PAIR_TITLE, COLOR_CYAN, -1);
	init_pair(PAIR_HEAD, COLOR_BLACK, COLOR_GREEN);
	init_pair(PAIR_SEL, COLOR_BLACK, COLOR_CYAN);
	init_pair(PAIR_WARN, COLOR_YELLOW, -1);
	init_pair(PAIR_CRIT, COLOR_WHITE, COLOR_RED);
	l->title = COLOR_PAIR(PAIR_TITLE) | A_BOLD;
	l->head = COLOR_PAIR(PAIR_HEAD);
	l->sel = COLOR_PAIR(PAIR_SEL);
	l->warn = COLOR_PAIR(PAIR_WARN) | A_BOLD;
	l->crit = COLOR_PAIR(PAIR_CRIT) | A_BOLD;
	l->ok = COLOR_PAIR(PAIR_OK);
	l->high = COLOR_PAIR(PAIR_HIGH);
	l->low = COLOR_PAIR(PAIR_LOW) | A_BOLD;
	l->min = COLOR_PAIR(PAIR_MIN) | A_BOLD;
	l->mark = A_BOLD;
	l->input = A_BOLD;
}
