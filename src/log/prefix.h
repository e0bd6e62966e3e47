/*
 * prefix.h: take one physical log line apart into its prefix (who logged
 * it, where, when) and the kernel's message.  Pure: text in, struct out;
 * the pointers point into the caller's line.
 *
 * Prefixes recognised (examples from real logs, see tests/oom-logs):
 *   [  128.496873] msg                              bare dmesg
 *   [Fri Jan 15 08:35:34 2021] msg                   dmesg -T (any locale:
 *   [ven. nov. 28 07:26:44 2025] msg                 "[... hh:mm:ss yyyy]")
 *   Jun  4 17:19:10 host kernel: [  1.5] msg         syslog (uptime optional;
 *   Jan  5 15:19:27 kernel: [ 5864.7] msg            no host; "kernel: : [")
 *   Oct 12 19:00:20.123456 host kernel: msg          journalctl short-precise
 *   2023-10-12T19:00:20+0000 host kernel: msg        journalctl short-iso,
 *   2023-10-12T19:00:20.879932+00:00 host kernel: msg   RFC 3339 syslog
 *   <6>1 2023-10-12T19:00:20.1Z host kernel - - - msg    RFC 5424
 *   [ 8523.347168] host kernel: msg                  journalctl short-monotonic
 *   4,7005,192206114689,-;msg                        raw /dev/kmsg record
 *   <4>[  128.496873] msg, <4>msg                    console loglevel
 * Lines from other programs (`host CRON[1]: ...`) are LL_OTHER.
 */
#ifndef OOMRISK_LOG_PREFIX_H
#define OOMRISK_LOG_PREFIX_H

#include <stdbool.h>
#include <stddef.h>

enum logline_src {
	LL_BARE,	/* no prefix at all: the message itself (or a continuation) */
	LL_KERNEL,	/* a prefix that says the kernel logged it */
	LL_OTHER,	/* a syslog/journal line from another program */
};

struct span {
	const char *p;
	size_t len;
};

struct logline {
	enum logline_src src;
	bool kmsg;		/* a raw /dev/kmsg record: "\x0a" splits lines */
	bool syslog;		/* rsyslog may have written "#012" for newlines */
	struct span host;	/* empty when the format has none */
	struct span time;	/* wall clock as printed, or empty */
	struct span uptime;	/* seconds since boot as printed, or empty */
	struct span msg;
};

/* Split line[0..len) (no newline) into prefix and message. */
void prefix_parse(const char *line, size_t len, struct logline *out);

#endif
