/* blast-reader.c: read the tasks an OOM kill takes down with its victim. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"
#include "sys/blast-reader.h"
#include "sys/cgroupfs.h"
#include "sys/fileio.h"

void
blast_reader_init(struct blast_reader *c, struct sampler *s)
{
	memset(c, 0, sizeof(*c));
	if (cgroupfs_find_mount(s, &c->mount) < 0)
		memset(&c->mount, 0, sizeof(c->mount));
}

void
blast_reader_free(struct blast_reader *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		task_list_free(&c->groups[i]->tasks);
		free(c->groups[i]);
	}
	free(c->groups);
	free(c->pids);
	buf_free(&c->scratch);
	memset(c, 0, sizeof(*c));
}

int
blast_reader_members(struct blast_reader *c, struct sampler *s, const struct ranking *r,
    const char *dir, struct blast_members *b, struct buf *err)
{
	size_t i, out;

	c->npids = 0;
	if (cgroupfs_collect_pids(dir, &c->pids, &c->npids, &c->cappids, err) < 0)
		return -1;
	if (sampler_scan_pids(s, c->pids, c->npids, &b->tasks) < 0) {
		buf_printf(err, "%s: cannot read its tasks", dir);
		return -1;
	}
	for (i = 0, out = 0; i < b->tasks.n; i++) {
		struct task *t = &b->tasks.v[i];

		if (sampler_task_detail(s, &r->sys, t))
			b->tasks.v[out++] = *t;
	}
	b->tasks.n = out;
	blast_members_count(b, r);
	return 0;
}

int
blast_reader_for_task(struct blast_reader *c, struct sampler *s, const struct ranking *r,
    const struct task *t, struct oom_group *g, const struct blast_members **members,
    struct buf *err)
{
	char path[64];
	struct blast_members *b;
	long n;
	size_t i;

	*members = NULL;
	snprintf(path, sizeof(path), "%d/cgroup", t->pid);
	n = c->mount.version ? sampler_read(s, path, &c->scratch) : -1;
	cgroupfs_oom_group(&c->mount, n >= 0 ? c->scratch.data : NULL, n >= 0 ? (size_t)n : 0,
	    r->scope == SCOPE_MEMCG ? r->memcg.path : NULL, g);
	if (!g->group_kill)
		return 0;
	for (i = 0; i < c->n; i++) {
		if (strcmp(c->groups[i]->dir, g->dir) == 0) {
			*members = c->groups[i];
			return 0;
		}
	}
	b = xcalloc(1, sizeof(*b));
	snprintf(b->dir, sizeof(b->dir), "%s", g->dir);
	if (blast_reader_members(c, s, r, g->dir, b, err) < 0) {
		task_list_free(&b->tasks);
		free(b);
		return -1;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 4;
		c->groups = xreallocarray(c->groups, c->cap, sizeof(*c->groups));
	}
	c->groups[c->n++] = b;
	*members = b;
	return 0;
}
