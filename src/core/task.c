/* task.c: the task list of a sample. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/task.h"
#include "lib/xalloc.h"

void
task_list_clear(struct task_list *l)
{
	l->n = 0;
	buf_reset(&l->strings);
}

void
task_list_free(struct task_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
	buf_free(&l->strings);
}

const char *
task_source_name(enum task_source s)
{
	return s == TASK_SOURCE_BPF ? "bpf" : "proc";
}

const char *
task_cmdline(const struct task_list *l, const struct task *t)
{
	if (t->cmdline_off == TASK_NO_CMDLINE || l->strings.data == NULL)
		return NULL;
	return l->strings.data + t->cmdline_off;
}

struct task_ref *
task_refs_add(struct task_refs *l)
{
	struct task_ref *r;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 1024;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	r = &l->v[l->n++];
	r->pid = 0;
	r->kernel_score = -1;
	return r;
}

void
task_refs_free(struct task_refs *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

struct task *
task_list_add(struct task_list *l)
{
	struct task *t;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	t = &l->v[l->n++];
	memset(t, 0, sizeof(*t));
	t->uid = -1;
	t->kernel_score = -1;
	t->cmdline_off = TASK_NO_CMDLINE;
	t->cgroup = -1;
	return t;
}
