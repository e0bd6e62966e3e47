/* blast.c: the tasks an OOM kill takes down with its victim. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blast.h"
#include "util.h"

void
blast_ctx_init(struct blast_ctx *c)
{
	memset(c, 0, sizeof(*c));
	if (memcg_mount_read(&c->mount) < 0)
		memset(&c->mount, 0, sizeof(c->mount));
}

void
blast_ctx_free(struct blast_ctx *c)
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

bool
blast_member_killed(const struct task *t)
{
	/* oom_kill_memcg_member() spares adj -1000 and init; no mm, nothing to kill. */
	return t->ineligible == OOM_ELIGIBLE || t->ineligible == OOM_KERNEL_SKIP;
}

int
blast_members_read(struct blast_ctx *c, struct sampler *s, const struct ranking *r,
    const char *dir, struct blast_members *b, struct buf *err)
{
	size_t i, out;

	c->npids = 0;
	if (memcg_collect_pids(dir, &c->pids, &c->npids, &c->cappids, err) < 0)
		return -1;
	if (sample_scan_pids(s, c->pids, c->npids, &b->tasks) < 0) {
		buf_printf(err, "%s: cannot read its tasks", dir);
		return -1;
	}
	for (i = 0, out = 0; i < b->tasks.n; i++) {
		struct task *t = &b->tasks.v[i];
		const struct whatif *w;

		if (!sample_task_detail(s, &r->sys, t))
			continue;
		if (r->whatif != NULL && (w = whatif_find(r->whatif, t->pid)) != NULL && w->found)
			whatif_apply(w, t);
		if (blast_member_killed(t)) {
			b->nkilled++;
			b->killed_rss_kb += t->rss_kb;
		} else {
			b->nspared++;
		}
		b->tasks.v[out++] = *t;
	}
	b->tasks.n = out;
	return 0;
}

int
blast_for_task(struct blast_ctx *c, struct sampler *s, const struct ranking *r,
    const struct task *t, struct oom_group *g, const struct blast_members **members,
    struct buf *err)
{
	char path[64];
	struct blast_members *b;
	long n;
	size_t i;

	*members = NULL;
	snprintf(path, sizeof(path), "/proc/%d/cgroup", t->pid);
	n = c->mount.version ? read_file_buf(AT_FDCWD, path, &c->scratch) : -1;
	oom_group_find(&c->mount, n >= 0 ? c->scratch.data : NULL, n >= 0 ? (size_t)n : 0,
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
	if (blast_members_read(c, s, r, g->dir, b, err) < 0) {
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
