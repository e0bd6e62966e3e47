/* util.c: allocation that never fails, error reporting, bounded file reads. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "util.h"

void (*fatal_cleanup)(void);

static _Noreturn void
out_of_memory(size_t size)
{
	fatal(EXIT_RUNTIME, "out of memory (allocating %zu bytes)", size);
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		out_of_memory(size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		out_of_memory(n * size);
	return p;
}

void *
xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (p == NULL)
		out_of_memory(size);
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		out_of_memory(SIZE_MAX);
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

static void __attribute__((format(printf, 1, 0)))
vmsg(const char *fmt, va_list ap)
{
	char buf[1024];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	/* One write so that concurrent writers do not interleave mid-line. */
	fprintf(stderr, "oomrisk: %s\n", buf);
}

void
warnmsg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

void
fatal(int status, const char *fmt, ...)
{
	va_list ap;

	if (fatal_cleanup != NULL) {
		void (*cleanup)(void) = fatal_cleanup;

		fatal_cleanup = NULL;
		cleanup();
	}
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(status);
}

long
read_file_at(int dirfd, const char *path, char *buf, size_t size, bool *truncated)
{
	size_t len = 0;
	int fd, err = 0;

	if (truncated != NULL)
		*truncated = false;
	if (size == 0)
		return -EINVAL;
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	/* /proc files are generated per read(); loop until EOF or full. */
	while (len < size - 1) {
		ssize_t n = read(fd, buf + len, size - 1 - len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			break;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (err == 0 && len == size - 1 && truncated != NULL) {
		char c;

		*truncated = read(fd, &c, 1) > 0;
	}
	close(fd);
	buf[len] = '\0';
	if (err != 0)
		return -err;
	return (long)len;
}

long
read_file_buf(int dirfd, const char *path, struct buf *b)
{
	int fd, err = 0;

	buf_reset(b);
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	for (;;) {
		ssize_t n;

		buf_reserve(b, 4096);
		n = read(fd, b->data + b->len, b->cap - b->len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			break;
		}
		if (n == 0)
			break;
		b->len += (size_t)n;
		b->data[b->len] = '\0';
	}
	close(fd);
	return err ? -err : (long)b->len;
}

int
write_file_atomic(const char *path, const char *data, size_t len, unsigned mode)
{
	size_t plen = strlen(path);
	char *tmp = xmalloc(plen + 16);
	int fd, err = 0;

	snprintf(tmp, plen + 16, "%s.tmp.%ld", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0) {
		err = errno;
		free(tmp);
		return -err;
	}
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			break;
		}
		data += n;
		len -= (size_t)n;
	}
	if (err == 0 && fsync(fd) < 0)
		err = errno;
	if (close(fd) < 0 && err == 0)
		err = errno;
	if (err == 0 && rename(tmp, path) < 0)
		err = errno;
	if (err != 0)
		unlink(tmp);
	free(tmp);
	return -err;
}

double
now_monotonic(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
