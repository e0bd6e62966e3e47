/* statefile.c: read, lock and atomically replace check's state file. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sys/fileio.h"
#include "sys/statefile.h"

#define STATE_MAX_BYTES (256 * 1024)

int
statefile_default_path(char *out, size_t size)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	int n;

	if (geteuid() == 0)
		n = snprintf(out, size, "/var/lib/oomrisk/state");
	else if (xdg != NULL && xdg[0] == '/')
		n = snprintf(out, size, "%s/oomrisk/state", xdg);
	else if (home != NULL && home[0] == '/')
		n = snprintf(out, size, "%s/.local/state/oomrisk/state", home);
	else
		return -1;
	return n > 0 && (size_t)n < size ? 0 : -1;
}

/* mkdir -p of the directory part of path. */
static int
make_parent(const char *path, mode_t mode)
{
	char dir[4096];
	char *p;

	if (snprintf(dir, sizeof(dir), "%s", path) >= (int)sizeof(dir))
		return -ENAMETOOLONG;
	if ((p = strrchr(dir, '/')) == NULL || p == dir)
		return 0;
	*p = '\0';
	for (p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, mode) < 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(dir, mode) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

int
statefile_lock(const char *path, unsigned timeout_s, struct buf *err)
{
	char lock[4200];
	unsigned waited_ms = 0;
	int fd, r;

	if ((r = make_parent(path, geteuid() == 0 ? 0755 : 0700)) < 0) {
		buf_printf(err, "%s: cannot create its directory: %s", path, strerror(-r));
		return -1;
	}
	snprintf(lock, sizeof(lock), "%s.lock", path);
	fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		buf_printf(err, "%s: %s", lock, strerror(errno));
		return -1;
	}
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		struct timespec ts = { 0, 100 * 1000 * 1000 };

		if (errno != EWOULDBLOCK && errno != EINTR) {
			buf_printf(err, "%s: flock: %s", lock, strerror(errno));
			close(fd);
			return -1;
		}
		if (waited_ms >= timeout_s * 1000) {
			buf_printf(err, "%s: another check has held the lock for %u s", lock,
			    timeout_s);
			close(fd);
			return -1;
		}
		nanosleep(&ts, NULL);
		waited_ms += 100;
	}
	return fd;
}

int
statefile_load(const char *path, struct check_state *st, enum statefile_status *status,
    struct buf *why)
{
	struct buf text = BUF_INIT;
	const char *reason;
	unsigned line;
	long n = read_file_buf(AT_FDCWD, path, &text);

	memset(st, 0, sizeof(*st));
	*status = STATEFILE_OK;
	if (n == -ENOENT) {
		*status = STATEFILE_MISSING;
		buf_free(&text);
		return 0;
	}
	if (n < 0) {
		buf_printf(why, "%s: %s", path, strerror((int)-n));
		buf_free(&text);
		return -1;
	}
	if (n > STATE_MAX_BYTES) {
		*status = STATEFILE_CORRUPT;
		buf_printf(why, "%s: larger than %d bytes", path, STATE_MAX_BYTES);
	} else if (state_parse(text.data, text.len, st, &line, &reason) < 0) {
		*status = STATEFILE_CORRUPT;
		if (line)
			buf_printf(why, "%s:%u: %s", path, line, reason);
		else
			buf_printf(why, "%s: %s", path, reason);
		memset(st, 0, sizeof(*st));
	}
	buf_free(&text);
	return 0;
}

/*
 * Remove temporary files left by runs that were killed before their
 * rename ("state.tmp.PID").  Only called with the run lock held, so no
 * live writer owns them.
 */
static void
remove_stale_temps(const char *path)
{
	char dir[4096];
	const char *base;
	size_t blen;
	DIR *d;
	struct dirent *e;
	int dfd;

	if (snprintf(dir, sizeof(dir), "%s", path) >= (int)sizeof(dir))
		return;
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	blen = strlen(base);
	if (strrchr(dir, '/') != NULL)
		*strrchr(dir, '/') = '\0';
	else
		snprintf(dir, sizeof(dir), ".");
	if ((d = opendir(dir[0] ? dir : "/")) == NULL)
		return;
	dfd = dirfd(d);
	while ((e = readdir(d)) != NULL)
		if (strncmp(e->d_name, base, blen) == 0 &&
		    strncmp(e->d_name + blen, ".tmp.", 5) == 0)
			unlinkat(dfd, e->d_name, 0);
	closedir(d);
}

int
statefile_save(const char *path, const struct check_state *st, struct buf *err)
{
	struct buf text = BUF_INIT;
	int r;

	remove_stale_temps(path);
	state_format(st, &text);
	r = write_file_atomic(path, text.data, text.len, 0644);
	buf_free(&text);
	if (r < 0) {
		buf_printf(err, "%s: %s", path, strerror(-r));
		return -1;
	}
	return 0;
}
