/*
 * logsrc.h: feed kernel log text to the OOM report parser (oomlog.h) from
 * a file descriptor, /dev/kmsg or the kernel's syslog buffer (klogctl).
 *
 * Fast on big logs: while no report is being collected, the reader does
 * not look at lines one by one; it searches the buffer for the parser's
 * anchor strings (scan.h), counts the newlines it skips, and hands over
 * only the lines that hold an anchor.  Memory stays one read buffer.
 */
#ifndef OOMRISK_LOGSRC_H
#define OOMRISK_LOGSRC_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "oomlog.h"

struct logsrc_stats {
	uint64_t bytes, lines, lines_parsed;
	/* /dev/kmsg input: the sequence numbers of the records read. */
	bool have_seq;
	uint64_t first_seq, last_seq;
};

/* Read fd to its end.  Returns 0 or -errno. */
int logsrc_scan_fd(int fd, struct oomlog *ol, struct logsrc_stats *st);

/*
 * Read /dev/kmsg from the oldest record: what is there, or, with follow,
 * until *stop becomes non-zero.  Records with a sequence number below
 * from_seq are skipped (0: none).  The line numbers the parser sees, and
 * so a report's line fields, are the records' sequence numbers.  Returns
 * 0 or -errno (e.g. -EACCES, -ENOENT).
 */
int logsrc_kmsg(struct oomlog *ol, bool follow, volatile sig_atomic_t *stop,
    uint64_t from_seq, struct logsrc_stats *st);

/*
 * Feed raw /dev/kmsg records ("prio,seq,usec,flags;text" lines; " KEY=value"
 * continuation lines are skipped) to the parser, as logsrc_kmsg() does with
 * what it reads.  Pure; for tests and saved record dumps.
 */
void logsrc_kmsg_records(struct oomlog *ol, const char *buf, size_t len, uint64_t from_seq,
    struct logsrc_stats *st);

/* Read the kernel's log buffer with klogctl(SYSLOG_ACTION_READ_ALL). */
int logsrc_klogctl(struct oomlog *ol, struct logsrc_stats *st);

#endif
