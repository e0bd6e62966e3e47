/* memcglist.c: walk the memory cgroup tree for cgroups with a limit. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memcglist.h"
#include "util.h"

#define MAX_DEPTH 64

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
		r = memcg_read_limits(dir, w->m->version, &l);
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
			if (memcg_collect_pids(dir, &c->pids, &c->npids, &cap, &gone) < 0) {
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

int
memcg_list_limited(const struct memcg_mount *m, uint64_t swap_total_pages, long page_size,
    struct memcg_limited_list *out, struct buf *err)
{
	struct walk w = { m, swap_total_pages, page_size, out, err };

	return visit(&w, m->dir, 0);
}

void
memcg_limited_list_free(struct memcg_limited_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].path);
		free(l->v[i].pids);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
