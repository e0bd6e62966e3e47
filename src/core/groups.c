/* groups.c: a ranking folded by cgroup, unit or container. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/groups.h"
#include "lib/sort.h"
#include "lib/xalloc.h"

const char *
group_key_name(enum group_key k)
{
	switch (k) {
	case GROUP_NONE: return "none";
	case GROUP_CGROUP: return "cgroup";
	case GROUP_UNIT: return "unit";
	case GROUP_CONTAINER: return "container";
	case GROUP_NKEYS: break;
	}
	return "?";
}

int
group_key_parse(const char *s)
{
	int k;

	for (k = GROUP_CGROUP; k < GROUP_NKEYS; k++)
		if (strcmp(s, group_key_name((enum group_key)k)) == 0)
			return k;
	return -1;
}

void
rank_groups_free(struct rank_groups *g)
{
	free(g->v);
	buf_free(&g->keys);
	buf_free(&g->scratch);
	memset(g, 0, sizeof(*g));
}

/*
 * What a task's group is: the cgroup (an entry of the table) that stands
 * for it, and the name shown; outside when the task has no unit or no
 * container.
 */
static void
identity(struct ranking *r, enum group_key key, const struct cgroup_entry *c,
    int32_t *cg, bool *outside, struct buf *name)
{
	const char *path = r->cgroups.text.data + c->path;
	const struct owner *o = &c->owner;
	size_t len = 0;

	*outside = false;
	switch (key) {
	case GROUP_CGROUP:
		len = strlen(path);
		buf_puts(name, path);
		break;
	case GROUP_UNIT:
		if (o->user_unit[0] != '\0') {
			len = o->user_unit_len;
			buf_printf(name, "%s (%s)", o->user_unit, o->unit);
		} else if (o->unit[0] != '\0') {
			len = o->unit_len;
			buf_puts(name, o->unit);
		}
		break;
	case GROUP_CONTAINER:
		if (o->container_id[0] != '\0') {
			char sh[OWNER_SHORT_MAX];

			len = o->container_len;
			buf_add(name, sh, owner_short(sh, sizeof(sh), path, o));
		}
		break;
	case GROUP_NONE:
	case GROUP_NKEYS:
		break;
	}
	if (len == 0) {
		*outside = true;
		*cg = -1;
		buf_puts(name, key == GROUP_UNIT ? GROUP_OUTSIDE_UNIT : GROUP_OUTSIDE_CONTAINER);
		return;
	}
	/* Interning may move the table's text: copy the prefix first. */
	{
		char prefix[CGROUP_PATH_MAX];

		if (len >= sizeof(prefix))
			len = sizeof(prefix) - 1;
		memcpy(prefix, path, len);
		*cg = (int32_t)cgroup_table_intern(&r->cgroups, prefix, len);
	}
}

static struct rank_group *
find_or_add(struct rank_groups *g, int32_t cg, bool outside, const struct buf *name)
{
	size_t i;
	struct rank_group *x;

	for (i = 0; i < g->n; i++)
		if (g->v[i].outside == outside && (outside || g->v[i].cgroup == cg))
			return &g->v[i];
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 16;
		g->v = xreallocarray(g->v, g->cap, sizeof(*g->v));
	}
	x = &g->v[g->n++];
	memset(x, 0, sizeof(*x));
	x->cgroup = cg;
	x->outside = outside;
	x->first = GROUP_NONE_FIRST;
	x->any = GROUP_NONE_FIRST;
	x->key = g->keys.len;
	buf_add(&g->keys, name->data, name->len);
	buf_putc(&g->keys, '\0');
	return x;
}

static int
group_cmp(const void *pa, const void *pb, void *arg)
{
	const struct rank_group *a = pa, *b = pb;

	(void)arg;
	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	if (a->size_kb != b->size_kb)
		return a->size_kb > b->size_kb ? -1 : 1;
	return a->key < b->key ? -1 : a->key > b->key;
}

void
rank_groups_build(struct ranking *r, enum group_key key, struct rank_groups *g)
{
	struct buf *name = &g->scratch;
	size_t i;

	g->key = key;
	g->n = 0;
	buf_reset(&g->keys);
	/* In victim order, so that a group's first candidate is met first. */
	for (i = 0; i < r->n && key != GROUP_NONE; i++) {
		const struct rank_entry *e = &r->entries[i];
		const struct task *t = rank_task(r, e);
		const struct cgroup_entry *c = rank_task_cgroup(r, t);
		struct rank_group *x;
		int32_t cg;
		bool outside;

		if (c == NULL)
			continue;
		buf_reset(name);
		identity(r, key, c, &cg, &outside, name);
		x = find_or_add(g, cg, outside, name);
		if (x->ntasks++ == 0)
			x->any = i;
		x->size_kb += t->rss_kb + t->swap_kb + t->pgtables_kb;
		if (rank_candidate(e)) {
			if (x->ncandidates++ == 0)
				x->first = i;
		}
	}
	sort_inplace(g->v, g->n, sizeof(*g->v), group_cmp, NULL);
}
