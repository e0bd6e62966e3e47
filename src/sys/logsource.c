/* logsource.c: read kernel log text (a file, /dev/kmsg, klogctl) into the log feed. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef HAVE_SYS_KLOG_H
#include <sys/klog.h>
#endif

#include "lib/parse.h"
#include "lib/xalloc.h"
#include "log/feed.h"
#include "log/kills.h"
#include "proc/meminfo.h"
#include "sys/fileio.h"
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
logsource_kmsg(struct reports *ol, bool follow, bool new_only, volatile sig_atomic_t *stop,
    uint64_t from_seq, struct log_stats *st)
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
	reports_set_kmsg(ol, true);
	if (new_only)
		(void)lseek(fd, 0, SEEK_END);	/* /dev/kmsg: to the next record */
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
	int rc = logsource_kmsg(ol, false, false, NULL, from_seq, &st);

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

/* Wait for the child; 0 if it exited 0, else its status in err. */
static int
journal_wait(pid_t pid, int exec_errno, bool stopped, struct buf *err)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (exec_errno == ENOENT) {
		buf_printf(err, "journalctl not found: --journal reads the systemd journal through "
		    "journalctl (give a log file, or no FILE for the kernel's own log)");
		return -1;
	}
	if (exec_errno != 0) {
		buf_printf(err, "journalctl: %s", strerror(exec_errno));
		return -1;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFSIGNALED(status) && stopped)
		return 0;	/* we stopped it (--follow), or ^C did */
	if (WIFEXITED(status))
		buf_printf(err, "journalctl failed (exit status %d)", WEXITSTATUS(status));
	else
		buf_printf(err, "journalctl killed by signal %d", WTERMSIG(status));
	return -1;
}

int
logsource_journal(struct reports *ol, const char *since, const char *boot, bool follow,
    volatile sig_atomic_t *stop, struct buf *err)
{
	const char *argv[16];
	int out[2], ep[2], n = 0, exec_errno = 0;
	struct log_feed f;
	pid_t pid;
	ssize_t r;

	argv[n++] = "journalctl";
	argv[n++] = "-k";
	argv[n++] = "-o";
	argv[n++] = "json";
	argv[n++] = "--no-pager";
	if (since != NULL) {
		argv[n++] = "--since";
		argv[n++] = since;
	}
	if (boot != NULL) {
		argv[n++] = "--boot";
		argv[n++] = boot;
	}
	if (follow) {
		argv[n++] = "--follow";
		if (since == NULL) {
			argv[n++] = "--lines";
			argv[n++] = "0";
		}
	}
	argv[n] = NULL;
	if (pipe2(out, O_CLOEXEC) != 0) {
		buf_printf(err, "pipe: %s", strerror(errno));
		return -1;
	}
	if (pipe2(ep, O_CLOEXEC) != 0) {
		buf_printf(err, "pipe: %s", strerror(errno));
		close(out[0]);
		close(out[1]);
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		buf_printf(err, "fork: %s", strerror(errno));
		close(out[0]);
		close(out[1]);
		close(ep[0]);
		close(ep[1]);
		return -1;
	}
	if (pid == 0) {
		int e;

		if (dup2(out[1], STDOUT_FILENO) < 0)
			_exit(127);
		execvp(argv[0], (char *const *)(uintptr_t)argv);
		e = errno;
		(void)!write(ep[1], &e, sizeof(e));
		_exit(127);
	}
	close(out[1]);
	close(ep[1]);
	/* The exec's errno, or EOF once the exec closed the pipe. */
	while ((r = read(ep[0], &exec_errno, sizeof(exec_errno))) < 0 && errno == EINTR)
		;
	if (r != (ssize_t)sizeof(exec_errno))
		exec_errno = 0;
	close(ep[0]);
	log_feed_init(&f, ol, NULL);
	while (exec_errno == 0) {
		size_t room;
		char *p;

		if (stop != NULL && *stop) {
			kill(pid, SIGTERM);
			break;
		}
		if (follow) {
			struct pollfd pf = { out[0], POLLIN, 0 };
			int pr = poll(&pf, 1, 1000);

			if (pr < 0 && errno != EINTR)
				break;
			if (pr <= 0) {
				if (pr == 0)
					reports_quiet(ol);
				continue;
			}
		}
		p = log_feed_space(&f, &room);
		r = read(out[0], p, room);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		log_feed_commit(&f, (size_t)r);
	}
	log_feed_end(&f);
	log_feed_free(&f);
	close(out[0]);
	return journal_wait(pid, exec_errno, stop != NULL && *stop, err);
}

int64_t
logsource_swap_total_kb(void)
{
	char buf[8192];
	struct meminfo mi;
	unsigned lineno;
	long n = read_file_at(AT_FDCWD, "/proc/meminfo", buf, sizeof(buf), NULL);

	if (n < 0 || meminfo_parse(buf, (size_t)n, &mi, &lineno) < 0 ||
	    !meminfo_has(&mi, MI_SWAP_TOTAL) || mi.swap_total > INT64_MAX)
		return -1;
	return (int64_t)mi.swap_total;
}
