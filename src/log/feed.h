/*
 * feed.h: turn kernel log bytes, as a reader gets them in chunks, into the
 * lines the report assembler (reports.h) wants.
 *
 * Fast on big logs: while no report is being collected, the feed does not
 * look at lines one by one; it searches the buffer for the assembler's
 * anchor strings (anchor.h), counts the newlines it skips, and hands over
 * only the lines that hold an anchor.  Memory stays one read buffer: the
 * lines are passed where they lie in it (reports_line_held()), not copied.
 *
 * The reader (sys/logsource.c) asks for space, reads into it, commits
 * what it read, and ends the feed at end of input:
 *   while ((p = log_feed_space(f, &room)), (n = read(fd, p, room)) > 0)
 *           log_feed_commit(f, n);
 *   log_feed_end(f);
 */
#ifndef OOMRISK_LOG_FEED_H
#define OOMRISK_LOG_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "log/reports.h"

struct log_stats {
	uint64_t bytes, lines, lines_parsed;
	/* /dev/kmsg input: the sequence numbers of the records read. */
	bool have_seq;
	uint64_t first_seq, last_seq;
};

struct log_feed {
	struct reports *reports;
	struct log_stats *st;		/* NULL: not counted */
	char *buf;
	size_t start, end;
	uint64_t lineno;		/* number of the line that begins at start */
	bool skipping_long;		/* the rest of a line too long to keep */
};

void log_feed_init(struct log_feed *f, struct reports *r, struct log_stats *st);
void log_feed_free(struct log_feed *f);

/* Where to put the next bytes, and how many fit (at least one). */
char *log_feed_space(struct log_feed *f, size_t *room);

/* n bytes were put at the space: pass on the lines they complete. */
void log_feed_commit(struct log_feed *f, size_t n);

/* End of input: pass on the last line, unterminated or not. */
void log_feed_end(struct log_feed *f);

/*
 * Feed raw /dev/kmsg records ("prio,seq,usec,flags;text" lines; " KEY=value"
 * continuation lines are skipped) to the assembler.  Records with a
 * sequence number below from_seq are skipped; the line numbers the
 * assembler sees are the records' sequence numbers.
 */
void log_feed_kmsg(struct reports *r, const char *buf, size_t len, uint64_t from_seq,
    struct log_stats *st);

#endif
