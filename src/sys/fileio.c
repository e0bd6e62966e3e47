/*
 * fileio.c: bounded reads of small files (relative to a directory fd, as
 * /proc is read) and the atomic write of a whole file.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/xalloc.h"
#include "sys/fileio.h"

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

/* Read fd to its end into b, failing with -EFBIG past limit bytes. */
static long
read_fd_buf(int fd, size_t limit, struct buf *b)
{
	for (;;) {
		ssize_t n;

		buf_reserve(b, 4096);
		n = read(fd, b->data + b->len, b->cap - b->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return (long)b->len;
		b->len += (size_t)n;
		b->data[b->len] = '\0';
		if (b->len > limit)
			return -EFBIG;
	}
}

long
read_file_buf(int dirfd, const char *path, struct buf *b)
{
	long n;
	int fd;

	buf_reset(b);
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	n = read_fd_buf(fd, SIZE_MAX, b);
	close(fd);
	return n;
}

long
read_file_regular(int dirfd, const char *path, size_t limit, struct buf *b)
{
	struct stat st;
	long n;
	int fd;

	buf_reset(b);
	/* No link followed; a FIFO or device neither blocks nor is read. */
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -EINVAL;
	}
	n = read_fd_buf(fd, limit, b);
	close(fd);
	return n;
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
