/*
 * logsource.h: feed kernel log text to the OOM report assembler
 * (log/reports.h, through log/feed.h) from a file descriptor, /dev/kmsg or
 * the kernel's syslog buffer (klogctl).
 */
#ifndef OOMRISK_SYS_LOGSOURCE_H
#define OOMRISK_SYS_LOGSOURCE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "lib/buf.h"
#include "log/feed.h"
#include "log/kills.h"

/* Read fd to its end.  Returns 0 or -errno. */
int logsource_scan_fd(int fd, struct reports *ol, struct log_stats *st);

/*
 * Read /dev/kmsg from the oldest record: what is there, or, with follow,
 * until *stop becomes non-zero.  Records with a sequence number below
 * from_seq are skipped (0: none).  The line numbers the parser sees, and
 * so a report's line fields, are the records' sequence numbers.  Returns
 * 0 or -errno (e.g. -EACCES, -ENOENT).
 */
int logsource_kmsg(struct reports *ol, bool follow, volatile sig_atomic_t *stop,
    uint64_t from_seq, struct log_stats *st);

/* Read the kernel's log buffer with klogctl(SYSLOG_ACTION_READ_ALL). */
int logsource_klogctl(struct reports *ol, struct log_stats *st);

/*
 * Read /dev/kmsg (without blocking) and return the kills in records with
 * seq >= from_seq (UINT64_MAX: none, just find the window).  Returns 0,
 * or -1 with err (e.g. not permitted: kernel.dmesg_restrict needs
 * CAP_SYSLOG).
 */
int logsource_read_kills(uint64_t from_seq, struct kill_list *out, struct kmsg_window *w,
    struct buf *err);

#endif
