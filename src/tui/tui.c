/*
 * tui.c: the ncursesw screen of `oomrisk top`.
 *
 * Drawing never calls clear(): each frame overwrites its lines and ends
 * them with clrtoeol(), then one refresh() sends only what changed, so a
 * refresh or a resize (KEY_RESIZE from ncurses' SIGWINCH handler) does not
 * flicker.  Text comes from view/top-view.c, already escaped.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "lib/diag.h"
#include "lib/escape.h"
#include "lib/xalloc.h"
#include "sys/clock.h"
#include "sys/gather-top.h"
#include "sys/sampler.h"
#include "tui/tui.h"
#include "view/top-view.h"

/* Last: <term.h> defines terminfo names such as `lines` as macros. */
#include <curses.h>
#include <term.h>

#define KEY_ESC 27
#define MIN_ROWS 3		/* process rows kept when zones need the space */

enum input_mode { MODE_NORMAL, MODE_FILTER, MODE_ADJ, MODE_CONFIRM };

enum pair { PAIR_OK = 1, PAIR_HIGH, PAIR_LOW, PAIR_MIN, PAIR_TITLE };

struct tui {
	struct top *t;
	bool paused, zones, help, color;
	size_t sel, offset;
	int sel_pid;			/* the selection follows this task */
	int rows_y, rows_h;		/* the process panel */
	enum input_mode mode;
	char input[TOP_FILTER_MAX];
	size_t input_len;
	int adj_pid, adj_old, adj_new;
	struct task_pin adj_pin;	/* the process 'a' was pressed on */
	char msg[256];			/* status line message */
	struct buf line;		/* reused for every line drawn */
};

static bool curses_on;

static void
tui_cleanup(void)
{
	if (curses_on) {
		endwin();
		curses_on = false;
	}
}

/* Draw buf[from..) as one screen line at y, cleared to the end. */
static void
put_line(int y, const char *s, size_t len)
{
	move(y, 0);
	addnstr(s, (int)len);
	clrtoeol();
}

static int
verdict_pair(const struct zone_bar *b)
{
	if (b->empty)
		return 0;
	switch (b->verdict) {
	case WM_OK: return PAIR_OK;
	case WM_BELOW_HIGH: return PAIR_HIGH;
	case WM_BELOW_LOW: return PAIR_LOW;
	case WM_BELOW_MIN: return PAIR_MIN;
	}
	return 0;
}

static void
draw_header(struct tui *u, int *y)
{
	const char *p, *nl;

	buf_reset(&u->line);
	top_view_header(&u->line, u->t, (size_t)COLS, u->paused);
	for (p = u->line.data; p != NULL && *p && *y < LINES - 1; p = nl + 1) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			break;
		put_line(*y, p, (size_t)(nl - p));
		if (*y == 0)
			mvchgat(0, 0, COLS, A_BOLD, u->color ? PAIR_TITLE : 0, NULL);
		(*y)++;
	}
}

static void
draw_zones(struct tui *u, int *y)
{
	const struct top *t = u->t;
	int i, room;

	if (!u->zones || !t->have_snap || !t->snap.have_zoneinfo)
		return;
	/* Keep MIN_ROWS process rows, their title and the status line. */
	room = LINES - *y - 1 - MIN_ROWS - 1 - 1;
	if (room < 2)
		return;
	buf_reset(&u->line);
	top_view_zones_title(&u->line, (size_t)COLS);
	put_line(*y, u->line.data, u->line.len);
	mvchgat(*y, 0, COLS, A_BOLD, 0, NULL);
	(*y)++;
	for (i = 0; i < t->snap.zi.nzones && i < room - 1; i++) {
		struct zone_bar bar;

		buf_reset(&u->line);
		top_view_zone_line(&u->line, &t->snap.zi.zones[i], (size_t)COLS, &bar);
		put_line(*y, u->line.data, u->line.len);
		if (u->color && bar.len > 0 && verdict_pair(&bar))
			mvchgat(*y, (int)bar.start, (int)bar.len, A_NORMAL, (short)verdict_pair(&bar),
			    NULL);
		else if (!u->color && !bar.empty && bar.verdict >= WM_BELOW_LOW)
			mvchgat(*y, 0, COLS, A_BOLD, 0, NULL);
		(*y)++;
	}
}

/* Keep the selection on screen and on the task it was on. */
static void
place_selection(struct tui *u)
{
	const struct top *t = u->t;
	size_t i;

	if (t->nrows == 0) {
		u->sel = u->offset = 0;
		return;
	}
	for (i = 0; i < t->nrows; i++)
		if (rank_task(&t->rank, top_row_entry(t, &t->rows[i]))->pid == u->sel_pid)
			break;
	if (i < t->nrows)
		u->sel = i;
	if (u->sel >= t->nrows)
		u->sel = t->nrows - 1;
	u->sel_pid = rank_task(&t->rank, top_row_entry(t, &t->rows[u->sel]))->pid;
	if (u->rows_h < 1)
		return;
	if (u->sel < u->offset)
		u->offset = u->sel;
	if (u->sel >= u->offset + (size_t)u->rows_h)
		u->offset = u->sel - (size_t)u->rows_h + 1;
}

static void
draw_rows(struct tui *u, int *y)
{
	const struct top *t = u->t;
	int i;

	buf_reset(&u->line);
	top_view_rows_header(&u->line, t, (size_t)COLS);
	put_line(*y, u->line.data, u->line.len);
	mvchgat(*y, 0, COLS, A_REVERSE, 0, NULL);
	(*y)++;
	u->rows_y = *y;
	u->rows_h = LINES - 1 - *y;
	place_selection(u);
	for (i = 0; i < u->rows_h; i++, (*y)++) {
		size_t r = u->offset + (size_t)i;

		if (r >= t->nrows) {
			move(*y, 0);
			clrtoeol();
			continue;
		}
		buf_reset(&u->line);
		top_view_row(&u->line, t, &t->rows[r], (size_t)COLS);
		put_line(*y, u->line.data, u->line.len);
		if (r == u->sel)
			mvchgat(*y, 0, COLS, A_REVERSE, 0, NULL);
	}
}

static void
draw_status(struct tui *u)
{
	const struct top *t = u->t;

	buf_reset(&u->line);
	switch (u->mode) {
	case MODE_FILTER:
		buf_puts(&u->line, "filter (Enter applies, Esc cancels, empty clears): ");
		escape_text(&u->line, u->input, u->input_len, 0);
		break;
	case MODE_ADJ:
		buf_printf(&u->line, "oom_score_adj for %d (now %d; -1000..1000, Esc cancels): ",
		    u->adj_pid, u->adj_old);
		buf_add(&u->line, u->input, u->input_len);
		break;
	case MODE_CONFIRM:
		buf_printf(&u->line, "set oom_score_adj of %d from %d to %d? (y/n)", u->adj_pid,
		    u->adj_old, u->adj_new);
		break;
	case MODE_NORMAL:
		if (u->msg[0])
			buf_puts(&u->line, u->msg);
		else if (t->err.len) {
			buf_puts(&u->line, "note: ");
			escape_text(&u->line, t->err.data, t->err.len, 0);
		} else if (t->have_rank && !rank_sees_all(&t->rank)) {
			buf_puts(&u->line, "note: ");
			rank_visibility_note(&t->rank, &u->line);
		} else
			buf_puts(&u->line, "q quit  h help  space pause  s sort  / filter  "
			    "c cmdline  z zones  a set adj  g group");
		break;
	}
	put_line(LINES - 1, u->line.data, u->line.len < (size_t)COLS ? u->line.len :
	    (size_t)COLS);
	if (u->mode != MODE_NORMAL)
		mvchgat(LINES - 1, 0, COLS, A_BOLD, 0, NULL);
}

static void
draw_help(void)
{
	static const char *const help[] = {
		"oomrisk top: who the OOM killer takes next, and how close it is",
		"",
		"  q            quit",
		"  h, ?         this help (any key returns)",
		"  space        pause / resume refreshing",
		"  Up, Down     move the selection",
		"  PgUp, PgDn   a page up / down",
		"  Home, End    first / last task",
		"  s            sort by score (victim order), rss, growth, pid",
		"  /            filter by command (case-insensitive substring)",
		"  c            command lines instead of names",
		"  z            show / hide the zones panel",
		"  a            set the selected task's oom_score_adj (asks first)",
		"  g            group by cgroup, unit, container, or not (cycles)",
		"",
		"SCORE is the badness on oom_score's scale against the scope's totalpages",
		"(a cgroup's limit with -g); SHARE is rss + swap + page tables as a share of",
		"totalpages; GROW/s is its change per second.  CGROUP (100 columns or more):",
		"the task's container, pod, systemd unit or cgroup path.",
		"Zone bars: # free, m/l/h the min/low/high watermarks on the same scale.",
	};
	int y;

	for (y = 0; y < LINES - 1; y++) {
		if ((size_t)y < ARRAY_SIZE(help))
			put_line(y, help[y], strlen(help[y]));
		else {
			move(y, 0);
			clrtoeol();
		}
	}
	put_line(LINES - 1, "press any key", 13);
}

static void
draw(struct tui *u)
{
	int y = 0;

	if (u->help) {
		draw_help();
	} else {
		draw_header(u, &y);
		draw_zones(u, &y);
		draw_rows(u, &y);
		draw_status(u);
	}
	refresh();
}

/* How many ranked rows the next refresh must read for this view. */
static void
update_want(struct tui *u)
{
	size_t h = u->rows_h > 0 ? (size_t)u->rows_h : (size_t)LINES;

	top_set_want(u->t, u->offset + 2 * h);
}

/* Refresh for the rows on screen; a failure shows in the status line. */
static void
do_refresh(struct tui *u)
{
	update_want(u);
	gather_top_refresh(u->t);
}

static void
move_sel(struct tui *u, long delta)
{
	const struct top *t = u->t;
	long s = (long)u->sel + delta;

	if (s < 0)
		s = 0;
	/* Past the rows read so far: read more (the prefilter kept only a page). */
	if ((size_t)s >= t->nrows && (t->rank.prefiltered || t->rank.truncated) && !u->paused) {
		top_set_want(u->t, (size_t)s + 2 * (size_t)(u->rows_h > 0 ? u->rows_h : 1));
		gather_top_refresh(u->t);
	}
	if (t->nrows == 0)
		s = 0;
	else if ((size_t)s >= t->nrows)
		s = (long)t->nrows - 1;
	u->sel = (size_t)s;
	if (t->nrows)
		u->sel_pid = rank_task(&t->rank, top_row_entry(t, &t->rows[u->sel]))->pid;
}

static void
set_adj(struct tui *u)
{
	int rc = sampler_set_adj(u->t->sampler, &u->adj_pin, u->adj_new);

	sampler_unpin(&u->adj_pin);
	if (rc == 0)
		snprintf(u->msg, sizeof(u->msg), "oom_score_adj of %d set to %d", u->adj_pid,
		    u->adj_new);
	else if (rc == -ESTALE)
		snprintf(u->msg, sizeof(u->msg), "refused: pid %d now names another process "
		    "(the one shown exited); oom_score_adj unchanged", u->adj_pid);
	else if (rc == -ESRCH)
		snprintf(u->msg, sizeof(u->msg), "refused: process %d has exited; "
		    "oom_score_adj unchanged", u->adj_pid);
	else if (rc == -EACCES && u->adj_new < u->adj_old)
		snprintf(u->msg, sizeof(u->msg), "refused: lowering oom_score_adj of %d needs "
		    "CAP_SYS_RESOURCE (%s)", u->adj_pid, strerror(-rc));
	else
		snprintf(u->msg, sizeof(u->msg), "refused: oom_score_adj of %d: %s", u->adj_pid,
		    strerror(-rc));
	if (!u->paused)
		do_refresh(u);
}

/* A key while the status line takes input (filter, adj, confirmation). */
static void
input_key(struct tui *u, int ch)
{
	if (ch == KEY_ESC) {
		u->mode = MODE_NORMAL;
		sampler_unpin(&u->adj_pin);
		return;
	}
	if (u->mode == MODE_CONFIRM) {
		u->mode = MODE_NORMAL;
		if (ch == 'y' || ch == 'Y') {
			set_adj(u);
		} else {
			sampler_unpin(&u->adj_pin);
			snprintf(u->msg, sizeof(u->msg), "oom_score_adj unchanged");
		}
		return;
	}
	if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
		if (u->mode == MODE_FILTER) {
			top_set_filter(u->t, u->input, u->input_len);
			u->mode = MODE_NORMAL;
			u->sel = u->offset = 0;
			if (!u->paused)
				do_refresh(u);
			else
				top_build_rows(u->t);
		} else {
			char *end;
			long v;

			u->input[u->input_len] = '\0';
			v = strtol(u->input, &end, 10);
			if (u->input_len == 0 || *end != '\0' || v < -1000 || v > 1000) {
				snprintf(u->msg, sizeof(u->msg), "not an oom_score_adj (-1000..1000)");
				sampler_unpin(&u->adj_pin);
				u->mode = MODE_NORMAL;
			} else {
				u->adj_new = (int)v;
				u->mode = MODE_CONFIRM;
			}
		}
		return;
	}
	if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		if (u->input_len)
			u->input_len--;
		return;
	}
	if (ch >= 32 && ch < 256 && ch != 127 && u->input_len < sizeof(u->input) - 1) {
		if (u->mode == MODE_ADJ && !((ch >= '0' && ch <= '9') || ch == '-'))
			return;
		u->input[u->input_len++] = (char)ch;
	}
}

/* Handle a key in normal mode; false to quit. */
static bool
normal_key(struct tui *u, int ch)
{
	struct top *t = u->t;
	long page = u->rows_h > 1 ? u->rows_h - 1 : 1;

	u->msg[0] = '\0';
	switch (ch) {
	case 'q':
	case 'Q':
		return false;
	case 'h':
	case '?':
		u->help = true;
		break;
	case ' ':
		u->paused = !u->paused;
		break;
	case KEY_UP:
	case 'k':
		move_sel(u, -1);
		break;
	case KEY_DOWN:
	case 'j':
		move_sel(u, 1);
		break;
	case KEY_PPAGE:
		move_sel(u, -page);
		break;
	case KEY_NPAGE:
		move_sel(u, page);
		break;
	case KEY_HOME:
		move_sel(u, -(long)t->nrows);
		break;
	case KEY_END:
		if ((t->rank.prefiltered || t->rank.truncated) && !u->paused) {
			top_set_want(t, 0);
			gather_top_refresh(t);
		}
		move_sel(u, (long)t->nrows);
		break;
	case 'z':
		u->zones = !u->zones;
		break;
	case 'g':
		t->opt.group_by = (enum group_key)((t->opt.group_by + 1) % GROUP_NKEYS);
		u->sel = u->offset = 0;
		if (!u->paused)
			do_refresh(u);
		else
			top_build_rows(t);
		snprintf(u->msg, sizeof(u->msg), "grouped by %s", group_key_name(t->opt.group_by));
		break;
	case 's':
		t->opt.sort = (enum top_sort)((t->opt.sort + 1) % TOP_SORT_N);
		u->sel = u->offset = 0;
		if (!u->paused)
			do_refresh(u);
		else
			top_build_rows(t);
		if (t->nrows)
			u->sel_pid = rank_task(&t->rank, top_row_entry(t, &t->rows[0]))->pid;
		break;
	case 'c':
		t->opt.cmdline = !t->opt.cmdline;
		if (!u->paused)
			do_refresh(u);
		else
			top_build_rows(t);
		break;
	case '/':
		u->mode = MODE_FILTER;
		memcpy(u->input, t->filter, t->filter_len);
		u->input_len = t->filter_len;
		break;
	case 'a':
		if (t->nrows == 0)
			break;
		if (t->opt.group_by != GROUP_NONE) {
			snprintf(u->msg, sizeof(u->msg), "a: select a task first (g until ungrouped)");
			break;
		}
		u->adj_pid = rank_task(&t->rank, top_row_entry(t, &t->rows[u->sel]))->pid;
		u->adj_old = rank_task(&t->rank, top_row_entry(t, &t->rows[u->sel]))->adj;
		/*
		 * Pin the process now: the value is written only if, after the
		 * prompts, the pid still names it (not a newcomer that reused it).
		 */
		if (sampler_pin(t->sampler, u->adj_pid, &u->adj_pin) < 0) {
			snprintf(u->msg, sizeof(u->msg), "process %d has exited", u->adj_pid);
			break;
		}
		u->input_len = 0;
		u->mode = MODE_ADJ;
		break;
	case KEY_RESIZE:
		break;
	default:
		break;
	}
	return true;
}

static void
init_colors(struct tui *u)
{
	const char *nc = getenv("NO_COLOR");

	/* https://no-color.org: any non-empty NO_COLOR turns colour off. */
	u->color = has_colors() && (nc == NULL || nc[0] == '\0') && start_color() == OK;
	if (!u->color)
		return;
	use_default_colors();
	init_pair(PAIR_OK, COLOR_GREEN, -1);
	init_pair(PAIR_HIGH, COLOR_YELLOW, -1);
	init_pair(PAIR_LOW, COLOR_MAGENTA, -1);
	init_pair(PAIR_MIN, COLOR_RED, -1);
	init_pair(PAIR_TITLE, COLOR_CYAN, -1);
}

int
tui_run(struct top *t, long count, const char *note)
{
	struct tui u;
	SCREEN *scr = NULL;
	double next;
	int err;

	memset(&u, 0, sizeof(u));
	u.adj_pin.pidfd = -1;
	u.t = t;
	u.zones = true;
	if (note != NULL)
		snprintf(u.msg, sizeof(u.msg), "%s", note);
	/* The first sample, before the screen changes: errors print plainly. */
	top_set_want(t, 64);
	if (gather_top_refresh(t) == -2) {
		cmd_warn_escaped("top", buf_str(&t->err), t->err.len);
		return EXIT_USAGE;
	}
	/*
	 * Ask terminfo first: newterm() would return NULL for an unknown TERM
	 * but leak its half-made screen, and initscr() would exit.  A
	 * terminal that cannot move the cursor (TERM=dumb) would show a blank
	 * screen: refused the same way.
	 */
	if (setupterm(NULL, STDOUT_FILENO, &err) == OK) {
		char *cup = tigetstr("cup");
		bool addressable = cup != NULL && cup != (char *)-1;

		del_curterm(cur_term);
		if (addressable)
			scr = newterm(NULL, stdout, stdin);
	}
	if (scr == NULL) {
		struct buf b = BUF_INIT;

		buf_printf(&b, "cannot drive terminal type '%s'; try --batch",
		    getenv("TERM") ? getenv("TERM") : "(TERM unset)");
		cmd_warn_escaped("top", b.data, b.len);
		buf_free(&b);
		return EXIT_RUNTIME;
	}
	curses_on = true;
	fatal_cleanup = tui_cleanup;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	init_colors(&u);
	if (t->nrows)
		u.sel_pid = rank_task(&t->rank, top_row_entry(t, &t->rows[0]))->pid;
	next = now_monotonic() + t->opt.interval;
	for (;;) {
		double now = now_monotonic();
		int ch, ms;

		if (!u.paused && now >= next) {
			do_refresh(&u);
			next = now + t->opt.interval;
		}
		draw(&u);
		if (count > 0 && (long)t->refreshes >= count)
			break;
		ms = u.paused ? -1 : (int)((next - now_monotonic()) * 1000 + 1);
		timeout(ms < 0 && !u.paused ? 0 : ms);
		ch = getch();
		if (ch == ERR)
			continue;
		if (u.help) {
			u.help = false;
			if (ch != KEY_RESIZE)
				continue;
		}
		if (u.mode != MODE_NORMAL) {
			input_key(&u, ch);
			continue;
		}
		if (!normal_key(&u, ch))
			break;
	}
	sampler_unpin(&u.adj_pin);
	tui_cleanup();
	delscreen(scr);
	fatal_cleanup = NULL;
	buf_free(&u.line);
	return EXIT_OK;
}
