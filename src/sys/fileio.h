/* fileio.h: bounded reads of small files, and the atomic write of a file. */
#ifndef OOMRISK_SYS_FILEIO_H
#define OOMRISK_SYS_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

/*
 * Read a whole (small) file into buf, NUL-terminated, at most size-1 bytes.
 * dirfd may be AT_FDCWD.  Returns the length read or -errno.  *truncated,
 * when given, says whether the file was longer than the buffer.
 */
long read_file_at(int dirfd, const char *path, char *buf, size_t size, bool *truncated);

/*
 * Read a whole file of any size into b (replacing its contents), growing b
 * as needed; a refresh loop that reuses b stops allocating once b is big
 * enough.  Returns the length or -errno.
 */
long read_file_buf(int dirfd, const char *path, struct buf *b);

/*
 * Read a regular file of at most limit bytes into b: no symlink followed,
 * a FIFO or device refused (-EINVAL) without blocking, a longer file
 * refused (-EFBIG) after reading limit + 1 bytes at most.  The length or
 * -errno.
 */
long read_file_regular(int dirfd, const char *path, size_t limit, struct buf *b);

/*
 * Write data to path atomically: a temporary file in the same directory,
 * fsync, then rename over path.  Returns 0 or -errno.
 */
int write_file_atomic(const char *path, const char *data, size_t len, unsigned mode);

#endif
