/*
 * tui-int.h: what the two halves of top's screen share: tui.c (the loop,
 * the keys, refreshes and the selection) and tui-draw.c (the frame).
 * ncursesw only; not for use outside src/tui.
 */
#ifndef OOMRISK_TUI_TUI_INT_H
#define OOMRISK_TUI_TUI_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/top.h"
#include "lib/buf.h"
#include "sys/sampler.h"

#include <curses.h>

enum input_mode { MODE_NORMAL, MODE_FILTER, MODE_ADJ, MODE_CONFIRM };

enum pair {
	PAIR_OK = 1, PAIR_HIGH, PAIR_LOW, PAIR_MIN, PAIR_TITLE, PAIR_HEAD, PAIR_SEL, PAIR_WARN,
	PAIR_CRIT,
};

/* What each style (and the selection) looks like on this terminal. */
struct look {
	attr_t title, head, sel, warn, crit, ok, high, low, min, mark, input;
};

struct tui {
	struct top *t;
	bool paused, zones, help, color;
	struct look look;
	struct top_selection sel;
	size_t offset;			/* the first row shown */
	size_t hscroll;			/* COMMAND's first column shown */
	int rows_y, rows_h;		/* the process panel */
	enum input_mode mode;
	char input[TOP_FILTER_MAX];
	size_t input_len;
	char saved[TOP_FILTER_MAX];	/* the filter before '/', for Esc */
	size_t saved_len;
	int adj_pid, adj_old, adj_new;
	struct task_pin adj_pin;	/* the process 'a' was pressed on */
	char msg[512];			/* status line message, until the next key */
	struct buf line;		/* reused for every line drawn */
	struct buf text;		/* the header's lines */
};

/* Colours where the terminal has them and NO_COLOR is unset, else attributes. */
void tui_init_look(struct tui *u);

/* Draw the whole screen (or the help) and refresh() it once. */
void tui_draw(struct tui *u);

/* Keep the selected row inside the process panel. */
void tui_scroll_to_selection(struct tui *u);

#endif
