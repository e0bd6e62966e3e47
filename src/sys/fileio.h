/*
 * fileio.h: bounded reads of /proc files, and the one way oomrisk reads
 * and writes its own files (configuration, check's state, export's
 * output), which root may read and write in directories other users own.
 */
#ifndef OOMRISK_SYS_FILEIO_H
#define OOMRISK_SYS_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

/*
 * Read a whole (small) file into buf, NUL-terminated, at most size-1 bytes.
 * dirfd may be AT_FDCWD.  Returns the length read or -errno.  *truncated,
 * when given, says whether the file was longer than the buffer.  For
 * kernel files (/proc, cgroupfs); files a user can plant go through
 * file_read_regular().
 */
long read_file_at(int dirfd, const char *path, char *buf, size_t size, bool *truncated);

/*
 * The same for a kernel file of one line (oom_score, oom_score_adj): the
 * reading stops at the newline that ends the line, which is the end of
 * such a file, instead of reading once more to see the end (a /proc
 * scan reads one of these per task: one system call in four).  Without
 * a newline it reads on to the end, as read_file_at() does.
 */
long read_line_at(int dirfd, const char *path, char *buf, size_t size);

/*
 * Read a whole file of any size into b (replacing its contents), growing b
 * as needed; a refresh loop that reuses b stops allocating once b is big
 * enough.  Returns the length or -errno.  Kernel files only, as above.
 */
long read_file_buf(int dirfd, const char *path, struct buf *b);

/*
 * A symbolic link at the last component is followed only when nobody but
 * root or we could have made it: the link is owned by root or by our
 * effective uid, and so is its directory, which nobody else may write to
 * (or which is sticky, like /tmp, where others cannot replace our link).
 * Its target is checked by the same rule, up to 8 links.  Without the
 * flag a symbolic link is refused.
 */
#define FILE_FOLLOW_TRUSTED 1u
/* The null device (1:3, whatever its name) reads as an empty file: "-c /dev/null". */
#define FILE_NULL_IS_EMPTY 2u

/*
 * Read a regular file of at most limit bytes into b (NUL-terminated).
 * Nothing but a regular file is opened (a device is never opened, so
 * opening cannot rewind a tape or arm a watchdog); the open does not
 * block (a FIFO swapped in at the last moment cannot hang us) and never
 * makes a terminal ours; at most limit + 1 bytes are read.  Returns the
 * length, or -errno with why set to "PATH: reason": -ENOENT when the file
 * does not exist, -ELOOP for a symbolic link that is not followed,
 * -EINVAL for anything but a regular file, -EFBIG past limit.
 */
long file_read_regular(const char *path, size_t limit, unsigned flags, struct buf *b,
    struct buf *why);

/* How file_replace() treats the file it replaces and what it leaves behind. */
struct file_replace_opts {
	unsigned mode;		/* of the new file, exactly (no umask) */
	const char *magic;	/* non-NULL: an existing target must start with it */
	const char *magic_what;	/* what such a file is, for the error: "an oomrisk state file" */
	unsigned stale_age_s;	/* remove our temporaries older than this */
};

/*
 * Replace path with data, atomically and without being turned against
 * the machine: the directory is opened once (its last component by the
 * FILE_FOLLOW_TRUSTED rule) and everything happens relative to it; the
 * temporary is a new file with a random name (O_CREAT|O_EXCL|O_NOFOLLOW,
 * never an existing name, never through a symbolic link), written,
 * fchmod'ed, fsync'ed and renamed over path, then the directory is
 * fsync'ed.  An existing path that is not a regular file (a symbolic
 * link, a device, a FIFO, a directory), or that does not start with
 * opts->magic, is refused and left alone.  Our own temporaries left by a
 * killed run (name, owner, type and age: see file_stale_temp()) are
 * removed first.  Returns 0, or -1 with why set to "PATH: reason".
 */
int file_replace(const char *path, const char *data, size_t len,
    const struct file_replace_opts *opts, struct buf *why);

/*
 * Is name (in the directory of base) a temporary of file_replace() for
 * base: "BASE.tmp." and 1 to 16 letters or digits (the pid-numbered
 * names of earlier versions included)?  The name alone proves nothing:
 * file_replace() also wants a regular file of ours with one link, older
 * than stale_age_s.
 */
bool file_stale_temp(const char *base, const char *name);

/*
 * Open (creating it, mode 0600) a lock file next to another file: not
 * through a symbolic link, and only a regular file (never a FIFO or a
 * device; nothing is written to it).  A descriptor, or -1 with why set.
 */
int file_open_lock(const char *path, struct buf *why);

#endif
