/*
 * fileio.c: bounded reads of kernel files (relative to a directory fd, as
 * /proc is read), and the reading and replacing of oomrisk's own files.
 *
 * Who we defend against in the second part: check and export run as root
 * from cron and timers, often on paths in a directory another user owns
 * (node_exporter's textfile directory, /tmp).  That user can create,
 * remove and rename names there at any moment: plant a symbolic link or a
 * FIFO where we are about to write or read, swap the directory itself for
 * a link to /etc.  They cannot make a device node, cannot hard-link a file
 * they may not write (fs.protected_hardlinks), and cannot remove a name
 * root owns in a sticky directory.  So:
 *  - a path is resolved once: its directory is opened (the directory's
 *    own last component not through a link someone else could have made)
 *    and every later step is an *at() call on that descriptor;
 *  - a new file is only ever created with O_CREAT|O_EXCL|O_NOFOLLOW under
 *    a random name (mkstemp's recipe, relative to the directory: mkstemp
 *    itself takes a path), so nothing planted is ever written through;
 *  - the target is replaced by rename(), which swaps a directory entry and
 *    never writes into what was there.  What it would replace is checked
 *    first (a regular file, starting with our header where asked), which
 *    refuses root's own mistakes (-s /dev/null, -o /proc/self/fd/1).
 *    Someone racing that check can only put there what they can make, and
 *    rename() then replaces their entry, not a file behind it;
 *  - a read opens nothing but a regular file (lstat first, so a device is
 *    never opened, then O_NOFOLLOW|O_NONBLOCK|O_NOCTTY and an fstat that
 *    must show the same file), and reads at most limit + 1 bytes.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/xalloc.h"
#include "sys/fileio.h"

#define MAX_LINKS 8		/* trusted symbolic links followed in a row */
#define TEMP_TRIES 100		/* random names tried before giving up */
#define TEMP_SUFFIX 6		/* letters and digits: 62^6 names */
#define TEMP_SUFFIX_MAX 16	/* what a stale temporary's suffix may be */

/* read_file_at(), and read_line_at() when to_newline. */
static long
read_until(int dirfd, const char *path, char *buf, size_t size, bool *truncated,
    bool to_newline)
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
		if (to_newline && buf[len - 1] == '\n')
			break;
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
read_file_at(int dirfd, const char *path, char *buf, size_t size, bool *truncated)
{
	return read_until(dirfd, path, buf, size, truncated, false);
}

long
read_line_at(int dirfd, const char *path, char *buf, size_t size)
{
	return read_until(dirfd, path, buf, size, NULL, true);
}

/*
 * Read fd to its end into b: at most limit + 1 bytes (one more than allowed
 * says "too large": -EFBIG), or -errno.
 */
static long
read_fd_buf(int fd, size_t limit, struct buf *b)
{
	while (b->len <= limit) {
		size_t want = limit - b->len + 1;
		ssize_t n;

		buf_reserve(b, want < 65536 ? want : 65536);
		if (want > b->cap - b->len - 1)
			want = b->cap - b->len - 1;
		n = read(fd, b->data + b->len, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		b->len += (size_t)n;
		b->data[b->len] = '\0';
	}
	return b->len > limit ? -EFBIG : (long)b->len;
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
	n = read_fd_buf(fd, SIZE_MAX - 1, b);
	close(fd);
	return n;
}

/* ---- resolving a path safely -------------------------------------------- */

static const char *
type_name(mode_t m)
{
	return S_ISDIR(m) ? "a directory" : S_ISCHR(m) ? "a character device" :
	    S_ISBLK(m) ? "a block device" : S_ISFIFO(m) ? "a FIFO" :
	    S_ISSOCK(m) ? "a socket" : S_ISLNK(m) ? "a symbolic link" : "not a regular file";
}

static bool
trusted_uid(uid_t u)
{
	return u == 0 || u == geteuid();
}

/*
 * Could only root or we have made the link, and kept it there until we
 * follow it?  Its directory is root's or ours and nobody else writes to
 * it, or it is sticky (then only the link's owner, the directory's owner
 * and root may remove the link).
 */
static bool
trusted_link(const struct stat *dir, const struct stat *link)
{
	if (!trusted_uid(link->st_uid) || !trusted_uid(dir->st_uid))
		return false;
	return !(dir->st_mode & (S_IWGRP | S_IWOTH)) || (dir->st_mode & S_ISVTX);
}

/*
 * Split path into its directory (copied into dir; "." when it has none)
 * and its last component (into name; "." for "/").  Trailing slashes are
 * dropped.  0, or -ENAMETOOLONG.
 */
static int
split_path(const char *path, char *dir, size_t dsize, char *name, size_t nsize)
{
	size_t len = strlen(path);
	const char *slash;

	while (len > 1 && path[len - 1] == '/')
		len--;
	if (len >= dsize)
		return -ENAMETOOLONG;
	memcpy(dir, path, len);
	dir[len] = '\0';
	if (strcmp(dir, "/") == 0) {
		snprintf(name, nsize, ".");
		return 0;
	}
	if ((slash = strrchr(dir, '/')) == NULL) {
		if (snprintf(name, nsize, "%s", dir) >= (int)nsize)
			return -ENAMETOOLONG;
		snprintf(dir, dsize, ".");
		return 0;
	}
	if (snprintf(name, nsize, "%s", slash + 1) >= (int)nsize)
		return -ENAMETOOLONG;
	if (slash == dir)
		dir[1] = '\0';
	else
		dir[slash - dir] = '\0';
	return 0;
}

/*
 * Resolve path up to its last component: *dfd is the open directory that
 * holds it and name its last component, which is not a symbolic link
 * (and may not exist).  A link there is followed only by the
 * FILE_FOLLOW_TRUSTED rule (fileio.h); the components before it are
 * followed as the kernel does: whoever chose the path chose them.
 * 0, or -errno with why set.
 */
static int
resolve_last(const char *path, unsigned flags, int *dfd, char *name, size_t nsize,
    struct buf *why)
{
	char cur[PATH_MAX], dir[PATH_MAX];
	int base = AT_FDCWD, fd, hops, err;

	if (snprintf(cur, sizeof(cur), "%s", path) >= (int)sizeof(cur)) {
		buf_printf(why, "%s: %s", path, strerror(ENAMETOOLONG));
		return -ENAMETOOLONG;
	}
	for (hops = 0;; hops++) {
		struct stat st, dst;
		ssize_t n;

		if ((err = split_path(cur, dir, sizeof(dir), name, nsize)) < 0) {
			buf_printf(why, "%s: %s", path, strerror(-err));
			break;
		}
		/* O_PATH: searching a directory needs no right to read it. */
		fd = openat(base, dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
		err = -errno;
		if (base != AT_FDCWD)
			close(base);
		base = AT_FDCWD;
		if (fd < 0) {
			buf_printf(why, "%s: %s", path, strerror(-err));
			return err;
		}
		if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISLNK(st.st_mode)) {
			*dfd = fd;
			return 0;
		}
		err = -ELOOP;
		if (!(flags & FILE_FOLLOW_TRUSTED)) {
			buf_printf(why, "%s: is a symbolic link, which oomrisk does not follow here",
			    path);
		} else if (hops == MAX_LINKS) {
			buf_printf(why, "%s: more than %d symbolic links", path, MAX_LINKS);
		} else if (fstat(fd, &dst) < 0 || !trusted_link(&dst, &st)) {
			buf_printf(why, "%s: is a symbolic link that another user could have made "
			    "(link owned by uid %u, in a directory owned by uid %u that %s); "
			    "not followed", path, (unsigned)st.st_uid, (unsigned)dst.st_uid,
			    trusted_uid(dst.st_uid) ? "others may write to" : "is not root's");
		} else if ((n = readlinkat(fd, name, cur, sizeof(cur) - 1)) < 0 ||
		    (size_t)n == sizeof(cur) - 1) {
			err = n < 0 ? -errno : -ENAMETOOLONG;
			buf_printf(why, "%s: %s", path, strerror(-err));
		} else {
			cur[n] = '\0';
			/* A relative target is relative to the link's directory. */
			if (cur[0] == '/')
				close(fd);
			else
				base = fd;
			continue;
		}
		close(fd);
		break;
	}
	if (base != AT_FDCWD)
		close(base);
	return err;
}

/*
 * Open the directory that holds path (O_PATH: for *at() calls), not
 * through a link at its own last component that someone else could have
 * made; the last component of path goes to name.  A descriptor, or -errno
 * with why set.
 */
static int
open_parent(const char *path, char *name, size_t nsize, struct buf *why)
{
	char dir[PATH_MAX], dname[NAME_MAX + 1];
	size_t len = strlen(path);
	int pfd, fd, err;

	if (len == 0 || path[len - 1] == '/') {
		buf_printf(why, "%s: %s", path, strerror(EISDIR));
		return -EISDIR;
	}
	if ((err = split_path(path, dir, sizeof(dir), name, nsize)) < 0) {
		buf_printf(why, "%s: %s", path, strerror(-err));
		return err;
	}
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
		buf_printf(why, "%s: %s", path, strerror(EISDIR));
		return -EISDIR;
	}
	if ((err = resolve_last(dir, FILE_FOLLOW_TRUSTED, &pfd, dname, sizeof(dname), why)) < 0)
		return err;
	fd = openat(pfd, dname, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	err = -errno;
	close(pfd);
	if (fd < 0) {
		buf_printf(why, "%s: its directory: %s", path, strerror(-err));
		return err;
	}
	return fd;
}

/* ---- reading ------------------------------------------------------------ */

long
file_read_regular(const char *path, size_t limit, unsigned flags, struct buf *b,
    struct buf *why)
{
	char name[NAME_MAX + 1];
	struct stat pre, st;
	int dfd, fd, err = 0;

	buf_reset(b);
	buf_reserve(b, 1);
	b->data[0] = '\0';
	if ((err = resolve_last(path, flags, &dfd, name, sizeof(name), why)) < 0)
		return err;
	if (fstatat(dfd, name, &pre, AT_SYMLINK_NOFOLLOW) < 0) {
		err = -errno;
		close(dfd);
		buf_printf(why, "%s: %s", path, strerror(-err));
		return err;
	}
	if ((flags & FILE_NULL_IS_EMPTY) && S_ISCHR(pre.st_mode) &&
	    pre.st_rdev == makedev(1, 3)) {
		close(dfd);
		return 0;
	}
	if (!S_ISREG(pre.st_mode)) {
		close(dfd);
		buf_printf(why, "%s: is %s, not a regular file", path, type_name(pre.st_mode));
		return -EINVAL;
	}
	if ((uint64_t)pre.st_size > limit) {
		close(dfd);
		buf_printf(why, "%s: larger than %zu bytes", path, limit);
		return -EFBIG;
	}
	fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	err = -errno;
	close(dfd);
	if (fd < 0) {
		buf_printf(why, "%s: %s", path, strerror(-err));
		return err;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_dev != pre.st_dev ||
	    st.st_ino != pre.st_ino) {
		close(fd);
		buf_printf(why, "%s: replaced while it was being opened", path);
		return -EAGAIN;
	}
	err = (int)read_fd_buf(fd, limit, b);
	close(fd);
	if (err == -EFBIG) {
		buf_reset(b);
		buf_printf(why, "%s: larger than %zu bytes", path, limit);
		return -EFBIG;
	}
	if (err < 0) {
		buf_printf(why, "%s: %s", path, strerror(-err));
		return err;
	}
	return (long)b->len;
}

/* ---- replacing ---------------------------------------------------------- */

bool
file_stale_temp(const char *base, const char *name)
{
	size_t blen = strlen(base), i;

	if (strncmp(name, base, blen) != 0 || strncmp(name + blen, ".tmp.", 5) != 0)
		return false;
	name += blen + 5;
	for (i = 0; name[i] != '\0'; i++)
		if (i == TEMP_SUFFIX_MAX || !((name[i] >= '0' && name[i] <= '9') ||
		    (name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z')))
			return false;
	return i > 0;
}

/*
 * Remove temporaries a killed run left next to base: the name is one of
 * ours, and the file is a regular file with one link, owned by our uid
 * (only we or root could have made it) and not modified for age_s
 * seconds (no run of ours still writes it).  unlinkat() removes a name,
 * never what a link points to.
 */
static void
remove_stale(int dfd, const char *base, unsigned age_s)
{
	time_t now = time(NULL);
	struct dirent *e;
	DIR *d;
	int fd;

	if ((fd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		struct stat st;

		if (!file_stale_temp(base, e->d_name) ||
		    fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		if (!S_ISREG(st.st_mode) || st.st_uid != geteuid() || st.st_nlink != 1 ||
		    st.st_mtime > now - (time_t)age_s)
			continue;
		unlinkat(dfd, e->d_name, 0);
	}
	closedir(d);
}

/*
 * May the existing name base (in dfd) be replaced?  Only a regular file,
 * and with magic, only one that starts with it.  0 (also when there is
 * nothing), or -1 with why.
 */
static int
check_target(int dfd, const char *base, const struct file_replace_opts *o, const char *path,
    struct buf *why)
{
	struct stat st, fst;
	char head[64];
	size_t mlen, got = 0;
	int fd;

	if (fstatat(dfd, base, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		if (errno == ENOENT)
			return 0;
		buf_printf(why, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		buf_printf(why, "%s: is %s; oomrisk replaces only a regular file", path,
		    type_name(st.st_mode));
		return -1;
	}
	if (o->magic == NULL)
		return 0;
	mlen = strlen(o->magic);
	if (mlen > sizeof(head))
		mlen = sizeof(head);
	fd = openat(dfd, base, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd >= 0 && fstat(fd, &fst) == 0 && S_ISREG(fst.st_mode) && fst.st_ino == st.st_ino) {
		while (got < mlen) {
			ssize_t n = read(fd, head + got, mlen - got);

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			got += (size_t)n;
		}
	}
	if (fd >= 0)
		close(fd);
	if (got == mlen && memcmp(head, o->magic, mlen) == 0)
		return 0;
	buf_printf(why, "%s: exists and is not %s (it does not start with '%s'); "
	    "oomrisk leaves it alone", path, o->magic_what ? o->magic_what : "ours", o->magic);
	return -1;
}

/* A new, empty file named "BASE.tmp.XXXXXX" in dfd: a descriptor or -errno. */
static int
create_temp(int dfd, const char *base, char *tmp, size_t size)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	static unsigned counter;
	int try, fd;

	for (try = 0; try < TEMP_TRIES; try++) {
		unsigned char rnd[TEMP_SUFFIX];
		size_t i, n;

		if (getrandom(rnd, sizeof(rnd), GRND_NONBLOCK) != (ssize_t)sizeof(rnd)) {
			/* No entropy yet (early boot): unpredictable enough, and O_EXCL keeps it safe. */
			uint64_t x = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 20) ^
			    ((uint64_t)++counter << 40) ^ (uint64_t)(uintptr_t)&x;

			for (i = 0; i < sizeof(rnd); i++, x = x * 6364136223846793005u + 1)
				rnd[i] = (unsigned char)(x >> 56);
		}
		n = (size_t)snprintf(tmp, size, "%s.tmp.", base);
		if (n + TEMP_SUFFIX >= size || n + TEMP_SUFFIX > NAME_MAX)
			return -ENAMETOOLONG;
		for (i = 0; i < TEMP_SUFFIX; i++)
			tmp[n + i] = set[rnd[i] % (sizeof(set) - 1)];
		tmp[n + TEMP_SUFFIX] = '\0';
		fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC,
		    0600);
		if (fd >= 0)
			return fd;
		if (errno != EEXIST)
			return -errno;
	}
	return -EEXIST;
}

static int
write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int
file_replace(const char *path, const char *data, size_t len,
    const struct file_replace_opts *o, struct buf *why)
{
	char base[NAME_MAX + 1], tmp[NAME_MAX + 1];
	int dfd, fd, err;

	if ((dfd = open_parent(path, base, sizeof(base), why)) < 0)
		return -1;
	if (check_target(dfd, base, o, path, why) < 0) {
		close(dfd);
		return -1;
	}
	remove_stale(dfd, base, o->stale_age_s);
	if ((fd = create_temp(dfd, base, tmp, sizeof(tmp))) < 0) {
		buf_printf(why, "%s: cannot create a temporary file next to it: %s", path,
		    fd == -EEXIST ? "every name tried is taken" : strerror(-fd));
		close(dfd);
		return -1;
	}
	err = write_all(fd, data, len);
	if (err == 0 && fchmod(fd, o->mode) < 0)
		err = -errno;
	if (err == 0 && fsync(fd) < 0)
		err = -errno;
	if (close(fd) < 0 && err == 0)
		err = -errno;
	if (err < 0) {
		buf_printf(why, "%s: writing %s: %s", path, tmp, strerror(-err));
	} else if (check_target(dfd, base, o, path, why) < 0) {
		err = -1;	/* replaced by something else meanwhile: leave it */
	} else if (renameat(dfd, tmp, dfd, base) < 0) {
		err = -errno;
		buf_printf(why, "%s: %s", path, strerror(-err));
	}
	if (err < 0) {
		unlinkat(dfd, tmp, 0);
		close(dfd);
		return -1;
	}
	/* The rename itself reaches the disk with the directory. */
	if ((fd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
	}
	close(dfd);
	return 0;
}

int
file_open_lock(const char *path, struct buf *why)
{
	char base[NAME_MAX + 1];
	struct stat st;
	int dfd, fd;

	if ((dfd = open_parent(path, base, sizeof(base), why)) < 0)
		return -1;
	if (fstatat(dfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISREG(st.st_mode)) {
		buf_printf(why, "%s: is %s, not a regular file", path, type_name(st.st_mode));
		close(dfd);
		return -1;
	}
	fd = openat(dfd, base, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC,
	    0600);
	if (fd < 0) {
		buf_printf(why, "%s: %s", path, strerror(errno));
		close(dfd);
		return -1;
	}
	close(dfd);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		buf_printf(why, "%s: not a regular file", path);
		close(fd);
		return -1;
	}
	return fd;
}
