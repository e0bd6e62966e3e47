/*
 * rank.c: sample the tasks of a scope, score them with the era's model and
 * sort them into the kernel's victim order.
 *
 * Speed: reading /proc/PID/status for every task is the dominant cost.
 * For the global scope the kernel has already ordered the tasks for us:
 * /proc/PID/oom_score is a monotone function of the global badness, so the
 * top N by badness are among the tasks whose oom_score is at least the
 * N-th highest value.  We read status only for those (plus any whose
 * oom_score could not be read).  The shortcut is off when the model is not
 * the running kernel's (--model) and for a memcg scope, where totalpages
 * differs and with it the weight of oom_score_adj.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rank.h"
#include "util.h"

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

static const struct task *sort_tasks;
static bool sort_later;

static int
entry_cmp(const void *pa, const void *pb)
{
	const struct rank_entry *a = pa, *b = pb;
	int c = oom_score_cmp(&a->score, &b->score);
	int pa_ = sort_tasks[a->task].pid, pb_ = sort_tasks[b->task].pid;

	if (c != 0)
		return c;
	if (!a->score.eligible)
		return pa_ < pb_ ? -1 : pa_ > pb_;
	/* Equal points: the kernel keeps the first (<5.3) or last (5.3+) scanned. */
	if (sort_later)
		return pa_ > pb_ ? -1 : pa_ < pb_;
	return pa_ < pb_ ? -1 : pa_ > pb_;
}

void
rank_sort(struct rank_entry *e, size_t n, const struct task *tasks, bool ties_to_later)
{
	/* qsort(NULL, 0) is undefined: an empty scope has no entries array yet. */
	if (n < 2)
		return;
	sort_tasks = tasks;
	sort_later = ties_to_later;
	qsort(e, n, sizeof(*e), entry_cmp);
}

static int
int_desc(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x > y ? -1 : x < y;
}

int
rank_prefilter_bound(const struct task *tasks, size_t n, size_t limit)
{
	int *scores, bound;
	size_t i, k = 0;

	if (limit == 0 || limit >= n)
		return -1;
	scores = xreallocarray(NULL, n, sizeof(*scores));
	for (i = 0; i < n; i++)
		if (tasks[i].kernel_score >= 0)
			scores[k++] = tasks[i].kernel_score;
	if (k <= limit) {
		free(scores);
		return -1;
	}
	qsort(scores, k, sizeof(*scores), int_desc);
	bound = scores[limit - 1];
	free(scores);
	return bound;
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

/* Scope setup: model, system numbers, totalpages and the task list. */
static int
collect_scope(struct sampler *s, const struct rank_request *req, struct ranking *r,
    struct buf *err)
{
	char msg[256];
	int rc;

	if (sample_system(s, &r->sys, msg, sizeof(msg)) < 0) {
		buf_puts(err, msg);
		return -1;
	}
	r->model_auto = req->model == NULL;
	r->model = req->model ? req->model : oom_model_for_release(r->sys.release);
	if (r->model == NULL) {
		buf_printf(err, "kernel %s: no OOM scoring model for this release; "
		    "choose one with --model", r->sys.release);
		return -1;
	}
	r->scope = req->cgroup ? SCOPE_MEMCG : SCOPE_GLOBAL;
	r->totalpages = r->sys.totalpages;
	r->memcg_unlimited = false;
	if (r->scope == SCOPE_GLOBAL)
		return sample_scan(s, &r->tasks, req->want_kernel_scores || req->limit > 0) < 0 ?
		    (buf_puts(err, "/proc: cannot list tasks"), -1) : 0;

	if ((rc = memcg_resolve(req->cgroup, &r->memcg, err)) < 0)
		return rc;
	if (r->memcg.limits.limited) {
		uint64_t swap_pages = r->sys.mi.swap_total / ((uint64_t)r->sys.page_size / 1024);

		r->totalpages = memcg_totalpages(&r->memcg.limits, swap_pages, r->sys.page_size);
	} else {
		r->memcg_unlimited = true;
	}
	r->npids = 0;
	if (memcg_collect_pids(r->memcg.dir, &r->pids, &r->npids, &r->cappids, err) < 0)
		return -1;
	return sample_scan_pids(s, r->pids, r->npids, &r->tasks) < 0 ?
	    (buf_puts(err, "/proc: cannot read the cgroup's tasks"), -1) : 0;
}

int
rank_collect(struct sampler *s, const struct rank_request *req, struct ranking *r,
    struct buf *err)
{
	size_t i, out;
	int bound = -1, rc;

	task_list_clear(&r->tasks);
	r->n = r->nkillable = r->unreadable = 0;
	if ((rc = collect_scope(s, req, r, err)) < 0)
		return rc;
	r->scanned = r->tasks.n;
	/*
	 * Under hidepid, libproc2 reports the oom_score of a hidden task as 0,
	 * so the prefilter would drop it unseen and uncounted.
	 */
	if (r->scope == SCOPE_GLOBAL && r->model_auto && !r->sys.proc_restricted)
		bound = rank_prefilter_bound(r->tasks.v, r->tasks.n, req->limit);
	r->prefiltered = bound >= 0;

	/* Read status for the candidates; drop tasks that vanished. */
	for (i = 0, out = 0; i < r->tasks.n; i++) {
		struct task *t = &r->tasks.v[i];

		if (bound >= 0 && t->kernel_score >= 0 && t->kernel_score < bound)
			continue;
		if (!sample_task_detail(s, &r->sys, t)) {
			r->unreadable += t->unreadable;
			continue;
		}
		if (out != i)
			r->tasks.v[out] = *t;
		out++;
	}
	r->tasks.n = out;

	for (i = 0; i < r->tasks.n; i++) {
		struct task *t = &r->tasks.v[i];
		struct rank_entry *e = add_entry(r);
		struct oom_task_mem m;

		e->task = i;
		task_oom_mem(t, r->sys.page_size, &m);
		oom_score_compute(r->model, &m, r->totalpages, r->sys.totalpages, &e->score);
		/*
		 * The kernel hides why some tasks are skipped (in vfork, reaped,
		 * exiting); on 5.9+ it shows 0 only for those, so trust it.
		 */
		if (r->model_auto && r->model->proc == PROC_SCALE_CENTERED &&
		    e->score.eligible && t->kernel_score == 0 && e->score.proc_score > 0) {
			t->ineligible = OOM_KERNEL_SKIP;
			task_oom_mem(t, r->sys.page_size, &m);
			oom_score_compute(r->model, &m, r->totalpages, r->sys.totalpages,
			    &e->score);
		}
		if (e->score.eligible)
			r->nkillable++;
	}
	rank_sort(r->entries, r->n, r->tasks.v, r->model->ties_to_later);
	if (r->n > 0 && rank_task(r, &r->entries[0])->kernel_score < 0)
		sample_task_kernel_score(s, &r->tasks.v[r->entries[0].task]);
	if (req->want_cmdline) {
		size_t upto = req->limit && req->limit < r->n ? req->limit : r->n;

		for (i = 0; i < upto; i++)
			sample_task_cmdline(s, &r->tasks, &r->tasks.v[r->entries[i].task]);
	}
	return 0;
}

void
ranking_free(struct ranking *r)
{
	task_list_free(&r->tasks);
	free(r->entries);
	free(r->pids);
	memset(r, 0, sizeof(*r));
}
