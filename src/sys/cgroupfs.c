/*
 * cgroupfs.c: reading memory cgroups (v1 and v2) from the cgroup filesystem:
 * limits, usage, members, and resolving a cgroup named by the user.
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

#include "core/memcg.h"
#include "core/oomgroup.h"
#include "lib/parse.h"
#include "lib/sort.h"
#include "lib/xalloc.h"
#include "proc/cgroup.h"
#include "sys/cgroupfs.h"
#include "sys/fileio.h"
#include "sys/sampler.h"

#define CGROUP_SUPER_MAGIC 0x27e0eb
#define CGROUP2_SUPER_MAGIC 0x63677270
#define MAX_DEPTH 64

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
cgroupfs_read_limits(const struct memcg_mount *m, const char *dir, struct memcg_limits *l)
{
	char path[CGROUP_PATH_MAX + 64];
	int version = m->version;
	uint64_t v;
	bool unl;
	int64_t sw = 0;	/* set when read_number() succeeds; gcc cannot tell */
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
		l->swappiness = m->vm_swappiness >= 0 ? m->vm_swappiness : 60;
		return 0;
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
cgroupfs_find_mount(struct sampler *s, struct memcg_mount *m)
{
	struct buf b = BUF_INIT;
	const char *p;
	char dir[CGROUP_PATH_MAX];
	long n = sampler_read(s, "self/mountinfo", &b);
	int64_t sw;
	int r = n < 0 ? -1 : mountinfo_find_memcg(b.data, (size_t)n, m);

	/* A saved tree keeps the cgroup files under its own root. */
	if (r == 0 && sampler_fs_prefix(s)[0] != '\0') {
		if (snprintf(dir, sizeof(dir), "%s%s", sampler_fs_prefix(s), m->dir) >=
		    (int)sizeof(dir))
			r = -1;
		else
			memcpy(m->dir, dir, sizeof(dir));
	}
	m->vm_swappiness = -1;
	if (r == 0 && sampler_read(s, "sys/vm/swappiness", &b) > 0 &&
	    (p = b.data, scan_i64(&p, b.data + b.len, &sw)))
		m->vm_swappiness = (int)sw;
	buf_free(&b);
	return r;
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
		if (cgroupfs_read_limits(m, dir, &l) != 0 || !l.limited)
			continue;
		if (!sc->have_nearest && memcg_path_of(m, dir, sc->nearest_path,
		    sizeof(sc->nearest_path)) == 0) {
			sc->have_nearest = true;
			sc->nearest_limit_bytes = l.limit_bytes;
			sc->nearest_usage_bytes = l.usage_bytes;
		}
		if (!sc->limits.limited || l.limit_bytes < sc->limits.limit_bytes) {
			sc->ancestor_limited = memcg_path_of(m, dir, sc->ancestor_path,
			    sizeof(sc->ancestor_path)) == 0;
			sc->ancestor_limit_bytes = l.limit_bytes;
			return;
		}
	}
}

/* What the scope header shows besides the limits: swap, cache, events, the binding limit. */
static void
read_scope_extras(struct memcg_scope *sc, const struct memcg_mount *m)
{
	char buf[1024];
	struct buf stat = BUF_INIT;
	char path[CGROUP_PATH_MAX + 32];
	uint64_t v, v2;
	bool unl;
	long n;

	cgroupfs_read_room(m, sc->path, &sc->room);
	if (m->version == 2) {
		if (read_limit(sc->dir, "memory.swap.current", &v, &unl) == 0) {
			sc->have_swap_usage = true;
			sc->swap_usage_bytes = v;
		}
		if ((n = read_cg(sc->dir, "memory.events", buf, sizeof(buf))) > 0)
			memcg_events_parse(buf, (size_t)n, 2, &sc->events);
	} else {
		if (read_limit(sc->dir, "memory.memsw.usage_in_bytes", &v, &unl) == 0 &&
		    read_limit(sc->dir, "memory.usage_in_bytes", &v2, &unl) == 0) {
			sc->have_swap_usage = true;
			sc->swap_usage_bytes = v > v2 ? v - v2 : 0;
		}
		if (read_limit(sc->dir, "memory.failcnt", &v, &unl) == 0) {
			sc->events.have_failcnt = true;
			sc->events.failcnt = v;
		}
		if ((n = read_cg(sc->dir, "memory.oom_control", buf, sizeof(buf))) > 0)
			memcg_events_parse(buf, (size_t)n, 1, &sc->events);
	}
	snprintf(path, sizeof(path), "%s/memory.stat", sc->dir);
	if (read_file_buf(AT_FDCWD, path, &stat) > 0)
		sc->have_inactive_file = cgroup_stat_value(stat.data, stat.len, m->version == 2 ?
		    "inactive_file" : "total_inactive_file", &sc->inactive_file_bytes) == 0;
	buf_free(&stat);
}

int
cgroupfs_resolve(struct sampler *s, const char *arg, struct memcg_scope *sc, struct buf *err)
{
	struct memcg_mount m;
	char real[PATH_MAX];
	struct stat st;
	int fsver = 0, r;

	memset(sc, 0, sizeof(*sc));
	if (cgroupfs_find_mount(s, &m) < 0) {
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
		const char *p = memcg_strip_proc_prefix(arg);

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
	if ((r = cgroupfs_read_limits(&m, sc->dir, &sc->limits)) < 0) {
		if (m.version == 2 && r == -ENOENT)
			buf_printf(err, "%s: the memory controller is not enabled here "
			    "(no memory.max; see cgroup.subtree_control of the parent)", sc->path);
		else
			buf_printf(err, "%s: cannot read its memory limit: %s", sc->dir,
			    strerror(-r));
		return -1;
	}
	find_limited_ancestor(sc, &m);
	read_scope_extras(sc, &m);
	return 0;
}

struct members_walk {
	struct cgroup_members *m;
	bool procs_ordered;
	struct buf *err;
	char path[CGROUP_PATH_MAX];	/* the current cgroup below the top */
};

static void
add_member(struct cgroup_members *m, int pid, uint64_t key, uint32_t cg)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->pids = xreallocarray(m->pids, m->cap, sizeof(*m->pids));
		m->keys = xreallocarray(m->keys, m->cap, sizeof(*m->keys));
		m->cgs = xreallocarray(m->cgs, m->cap, sizeof(*m->cgs));
	}
	m->pids[m->n] = pid;
	m->keys[m->n] = key;
	m->cgs[m->n++] = cg;
}

/* Record the current cgroup's path; its ordinal. */
static uint32_t
add_cgroup_name(struct members_walk *w)
{
	struct cgroup_members *m = w->m;

	if (m->ncg == m->capcg) {
		m->capcg = m->capcg ? m->capcg * 2 : 16;
		m->off = xreallocarray(m->off, m->capcg, sizeof(*m->off));
	}
	m->off[m->ncg] = m->names.len;
	buf_add(&m->names, w->path, strlen(w->path) + 1);
	return (uint32_t)m->ncg++;
}

/* cgroup.procs of the cgroup open at fd, read in pieces (it has no size limit). */
static int
read_procs(struct members_walk *w, int fd, const char *name, uint32_t cg)
{
	char buf[65536];
	const char *p, *end;
	size_t carry = 0;
	uint64_t place = 0;
	long len;
	int pfd = openat(fd, "cgroup.procs", O_RDONLY | O_CLOEXEC);

	if (pfd < 0) {
		buf_printf(w->err, "%s/cgroup.procs: %s", name, strerror(errno));
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
				add_member(w->m, (int)v, (uint64_t)cg << 32 |
				    (w->procs_ordered ? place : 0), cg);
				place += place < UINT32_MAX;
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
	return 0;
}

static int
child_cmp(const void *pa, const void *pb, void *arg)
{
	const struct cgroup_child *a = pa, *b = pb;

	(void)arg;
	return a->ino < b->ino ? -1 : a->ino > b->ino;
}

/*
 * The cgroup `name` under the directory parent: its tasks, then its
 * children in creation order.  The kernel's mem_cgroup_iter() walks the
 * css tree pre-order (css_next_descendant_pre), and css_next_child()
 * follows the parent's children list, to which each new css is appended;
 * kernfs gives each new node the next id (idr_alloc_cyclic, the upper 32
 * bits counting wraps), which is the inode number on 64-bit ino_t, so
 * sorting siblings by d_ino gives the walk's order.  readdir() does not:
 * kernfs lists a directory by name hash.
 */
static int
collect(struct members_walk *w, int parent, const char *name, int depth)
{
	struct cgroup_members *m = w->m;
	size_t base, i, plen = strlen(w->path);
	uint32_t cg;
	int fd;
	DIR *d;
	struct dirent *e;

	if (depth > MAX_DEPTH)
		return 0;
	fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : (buf_printf(w->err, "%s: %s", name, strerror(errno)), -1);
	cg = add_cgroup_name(w);
	if (read_procs(w, fd, name, cg) < 0) {
		close(fd);
		return -1;
	}
	d = fdopendir(fd);
	if (d == NULL) {
		close(fd);
		return 0;
	}
	base = m->nstack;
	while ((e = readdir(d)) != NULL) {
		if (e->d_type != DT_DIR || e->d_name[0] == '.')
			continue;
		if (m->nstack == m->capstack) {
			m->capstack = m->capstack ? m->capstack * 2 : 32;
			m->stack = xreallocarray(m->stack, m->capstack, sizeof(*m->stack));
		}
		m->stack[m->nstack].ino = (uint64_t)e->d_ino;
		m->stack[m->nstack++].name = m->stack_names.len;
		buf_add(&m->stack_names, e->d_name, strlen(e->d_name) + 1);
	}
	sort_inplace(m->stack + base, m->nstack - base, sizeof(*m->stack), child_cmp, NULL);
	for (i = base; i < m->nstack; i++) {
		/* The names' buffer may move as deeper levels add theirs. */
		const char *child = m->stack_names.data + m->stack[i].name;
		int r;

		if (plen + 1 + strlen(child) >= sizeof(w->path))
			continue;
		snprintf(w->path + plen, sizeof(w->path) - plen, "/%s", child);
		r = collect(w, dirfd(d), m->stack_names.data + m->stack[i].name, depth + 1);
		w->path[plen] = '\0';
		if (r < 0) {
			closedir(d);
			return -1;
		}
	}
	/* Pop this level's names (the buffer stays NUL-terminated). */
	if (m->nstack > base) {
		m->stack_names.len = m->stack[base].name;
		m->stack_names.data[m->stack_names.len] = '\0';
	}
	m->nstack = base;
	closedir(d);
	return 0;
}

int
cgroupfs_collect_members(const char *dir, bool procs_ordered, struct cgroup_members *m,
    struct buf *err)
{
	struct members_walk w;

	m->n = m->ncg = m->nstack = 0;
	buf_reset(&m->names);
	buf_reset(&m->stack_names);
	w.m = m;
	w.procs_ordered = procs_ordered;
	w.err = err;
	w.path[0] = '\0';
	return collect(&w, AT_FDCWD, dir, 0);
}

int
cgroupfs_collect_pids(const char *dir, int **pids, size_t *n, size_t *cap, struct buf *err)
{
	struct cgroup_members m = { 0 };
	size_t i;
	int rc = cgroupfs_collect_members(dir, true, &m, err);

	for (i = 0; rc == 0 && i < m.n; i++) {
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*pids = xreallocarray(*pids, *cap, sizeof(**pids));
		}
		(*pids)[(*n)++] = m.pids[i];
	}
	memcg_members_free(&m);
	return rc;
}

/* A one-number cgroup file in dir: the number, -1 absent, -2 unreadable or malformed. */
static int64_t
read_flag(const char *dir, const char *file)
{
	char path[CGROUP_PATH_MAX + 32], buf[32];
	const char *p = buf;
	int64_t v;
	long n;

	if (snprintf(path, sizeof(path), "%s/%s", dir, file) >= (int)sizeof(path))
		return -2;
	n = read_file_at(AT_FDCWD, path, buf, sizeof(buf), NULL);
	if (n == -ENOENT)
		return -1;
	if (n <= 0 || !scan_i64(&p, buf + n, &v))
		return -2;
	return v;
}

/* Does the v2 mount offer the memory controller at all? */
static bool
v2_has_memory(const struct memcg_mount *m)
{
	char path[CGROUP_PATH_MAX + 32], buf[512];
	const char *p, *end;
	long n;

	snprintf(path, sizeof(path), "%s/cgroup.controllers", m->dir);
	n = read_file_at(AT_FDCWD, path, buf, sizeof(buf), NULL);
	if (n <= 0)
		return false;
	for (p = buf, end = buf + n; p < end; ) {
		const char *w = p;

		while (p < end && *p != ' ' && *p != '\n')
			p++;
		if (p - w == 6 && memcmp(w, "memory", 6) == 0)
			return true;
		p++;
	}
	return false;
}

/* Strip the last component of dir, staying under the mount; false at the mount. */
static bool
parent_dir(char *dir, const char *mount)
{
	size_t mlen = strlen(mount);
	char *slash = strrchr(dir, '/');

	if (strlen(dir) <= mlen || slash == NULL || (size_t)(slash - dir) < mlen)
		return false;
	*slash = '\0';
	return true;
}

/* Fill the chain of an oom.group decision: the victim's cgroup and its ancestors. */
void
cgroupfs_oom_group_chain(const struct memcg_mount *m, const char *proc_cgroup, size_t len,
    struct oom_group_chain *c)
{
	memset(c, 0, sizeof(*c));
	if (m == NULL || m->version == 0)
		return;
	/* memory.oom.group exists only in cgroup v2. */
	c->v2_memory = m->version == 2 && v2_has_memory(m);
	if (proc_cgroup == NULL || cgroup_task_memcg_path(proc_cgroup, len, m->version,
	    c->victim_cgroup, sizeof(c->victim_cgroup)) < 0) {
		c->victim_cgroup[0] = '\0';
		return;
	}
	if (!c->v2_memory)
		return;
	if (memcg_dir_of(m, c->victim_cgroup, c->dir, sizeof(c->dir)) < 0)
		return;
	{
		char dir[CGROUP_PATH_MAX];

		snprintf(dir, sizeof(dir), "%s", c->dir);
		do {
			struct oom_group_level *l = &c->level[c->n++];

			l->dirlen = strlen(dir);
			l->oom_group = read_flag(dir, "memory.oom.group");
			l->has_memory_max = l->oom_group < 0 && read_flag(dir, "memory.max") != -1;
		} while (c->n < OOM_GROUP_MAX_DEPTH && parent_dir(dir, m->dir));
	}
}

void
cgroupfs_oom_group(const struct memcg_mount *m, const char *proc_cgroup, size_t len,
    const char *domain, struct oom_group *out)
{
	struct oom_group_chain *c = xmalloc(sizeof(*c));

	cgroupfs_oom_group_chain(m, proc_cgroup, len, c);
	oom_group_decide(m, c, domain, out);
	free(c);
}

void
cgroupfs_read_room(const struct memcg_mount *m, const char *path, struct cgroup_room *room)
{
	char dir[CGROUP_PATH_MAX], cgpath[CGROUP_PATH_MAX];
	size_t mlen = strlen(m->dir);

	memset(room, 0, sizeof(*room));
	if (m->version == 0 || memcg_dir_of(m, path, dir, sizeof(dir)) < 0)
		return;
	do {
		struct memcg_limits l;

		/* cgroup v2's root has no limit files; v1's says unlimited. */
		if (cgroupfs_read_limits(m, dir, &l) < 0) {
			if (strlen(dir) > mlen)
				continue;
			room->known = true;	/* the v2 root: no limit above */
			break;
		}
		room->known = true;
		if (l.limited && memcg_path_of(m, dir, cgpath, sizeof(cgpath)) == 0) {
			uint64_t left = l.limit_bytes > l.usage_bytes ? l.limit_bytes - l.usage_bytes :
			    0;

			if (!room->limited || left < room->headroom_bytes) {
				room->limited = true;
				room->limit_bytes = l.limit_bytes;
				room->usage_bytes = l.usage_bytes;
				room->headroom_bytes = left;
				room->limit_len = strlen(cgpath);
			}
		}
	} while (parent_dir(dir, m->dir));
}

struct walk {
	const struct memcg_mount *m;
	uint64_t swap_total_pages;
	long page_size;
	struct memcg_limited_list *out;
	struct buf *err;
};

/* Record dir when it has a limit, then descend. */
static int
visit(struct walk *w, const char *dir, int depth)
{
	struct memcg_limits l;
	struct buf gone = BUF_INIT;
	char child[CGROUP_PATH_MAX], path[CGROUP_PATH_MAX];
	struct dirent *e;
	DIR *d;
	int r;

	if (depth > MAX_DEPTH)
		return 0;
	if (depth > 0) {
		r = cgroupfs_read_limits(w->m, dir, &l);
		/* v2: no memory.max, so the controller is off here and below. */
		if (r < 0)
			return 0;
		if (l.limited && memcg_path_of(w->m, dir, path, sizeof(path)) == 0) {
			struct memcg_limited *c;
			size_t cap = 0;

			if (w->out->n == w->out->cap) {
				w->out->cap = w->out->cap ? w->out->cap * 2 : 16;
				w->out->v = xreallocarray(w->out->v, w->out->cap, sizeof(*w->out->v));
			}
			c = &w->out->v[w->out->n];
			memset(c, 0, sizeof(*c));
			c->limits = l;
			c->totalpages = memcg_totalpages(&l, w->swap_total_pages, w->page_size);
			if (cgroupfs_collect_pids(dir, &c->pids, &c->npids, &cap, &gone) < 0) {
				/* Gone or unreadable while we walked: skip it. */
				free(c->pids);
				buf_free(&gone);
			} else {
				c->path = xstrdup(path);
				w->out->n++;
			}
		}
	}
	if ((d = opendir(dir)) == NULL)
		return depth == 0 ? (buf_printf(w->err, "%s: %s", dir, strerror(errno)), -1) : 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_type != DT_DIR || e->d_name[0] == '.')
			continue;
		if (snprintf(child, sizeof(child), "%s/%s", dir, e->d_name) >= (int)sizeof(child))
			continue;
		visit(w, child, depth + 1);
	}
	closedir(d);
	return 0;
}

static int
limited_path_cmp(const void *pa, const void *pb, void *arg)
{
	const struct memcg_limited *a = pa, *b = pb;

	(void)arg;
	return strcmp(a->path, b->path);
}

/*
 * The walk meets siblings in readdir() order, which is the filesystem's
 * (kernfs: name hash; a captured tree on ext4 or tmpfs: something else
 * again): sorted by path, check and audit say the same on every one.
 */
int
cgroupfs_list_limited(const struct memcg_mount *m, uint64_t swap_total_pages, long page_size,
    struct memcg_limited_list *out, struct buf *err)
{
	struct walk w = { m, swap_total_pages, page_size, out, err };
	int r = visit(&w, m->dir, 0);

	sort_inplace(out->v, out->n, sizeof(*out->v), limited_path_cmp, NULL);
	return r;
}
