/*
 * whatif.h: hypothetical changes to tasks (`rank --adj PID=VALUE`,
 * `--grow PID=SIZE`) that a ranking applies to its sampled numbers, never
 * to the tasks, so an operator sees the effect before writing
 * oom_score_adj.  Parsing is pure; gather_rank() applies the list.
 */
#ifndef OOMRISK_CORE_WHATIF_H
#define OOMRISK_CORE_WHATIF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/buf.h"

struct whatif {
	int pid;
	bool set_adj;
	int adj;		/* the oom_score_adj to assume */
	bool set_grow;
	uint64_t grow_bytes;	/* resident anonymous memory to add */
	/* Filled in when a ranking applies it: */
	bool found;		/* the task was in the scope */
	int old_adj;
	uint64_t grow_kb;	/* grow_bytes rounded up to whole pages, in kB */
};

struct whatif_list {
	struct whatif *v;
	size_t n, cap;
};

/*
 * Add "PID=VALUE" (--adj) or "PID=SIZE" (--grow; SIZE as parse_size()
 * takes it) to the list; one entry per pid holds both.  Returns 0, or -1
 * with the reason in err (the argument escaped).  Giving a pid the same
 * kind of change twice is an error.
 */
int whatif_add_adj(struct whatif_list *l, const char *arg, struct buf *err);
int whatif_add_grow(struct whatif_list *l, const char *arg, struct buf *err);

struct task;
/*
 * Change a sampled task's numbers as w says: its oom_score_adj (and with
 * it whether adj -1000 makes it unkillable) and w->grow_kb more resident
 * anonymous memory.  Only the copy in the sample changes.
 */
void whatif_apply(const struct whatif *w, struct task *t);

/* The entry for pid, or NULL. */
struct whatif *whatif_find(const struct whatif_list *l, int pid);

void whatif_list_free(struct whatif_list *l);

#endif
