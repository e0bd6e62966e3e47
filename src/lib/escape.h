/*
 * escape.h: the one place where untrusted text (process names, command
 * lines, cgroup paths, kernel log text) is made safe for output.
 *
 * Any user can name a process "\e]0;pwned\a", or "x|'fake'=99" to
 * inject monitoring data.  Text output escapes every C0 control, DEL, C1
 * control (U+0080-U+009F), bidi override and invalid UTF-8 byte in C/vis
 * style (\e, \a, \x9b, \u{202e}); a backslash becomes "\\" so the
 * escaping is unambiguous.  Monitoring plugin output (escape_plugin) also
 * escapes what that format gives a meaning to.  JSON output escapes the
 * same set as \uXXXX and turns invalid UTF-8 into U+FFFD, so it is always
 * valid JSON.
 */
#ifndef OOMRISK_LIB_ESCAPE_H
#define OOMRISK_LIB_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/buf.h"

/* Whether the output locale is UTF-8; set once by escape_init(). */
extern bool escape_utf8;
void escape_init(void);

/*
 * Append s[0..len) escaped for a terminal.  Returns the display width (in
 * terminal columns) of what was appended.  When max_width is non-zero the
 * output is cut so that it fits max_width columns.  out NULL: only measure.
 */
size_t escape_text(struct buf *out, const char *s, size_t len, size_t max_width);

/*
 * How many bytes at the start of s[0..len) escape_text() copies as they
 * are, a column each (printable ASCII other than the backslash): len when
 * the text needs no escaping at all, as most does.
 */
size_t escape_plain_len(const char *s, size_t len);

/*
 * Text that escape_text() already made safe: its display width, and how
 * many of its bytes fit in cols columns (whole characters only).  Used to
 * lay out and cut lines that hold escaped names without escaping twice.
 */
size_t escaped_width(const char *s, size_t len);
size_t escaped_fit(const char *s, size_t len, size_t cols);

/*
 * Append s[0..len) escaped for the output of a monitoring plugin (check's
 * status line and -v lines, which also go to syslog): what escape_text()
 * escapes, and '|', which starts performance data in the monitoring-
 * plugins format (Nagios and Icinga take it after a '|' on any line); a
 * control character and the backslash are always \xNN, so no "\n" that
 * Nagios unescapes in passive results can appear.  Returns the width.
 */
size_t escape_plugin(struct buf *out, const char *s, size_t len);

/* The same for a performance data label (quoted): also ' and =. */
void escape_plugin_label(struct buf *out, const char *s, size_t len);

/* Append s[0..len) as the inside of a JSON string (no quotes). */
void escape_json(struct buf *out, const char *s, size_t len);
/* How many bytes at the start of s[0..len) escape_json() copies as they are. */
size_t escape_json_plain_len(const char *s, size_t len);

/*
 * Decode one UTF-8 sequence at s (at most len bytes).  Returns its length
 * and stores the code point, or returns 0 for an invalid sequence (overlong,
 * surrogate, out of range, truncated).
 */
size_t utf8_decode(const unsigned char *s, size_t len, unsigned *cp);

#endif
