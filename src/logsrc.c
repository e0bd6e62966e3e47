/* logsrc.c: read kernel log text and pass its lines to oomlog. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef HAVE_SYS_KLOG_H
#include <sys/klog.h>
#endif

#include "logsrc.h"
#include "scan.h"
#include "parse.h"
#include "util.h"

#define CHUNK (1u << 20)
#define BUFSZ (CHUNK + OOM_LINE_MAX + 1)

int
logsrc_scan_fd(int fd, struct oomlog *ol, struct logsrc_stats *st)
{
	char *buf = xmalloc(BUFSZ);
	size_t start = 0, end = 0;
	uint64_t lineno = 1;	/* number of the line that begins at start */
	bool eof = false, skipping_long = false;
	int rc = 0;

	for (;;) {
		const char *nl;

		if (start < end && !oomlog_wants_all(ol)) {
			/* Skip to the first line holding an anchor. */
			const char *a = scan_find_anchor(buf + start, buf + end);
			const char *to;

			if (a == NULL) {
				const char *last = memrchr(buf + start, '\n', end - start);

				to = last != NULL ? last + 1 : buf + start;
			} else {
				to = a;
				while (to > buf + start && to[-1] != '\n')
					to--;
			}
			lineno += scan_count_newlines(buf + start, to);
			start = (size_t)(to - buf);
			oomlog_advance(ol, lineno);
			if (a == NULL && !eof)
				goto refill;
		}
		nl = start < end ? memchr(buf + start, '\n', end - start) : NULL;
		if (nl != NULL) {
			if (!skipping_long)
				oomlog_line(ol, buf + start, (size_t)(nl - buf - start), lineno);
			if (st != NULL)
				st->lines_parsed += !skipping_long;
			skipping_long = false;
			lineno++;
			start = (size_t)(nl - buf) + 1;
			continue;
		}
		if (eof) {
			if (start < end && !skipping_long) {
				oomlog_line(ol, buf + start, end - start, lineno);
				lineno++;
			}
			break;
		}
refill:
		/* Keep the partial last line; a line too long is passed cut, the rest dropped. */
		if (end - start > OOM_LINE_MAX) {
			if (!skipping_long)
				oomlog_line(ol, buf + start, end - start, lineno);
			skipping_long = true;
			start = end;
		}
		memmove(buf, buf + start, end - start);
		end -= start;
		start = 0;
		for (;;) {
			ssize_t n = read(fd, buf + end, BUFSZ - 1 - end < CHUNK ? BUFSZ - 1 - end : CHUNK);

			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0) {
				rc = -errno;
				eof = true;
			} else if (n == 0) {
				eof = true;
			} else {
				end += (size_t)n;
				if (st != NULL)
					st->bytes += (uint64_t)n;
			}
			break;
		}
	}
	if (st != NULL)
		st->lines += lineno - 1;
	free(buf);
	return rc;
}

void
logsrc_kmsg_records(struct oomlog *ol, const char *buf, size_t len, uint64_t from_seq,
    struct logsrc_stats *st)
{
	const char *p = buf, *end = buf + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl != NULL ? nl : end, *q = p;
		uint64_t prio, seq;

		/* "prio,seq,usec,flags;message"; " KEY=value" lines follow. */
		if (p < e && *p != ' ' && scan_u64(&q, e, &prio) && q < e && *q++ == ',' &&
		    scan_u64(&q, e, &seq)) {
			if (st != NULL) {
				if (!st->have_seq || seq < st->first_seq)
					st->first_seq = seq;
				if (!st->have_seq || seq > st->last_seq)
					st->last_seq = seq;
				st->have_seq = true;
				st->lines_parsed++;
			}
			if (seq >= from_seq)
				oomlog_line(ol, p, (size_t)(e - p), seq);
		}
		if (st != NULL)
			st->bytes += (uint64_t)(e - p) + (nl != NULL);
		p = e + 1;
	}
	if (st != NULL)
		st->lines = st->lines_parsed;
}

int
logsrc_kmsg(struct oomlog *ol, bool follow, volatile sig_atomic_t *stop, uint64_t from_seq,
    struct logsrc_stats *st)
{
	/* A record is at most ~8 KiB (PRINTK_MESSAGE_MAX with escapes). */
	char *rec = xmalloc(65536);
	struct logsrc_stats local = { 0 };
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (st == NULL)
		st = &local;
	if (fd < 0) {
		free(rec);
		return -errno;
	}
	while (stop == NULL || !*stop) {
		ssize_t n = read(fd, rec, 65535);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EPIPE)	/* records overwritten before we read them */
				continue;
			if (errno == EAGAIN) {
				struct pollfd p = { fd, POLLIN, 0 };

				int pr;

				if (!follow)
					break;
				oomlog_advance(ol, st->last_seq + 1);
				pr = poll(&p, 1, 1000);
				if (pr < 0 && errno != EINTR)
					break;
				if (pr == 0)	/* a second without news: the report is over */
					oomlog_quiet(ol);
				continue;
			}
			close(fd);
			free(rec);
			return -errno;
		}
		logsrc_kmsg_records(ol, rec, (size_t)n, from_seq, st);
	}
	close(fd);
	free(rec);
	return 0;
}

int
logsrc_klogctl(struct oomlog *ol, struct logsrc_stats *st)
{
#if defined(HAVE_KLOGCTL) && defined(HAVE_SYS_KLOG_H)
	int size = klogctl(10, NULL, 0);	/* SYSLOG_ACTION_SIZE_BUFFER */
	char *buf;
	int n;

	if (size <= 0)
		return size < 0 ? -errno : -ENODATA;
	buf = xmalloc((size_t)size);
	n = klogctl(3, buf, size);		/* SYSLOG_ACTION_READ_ALL */
	if (n < 0) {
		n = -errno;
		free(buf);
		return n;
	}
	{
		struct lines it;
		const char *line;
		size_t len;

		lines_init(&it, buf, (size_t)n);
		while (lines_next(&it, &line, &len))
			oomlog_line(ol, line, len, it.lineno);
		if (st != NULL) {
			st->bytes = (uint64_t)n;
			st->lines = st->lines_parsed = it.lineno;
		}
	}
	free(buf);
	return 0;
#else
	(void)ol;
	(void)st;
	return -ENOSYS;
#endif
}
