/* format.h: shared output conventions (sizes, CSV fields, --format). */
#ifndef OOMRISK_LIB_FORMAT_H
#define OOMRISK_LIB_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "lib/buf.h"

enum out_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_CSV };

/* Parse a --format value; -1 if unknown. */
int format_parse(const char *s);

/*
 * A size in kB, human-readable in binary units with 2-3 significant digits:
 * "0", "512K", "1.5M", "23G".  buf needs FMT_KB_LEN bytes.
 */
#define FMT_KB_LEN 24
const char *fmt_kb(char *buf, uint64_t kb);
/* fmt_kb() that returns the text's length (a view appends it without strlen). */
size_t fmt_kb_len(char *buf, uint64_t kb);

/*
 * A double at full precision: the shortest text that reads back as v
 * ("0.0893", "49.90909090909091"), as JSON and CSV write values; "" when v
 * is not finite.  buf needs FMT_REAL_LEN bytes.
 */
#define FMT_REAL_LEN 32
const char *fmt_real(char *buf, double v);

/*
 * A count with a comma every three digits, as people read large ones:
 * "987", "9,861", "18,446,744,073,709,551,615".  buf needs FMT_COUNT_LEN bytes.
 */
#define FMT_COUNT_LEN 28
const char *fmt_count(char *buf, uint64_t n);

/*
 * Append one CSV field: untrusted text is escaped as for a terminal, then
 * quoted (RFC 4180) when it holds a comma, quote or space.
 */
void csv_field(struct buf *out, const char *s, size_t len);

#endif
