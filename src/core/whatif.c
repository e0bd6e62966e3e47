/* whatif.c: parse what-if changes given on the command line. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/whatif.h"
#include "lib/escape.h"
#include "lib/parse.h"
#include "lib/xalloc.h"
#include "core/task.h"

/* PID_MAX_LIMIT is 4194304 (2^22) on 64-bit kernels. */
#define PID_LIMIT 4194304

struct whatif *
whatif_find(const struct whatif_list *l, int pid)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].pid == pid)
			return &l->v[i];
	return NULL;
}

/* The entry for pid, added when missing. */
static struct whatif *
entry_for(struct whatif_list *l, int pid)
{
	struct whatif *w = whatif_find(l, pid);

	if (w != NULL)
		return w;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	w = &l->v[l->n++];
	memset(w, 0, sizeof(*w));
	w->pid = pid;
	return w;
}

/* Split "PID=REST"; false (with a message) when arg has another shape. */
static bool
split_arg(const char *opt, const char *what, const char *arg, int *pid, const char **rest,
    struct buf *err)
{
	const char *eq = strchr(arg, '='), *p = arg;
	uint64_t v;

	if (eq == NULL || !scan_u64(&p, eq, &v) || p != eq || arg[0] < '0' || arg[0] > '9' ||
	    v < 1 || v > PID_LIMIT || eq[1] == '\0') {
		buf_printf(err, "%s: expected PID=%s, got '", opt, what);
		escape_text(err, arg, strlen(arg), 64);
		buf_putc(err, '\'');
		return false;
	}
	*pid = (int)v;
	*rest = eq + 1;
	return true;
}

int
whatif_add_adj(struct whatif_list *l, const char *arg, struct buf *err)
{
	const char *rest, *p;
	struct whatif *w;
	int64_t v;
	int pid;

	if (!split_arg("--adj", "VALUE", arg, &pid, &rest, err))
		return -1;
	p = rest;
	if ((*p != '-' && *p != '+' && (*p < '0' || *p > '9')) ||
	    !scan_i64(&p, rest + strlen(rest), &v) || *p != '\0' ||
	    v < -1000 || v > 1000) {
		buf_puts(err, "--adj: oom_score_adj is a whole number from -1000 to 1000, got '");
		escape_text(err, rest, strlen(rest), 64);
		buf_putc(err, '\'');
		return -1;
	}
	w = entry_for(l, pid);
	if (w->set_adj) {
		buf_printf(err, "--adj: pid %d given twice", pid);
		return -1;
	}
	w->set_adj = true;
	w->adj = (int)v;
	return 0;
}

int
whatif_add_grow(struct whatif_list *l, const char *arg, struct buf *err)
{
	const char *rest;
	struct whatif *w;
	uint64_t bytes;
	int pid;

	if (!split_arg("--grow", "SIZE", arg, &pid, &rest, err))
		return -1;
	/* A petabyte is far past any machine's memory; cap to keep sums in range. */
	if (!parse_size(rest, rest + strlen(rest), &bytes) || bytes > (UINT64_C(1) << 50)) {
		buf_puts(err, "--grow: expected a size such as 512M or 2G (at most 1P), got '");
		escape_text(err, rest, strlen(rest), 64);
		buf_putc(err, '\'');
		return -1;
	}
	w = entry_for(l, pid);
	if (w->set_grow) {
		buf_printf(err, "--grow: pid %d given twice", pid);
		return -1;
	}
	w->set_grow = true;
	w->grow_bytes = bytes;
	return 0;
}

void
whatif_apply(const struct whatif *w, struct task *t)
{
	if (w->set_adj) {
		t->adj = w->adj;
		t->facts.adj = w->adj;
		t->ineligible = oom_task_eligible(&t->facts);
	}
	t->rss_anon_kb += w->grow_kb;
	t->rss_kb += w->grow_kb;
}

void
whatif_list_free(struct whatif_list *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}
