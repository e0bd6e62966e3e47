/*
 * cgroup.c: memory cgroups, v1 and v2.
 *
 * mountinfo sample (hybrid v1 + v2 host):
 *   35 25 0:30 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
 *   36 25 0:31 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
 * /proc/PID/cgroup sample:
 *   4:memory:/app
 *   0::/user.slice/user-0.slice/session-1.scope
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "cgroup.h"
#include "mountinfo.h"
#include "parse.h"
#include "util.h"

#define CGROUP_SUPER_MAGIC 0x27e0eb
#define CGROUP2_SUPER_MAGIC 0x63677270
/* v1 prints PAGE_COUNTER_MAX pages in bytes (about 2^63) for "no limit". */
#define V1_UNLIMITED_FLOOR (UINT64_C(1) << 62)
#define MAX_DEPTH 64

int
mountinfo_find_memcg(const char *buf, size_t len, struct memcg_mount *out)
{
	struct memcg_mount v2 = { 0 };
	struct mountinfo_entry e;
	struct lines it;

	memset(out, 0, sizeof(*out));
	lines_init(&it, buf, len);
	while (mountinfo_next(&it, &e)) {
		if (field_is(e.type, e.type_end, "cgroup") &&
		    option_list_has(e.super, e.super_end, "memory")) {
			out->version = 1;
			mountinfo_unescape(out->root, sizeof(out->root), e.root, e.root_end);
			mountinfo_unescape(out->dir, sizeof(out->dir), e.point, e.point_end);
			return 0;
		}
		if (v2.version == 0 && field_is(e.type, e.type_end, "cgroup2")) {
			v2.version = 2;
			mountinfo_unescape(v2.root, sizeof(v2.root), e.root, e.root_end);
			mountinfo_unescape(v2.dir, sizeof(v2.dir), e.point, e.point_end);
		}
	}
	if (v2.version == 0)
		return -1;
	*out = v2;
	return 0;
}

int
proc_cgroup_memcg_path(const char *buf, size_t len, int version, char *path, size_t pathlen)
{
	struct lines it;
	const char *line;
	size_t n;

	lines_init(&it, buf, len);
	while (lines_next(&it, &line, &n)) {
		const char *end = line + n;
		const char *c1 = memchr(line, ':', n), *c2;

		if (c1 == NULL || (c2 = memchr(c1 + 1, ':', (size_t)(end - c1 - 1))) == NULL)
			continue;
		if (version == 1 ? option_list_has(c1 + 1, c2, "memory") :
		    (c2 == c1 + 1 && c1 - line == 1 && line[0] == '0')) {
			size_t plen = (size_t)(end - c2 - 1);

			if (plen + 1 > pathlen)
				return -1;
			memcpy(path, c2 + 1, plen);
			path[plen] = '\0';
			return 0;
		}
	}
	return -1;
}

int
cgroup_parse_limit(const char *buf, size_t len, uint64_t *bytes, bool *unlimited)
{
	const char *p = buf, *end = buf + len;

	p = skip_blanks(p, end);
	if (end - p >= 3 && memcmp(p, "max", 3) == 0) {
		*bytes = UINT64_MAX;
		*unlimited = true;
		return 0;
	}
	if (!scan_u64(&p, end, bytes))
		return -1;
	while (p < end && (*p == '\n' || *p == ' '))
		p++;
	if (p != end)
		return -1;
	*unlimited = *bytes >= V1_UNLIMITED_FLOOR;
	return 0;
}

uint64_t
memcg_totalpages(const struct memcg_limits *l, uint64_t swap_total_pages, long page_size)
{
	uint64_t max, swap;

	if (!l->limited)
		return 0;
	max = l->limit_bytes / (uint64_t)page_size;
	if (l->swappiness != 0) {
		/*
		 * v1 with memsw accounting: the swap excess capacity is memsw
		 * limit - memory limit.  v2 (and v1 without memsw): swap.max.
		 * Either way capped at the system's swap.
		 */
		swap = l->swap_limited ? l->swap_bytes / (uint64_t)page_size : UINT64_MAX;
		max += swap < swap_total_pages ? swap : swap_total_pages;
	}
	return max ? max : 1;
}

/* Read a small cgroup file into buf; returns length or -errno. */
static long
read_cg(const char *dir, const char *file, char *buf, size_t size)
{
	char path[CGROUP_PATH_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	return read_file_at(AT_FDCWD, path, buf, size, NULL);
}

static int
read_limit(const char *dir, const char *file, uint64_t *bytes, bool *unlimited)
{
	char buf[64];
	long n = read_cg(dir, file, buf, sizeof(buf));

	if (n < 0)
		return (int)n;
	return cgroup_parse_limit(buf, (size_t)n, bytes, unlimited) < 0 ? -EINVAL : 0;
}

static int
read_number(const char *path, int64_t *v)
{
	char buf[64];
	const char *p = buf;
	long n = read_file_at(AT_FDCWD, path, buf, sizeof(buf), NULL);

	if (n < 0)
		return (int)n;
	return scan_i64(&p, buf + n, v) ? 0 : -EINVAL;
}

int
memcg_read_limits(const char *dir, int version, struct memcg_limits *l)
{
	char path[CGROUP_PATH_MAX + 64];
	uint64_t v;
	bool unl;
	int64_t sw;
	int r;

	memset(l, 0, sizeof(*l));
	l->version = version;
	if (version == 2) {
		if ((r = read_limit(dir, "memory.max", &v, &unl)) < 0)
			return r;
		l->limited = !unl;
		l->limit_bytes = v;
		if (read_limit(dir, "memory.swap.max", &v, &unl) == 0) {
			l->swap_limited = !unl;
			l->swap_bytes = v;
		}
		if (read_limit(dir, "memory.current", &v, &unl) == 0)
			l->usage_bytes = v;
		/* cgroup v2 has no per-cgroup swappiness: the global one applies. */
		snprintf(path, sizeof(path), "/proc/sys/vm/swappiness");
	} else {
		if ((r = read_limit(dir, "memory.limit_in_bytes", &v, &unl)) < 0)
			return r;
		l->limited = !unl;
		l->limit_bytes = v;
		if (read_limit(dir, "memory.memsw.limit_in_bytes", &v, &unl) == 0) {
			l->memsw_accounting = true;
			l->swap_limited = !unl;
			l->swap_bytes = v > l->limit_bytes ? v - l->limit_bytes : 0;
		}
		if (read_limit(dir, "memory.usage_in_bytes", &v, &unl) == 0)
			l->usage_bytes = v;
		snprintf(path, sizeof(path), "%s/memory.swappiness", dir);
	}
	l->swappiness = read_number(path, &sw) == 0 ? (int)sw : 60;
	return 0;
}

int
memcg_mount_read(struct memcg_mount *m)
{
	char *mi = xmalloc(1 << 20);
	long n = read_file_at(AT_FDCWD, "/proc/self/mountinfo", mi, 1 << 20, NULL);
	int r = n < 0 ? -1 : mountinfo_find_memcg(mi, (size_t)n, m);

	free(mi);
	return r;
}

int
memcg_dir_of(const struct memcg_mount *m, const char *path, char *dir, size_t len)
{
	size_t rlen = strlen(m->root);

	/* Inside a container the mount's root may be a sub-cgroup. */
	if (strcmp(m->root, "/") != 0 && strncmp(path, m->root, rlen) == 0 &&
	    (path[rlen] == '/' || path[rlen] == '\0'))
		path += rlen;
	return snprintf(dir, len, "%s%s", m->dir, strcmp(path, "/") == 0 ? "" : path) >=
	    (int)len ? -1 : 0;
}

int
memcg_path_of(const struct memcg_mount *m, const char *dir, char *path, size_t len)
{
	size_t mlen = strlen(m->dir);

	if (strncmp(dir, m->dir, mlen) != 0 || (dir[mlen] != '\0' && dir[mlen] != '/'))
		return -1;
	return snprintf(path, len, "%s%s", strcmp(m->root, "/") == 0 ? "" : m->root,
	    dir[mlen] ? dir + mlen : "/") >= (int)len ? -1 : 0;
}

static bool
is_cgroup_fs(const char *dir, int *version)
{
	struct statfs sf;

	if (statfs(dir, &sf) != 0)
		return false;
	if ((unsigned long)sf.f_type == CGROUP2_SUPER_MAGIC)
		*version = 2;
	else if ((unsigned long)sf.f_type == CGROUP_SUPER_MAGIC)
		*version = 1;
	else
		return false;
	return true;
}

/* Strip "N:controllers:" from a /proc/PID/cgroup line. */
static const char *
strip_proc_prefix(const char *arg)
{
	const char *c1, *c2;

	if (arg[0] == '/' || (c1 = strchr(arg, ':')) == NULL ||
	    (c2 = strchr(c1 + 1, ':')) == NULL)
		return arg;
	return c2 + 1;
}

/*
 * Walk up from the cgroup towards the mount root looking for the nearest
 * ancestor with a limit lower than the cgroup's own (or any limit, when the
 * cgroup has none): that ancestor reaches its limit first.
 */
static void
find_limited_ancestor(struct memcg_scope *sc, const struct memcg_mount *m)
{
	char dir[CGROUP_PATH_MAX];
	size_t mlen = strlen(m->dir);

	if (snprintf(dir, sizeof(dir), "%s", sc->dir) >= (int)sizeof(dir))
		return;
	for (;;) {
		struct memcg_limits l;
		char *slash = strrchr(dir, '/');

		if (slash == NULL || (size_t)(slash - dir) < mlen)
			return;
		*slash = '\0';
		if (strlen(dir) < mlen)
			return;
		if (memcg_read_limits(dir, m->version, &l) != 0 || !l.limited)
			continue;
		if (!sc->limits.limited || l.limit_bytes < sc->limits.limit_bytes) {
			sc->ancestor_limited = memcg_path_of(m, dir, sc->ancestor_path,
			    sizeof(sc->ancestor_path)) == 0;
			sc->ancestor_limit_bytes = l.limit_bytes;
			return;
		}
	}
}

int
memcg_resolve(const char *arg, struct memcg_scope *sc, struct buf *err)
{
	struct memcg_mount m;
	char real[PATH_MAX];
	struct stat st;
	int fsver = 0, r;

	memset(sc, 0, sizeof(*sc));
	if (memcg_mount_read(&m) < 0) {
		buf_printf(err, "no cgroup filesystem with the memory controller is mounted");
		return -1;
	}

	if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode) && realpath(arg, real) != NULL &&
	    is_cgroup_fs(real, &fsver)) {
		size_t mlen = strlen(m.dir);

		if (fsver != m.version || strncmp(real, m.dir, mlen) != 0 ||
		    (real[mlen] != '\0' && real[mlen] != '/')) {
			buf_printf(err, "%s: not under the memory controller's mount (%s)",
			    arg, m.dir);
			return -2;
		}
		if (snprintf(sc->dir, sizeof(sc->dir), "%s", real) >= (int)sizeof(sc->dir) ||
		    memcg_path_of(&m, real, sc->path, sizeof(sc->path)) < 0) {
			buf_printf(err, "%s: path too long", arg);
			return -1;
		}
	} else {
		const char *p = strip_proc_prefix(arg);

		if (p[0] != '/') {
			buf_printf(err, "%s: no such cgroup directory, and not a cgroup path "
			    "(those start with '/')", arg);
			return -2;
		}
		if (strstr(p, "/../") != NULL || (strlen(p) >= 3 &&
		    strcmp(p + strlen(p) - 3, "/..") == 0)) {
			buf_printf(err, "%s: '..' is not allowed in a cgroup path", arg);
			return -2;
		}
		snprintf(sc->path, sizeof(sc->path), "%s", p);
		if (memcg_dir_of(&m, p, sc->dir, sizeof(sc->dir)) < 0) {
			buf_printf(err, "%s: path too long", arg);
			return -1;
		}
		if (stat(sc->dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
			buf_printf(err, "%s: no such cgroup (looked for %s)", arg, sc->dir);
			return -2;
		}
	}
	/* The root cgroup has no limit files on v2: it is the global scope. */
	if (m.version == 2 && strcmp(sc->dir, m.dir) == 0) {
		memset(&sc->limits, 0, sizeof(sc->limits));
		sc->limits.version = 2;
		return 0;
	}
	if ((r = memcg_read_limits(sc->dir, m.version, &sc->limits)) < 0) {
		if (m.version == 2 && r == -ENOENT)
			buf_printf(err, "%s: the memory controller is not enabled here "
			    "(no memory.max; see cgroup.subtree_control of the parent)", sc->path);
		else
			buf_printf(err, "%s: cannot read its memory limit: %s", sc->dir,
			    strerror(-r));
		return -1;
	}
	find_limited_ancestor(sc, &m);
	return 0;
}

static int
collect(int parent, const char *name, int depth, int **pids, size_t *n, size_t *cap,
    struct buf *err)
{
	char buf[65536];
	const char *p, *end;
	long len;
	int fd;
	DIR *d;
	struct dirent *e;

	if (depth > MAX_DEPTH)
		return 0;
	fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : (buf_printf(err, "%s: %s", name, strerror(errno)), -1);
	/* cgroup.procs can be longer than any fixed buffer: read it in pieces. */
	{
		int pfd = openat(fd, "cgroup.procs", O_RDONLY | O_CLOEXEC);
		size_t carry = 0;

		if (pfd < 0) {
			buf_printf(err, "%s/cgroup.procs: %s", name, strerror(errno));
			close(fd);
			return -1;
		}
		while ((len = read(pfd, buf + carry, sizeof(buf) - carry)) > 0) {
			const char *last;

			end = buf + carry + len;
			last = end;
			while (last > buf && last[-1] != '\n')
				last--;
			p = buf;
			while (p < last) {
				uint64_t v;

				if (scan_u64(&p, last, &v) && v > 0 && v <= INT32_MAX) {
					if (*n == *cap) {
						*cap = *cap ? *cap * 2 : 64;
						*pids = xreallocarray(*pids, *cap, sizeof(**pids));
					}
					(*pids)[(*n)++] = (int)v;
				}
				while (p < last && *p != '\n')
					p++;
				if (p < last)
					p++;
			}
			carry = (size_t)(end - last);
			memmove(buf, last, carry);
		}
		close(pfd);
	}
	d = fdopendir(fd);
	if (d == NULL) {
		close(fd);
		return 0;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_type != DT_DIR || e->d_name[0] == '.')
			continue;
		if (collect(dirfd(d), e->d_name, depth + 1, pids, n, cap, err) < 0) {
			closedir(d);
			return -1;
		}
	}
	closedir(d);
	return 0;
}

int
memcg_collect_pids(const char *dir, int **pids, size_t *n, size_t *cap, struct buf *err)
{
	return collect(AT_FDCWD, dir, 0, pids, n, cap, err);
}

int
cgroup_stat_value(const char *buf, size_t len, const char *key, uint64_t *value)
{
	struct lines it;
	const char *line;
	size_t n, klen = strlen(key);

	lines_init(&it, buf, len);
	while (lines_next(&it, &line, &n)) {
		const char *p = line + klen;

		if (n <= klen || memcmp(line, key, klen) != 0 || line[klen] != ' ')
			continue;
		if (!scan_u64(&p, line + n, value) || skip_blanks(p, line + n) != line + n)
			return -1;
		return 0;
	}
	return -1;
}
