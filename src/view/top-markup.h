/*
 * top-markup.h: the in-band markup of top's lines.  The views write it,
 * the TUI turns it into attributes, --batch strips it (top_view_plain()).
 * Each mark is two bytes; the first is a C0 control, which escape_text()
 * never lets through, so untrusted text cannot forge one:
 *
 *   TV_FIELD p   a field of the line starts here, p '1'..'9'.  A line too
 *                wide for the screen loses whole fields, the lowest p
 *                first (the rightmost of equals first), never part of
 *                one; what precedes the first field is kept, and if even
 *                that is too wide it is cut after its last whole clause
 *                ("; "), item (", ") or word.  Fitting removes these marks.
 *   TV_STYLE s   the text that follows is drawn in style s (enum
 *                tv_style) up to the next TV_STYLE.  A field that changes
 *                the style sets it back to TV_PLAIN before it ends.
 */
#ifndef OOMRISK_VIEW_TOP_MARKUP_H
#define OOMRISK_VIEW_TOP_MARKUP_H

#include <stddef.h>

#include "lib/buf.h"

#define TV_FIELD '\x1f'
#define TV_STYLE '\x0e'

enum tv_style {
	TV_PLAIN = 'p',
	TV_TITLE = 't',		/* the first line: what top is and does */
	TV_HEAD = 'H',		/* a panel's column titles */
	TV_WARN = 'w',		/* a WARN tag: a [top] warning level reached */
	TV_CRIT = 'c',		/* a CRIT tag */
	TV_OK = 'o',		/* a zone's fill and verdict, by verdict */
	TV_HIGH = 'h',
	TV_LOW = 'l',
	TV_MIN = 'm',
	TV_MARK = 'k',		/* a watermark's letter in a zone bar */
};

/* Switch to a style; start a field of priority p (1..9). */
void top_view_style(struct buf *out, enum tv_style s);
void top_view_field(struct buf *out, int p);

/* Fit the line out[from..] (no newline) to width columns (0: no limit). */
void top_view_fit(struct buf *out, size_t from, size_t width);

/* Remove every markup pair from out[from..]. */
void top_view_plain(struct buf *out, size_t from);

/* The display width of a line with markup (which takes no column). */
size_t top_view_width(const char *s, size_t len);

#endif
