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
};

/* Read fd to its end.  Returns 0 or -errno. */
int logsrc_scan_fd(int fd, struct oomlog *ol, struct logsrc_stats *st);

/*
 * Read /dev/kmsg from the oldest record: what is there, or, with follow,
 * until *stop becomes non-zero.  Returns 0 or -errno (e.g. -EACCES, -ENOENT).
 */
int logsrc_kmsg(struct oomlog *ol, bool follow, volatile sig_atomic_t *stop,
    struct logsrc_stats *st);

/* Read the kernel's log buffer with klogctl(SYSLOG_ACTION_READ_ALL). */
int logsrc_klogctl(struct oomlog *ol, struct logsrc_stats *st);

#endif
