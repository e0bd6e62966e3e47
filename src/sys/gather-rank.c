/*
 * gather-rank.c: sample the tasks of a scope (the global task list, or a
 * memory cgroup's members) and rank them with core/rank.c.  Speed: see
 * the prefilter in core/rank.c; only likely candidates' status is read.
 */
#include "config.h"

#include <string.h>

#include "core/rank.h"
#include "sys/cgroupfs.h"
#include "sys/gather-rank.h"
#include "sys/sampler.h"
#include "sys/users.h"

/*
 * Give each task of a memcg scope its place in the kernel's walk.  The
 * sampler returns the members in the order asked (vanished ones left
 * out), so one pass with a cursor finds each; a task it does not find
 * there is looked up from the start.
 */
static void
set_scan_keys(struct ranking *r)
{
	const struct cgroup_members *m = &r->members;
	size_t i, j = 0, k;

	for (i = 0; i < r->tasks.n; i++) {
		struct task *t = &r->tasks.v[i];

		for (k = j; k < m->n && m->pids[k] != t->pid; k++)
			;
		if (k == m->n)
			for (k = 0; k < m->n && m->pids[k] != t->pid; k++)
				;
		if (k == m->n)
			continue;
		t->scan_key = m->keys[k];
		j = k + 1;
	}
}

/* Scope setup: model, system numbers, totalpages and the task list. */
static int
collect_scope(struct sampler *s, const struct rank_request *req, struct ranking *r,
    struct buf *err)
{
	char msg[256];
	int rc;

	if (sampler_system(s, &r->sys, msg, sizeof(msg)) < 0) {
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
	r->ties_later = rank_ties_to_later(r->model, r->model_auto, r->sys.release);
	r->tie_scan = TIE_SCAN_TASK_LIST;
	r->totalpages = r->sys.totalpages;
	r->memcg_unlimited = false;
	if (r->scope == SCOPE_GLOBAL)
		return sampler_scan(s, &r->tasks, req->want_kernel_scores || req->limit > 0) < 0 ?
		    (buf_puts(err, "/proc: cannot list tasks"), -1) : 0;

	if ((rc = cgroupfs_resolve(s, req->cgroup, &r->memcg, err)) < 0)
		return rc;
	if (r->memcg.limits.limited) {
		uint64_t swap_pages = r->sys.mi.swap_total / ((uint64_t)r->sys.page_size / 1024);

		r->totalpages = memcg_totalpages(&r->memcg.limits, swap_pages, r->sys.page_size);
	} else {
		r->memcg_unlimited = true;
	}
	r->tie_scan = r->memcg.limits.version == 2 ? TIE_SCAN_MEMCG_PROCS : TIE_SCAN_MEMCG_START;
	if (cgroupfs_collect_members(r->memcg.dir, r->memcg.limits.version == 2, &r->members,
	    err) < 0)
		return -1;
	if (sampler_scan_pids(s, r->members.pids, r->members.n, &r->tasks) < 0) {
		buf_puts(err, "/proc: cannot read the cgroup's tasks");
		return -1;
	}
	set_scan_keys(r);
	return 0;
}

/*
 * Exact ties go to the kernel's scan order; where the scan key cannot
 * tell two tasks apart, their start times (fork order) can: read them for
 * the tied tasks only, and sort again.
 */
static void
resolve_ties(struct sampler *s, struct ranking *r)
{
	size_t i;
	bool any = false;

	for (i = 0; i < r->n; i++) {
		struct task *t = &r->tasks.v[r->entries[i].task];

		if (!rank_tie_needs_start(r, i))
			continue;
		t->start_known = sampler_starttime(s, t->pid, &t->start_ticks);
		any = true;
	}
	if (any)
		rank_sort(r->entries, r->n, r->tasks.v, r->ties_later);
}

int
gather_rank(struct sampler *s, const struct rank_request *req, struct ranking *r,
    struct buf *err)
{
	size_t i, out;
	int bound, rc, self = sampler_self_pid(s);

	rank_begin(r, req);
	if ((rc = collect_scope(s, req, r, err)) < 0)
		return rc;
	r->scanned = r->tasks.n;
	bound = rank_prefilter(r, req);
	r->prefiltered = bound >= 0;

	/* Read status for the candidates; drop tasks that vanished. */
	for (i = 0, out = 0; i < r->tasks.n; i++) {
		struct task *t = &r->tasks.v[i];

		if (rank_skips(req, bound, t))
			continue;
		if (!sampler_task_detail(s, &r->sys, t)) {
			r->unreadable += t->unreadable;
			continue;
		}
		t->self = t->pid == self;
		if (out != i)
			r->tasks.v[out] = *t;
		out++;
	}
	r->tasks.n = out;

	for (i = 0; i < r->tasks.n; i++)
		users_resolve(&r->users, r->tasks.v[i].uid);
	if ((rc = rank_score(r, req, err)) < 0)
		return rc;
	resolve_ties(s, r);
	if (r->n > 0 && rank_task(r, &r->entries[0])->kernel_score < 0)
		sampler_kernel_score(s, &r->tasks.v[r->entries[0].task]);
	if (req->want_cmdline) {
		size_t upto = req->limit && req->limit < r->n ? req->limit : r->n;

		for (i = 0; i < upto; i++)
			sampler_cmdline(s, &r->tasks, &r->tasks.v[r->entries[i].task]);
	}
	return 0;
}
