/* statefile.c: read, lock and atomically replace check's state file. */
#include "config.h"

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

/*
 * Read path as the state, if there is one: -1 with why when it is there
 * and not a state file we may read (statefile_load).
 */
static int
read_state_text(const char *path, struct buf *text, struct buf *why)
{
	long n = file_read_regular(path, STATE_MAX_BYTES, 0, text, why);

	if (n == -ENOENT) {
		buf_reset(why);
		return 0;
	}
	if (n < 0)
		return -1;
	if ((size_t)n < strlen(STATE_HEADER) || memcmp(text->data, STATE_HEADER,
	    strlen(STATE_HEADER)) != 0) {
		buf_printf(why, "%s: exists and is not an oomrisk state file (it does not start "
		    "with '%s'); oomrisk leaves it alone", path, STATE_HEADER);
		return -1;
	}
	return 1;
}

int
statefile_lock(const char *path, unsigned timeout_s, struct buf *err)
{
	struct buf text = BUF_INIT;
	char lock[4200];
	unsigned waited_ms = 0;
	int fd, r;

	/* Refuse what is not a state file before leaving a PATH.lock beside it. */
	r = read_state_text(path, &text, err);
	buf_free(&text);
	if (r < 0)
		return -1;
	if ((r = make_parent(path, geteuid() == 0 ? 0755 : 0700)) < 0) {
		buf_printf(err, "%s: cannot create its directory: %s", path, strerror(-r));
		return -1;
	}
	if (snprintf(lock, sizeof(lock), "%s.lock", path) >= (int)sizeof(lock)) {
		buf_printf(err, "%s: %s", path, strerror(ENAMETOOLONG));
		return -1;
	}
	if ((fd = file_open_lock(lock, err)) < 0)
		return -1;
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
	int r;

	memset(st, 0, sizeof(*st));
	*status = STATEFILE_OK;
	/* Our own file: a symbolic link there was not made by us. */
	if ((r = read_state_text(path, &text, why)) <= 0) {
		if (r == 0)
			*status = STATEFILE_MISSING;
		buf_free(&text);
		return r;
	}
	if (state_parse(text.data, text.len, st, &line, &reason) < 0) {
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

int
statefile_save(const char *path, const struct check_state *st, struct buf *err)
{
	/*
	 * Temporaries left by a killed run go first: with the run lock held
	 * no run of ours is writing one (age 0).
	 */
	static const struct file_replace_opts opts = {
		0644, STATE_HEADER, "an oomrisk state file", 0,
	};
	struct buf text = BUF_INIT;
	int r;

	state_format(st, &text);
	r = file_replace(path, text.data, text.len, &opts, err);
	buf_free(&text);
	return r;
}
