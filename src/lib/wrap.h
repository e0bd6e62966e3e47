/*
 * wrap.h: prose laid out for a terminal.  Lines break between words at a
 * width and never inside a word, so a number, a size or a path is never
 * split ("+6170000 pages", "…/forum.log:4" stay whole); a word longer than
 * a line gets a line of its own and runs over.  The text is already safe
 * (escape.h): only its display width is measured.
 *
 * The width is the caller's: the terminal's (COLUMNS, else the tty's),
 * else 80 (cmd_text_width()).  Tables are not wrapped: their rows are cut.
 */
#ifndef OOMRISK_LIB_WRAP_H
#define OOMRISK_LIB_WRAP_H

#include <stddef.h>

#include "lib/buf.h"

/* The width of text that goes to no terminal (a file, a pipe, a mail). */
#define WRAP_DEFAULT_WIDTH 80
/* Narrower than this, text is laid out as if this wide. */
#define WRAP_MIN_WIDTH 20

/*
 * Append one paragraph s[0..len) (no newline) that starts at column col,
 * breaking between words before width; continuation lines start with
 * indent spaces.  The first word always stays on the current line, the
 * blanks between words that stay together are kept, and those at a break
 * are dropped.  Returns the column after the text.  width 0: no breaks.
 */
size_t wrap_words(struct buf *out, const char *s, size_t len, size_t col, size_t width,
    size_t indent);
/*
 * wrap_words() for text the caller knows to be ASCII (a run that
 * escape_plain_len() passed whole): the same layout, without testing
 * its bytes again.
 */
size_t wrap_words_ascii(struct buf *out, const char *s, size_t len, size_t col, size_t width,
    size_t indent);

/*
 * Append the lines of s[0..len), each wrapped at width: a continuation
 * line starts under its line's own leading blanks plus indent more.  A
 * final newline is kept as it is.  width 0: copied as it is.
 */
void wrap_block(struct buf *out, const char *s, size_t len, size_t width, size_t indent);

#endif
