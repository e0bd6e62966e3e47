/*
 * rank.c: score the sampled tasks of a scope with the era's model and sort
 * them into the kernel's victim order (sys/gather-rank.c samples them).
 *
 * Speed: reading /proc/PID/status for every task is the dominant cost.
 * For the global scope the kernel has already ordered the tasks for us:
 * /proc/PID/oom_score is a monotone function of the global badness, so the
 * top N by badness are among the tasks whose oom_score is at least the
 * N-th highest value.  We read status only for those (plus any whose
 * oom_score could not be read).  The shortcut is off when the model is not
 * the running kernel's (--model) and for a memcg scope, where totalpages
 * differs and with it the weight of oom_score_adj.
 *
 * What-ifs (rank --adj/--grow) change some tasks' scores, so the kernel's
 * oom_score says nothing about where those tasks will land.  They are
 * read whatever their oom_score, and the bound is taken over the other
 * tasks only: an unchanged task in the final top N is among the top N of
 * the unchanged tasks, so the shortcut stays exact.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/rank.h"
#include "lib/sort.h"
#include "lib/xalloc.h"
#include "proc/release.h"

void
task_oom_mem(const struct task *t, long page_size, struct oom_task_mem *out)
{
	uint64_t pk = (uint64_t)page_size / 1024;

	memset(out, 0, sizeof(*out));
	if (pk == 0)
		pk = 4;
	out->rss = t->rss_kb / pk;
	if (t->rss_split)
		out->rss = t->rss_anon_kb / pk + t->rss_file_kb / pk + t->rss_shmem_kb / pk;
	out->swap = t->swap_kb / pk;
	/*
	 * VmPTE is pgtables_bytes >> 10; nested floor division makes
	 * VmPTE / (PAGE_SIZE/1024) equal pgtables_bytes / PAGE_SIZE exactly.
	 */
	out->pgtables = t->pgtables_kb / pk;
	out->adj = t->adj;
	out->cap_sys_admin = t->cap_sys_admin;
	out->ineligible = t->ineligible;
}

struct sort_ctx {
	const struct task *tasks;
	bool later;
};

/* <0 when the kernel's scan meets a before b (see enum tie_scan). */
static int
scan_cmp(const struct task *a, const struct task *b)
{
	if (a->scan_key != b->scan_key)
		return a->scan_key < b->scan_key ? -1 : 1;
	if (a->start_known && b->start_known && a->start_ticks != b->start_ticks)
		return a->start_ticks < b->start_ticks ? -1 : 1;
	return a->pid < b->pid ? -1 : a->pid > b->pid;
}

static int
entry_cmp(const void *pa, const void *pb, void *arg)
{
	const struct rank_entry *a = pa, *b = pb;
	const struct sort_ctx *ctx = arg;
	const struct task *ta = &ctx->tasks[a->task], *tb = &ctx->tasks[b->task];
	int c = oom_score_cmp(&a->score, &b->score);

	/* oomrisk itself after every other killable task (rank.h). */
	if (a->score.eligible && b->score.eligible && a->self != b->self)
		return a->self ? 1 : -1;
	if (c != 0)
		return c;
	if (!a->score.eligible)
		return ta->pid < tb->pid ? -1 : ta->pid > tb->pid;
	/* Equal points: the kernel keeps the first (<5.3) or last (5.3+) scanned. */
	c = scan_cmp(ta, tb);
	return ctx->later ? -c : c;
}

/* Is path the cgroup under, or below it? */
static bool
path_under(const char *path, const char *under)
{
	size_t n = strlen(under);

	if (strcmp(under, "/") == 0)
		return path[0] == '/';
	return strncmp(path, under, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

bool
rank_scope_has_kill(const struct ranking *r, const struct oom_kill_event *ev)
{
	if (r->scope == SCOPE_GLOBAL)
		return true;
	return (ev->memcg && ev->have_memcg_path && path_under(ev->memcg_path, r->memcg.path)) ||
	    (ev->have_task_memcg && path_under(ev->task_memcg, r->memcg.path));
}

bool
rank_ties_to_later(const struct oom_model *m, bool model_auto, const char *release)
{
	int a, b, c;

	if (model_auto && release != NULL && release_parse(release, &a, &b, &c))
		return release_code(a, b, c) >= release_code(5, 3, 0);
	return m != NULL && m->ties_to_later;
}

bool
rank_ties_with(const struct ranking *r, size_t i, size_t j)
{
	const struct rank_entry *a = &r->entries[i], *b = &r->entries[j];

	return rank_candidate(a) && rank_candidate(b) && a->score.points == b->score.points &&
	    rank_task(r, a)->scan_key == rank_task(r, b)->scan_key;
}

bool
rank_tie_needs_start(const struct ranking *r, size_t i)
{
	if (i >= r->n || rank_task(r, &r->entries[i])->start_known)
		return false;
	return (i > 0 && rank_ties_with(r, i, i - 1)) || (i + 1 < r->n && rank_ties_with(r, i, i + 1));
}

void
rank_sort(struct rank_entry *e, size_t n, const struct task *tasks, bool ties_to_later)
{
	struct sort_ctx ctx = { tasks, ties_to_later };

	/* An empty scope has no entries array yet (e may be NULL). */
	if (n < 2)
		return;
	/* In place: qsort() would allocate on every refresh of `top`. */
	sort_inplace(e, n, sizeof(*e), entry_cmp, &ctx);
}

/*
 * The first k entries of the victim order, in order; the rest dropped.
 * With every task scored (the BPF backend), a refresh that shows a page
 * orders that page only.  Tasks that tie exactly with the first one are
 * kept past k: which of them the kernel kills is decided by the scan
 * order, which the gather step may still have to read (start times).
 */
static void
rank_sort_first(struct ranking *r, size_t k)
{
	struct sort_ctx ctx = { r->tasks.v, r->ties_later };
	const struct rank_entry *first;
	size_t j, m;

	if (k >= r->n) {
		rank_sort(r->entries, r->n, r->tasks.v, r->ties_later);
		return;
	}
	sort_first(r->entries, r->n, k, sizeof(*r->entries), entry_cmp, &ctx);
	first = &r->entries[0];
	for (j = m = k; j < r->n; j++) {
		const struct rank_entry *e = &r->entries[j];

		if (rank_candidate(first) && rank_candidate(e) &&
		    e->score.points == first->score.points &&
		    rank_task(r, e)->scan_key == rank_task(r, first)->scan_key) {
			struct rank_entry tmp = r->entries[m];

			r->entries[m++] = *e;
			r->entries[j] = tmp;
		}
	}
	if (m > k)
		rank_sort(r->entries, m, r->tasks.v, r->ties_later);
	r->n = m;
	r->truncated = true;
}

/* The bound, using (and growing) a caller's scratch array. */
static int
bound_with_scratch(const struct task_ref *tasks, size_t n, size_t limit, int **scratch,
    size_t *cap)
{
	size_t i, k = 0;

	if (limit == 0 || limit >= n)
		return -1;
	if (*cap < n) {
		*scratch = xreallocarray(*scratch, n, sizeof(**scratch));
		*cap = n;
	}
	for (i = 0; i < n; i++)
		if (tasks[i].kernel_score >= 0)
			(*scratch)[k++] = tasks[i].kernel_score;
	if (k <= limit)
		return -1;
	return select_kth_largest(*scratch, k, limit - 1);
}

int
rank_prefilter_bound(const struct task_ref *tasks, size_t n, size_t limit)
{
	int *scratch = NULL, bound;
	size_t cap = 0;

	bound = bound_with_scratch(tasks, n, limit, &scratch, &cap);
	free(scratch);
	return bound;
}

const struct whatif *
rank_whatif(const struct ranking *r, const struct task *t)
{
	const struct whatif *w;

	if (r->whatif == NULL || (w = whatif_find(r->whatif, t->pid)) == NULL || !w->found)
		return NULL;
	return w;
}

/*
 * The prefilter bound over the tasks without a what-if (their oom_score
 * is hidden from rank_prefilter_bound() for the call).
 */
static int
prefilter_bound(struct ranking *r, const struct rank_request *req)
{
	struct { size_t i; int score; } *hidden;
	/* At least two: the deciding term (view/victim-notes.h) compares the first two. */
	size_t i, k = 0, limit = req->limit == 1 ? 2 : req->limit;
	int bound;

	if (req->whatif == NULL || req->whatif->n == 0)
		return bound_with_scratch(r->listed.v, r->listed.n, limit, &r->scores, &r->capscores);
	hidden = xreallocarray(NULL, req->whatif->n, sizeof(*hidden));
	for (i = 0; i < r->listed.n && k < req->whatif->n; i++) {
		if (whatif_find(req->whatif, r->listed.v[i].pid) != NULL) {
			hidden[k].i = i;
			hidden[k++].score = r->listed.v[i].kernel_score;
			r->listed.v[i].kernel_score = -1;
		}
	}
	bound = bound_with_scratch(r->listed.v, r->listed.n, limit, &r->scores, &r->capscores);
	while (k-- > 0)
		r->listed.v[hidden[k].i].kernel_score = hidden[k].score;
	free(hidden);
	return bound;
}

/* Record what the what-if changes (for the views), then change the sample. */
static void
whatif_record(struct whatif *w, struct task *t, long page_size)
{
	uint64_t pages = w->grow_bytes / (uint64_t)page_size +
	    (w->grow_bytes % (uint64_t)page_size != 0);

	w->found = true;
	w->old_adj = t->adj;
	w->grow_kb = pages * ((uint64_t)page_size / 1024);
	whatif_apply(w, t);
}

/* Every what-if must name a task of the scope: a typo must not pass silently. */
static int
whatif_check_found(const struct ranking *r, const struct whatif_list *l, struct buf *err)
{
	size_t i;

	for (i = 0; l != NULL && i < l->n; i++) {
		if (l->v[i].found)
			continue;
		if (r->scope == SCOPE_MEMCG)
			buf_printf(err, "%s: pid %d is not in memory cgroup %s",
			    l->v[i].set_adj ? "--adj" : "--grow", l->v[i].pid, r->memcg.path);
		else
			buf_printf(err, "%s: pid %d: no such process (a thread group id is needed)",
			    l->v[i].set_adj ? "--adj" : "--grow", l->v[i].pid);
		return -2;
	}
	return 0;
}

/* hidepid modes other than noaccess leave hidden tasks out of the listing. */
static bool
tasks_unlisted(const struct ranking *r)
{
	return r->sys.proc_restricted && r->sys.proc_hidepid != HIDEPID_NOACCESS;
}

bool
rank_sees_all(const struct ranking *r)
{
	return r->unreadable == 0 && !tasks_unlisted(r) && r->sys.host_pid_ns;
}

void
rank_visibility_note(const struct ranking *r, struct buf *out)
{
	const char *sep = "";
	bool hidden = tasks_unlisted(r);

	buf_puts(out, "not visible: ");
	if (r->unreadable > 0) {
		buf_printf(out, "%zu of %zu tasks could not be read (permission denied", r->unreadable,
		    r->scanned);
		if (r->sys.proc_restricted)
			buf_printf(out, ": /proc is mounted hidepid=%s and we lack CAP_SYS_PTRACE",
			    proc_hidepid_name(r->sys.proc_hidepid));
		buf_putc(out, ')');
		sep = "; ";
	}
	if (hidden) {
		buf_printf(out, "%s/proc is mounted hidepid=%s: tasks we may not ptrace "
		    "(other users') are not even listed", sep,
		    proc_hidepid_name(r->sys.proc_hidepid));
		sep = "; ";
	}
	if (!r->sys.host_pid_ns) {
		buf_printf(out, "%s/proc shows a pid namespace, not the host's: tasks "
		    "outside it are not listed", sep);
	}
	buf_puts(out, "; the ranking covers only the tasks it could read");
}

double
rank_share_pct(const struct ranking *r, const struct rank_entry *e)
{
	if (r->totalpages == 0)
		return 0;
	return 100.0 * (double)e->score.base / (double)r->totalpages;
}

static struct rank_entry *
add_entry(struct ranking *r)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->entries = xreallocarray(r->entries, r->cap, sizeof(*r->entries));
	}
	return &r->entries[r->n++];
}

void
rank_begin(struct ranking *r, const struct rank_request *req)
{
	size_t i;

	task_list_clear(&r->tasks);
	r->listed.n = 0;
	cgroup_table_clear(&r->cgroups);
	r->n = r->nkillable = r->unreadable = 0;
	r->trimmed = r->trimmed_killable = 0;
	r->truncated = false;
	r->whatif = req->whatif;
	for (i = 0; req->whatif != NULL && i < req->whatif->n; i++)
		req->whatif->v[i].found = false;
}

int
rank_prefilter(struct ranking *r, const struct rank_request *req)
{
	/*
	 * Under hidepid a hidden task's oom_score cannot be trusted to order
	 * it (it reads as 0 or not at all), so the prefilter could drop it
	 * unseen and uncounted: read every task then.
	 */
	if (r->scope != SCOPE_GLOBAL || !r->model_auto || r->sys.proc_restricted)
		return -1;
	return prefilter_bound(r, req);
}

bool
rank_skips(const struct rank_request *req, int bound, const struct task_ref *t)
{
	return bound >= 0 && t->kernel_score >= 0 && t->kernel_score < bound &&
	    t->pid != req->pin_pid &&
	    (req->whatif == NULL || whatif_find(req->whatif, t->pid) == NULL);
}

size_t
rank_trim_at(const struct ranking *r, const struct rank_request *req)
{
	size_t k = req->limit < 2 ? 2 : req->limit;

	if (req->limit == 0 || r->scope != SCOPE_GLOBAL || r->model == NULL)
		return 0;
	/* Room to grow between trims, so that each costs little per task. */
	return 2 * k + 256;
}

/* Score a task into a new entry, as rank_score() does before its what-ifs. */
static void
score_entry(struct ranking *r, size_t i, struct rank_entry *e)
{
	struct oom_task_mem m;

	e->task = i;
	e->self = r->tasks.v[i].self;
	task_oom_mem(&r->tasks.v[i], r->sys.page_size, &m);
	oom_score_compute(r->model, &m, r->totalpages, r->sys.totalpages, &e->score);
}

static struct rank_entry *add_entry(struct ranking *r);

void
rank_trim(struct ranking *r, const struct rank_request *req)
{
	struct sort_ctx ctx = { r->tasks.v, r->ties_later };
	size_t k = req->limit < 2 ? 2 : req->limit, i, out;

	if (req->limit == 0 || r->tasks.n <= k)
		return;
	/* The entries are scratch until rank_score() fills them. */
	r->n = 0;
	for (i = 0; i < r->tasks.n; i++)
		if (r->tasks.v[i].detailed)
			score_entry(r, i, add_entry(r));
	if (r->n > k) {
		if (r->capkeep < r->tasks.n) {
			r->capkeep = r->tasks.n;
			r->keep = xreallocarray(r->keep, r->capkeep, sizeof(*r->keep));
		}
		memset(r->keep, 1, r->tasks.n * sizeof(*r->keep));
		sort_first(r->entries, r->n, k, sizeof(*r->entries), entry_cmp, &ctx);
		for (i = k; i < r->n; i++) {
			const struct task *t = &r->tasks.v[r->entries[i].task];

			/*
			 * Exact ties with the first entry stay, as rank_sort_first()
			 * keeps them: which of them the kernel kills is its scan
			 * order, which start times read later decide.
			 */
			if (t->pid == req->pin_pid ||
			    (req->whatif != NULL && whatif_find(req->whatif, t->pid) != NULL) ||
			    rank_ties_with(r, i, 0))
				continue;
			r->keep[r->entries[i].task] = false;
			r->trimmed++;
			r->trimmed_killable += rank_candidate(&r->entries[i]);
		}
		for (i = 0, out = 0; i < r->tasks.n; i++)
			if (r->keep[i])
				r->tasks.v[out++] = r->tasks.v[i];
		r->tasks.n = out;
	}
	r->n = 0;
}

int
rank_score(struct ranking *r, const struct rank_request *req, struct buf *err)
{
	size_t i;
	int rc;

	for (i = 0; i < r->tasks.n; i++) {
		struct task *t = &r->tasks.v[i];
		struct rank_entry *e = add_entry(r);
		struct oom_task_mem m;
		struct whatif *w;

		score_entry(r, i, e);
		/*
		 * The kernel hides why some tasks are skipped (in vfork, reaped,
		 * exiting); on 5.9+ it shows 0 only for those, so trust it.
		 */
		if (r->model_auto && r->model->proc == PROC_SCALE_CENTERED &&
		    e->score.eligible && t->kernel_score == 0 && e->score.proc_score > 0) {
			t->facts.kernel_skips = true;
			t->ineligible = oom_task_eligible(&t->facts);
			task_oom_mem(t, r->sys.page_size, &m);
			oom_score_compute(r->model, &m, r->totalpages, r->sys.totalpages,
			    &e->score);
		}
		/* After the check above, which compares the kernel's view with the real numbers. */
		if (req->whatif != NULL && (w = whatif_find(req->whatif, t->pid)) != NULL) {
			whatif_record(w, t, r->sys.page_size);
			task_oom_mem(t, r->sys.page_size, &m);
			oom_score_compute(r->model, &m, r->totalpages, r->sys.totalpages,
			    &e->score);
		}
		if (rank_candidate(e))
			r->nkillable++;
	}
	r->nkillable += r->trimmed_killable;
	if (r->trimmed > 0)
		r->truncated = true;
	if ((rc = whatif_check_found(r, req->whatif, err)) < 0)
		return rc;
	/* At least two: the deciding term compares the first two. */
	if (req->limit > 0)
		rank_sort_first(r, req->limit < 2 ? 2 : req->limit);
	else
		rank_sort(r->entries, r->n, r->tasks.v, r->ties_later);
	return 0;
}

bool
rank_decisive(const struct ranking *r, struct decisive *d)
{
	const struct rank_entry *a, *b = NULL;
	struct oom_task_mem ma, mb;

	/* No model: a ranking that was never collected (nothing to compare). */
	if (r->model == NULL || r->n == 0 || !rank_candidate(&r->entries[0]))
		return false;
	a = &r->entries[0];
	task_oom_mem(rank_task(r, a), r->sys.page_size, &ma);
	if (r->n > 1 && rank_candidate(&r->entries[1])) {
		b = &r->entries[1];
		task_oom_mem(rank_task(r, b), r->sys.page_size, &mb);
	}
	decisive_compute(r->model, r->totalpages, &ma, &a->score, b ? &mb : NULL,
	    b ? &b->score : NULL, d);
	return true;
}

/*
 * An array of `cap` elements of `size` bytes holding `n`: cut to twice its
 * use when it holds more than four times that and over 64 KiB (so that a
 * refresh loop does not reallocate back and forth around small sizes).
 * Returns the array, moved or not.
 */
static void *
shrink_array(void *p, size_t *cap, size_t n, size_t size)
{
	size_t want = n < 128 ? 256 : 2 * n;

	if (p != NULL && *cap > 2 * want && *cap * size > 65536) {
		p = xreallocarray(p, want, size);
		*cap = want;
	}
	return p;
}

void
ranking_shrink(struct ranking *r)
{
	struct buf *s = &r->tasks.strings;
	size_t want = 2 * (s->len + 4096);

	r->tasks.v = shrink_array(r->tasks.v, &r->tasks.cap, r->tasks.n, sizeof(*r->tasks.v));
	r->entries = shrink_array(r->entries, &r->cap, r->n, sizeof(*r->entries));
	r->keep = shrink_array(r->keep, &r->capkeep, r->tasks.n, sizeof(*r->keep));
	/* The command lines' arena: the same rule, counted in bytes. */
	if (s->data != NULL && s->cap > 2 * want && s->cap > 65536) {
		s->data = xrealloc(s->data, want);
		s->cap = want;
	}
}

void
ranking_free(struct ranking *r)
{
	task_list_free(&r->tasks);
	task_refs_free(&r->listed);
	user_table_free(&r->users);
	free(r->entries);
	memcg_members_free(&r->members);
	cgroup_table_free(&r->cgroups);
	buf_free(&r->scratch);
	free(r->scores);
	free(r->keep);
	memset(r, 0, sizeof(*r));
}
