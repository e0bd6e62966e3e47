/*
 * tui.c: the ncursesw screen of `oomrisk top`: the loop, the keys, the
 * refreshes and the selection that follows its task (the frame is
 * tui-draw.c's).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "lib/diag.h"
#include "sys/clock.h"
#include "sys/gather-top.h"
#include "sys/sampler.h"
#include "tui/tui-int.h"
#include "tui/tui.h"
#include "view/top-view.h"

/* Last: <term.h> defines terminfo names such as `lines` as macros. */
#include <curses.h>
#include <term.h>

#define KEY_ESC 27
#define KEY_CTRL_U 21
#define HSCROLL_STEP 8		/* columns per left/right */
#define ESC_DELAY_MS 25		/* a lone Esc, not the start of an arrow key */

static bool curses_on;

static void
tui_cleanup(void)
{
	if (curses_on) {
		endwin();
		curses_on = false;
	}
}

static void
update_want(struct tui *u)
{
	size_t h = u->rows_h > 0 ? (size_t)u->rows_h : (size_t)LINES;

	top_set_want(u->t, u->offset + 2 * h);
}

/*
 * Find the selected task in the new rows.  Off the rows a limited ranking
 * read (its score fell): read them all once and look again.
 */
static void
follow(struct tui *u)
{
	struct top_death d;
	enum top_follow f = top_follow(u->t, &u->sel, &d);

	if (f == TOP_FOLLOW_AWAY && !u->paused) {
		top_set_want(u->t, 0);
		gather_top_refresh(u->t);
		f = top_follow(u->t, &u->sel, &d);
	}
	if (f == TOP_FOLLOW_AWAY)
		top_select_row(u->t, &u->sel, u->sel.row);
	if (f == TOP_FOLLOW_DIED) {
		struct buf b = BUF_INIT;

		top_view_death(&b, u->t, &d, &u->sel);
		snprintf(u->msg, sizeof(u->msg), "%s", buf_str(&b));
		buf_free(&b);
	}
	u->t->pin_pid = u->sel.pid;
	if (u->sel.row >= u->offset + (size_t)(u->rows_h > 0 ? u->rows_h : 1) || u->sel.row < u->offset)
		tui_scroll_to_selection(u);
}

/* Refresh for the rows on screen; a failure shows in the status line. */
static void
do_refresh(struct tui *u)
{
	update_want(u);
	u->t->pin_pid = u->sel.pid;
	gather_top_refresh(u->t);
	follow(u);
}

/* Rows rebuilt from what was read (a key changed the filter, the sort...). */
static void
rebuild(struct tui *u)
{
	if (!u->paused) {
		do_refresh(u);
		return;
	}
	top_build_rows(u->t);
	follow(u);
}

static void
move_sel(struct tui *u, long delta)
{
	struct top *t = u->t;
	long s = (long)u->sel.row + delta;

	if (s < 0)
		s = 0;
	/* Past the rows read so far: read more (the prefilter kept only a page). */
	if ((size_t)s >= t->nrows && (t->rank.prefiltered || t->rank.truncated) && !u->paused) {
		top_set_want(t, (size_t)s + 2 * (size_t)(u->rows_h > 0 ? u->rows_h : 1));
		gather_top_refresh(t);
	}
	top_select_row(t, &u->sel, (size_t)s);
	t->pin_pid = u->sel.pid;
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

/* The filter as typed so far applies at once; the selection follows. */
static void
filter_changed(struct tui *u)
{
	top_set_filter(u->t, u->input, u->input_len);
	top_build_rows(u->t);
	follow(u);
}

/* Leave filter mode: Enter keeps what was typed, Esc puts back the old filter. */
static void
filter_done(struct tui *u, bool keep)
{
	u->mode = MODE_NORMAL;
	u->t->filtering = false;
	if (!keep) {
		memcpy(u->input, u->saved, u->saved_len);
		u->input_len = u->saved_len;
		filter_changed(u);
	}
}

static void
filter_key(struct tui *u, int ch)
{
	if (ch == KEY_ESC) {
		filter_done(u, false);
		return;
	}
	if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
		filter_done(u, true);
		return;
	}
	if (ch == KEY_CTRL_U) {
		u->input_len = 0;
	} else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		if (u->input_len == 0)
			return;
		u->input_len--;
	} else if (ch >= 32 && ch < 256 && ch != 127 && u->input_len < sizeof(u->input) - 1) {
		u->input[u->input_len++] = (char)ch;
	} else {
		return;
	}
	filter_changed(u);
}

/* A key while the status line takes input (adj, confirmation). */
static void
input_key(struct tui *u, int ch)
{
	if (u->mode == MODE_FILTER) {
		filter_key(u, ch);
		return;
	}
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
		return;
	}
	if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		if (u->input_len)
			u->input_len--;
		return;
	}
	if (((ch >= '0' && ch <= '9') || ch == '-') && u->input_len < sizeof(u->input) - 1)
		u->input[u->input_len++] = (char)ch;
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
	case KEY_LEFT:
		u->hscroll = u->hscroll > HSCROLL_STEP ? u->hscroll - HSCROLL_STEP : 0;
		break;
	case KEY_RIGHT:
		u->hscroll += HSCROLL_STEP;
		break;
	case 'z':
		u->zones = !u->zones;
		break;
	case 'g':
		t->opt.group_by = (enum group_key)((t->opt.group_by + 1) % GROUP_NKEYS);
		u->hscroll = 0;
		rebuild(u);
		if (t->opt.group_by == GROUP_NONE)
			snprintf(u->msg, sizeof(u->msg), "not grouped: one row per task");
		else
			snprintf(u->msg, sizeof(u->msg), "grouped by %s",
			    group_key_name(t->opt.group_by));
		break;
	case 's':
		t->opt.sort = (enum top_sort)((t->opt.sort + 1) % TOP_SORT_N);
		rebuild(u);
		break;
	case 't':
		if (t->opt.group_by != GROUP_NONE) {
			snprintf(u->msg, sizeof(u->msg), "t: the tree is of tasks (g until ungrouped)");
			break;
		}
		t->opt.tree = !t->opt.tree;
		rebuild(u);
		break;
	case 'c':
		t->opt.cmdline = !t->opt.cmdline;
		rebuild(u);
		break;
	case '/':
		u->mode = MODE_FILTER;
		memcpy(u->saved, t->filter, t->filter_len);
		u->saved_len = t->filter_len;
		memcpy(u->input, t->filter, t->filter_len);
		u->input_len = t->filter_len;
		/* Every task, with its command line, to match as the keys come. */
		t->filtering = true;
		if (!u->paused)
			do_refresh(u);
		break;
	case 'a':
		if (t->nrows == 0)
			break;
		if (t->opt.group_by != GROUP_NONE) {
			snprintf(u->msg, sizeof(u->msg), "a: select a task first (g until ungrouped)");
			break;
		}
		u->adj_pid = u->sel.pid;
		u->adj_old = rank_task(&t->rank, top_row_entry(t, &t->rows[u->sel.row]))->adj;
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

/*
 * Colour follows the terminal; without it (a monochrome terminal, or
 * NO_COLOR) every style is an attribute: reverse video for the selection
 * only, bold and underline for titles, so the two never merge.
 */

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
	set_escdelay(ESC_DELAY_MS);
	curs_set(0);
	tui_init_look(&u);
	top_select_row(t, &u.sel, 0);
	t->pin_pid = u.sel.pid;
	next = now_monotonic() + t->opt.interval;
	for (;;) {
		double now = now_monotonic();
		int ch, ms;

		if (!u.paused && now >= next) {
			/* --replay: each refresh on the clock reads the next root. */
			gather_top_next_root(t);
			do_refresh(&u);
			next = now + t->opt.interval;
		}
		tui_draw(&u);
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
	buf_free(&u.text);
	return EXIT_OK;
}
