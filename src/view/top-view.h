/*
 * top-view.h: the text `top` shows, as lines in a buffer.  The TUI draws
 * these lines (adding colour and the selection) and --batch prints them,
 * so what the batch tests check is what the screen shows.  Untrusted text
 * (process names, command lines, user names) is escaped here.  The lines
 * carry markup (view/top-markup.h); the zones panel is top-zones.h's, the
 * process panel top-rows.h's.
 */
#ifndef OOMRISK_VIEW_TOP_VIEW_H
#define OOMRISK_VIEW_TOP_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "core/top.h"
#include "lib/buf.h"
#include "view/top-markup.h"
#include "view/top-rows.h"
#include "view/top-zones.h"

#define TOPVIEW_HEADER_LINES 7

/*
 * The header: exactly TOPVIEW_HEADER_LINES lines, each ending in '\n'
 * and fitted to width columns (0 = no limit): status, memory, PSI and
 * kills, the scope (a memory cgroup's usage, limit, headroom and kills;
 * the last kill in the scope), the victim, its deciding term, the
 * forecast (empty when there is nothing to forecast).
 */
void top_view_header(struct buf *out, const struct top *t, size_t width, bool paused);

/* "at this rate ..." or nothing; no newline. */
void top_view_forecast(struct buf *out, const struct top *t);

/*
 * "12345 (memhog) died: OOM kills +1 since the last refresh; now on 678
 * (bash), rank 3": what the status line says when the selected task died
 * (sel: where the selection went).  No newline.
 */
void top_view_death(struct buf *out, const struct top *t, const struct top_death *d,
    const struct top_selection *sel);

/*
 * One --batch frame: the header, the zone table of `oomrisk zones`, the
 * first `rows` rows of the process panel, and a blank line.  No markup.
 */
void top_view_batch_frame(struct buf *out, const struct top *t, size_t rows);

#endif
