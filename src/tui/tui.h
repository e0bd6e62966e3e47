/*
 * tui.h: the full-screen view of `oomrisk top` (ncursesw).  It draws the
 * lines of view/top-view.h, adds colour (unless NO_COLOR or a monochrome
 * terminal), the selected row and the keys.
 */
#ifndef OOMRISK_TUI_TUI_H
#define OOMRISK_TUI_TUI_H

#include "core/top.h"

/*
 * Run until q (or `count` refreshes when count > 0).  note, when not
 * NULL, is shown once in the status line (e.g. that memory is not locked).
 * Returns an exit status.
 */
int tui_run(struct top *t, long count, const char *note);

#endif
