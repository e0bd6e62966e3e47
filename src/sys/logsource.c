/* logsource.c: read kernel log text (a file, /dev/kmsg, klogctl) into the log feed. */
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

#include "lib/parse.h"
#include "lib/xalloc.h"
#include "log/feed.h"
#include "log/kills.h"
#include "sys/logsource.h"

int
logsource_scan_fd(int fd, struct reports *r, struct log_stats *st)
{
	struct log_feed f;
	int rc = 0;

	log_feed_init(&f, r, st);
	for (;;) {
		size_t room;
		char *p = log_feed_space(&f, &room);
		ssize_t n = read(fd, p, room);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			rc = -errno;
		if (n <= 0)
			break;
		log_feed_commit(&f, (size_t)n);
	}
	log_feed_end(&f);
	log_feed_free(&f);
	return rc;
}

int
logsource_kmsg(struct reports *ol, bool follow, volatile sig_atomic_t *stop, uint64_t from_seq,
    struct log_stats *st)
{
	/* A record is at most ~8 KiB (PRINTK_MESSAGE_MAX with escapes). */
	char *rec = xmalloc(65536);
	struct log_stats local = { 0 };
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
				reports_advance(ol, st->last_seq + 1);
				pr = poll(&p, 1, 1000);
				if (pr < 0 && errno != EINTR)
					break;
				if (pr == 0)	/* a second without news: the report is over */
					reports_quiet(ol);
				continue;
			}
			close(fd);
			free(rec);
			return -errno;
		}
		log_feed_kmsg(ol, rec, (size_t)n, from_seq, st);
	}
	close(fd);
	free(rec);
	return 0;
}

int
logsource_klogctl(struct reports *ol, struct log_stats *st)
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
			reports_line(ol, line, len, it.lineno);
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

int
logsource_read_kills(uint64_t from_seq, struct kill_list *out, struct kmsg_window *w, struct buf *err)
{
	struct log_stats st = { 0 };
	struct reports *ol = reports_new(kills_collect, out);
	int rc = logsource_kmsg(ol, false, NULL, from_seq, &st);

	reports_finish(ol);
	reports_free(ol);
	memset(w, 0, sizeof(*w));
	if (rc < 0) {
		buf_printf(err, "/dev/kmsg: %s", strerror(-rc));
		return -1;
	}
	w->any = st.have_seq;
	w->first_seq = st.first_seq;
	w->last_seq = st.last_seq;
	return 0;
}
