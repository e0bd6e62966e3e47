/*
 * gather-rank.c: sample the tasks of a scope (the global task list, or a
 * memory cgroup's members) and rank them with core/rank.c.  Speed: see
 * the prefilter in core/rank.c; only likely candidates' status is read.
 */
#include "config.h"

#include <string.h>

#include "core/rank.h"
#include "sys/bpf-sampler.h"
#include "sys/cgroupfs.h"
#include "sys/gather-rank.h"
#include "sys/sampler.h"
#include "sys/users.h"

struct trim_ctx {
	struct ranking *r;
	const struct rank_request *req;
};

static void
trim_list(void *ctx)
{
	struct trim_ctx *c = ctx;

	rank_trim(c->r, c->req);
}

/*
 * The BPF backend's task list: every task in full (trimmed to what the
 * limit can show while the scan fills it), or a memory cgroup's members
 * with the cgroup's page counters (sys/bpf-sampler.h).
 */
static int
collect_bpf(struct bpf_sampler *b, const struct rank_request *req, struct ranking *r,
    struct buf *err)
{
	struct trim_ctx c = { r, req };
	struct task_trim trim = { rank_trim_at(r, req), trim_list, &c };
	int rc;

	/* The iterator lists every task, whatever /proc's hidepid hides. */
	r->sys.proc_restricted = false;
	if (r->scope == SCOPE_GLOBAL)
		rc = bpf_sampler_tasks(b, r->sys.page_size, &r->tasks, &trim);
	else
		rc = bpf_sampler_memcg(b, r->sys.page_size, r->memcg.dir, &r->memcg.limits,
		    &r->tasks);
	if (rc < 0) {
		buf_printf(err, "the BPF task iterator: %s", strerror(-rc));
		return -1;
	}
	return 0;
}

/* Scope setup: model, system numbers, totalpages and the task list. */
static int
collect_scope(struct sampler *s, const struct rank_request *req, struct ranking *r,
    struct buf *err)
{
	struct bpf_sampler *bpf = sampler_bpf(s);
	char msg[256];
	int rc;

	r->tasks.source = TASK_SOURCE_PROC;
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
	r->totalpages = r->sys.totalpages;
	r->memcg_unlimited = false;
	if (r->scope == SCOPE_GLOBAL && bpf != NULL)
		return collect_bpf(bpf, req, r, err);
	if (r->scope == SCOPE_GLOBAL)
		return sampler_scan(s, &r->listed, req->want_kernel_scores || req->limit > 0) < 0 ?
		    (buf_puts(err, "/proc: cannot list tasks"), -1) : 0;

	if ((rc = cgroupfs_resolve(s, req->cgroup, &r->memcg, err)) < 0)
		return rc;
	/* Members and page counters from the iterators, before totalpages. */
	if (bpf != NULL && collect_bpf(bpf, req, r, err) < 0)
		return -1;
	if (r->memcg.limits.limited) {
		uint64_t swap_pages = r->sys.mi.swap_total / ((uint64_t)r->sys.page_size / 1024);

		r->totalpages = memcg_totalpages(&r->memcg.limits, swap_pages, r->sys.page_size);
	} else {
		r->memcg_unlimited = true;
	}
	if (bpf != NULL)
		return 0;
	r->npids = 0;
	if (cgroupfs_collect_pids(r->memcg.dir, &r->pids, &r->npids, &r->cappids, err) < 0)
		return -1;
	return sampler_scan_pids(s, r->pids, r->npids, &r->tasks) < 0 ?
	    (buf_puts(err, "/proc: cannot read the cgroup's tasks"), -1) : 0;
}

int
gather_rank(struct sampler *s, const struct rank_request *req, struct ranking *r,
    struct buf *err)
{
	size_t i, out;
	int bound, rc;
	bool bpf_source;

	rank_begin(r, req);
	if ((rc = collect_scope(s, req, r, err)) < 0)
		return rc;
	bpf_source = r->tasks.source == TASK_SOURCE_BPF;
	r->scanned = r->listed.n + r->tasks.n + r->trimmed;
	bound = rank_prefilter(r, req);
	r->prefiltered = bound >= 0;

	/* The global /proc scan listed every task: the candidates become tasks. */
	for (i = 0; i < r->listed.n; i++) {
		const struct task_ref *ref = &r->listed.v[i];
		struct task *t;

		if (rank_skips(req, bound, ref))
			continue;
		t = task_list_add(&r->tasks);
		t->pid = ref->pid;
		t->kernel_score = ref->kernel_score;
	}

	/* Read status for the candidates; drop tasks that vanished. */
	for (i = 0, out = 0; i < r->tasks.n; i++) {
		struct task *t = &r->tasks.v[i];

		/* The BPF backend details every task it can stand for. */
		if (!t->detailed && !sampler_task_detail(s, &r->sys, t)) {
			r->unreadable += t->unreadable;
			continue;
		}
		if (out != i)
			r->tasks.v[out] = *t;
		out++;
	}
	r->tasks.n = out;

	for (i = 0; i < r->tasks.n; i++)
		users_resolve(&r->users, r->tasks.v[i].uid);
	if ((rc = rank_score(r, req, err)) < 0)
		return rc;
	if (r->n > 0 && rank_task(r, &r->entries[0])->kernel_score < 0)
		sampler_kernel_score(s, &r->tasks.v[r->entries[0].task]);
	if (req->want_cmdline || (bpf_source && req->want_kernel_scores)) {
		size_t upto = req->limit && req->limit < r->n ? req->limit : r->n;

		for (i = 0; i < upto; i++) {
			struct task *t = &r->tasks.v[r->entries[i].task];

			if (req->want_cmdline)
				sampler_cmdline(s, &r->tasks, t);
			/* For comparison only: the BPF numbers were not checked against it. */
			if (bpf_source && req->want_kernel_scores && t->kernel_score < 0)
				sampler_kernel_score(s, t);
		}
	}
	return 0;
}
