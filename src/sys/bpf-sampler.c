/*
 * bpf-sampler.c: the task list from the BPF task iterator, globally or
 * for one memory cgroup (see bpf-sampler.h).
 *
 * A memory cgroup's member set: mem_cgroup_scan_tasks() visits the tasks
 * of the memcg and of every descendant memcg.  Each task record carries
 * the id of the cgroup that owns its memory css (on v2, a cgroup without
 * the controller leaves its tasks to the nearest ancestor that has it),
 * and a cgroup's id is its directory's inode number in cgroupfs.  So the
 * members are the tasks whose id is among the ids of the cgroup's
 * subtree: the cgroup iterator lists them (with each one's page
 * counters), and where it cannot (before 6.1, or a subtree too large for
 * one pass) the subtree's directories are listed with fstatat().
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/xalloc.h"
#include "sys/bpf-sampler.h"
#include "sys/bpf-tasks.h"

/* Deeper cgroup trees than this are not walked (cgroupfs.c's bound too). */
#define MAX_DEPTH 64

struct bpf_sampler {
	struct bpf_tasks *tasks;
	bool hold;		/* keep the next scan and reuse it */
	bool held;		/* raw[] holds a scan, with memory cgroup ids */
	struct bpf_task *raw;
	size_t nraw, capraw;
	uint64_t *ids;		/* a memcg's subtree, sorted */
	size_t nids, capids;
	/* The subtree root's counters, when the cgroup iterator gave them. */
	bool have_root;
	uint64_t root_id;
	struct bpf_memcg root;
};

/* What a scan fills. */
struct fill {
	struct bpf_sampler *b;
	long page_size;
	struct task_list *out;
	bool members_only;	/* keep the tasks of b->ids only */
	bool keep_raw;
	const struct task_trim *trim;	/* NULL: keep every task */
};

struct bpf_sampler *
bpf_sampler_open(const char *btf_path, char *err, size_t errlen)
{
	struct bpf_tasks *t = bpf_tasks_open(btf_path, err, errlen);
	struct bpf_sampler *b;

	if (t == NULL)
		return NULL;
	b = xcalloc(1, sizeof(*b));
	b->tasks = t;
	return b;
}

void
bpf_sampler_free(struct bpf_sampler *b)
{
	if (b == NULL)
		return;
	bpf_tasks_close(b->tasks);
	free(b->raw);
	free(b->ids);
	free(b);
}

void
bpf_sampler_hold(struct bpf_sampler *b, bool hold)
{
	b->hold = hold;
	if (!hold)
		b->held = false;
}

static bool
is_member(const struct bpf_sampler *b, uint64_t id)
{
	size_t lo = 0, hi = b->nids;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (b->ids[mid] == id)
			return true;
		if (b->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* One record into the list (and the kept scan). */
static int
fill_one(const struct bpf_task *bt, void *ctx)
{
	struct fill *f = ctx;
	struct bpf_sampler *b = f->b;

	if (f->keep_raw) {
		if (b->nraw == b->capraw) {
			b->capraw = b->capraw ? b->capraw * 2 : 1024;
			b->raw = xreallocarray(b->raw, b->capraw, sizeof(*b->raw));
		}
		b->raw[b->nraw++] = *bt;
	}
	/* Not numbered in our pid namespace: /proc would not list it either. */
	if (bt->ns_pid <= 0)
		return 0;
	if (f->members_only && !is_member(b, bt->memcg_id))
		return 0;
	bpf_task_fill(bt, f->page_size, task_list_add(f->out));
	if (f->trim != NULL && f->trim->at > 0 && f->out->n >= f->trim->at)
		f->trim->trim(f->trim->ctx);
	return 0;
}

/* Scan (or reuse the held scan) into f->out. */
static int
scan(struct bpf_sampler *b, struct fill *f)
{
	size_t i, n0 = f->out->n;
	int rc;

	if (b->hold && b->held) {
		for (i = 0; i < b->nraw; i++)
			fill_one(&b->raw[i], f);
		return 0;
	}
	f->keep_raw = b->hold;
	b->nraw = 0;
	rc = bpf_tasks_scan(b->tasks, f->members_only || b->hold, fill_one, f);
	if (rc < 0) {
		f->out->n = n0;
		b->held = false;
		return rc;
	}
	b->held = b->hold;
	f->out->source = TASK_SOURCE_BPF;
	return 0;
}

int
bpf_sampler_tasks(struct bpf_sampler *b, long page_size, struct task_list *out,
    const struct task_trim *trim)
{
	struct fill f = { b, page_size, out, false, false, trim };

	out->source = TASK_SOURCE_BPF;
	return scan(b, &f);
}

static void
add_id(struct bpf_sampler *b, uint64_t id)
{
	if (b->nids == b->capids) {
		b->capids = b->capids ? b->capids * 2 : 64;
		b->ids = xreallocarray(b->ids, b->capids, sizeof(*b->ids));
	}
	b->ids[b->nids++] = id;
}

static int
memcg_id(const struct bpf_memcg *m, void *ctx)
{
	struct bpf_sampler *b = ctx;

	add_id(b, m->cgroup_id);
	if (m->cgroup_id == b->root_id) {
		b->root = *m;
		b->have_root = true;
	}
	return 0;
}

/* The inode numbers of dir_fd's directory and every directory below it. */
static void
walk_ids(struct bpf_sampler *b, int dir_fd, int depth)
{
	struct dirent *e;
	struct stat st;
	DIR *d;
	int fd;

	if (fstat(dir_fd, &st) == 0)
		add_id(b, (uint64_t)st.st_ino);
	if (depth >= MAX_DEPTH || (fd = dup(dir_fd)) < 0)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		int sub;

		if (e->d_type != DT_DIR || e->d_name[0] == '.')
			continue;
		/* Gone since readdir: it has no tasks either. */
		if ((sub = openat(dir_fd, e->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
			continue;
		walk_ids(b, sub, depth + 1);
		close(sub);
	}
	closedir(d);
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int
bpf_sampler_memcg(struct bpf_sampler *b, long page_size, const char *dir,
    struct memcg_limits *l, struct task_list *out)
{
	struct fill f = { b, page_size, out, true, false, NULL };
	struct stat st;
	int fd, rc;

	out->source = TASK_SOURCE_BPF;
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return -errno;
	if (fstat(fd, &st) != 0) {
		rc = -errno;
		close(fd);
		return rc;
	}
	b->nids = 0;
	b->have_root = false;
	b->root_id = (uint64_t)st.st_ino;
	rc = bpf_memcgs_scan(b->tasks, fd, memcg_id, b);
	if (rc < 0) {
		/* No cgroup iterator here, or too many cgroups for one pass. */
		b->nids = 0;
		b->have_root = false;
		walk_ids(b, fd, 0);
	}
	close(fd);
	qsort(b->ids, b->nids, sizeof(*b->ids), cmp_u64);
	/* The hierarchy's root has no limit (on v2 not even the files). */
	if (b->have_root && !b->root.root) {
		bpf_memcg_limits(&b->root, page_size, l);
	}
	return scan(b, &f);
}
