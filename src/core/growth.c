/* growth.c: per-task memory growth between refreshes, by pid. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/growth.h"
#include "lib/xalloc.h"

#define GROWTH_MIN_CAP 64

void
growth_init(struct growth *g)
{
	memset(g, 0, sizeof(*g));
	g->t_cur = g->t_prev = -1;
}

void
growth_free(struct growth *g)
{
	free(g->cur.slots);
	free(g->prev.slots);
	growth_init(g);
}

static size_t
slot_of(const struct growth_table *t, int pid)
{
	/* Fibonacci hashing spreads sequential pids over the table. */
	return (size_t)(((uint32_t)pid * 2654435769u) >> 8) & (t->cap - 1);
}

/* The slot holding pid, or the empty slot where it would go. */
static struct growth_slot *
table_slot(const struct growth_table *t, int pid)
{
	size_t i;

	for (i = slot_of(t, pid);; i = (i + 1) & (t->cap - 1))
		if (t->slots[i].pid == pid || t->slots[i].pid == 0)
			return &t->slots[i];
}

static void
table_resize(struct growth_table *t, size_t cap)
{
	struct growth_table old = *t;
	size_t i;

	t->slots = xcalloc(cap, sizeof(*t->slots));
	t->cap = cap;
	t->n = 0;
	for (i = 0; i < old.cap; i++)
		if (old.slots[i].pid != 0) {
			*table_slot(t, old.slots[i].pid) = old.slots[i];
			t->n++;
		}
	free(old.slots);
}

void
growth_begin(struct growth *g, double now, size_t expected)
{
	struct growth_table tmp = g->prev;
	size_t want = GROWTH_MIN_CAP;

	g->prev = g->cur;
	g->t_prev = g->t_cur;
	g->cur = tmp;
	g->t_cur = now;
	/* Keep the load factor at most 1/2 so probes stay short and end. */
	while (want < 2 * expected)
		want *= 2;
	/* A table left from a ranking of every task is given back too. */
	if (g->cur.cap < want || g->cur.cap > 4 * want) {
		free(g->cur.slots);
		g->cur.slots = NULL;
		g->cur.cap = 0;
		table_resize(&g->cur, want);
	} else {
		memset(g->cur.slots, 0, g->cur.cap * sizeof(*g->cur.slots));
		g->cur.n = 0;
	}
}

bool
growth_lookup(const struct growth *g, int pid, double *kb_per_s)
{
	const struct growth_slot *now, *before;

	if (pid <= 0 || g->cur.cap == 0 || g->prev.cap == 0 || g->t_prev < 0 ||
	    g->t_cur <= g->t_prev)
		return false;
	now = table_slot(&g->cur, pid);
	before = table_slot(&g->prev, pid);
	if (now->pid != pid || before->pid != pid)
		return false;
	*kb_per_s = ((double)now->kb - (double)before->kb) / (g->t_cur - g->t_prev);
	return true;
}

bool
growth_record(struct growth *g, int pid, uint64_t kb, double *kb_per_s)
{
	struct growth_slot *s;

	if (pid <= 0)
		return false;
	if (g->cur.cap == 0 || 2 * (g->cur.n + 1) > g->cur.cap)
		table_resize(&g->cur, g->cur.cap ? 2 * g->cur.cap : GROWTH_MIN_CAP);
	s = table_slot(&g->cur, pid);
	if (s->pid == 0) {
		s->pid = pid;
		g->cur.n++;
	}
	s->kb = kb;
	return growth_lookup(g, pid, kb_per_s);
}
