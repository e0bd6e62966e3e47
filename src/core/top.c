/*
 * top.c: the model of `oomrisk top`: what a refresh keeps, its rows, the
 * process tree, and the selection that follows its task (no I/O).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/top.h"
#include "lib/sort.h"
#include "lib/xalloc.h"

const char *
top_sort_name(enum top_sort s)
{
	switch (s) {
	case TOP_SORT_SCORE: return "score";
	case TOP_SORT_RSS: return "rss";
	case TOP_SORT_GROWTH: return "growth";
	case TOP_SORT_PID: return "pid";
	case TOP_SORT_N: break;
	}
	return "?";
}

void
top_init(struct top *t, const struct top_options *o)
{
	memset(t, 0, sizeof(*t));
	t->opt = *o;
	growth_init(&t->growth);
	forecast_init(&t->fc);
	forecast_init(&t->mfc);
}

void
top_free(struct top *t)
{
	ranking_free(&t->rank);
	rank_groups_free(&t->groups);
	growth_free(&t->growth);
	free(t->rows);
	free(t->tree.rows);
	free(t->tree.parent);
	free(t->tree.first);
	free(t->tree.next);
	free(t->tree.stack);
	free(t->tree.bypid);
	free(t->tree.done);
	free(t->rowentries);
	buf_free(&t->err);
	buf_free(&t->rank_err);
	memset(t, 0, sizeof(*t));
}

void
top_set_want(struct top *t, size_t rows)
{
	t->want = rows;
}

/* Memory charged to a task, as the growth column counts it. */
static uint64_t
charged_kb(const struct task *tk)
{
	return tk->rss_kb + tk->swap_kb + tk->pgtables_kb;
}

void
top_take_snapshot(struct top *t)
{
	struct forecast_sample fs;

	/* Swap in only a complete snapshot: a failed read keeps the last. */
	if (t->have_snap && t->snap.have_vmstat && t->snap.vm.have_oom_kill) {
		t->oom_kill_prev = t->snap.vm.oom_kill;
		t->have_oom_prev = true;
	}
	t->snap = t->next;
	t->have_snap = true;
	if (!t->have_oom_start && t->snap.have_vmstat && t->snap.vm.have_oom_kill) {
		t->oom_kill_start = t->snap.vm.oom_kill;
		t->have_oom_start = true;
	}
	forecast_sample_from(&t->snap, &fs);
	forecast_add(&t->fc, &fs);
}

void
top_rank_request(struct top *t, struct rank_request *req)
{
	forecast_estimate(&t->fc, t->opt.interval * 5 > FORECAST_WINDOW_S ?
	    t->opt.interval * 5 : FORECAST_WINDOW_S, &t->fcr);
	memset(req, 0, sizeof(*req));
	req->cgroup = t->opt.cgroup;
	/*
	 * The victim order needs only the rows on screen; another order, a
	 * filter (names and command lines), the tree and groups need every
	 * task.  Groups match the filter on their key, not on command lines.
	 */
	req->limit = t->opt.sort == TOP_SORT_SCORE && t->filter_len == 0 && !t->filtering &&
	    !t->opt.tree && t->opt.group_by == GROUP_NONE ? t->want : 0;
	req->want_cmdline = (t->opt.cmdline || t->filter_len > 0 || t->filtering) &&
	    t->opt.group_by == GROUP_NONE;
	req->pin_pid = t->pin_pid;
	/* Ties among the rows a screen holds; filtered rows get theirs after (gather-top). */
	req->ties_upto = t->want ? t->want : 0;
	/* Groups need every task's cgroup; the rows read theirs after sorting. */
	req->want_cgroups = t->opt.group_by != GROUP_NONE;
	req->want_names = req->want_cgroups;
	req->want_last_kill = !t->lastkill_known || !t->have_snap || !t->snap.have_vmstat ||
	    !t->snap.vm.have_oom_kill || t->snap.vm.oom_kill != t->lastkill_at;
	if (req->want_last_kill) {
		t->lastkill_known = true;
		t->lastkill_at = t->have_snap ? t->snap.vm.oom_kill : 0;
	}
	buf_reset(&t->rank_err);
}

void
top_take_ranking(struct top *t, int rc, double now)
{
	size_t i;

	t->have_rank = rc == 0;
	if (rc == 0 && t->rank.scope == SCOPE_MEMCG && t->rank.memcg.room.known &&
	    t->rank.memcg.room.limited) {
		const struct memcg_scope *m = &t->rank.memcg;
		struct forecast_sample fs;

		memset(&fs, 0, sizeof(fs));
		fs.t = now;
		fs.avail_kb = (double)(m->room.headroom_bytes / 1024);
		if (m->have_inactive_file && m->room.limit_len == strlen(m->path))
			fs.avail_kb += (double)(m->inactive_file_bytes / 1024);
		forecast_add(&t->mfc, &fs);
		t->have_mfc = true;
		forecast_estimate_steady(&t->mfc, t->opt.interval * 5 > FORECAST_WINDOW_S ?
		    t->opt.interval * 5 : FORECAST_WINDOW_S, &t->mfcr.kill);
	}
	if (rc == 0) {
		growth_begin(&t->growth, now, t->rank.tasks.n);
		for (i = 0; i < t->rank.tasks.n; i++) {
			const struct task *tk = &t->rank.tasks.v[i];
			double rate;

			growth_record(&t->growth, tk->pid, charged_kb(tk), &rate);
		}
		/*
		 * A ranking of every task (the tree, a filter, another order)
		 * leaves arrays sized for 10,000 tasks behind when the victim
		 * order's page follows: give them back (locked memory).
		 */
		ranking_shrink(&t->rank);
	} else {
		if (t->err.len)
			buf_puts(&t->err, "; ");
		buf_add(&t->err, t->rank_err.data, t->rank_err.len);
	}
	t->refreshes++;
	top_build_rows(t);
}

bool
top_text_matches(const char *text, size_t len, const char *filter, size_t flen)
{
	size_t i, j;

	if (flen == 0)
		return true;
	for (i = 0; i + flen <= len; i++) {
		for (j = 0; j < flen; j++) {
			unsigned char a = (unsigned char)text[i + j], b = (unsigned char)filter[j];

			if (a >= 'A' && a <= 'Z')
				a = (unsigned char)(a - 'A' + 'a');
			if (b >= 'A' && b <= 'Z')
				b = (unsigned char)(b - 'A' + 'a');
			if (a != b)
				break;
		}
		if (j == flen)
			return true;
	}
	return false;
}

void
top_set_filter(struct top *t, const char *s, size_t len)
{
	if (len >= sizeof(t->filter))
		len = sizeof(t->filter) - 1;
	memcpy(t->filter, s, len);
	t->filter[len] = '\0';
	t->filter_len = len;
}

struct rows_ctx {
	const struct ranking *r;
	enum top_sort key;
};

static int
row_cmp(const void *pa, const void *pb, void *arg)
{
	const struct top_row *a = pa, *b = pb;
	const struct rows_ctx *c = arg;
	const struct task *ta = rank_task(c->r, &c->r->entries[a->entry]);
	const struct task *tb = rank_task(c->r, &c->r->entries[b->entry]);

	switch (c->key) {
	case TOP_SORT_SCORE:
		/* The ranking is already in victim order. */
		return a->entry < b->entry ? -1 : a->entry > b->entry;
	case TOP_SORT_RSS:
		if (ta->rss_kb != tb->rss_kb)
			return ta->rss_kb > tb->rss_kb ? -1 : 1;
		break;
	case TOP_SORT_GROWTH:
		if (a->growth_known != b->growth_known)
			return a->growth_known ? -1 : 1;
		if (a->growth_known && a->growth_kbs != b->growth_kbs)
			return a->growth_kbs > b->growth_kbs ? -1 : 1;
		break;
	case TOP_SORT_PID:
	case TOP_SORT_N:
		break;
	}
	return ta->pid < tb->pid ? -1 : ta->pid > tb->pid;
}

void
top_sort_rows(struct top_row *rows, size_t n, const struct ranking *r, enum top_sort key)
{
	struct rows_ctx c = { r, key };

	if (key != TOP_SORT_SCORE)
		sort_inplace(rows, n, sizeof(*rows), row_cmp, &c);
}

/* The name or, when it was read, the command line holds the filter. */
static bool
task_matches(const struct top *t, const struct task *tk)
{
	const char *cl;

	if (top_text_matches(tk->comm, tk->comm_len, t->filter, t->filter_len))
		return true;
	cl = task_cmdline(&t->rank.tasks, tk);
	return cl != NULL && top_text_matches(cl, tk->cmdline_len, t->filter, t->filter_len);
}

/* Grow the tree's scratch to n rows. */
static void
tree_reserve(struct top_tree_scratch *s, size_t n)
{
	if (s->cap >= n)
		return;
	s->cap = n;
	s->rows = xreallocarray(s->rows, n, sizeof(*s->rows));
	s->parent = xreallocarray(s->parent, n, sizeof(*s->parent));
	s->first = xreallocarray(s->first, n, sizeof(*s->first));
	s->next = xreallocarray(s->next, n, sizeof(*s->next));
	s->stack = xreallocarray(s->stack, n, sizeof(*s->stack));
	s->bypid = xreallocarray(s->bypid, n, sizeof(*s->bypid));
	s->done = xreallocarray(s->done, n, sizeof(*s->done));
}

static int
pid_row_cmp(const void *pa, const void *pb, void *arg)
{
	const struct top_pid_row *a = pa, *b = pb;

	(void)arg;
	return a->pid < b->pid ? -1 : a->pid > b->pid;
}

#define NO_ROW ((size_t)-1)

/* The row of pid among the sorted pairs, or NO_ROW. */
static size_t
row_of_pid(const struct top_tree_scratch *s, size_t n, int pid)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->bypid[mid].pid == pid)
			return s->bypid[mid].row;
		if (s->bypid[mid].pid < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NO_ROW;
}

/* The first of row i and its later siblings not yet placed, or NO_ROW. */
static size_t
unplaced(const struct top_tree_scratch *s, size_t i)
{
	while (i != NO_ROW && s->done[i])
		i = s->next[i];
	return i;
}

/*
 * Place the subtree at root in tree order after the *out rows already
 * placed: depth-first, children in the rows' order, with the guides
 * each row draws.  Iterative (a stack of ancestors): a 10,000-deep chain
 * must not overflow the C stack.  Rows already placed are skipped, so a
 * parent cycle (pid reuse between two reads, or a crafted proc root)
 * ends.
 */
static void
tree_place(struct top *t, size_t root, size_t *out)
{
	struct top_tree_scratch *s = &t->tree;
	size_t cur = root, d = 0;
	uint32_t more = 0;		/* bit L-1: the ancestor at depth L has a later sibling */

	while (cur != NO_ROW) {
		struct top_row *row = &s->rows[(*out)++];
		size_t sib = unplaced(s, s->next[cur]), child;

		s->done[cur] = true;
		*row = t->rows[cur];
		row->depth = (unsigned)d;
		row->last = d > 0 && sib == NO_ROW;
		row->guides = more & (d >= 2 ? (d - 1 >= TOP_TREE_GUIDES ? UINT32_MAX :
		    ((uint32_t)1 << (d - 1)) - 1) : 0);
		if ((child = unplaced(s, s->first[cur])) != NO_ROW) {
			if (d >= 1 && d <= TOP_TREE_GUIDES) {
				if (sib != NO_ROW)
					more |= (uint32_t)1 << (d - 1);
				else
					more &= ~((uint32_t)1 << (d - 1));
			}
			s->stack[d++] = cur;
			cur = child;
			continue;
		}
		/* No child: the next sibling, or the next sibling of an ancestor. */
		while (d > 0 && (sib = unplaced(s, s->next[cur])) == NO_ROW)
			cur = s->stack[--d];
		cur = d > 0 ? sib : NO_ROW;
	}
}

/*
 * The rows in tree order: each task under its parent (PPid) when the
 * parent is among the rows, siblings in the current sort order.
 */
static void
top_build_tree(struct top *t)
{
	struct top_tree_scratch *s = &t->tree;
	size_t n = t->nrows, i, out = 0, roots = NO_ROW;

	if (n == 0)
		return;
	tree_reserve(s, n);
	for (i = 0; i < n; i++) {
		s->bypid[i].pid = rank_task(&t->rank, top_row_entry(t, &t->rows[i]))->pid;
		s->bypid[i].row = i;
		s->first[i] = s->next[i] = NO_ROW;
		s->done[i] = false;
	}
	sort_inplace(s->bypid, n, sizeof(*s->bypid), pid_row_cmp, NULL);
	/* Linked back to front, so that each list keeps the rows' order. */
	for (i = n; i-- > 0;) {
		const struct task *tk = rank_task(&t->rank, top_row_entry(t, &t->rows[i]));
		size_t p = tk->ppid > 0 && tk->ppid != tk->pid ? row_of_pid(s, n, tk->ppid) : NO_ROW;

		s->parent[i] = p;
		if (p != NO_ROW) {
			s->next[i] = s->first[p];
			s->first[p] = i;
		} else {
			s->next[i] = roots;
			roots = i;
		}
	}
	for (i = roots; i != NO_ROW; i = s->next[i])
		if (!s->done[i])
			tree_place(t, i, &out);
	/* Rows on a parent cycle were reached from no root: each starts a tree. */
	for (i = 0; i < n && out < n; i++)
		if (!s->done[i]) {
			s->next[i] = NO_ROW;
			tree_place(t, i, &out);
		}
	memcpy(t->rows, s->rows, n * sizeof(*t->rows));
}

/* One row per group, in the groups' order (their first victims' order). */
static void
build_group_rows(struct top *t)
{
	size_t i;

	if (t->caprows < t->groups.n) {
		t->caprows = t->groups.n;
		t->rows = xreallocarray(t->rows, t->caprows, sizeof(*t->rows));
	}
	for (i = 0; i < t->groups.n; i++) {
		const struct rank_group *x = &t->groups.v[i];
		const char *key = rank_group_key(&t->groups, x);
		struct top_row *row;

		if (x->any == GROUP_NONE_FIRST ||
		    !top_text_matches(key, strlen(key), t->filter, t->filter_len))
			continue;
		row = &t->rows[t->nrows++];
		memset(row, 0, sizeof(*row));
		row->group = i;
		row->entry = x->first != GROUP_NONE_FIRST ? x->first : x->any;
		row->rank = x->first != GROUP_NONE_FIRST ? x->first + 1 : 0;
	}
}

void
top_build_rows(struct top *t)
{
	const struct ranking *r = &t->rank;
	size_t i;

	t->nrows = 0;
	if (!t->have_rank)
		return;
	if (t->opt.group_by != GROUP_NONE) {
		build_group_rows(t);
		return;
	}
	if (t->caprows < r->n) {
		t->caprows = r->n;
		t->rows = xreallocarray(t->rows, t->caprows, sizeof(*t->rows));
	}
	for (i = 0; i < r->n; i++) {
		const struct rank_entry *e = &r->entries[i];
		const struct task *tk = rank_task(r, e);
		struct top_row *row;

		if (t->filter_len > 0 && !task_matches(t, tk))
			continue;
		row = &t->rows[t->nrows++];
		memset(row, 0, sizeof(*row));
		row->entry = i;
		row->group = 0;
		row->rank = rank_candidate(e) ? i + 1 : 0;
		row->growth_known = growth_lookup(&t->growth, tk->pid, &row->growth_kbs);
	}
	top_sort_rows(t->rows, t->nrows, r, t->opt.sort);
	if (t->opt.tree)
		top_build_tree(t);
}

bool
top_task_live(const struct task *tk)
{
	return (tk->facts.has_mm || tk->facts.kthread) && !tk->facts.kernel_skips;
}

static const struct task *
row_task(const struct top *t, size_t i)
{
	return rank_task(&t->rank, top_row_entry(t, &t->rows[i]));
}

void
top_select_row(const struct top *t, struct top_selection *sel, size_t i)
{
	const struct task *tk;

	memset(sel, 0, sizeof(*sel));
	if (t->nrows == 0)
		return;
	if (i >= t->nrows)
		i = t->nrows - 1;
	tk = row_task(t, i);
	sel->pid = tk->pid;
	sel->row = i;
	sel->live = top_task_live(tk);
	memcpy(sel->comm, tk->comm, tk->comm_len);
	sel->comm_len = tk->comm_len;
}

/* The task with this pid in the ranking's list (the pinned one included), or NULL. */
static const struct task *
listed_task(const struct top *t, int pid)
{
	size_t i;

	for (i = 0; i < t->rank.tasks.n; i++)
		if (t->rank.tasks.v[i].pid == pid)
			return &t->rank.tasks.v[i];
	return NULL;
}

enum top_follow
top_follow(const struct top *t, struct top_selection *sel, struct top_death *d)
{
	const struct task *tk = NULL;
	size_t i, at = sel->row;

	if (t->nrows == 0) {
		sel->row = 0;
		return TOP_FOLLOW_EMPTY;
	}
	if (sel->pid == 0) {
		top_select_row(t, sel, at);
		return TOP_FOLLOW_MOVED;
	}
	for (i = 0; i < t->nrows; i++)
		if (row_task(t, i)->pid == sel->pid)
			break;
	if (i < t->nrows) {
		tk = row_task(t, i);
		/* Still there (a task selected without memory stays selected). */
		if (top_task_live(tk) || !sel->live) {
			top_select_row(t, sel, i);
			return TOP_FOLLOW_SAME;
		}
	} else if ((tk = listed_task(t, sel->pid)) != NULL) {
		/* Alive: filtered out, or outside the rows a limited ranking read. */
		if (top_task_live(tk) && !(t->filter_len > 0 && !task_matches(t, tk)))
			return TOP_FOLLOW_AWAY;
		if (top_task_live(tk) || !sel->live) {
			top_select_row(t, sel, at);
			return TOP_FOLLOW_MOVED;
		}
	}
	memset(d, 0, sizeof(*d));
	d->pid = sel->pid;
	memcpy(d->comm, sel->comm, sel->comm_len);
	d->comm_len = sel->comm_len;
	d->zombie = tk != NULL;
	if (t->have_oom_prev && t->snap.vm.have_oom_kill && t->snap.vm.oom_kill > t->oom_kill_prev)
		d->oom_kills = t->snap.vm.oom_kill - t->oom_kill_prev;
	/* The task now at its place; not the dead one, if it is still listed there. */
	if (at < t->nrows && row_task(t, at)->pid == d->pid)
		at = at + 1 < t->nrows ? at + 1 : (at > 0 ? at - 1 : at);
	top_select_row(t, sel, at);
	return TOP_FOLLOW_DIED;
}

const struct rank_entry *
top_victim(const struct top *t)
{
	if (!t->have_rank || t->rank.nkillable == 0 || t->rank.n == 0 ||
	    !rank_candidate(&t->rank.entries[0]))
		return NULL;
	return &t->rank.entries[0];
}

uint64_t
top_oom_kills_since(const struct top *t)
{
	if (!t->have_oom_start || !t->snap.vm.have_oom_kill ||
	    t->snap.vm.oom_kill < t->oom_kill_start)
		return 0;
	return t->snap.vm.oom_kill - t->oom_kill_start;
}
