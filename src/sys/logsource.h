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
 * Read /dev/kmsg from the oldest record (or, with new_only, from the next
 * one the kernel writes): what is there, or, with follow, until *stop
 * becomes non-zero.  Records with a sequence number below from_seq are
 * skipped (0: none).  The line numbers the parser sees, and so a report's
 * line fields, are the records' sequence numbers.  Returns 0 or -errno
 * (e.g. -EACCES, -ENOENT).
 */
int logsource_kmsg(struct reports *ol, bool follow, bool new_only, volatile sig_atomic_t *stop,
    uint64_t from_seq, struct log_stats *st);

/*
 * Read the journal's kernel messages: run `journalctl -k -o json` (with
 * --since SINCE and --boot BOOT when given; with follow, -f, from now on
 * unless SINCE) and feed its output, until it ends or *stop.  Returns 0, or
 * -1 with err set: journalctl missing, or its failure (exit status).
 */
int logsource_journal(struct reports *ol, const char *since, const char *boot, bool follow,
    volatile sig_atomic_t *stop, struct buf *err);

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

/*
 * This machine's SwapTotal now (kB), for the reports of its own log: a
 * memcg report does not print the total swap its totalpages counts.  -1
 * when /proc/meminfo cannot be read.
 */
int64_t logsource_swap_total_kb(void);

#endif
