/*
 * gather-rank.c: sample the tasks of a scope (the global task list, or a
 * memory cgroup's members) and rank them with core/rank.c.  Speed: see
 * the prefilter in core/rank.c; only likely candidates' status is read.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/rank.h"
#include "sys/blast-reader.h"
#include "lib/escape.h"
#include "lib/diag.h"
#include "lib/sort.h"
#include "lib/xalloc.h"
#include "sys/bpf-sampler.h"
#include "sys/cgroupfs.h"
#include "sys/gather-rank.h"
#include "sys/logsource.h"
#include "sys/owner-names.h"
#include "sys/sampler.h"
#include "sys/users.h"

struct trim_ctx {
	struct ranking *r;
	const struct rank_request *req;
	int self;			/* oomrisk's own pid: ranked after every other task */
};

static void
trim_list(void *ctx)
{
	struct trim_ctx *c = ctx;
	size_t i;

	for (i = 0; i < c->r->tasks.n; i++)
		c->r->tasks.v[i].self = c->r->tasks.v[i].pid == c->self;
	rank_trim(c->r, c->req);
}

static int
bypid_cmp(const void *pa, const void *pb, void *arg)
{
	const int *pids = arg;
	int a = pids[*(const size_t *)pa], b = pids[*(const size_t *)pb];

	return a < b ? -1 : a > b;
}

/* The member index of pid, by binary search over m->bypid; m->n when absent. */
static size_t
member_of(const struct cgroup_members *m, int pid)
{
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int p = m->pids[m->bypid[mid]];

		if (p == pid)
			return m->bypid[mid];
		if (p < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return m->n;
}

/*
 * Give each task of a memcg scope its place in the kernel's walk.  The
 * /proc sampler returns the members in the order asked (vanished ones left
 * out), so a cursor finds each; tasks in another order (the BPF iterator's)
 * are looked up by pid.
 */
static void
set_scan_keys(struct ranking *r)
{
	struct cgroup_members *m = &r->members;
	size_t i, j = 0, k;
	bool sorted = false;

	for (i = 0; i < r->tasks.n; i++) {
		struct task *t = &r->tasks.v[i];

		for (k = j; k < m->n && k < j + 4 && m->pids[k] != t->pid; k++)
			;
		if (k == m->n || k == j + 4 || m->pids[k] != t->pid) {
			if (!sorted) {
				if (m->capbypid < m->n) {
					m->capbypid = m->n;
					m->bypid = xreallocarray(m->bypid, m->n, sizeof(*m->bypid));
				}
				for (k = 0; k < m->n; k++)
					m->bypid[k] = k;
				sort_inplace(m->bypid, m->n, sizeof(*m->bypid), bypid_cmp, m->pids);
				sorted = true;
			}
			if ((k = member_of(m, t->pid)) == m->n)
				continue;
		}
		t->scan_key = m->keys[k];
		t->cgroup = (int32_t)m->cgs[k];	/* the walk's cgroup; gather_cgroups() interns it */
		j = k + 1;
	}
}

/*
 * The BPF backend's task list: every task in full (trimmed to what the
 * limit can show while the scan fills it), or a memory cgroup's members
 * with the cgroup's page counters (sys/bpf-sampler.h).
 */
static int
collect_bpf(struct bpf_sampler *b, const struct rank_request *req, struct ranking *r,
    int self, struct buf *err)
{
	struct trim_ctx c = { r, req, self };
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
	/* Mounts do not move under a running sampler: read once (top stays allocation-free). */
	if (!r->cgroup_version_read) {
		struct memcg_mount mnt;

		r->cgroup_version = cgroupfs_find_mount(s, &mnt) == 0 ? mnt.version : 0;
		r->cgroup_version_read = true;
	}
	r->ties_later = rank_ties_to_later(r->model, r->model_auto, r->sys.release);
	r->tie_scan = TIE_SCAN_TASK_LIST;
	r->totalpages = r->sys.totalpages;
	r->memcg_unlimited = false;
	if (r->scope == SCOPE_GLOBAL && bpf != NULL)
		return collect_bpf(bpf, req, r, sampler_self_pid(s), err);
	if (r->scope == SCOPE_GLOBAL)
		return sampler_scan(s, &r->listed, req->want_kernel_scores || req->limit > 0) < 0 ?
		    (buf_puts(err, "/proc: cannot list tasks"), -1) : 0;

	if ((rc = cgroupfs_resolve(s, req->cgroup, &r->memcg, err)) < 0)
		return rc;
	/* Members and page counters from the iterators, before totalpages. */
	if (bpf != NULL && collect_bpf(bpf, req, r, sampler_self_pid(s), err) < 0)
		return -1;
	if (r->memcg.limits.limited) {
		uint64_t swap_pages = r->sys.mi.swap_total / ((uint64_t)r->sys.page_size / 1024);

		r->totalpages = memcg_totalpages(&r->memcg.limits, swap_pages, r->sys.page_size);
	} else {
		r->memcg_unlimited = true;
	}
	/*
	 * The kernel's walk of the subtree orders ties (and names each task's
	 * cgroup); the BPF iterator has already listed the members.
	 */
	r->tie_scan = r->memcg.limits.version == 2 ? TIE_SCAN_MEMCG_PROCS : TIE_SCAN_MEMCG_START;
	if (cgroupfs_collect_members(r->memcg.dir, r->memcg.limits.version == 2, &r->members,
	    err) < 0)
		return -1;
	if (bpf == NULL && sampler_scan_pids(s, r->members.pids, r->members.n, &r->tasks) < 0) {
		buf_puts(err, "/proc: cannot read the cgroup's tasks");
		return -1;
	}
	set_scan_keys(r);
	return 0;
}

/* The memory cgroup path of a task from /proc/PID/cgroup; false when gone. */
static bool
read_task_cgroup(struct sampler *s, struct ranking *r, int pid, char *path, size_t size)
{
	char file[32];
	long n;

	snprintf(file, sizeof(file), "%d/cgroup", pid);
	n = sampler_read(s, file, &r->scratch);
	return n > 0 && cgroup_task_memcg_path(r->scratch.data, (size_t)n,
	    r->cgroup_version ? r->cgroup_version : 2, path, size) == 0;
}

/* Entry i's task's cgroup into the table, read once (a memcg scope has it already). */
static void
read_entry_cgroup(struct sampler *s, struct ranking *r, size_t i)
{
	struct task *t = &r->tasks.v[r->entries[i].task];
	char path[CGROUP_PATH_MAX];

	if (t->cgroup >= 0 || r->scope == SCOPE_MEMCG)
		return;
	if (read_task_cgroup(s, r, t->pid, path, sizeof(path)))
		t->cgroup = (int32_t)cgroup_table_intern(&r->cgroups, path, strlen(path));
}

/*
 * Each ranked task's memory cgroup into the table (core/owner.h): a memcg
 * scope has them from its walk; the global scope reads /proc/PID/cgroup
 * of the rows asked for.  Then the container and pod names.
 */
static void
gather_cgroups(struct sampler *s, const struct rank_request *req, struct ranking *r)
{
	char path[CGROUP_PATH_MAX];
	size_t i, upto;

	if (r->scope == SCOPE_MEMCG) {
		const struct cgroup_members *m = &r->members;
		size_t plen = strlen(r->memcg.path);

		for (i = 0; i < r->tasks.n; i++) {
			struct task *t = &r->tasks.v[i];
			const char *rel;

			if (t->cgroup < 0 || (size_t)t->cgroup >= m->ncg)
				continue;
			rel = m->names.data + m->off[t->cgroup];
			/* The scope "/" and its child "/a": no doubled slash. */
			if (snprintf(path, sizeof(path), "%s%s", plen == 1 && rel[0] ? "" :
			    r->memcg.path, rel) >= (int)sizeof(path)) {
				t->cgroup = -1;
				continue;
			}
			t->cgroup = (int32_t)cgroup_table_intern(&r->cgroups, path, strlen(path));
		}
	} else if (req->want_cgroups) {
		upto = req->limit && req->limit < r->n ? req->limit : r->n;
		for (i = 0; i < upto; i++)
			read_entry_cgroup(s, r, i);
	}
	if (req->want_names)
		owner_names_resolve(sampler_fs_prefix(s), &r->cgroups);
}

bool
gather_rank_ties(struct sampler *s, struct ranking *r, const size_t *entries, size_t n)
{
	size_t i, k;
	bool any = false;

	for (k = 0; k < n; k++) {
		i = entries[k];
		if (i >= r->n || !rank_tie_needs_start(r, i))
			continue;
		/* The entry and the neighbours it ties with: their order is at stake. */
		{
			size_t a = i, b = i;

			while (a > 0 && rank_ties_with(r, a - 1, a))
				a--;
			while (b + 1 < r->n && rank_ties_with(r, b, b + 1))
				b++;
			for (; a <= b; a++) {
				struct task *t = &r->tasks.v[r->entries[a].task];

				if (!t->start_known) {
					t->start_known = sampler_starttime(s, t->pid, &t->start_ticks);
					any = true;
				}
			}
		}
	}
	if (any)
		rank_sort(r->entries, r->n, r->tasks.v, r->ties_later);
	return any;
}

void
gather_rank_cgroups(struct sampler *s, struct ranking *r, const size_t *entries, size_t n,
    bool names)
{
	size_t i, before = r->cgroups.n;

	for (i = 0; i < n; i++)
		if (entries[i] < r->n)
			read_entry_cgroup(s, r, entries[i]);
	if (names && r->cgroups.n != before)
		owner_names_resolve(sampler_fs_prefix(s), &r->cgroups);
}

/*
 * The scope's last kill from the kernel log: /dev/kmsg for the live
 * system, a saved tree's kmsg file (raw records) otherwise; "when" against
 * the proc root's uptime, so that a saved tree says how long before its
 * capture.
 */
static void
gather_last_kill(struct sampler *s, struct ranking *r, bool reread)
{
	struct scope_last_kill *lk = &r->last_kill;
	struct kill_list kills = { 0 };
	struct kmsg_window w;
	struct buf err = BUF_INIT;
	size_t i;
	long n;

	if (reread) {
		memset(lk, 0, sizeof(*lk));
		if (sampler_is_live(s)) {
			lk->read = logsource_read_kills(0, &kills, &w, &err) == 0;
		} else if ((n = sampler_read_regular(s, "kmsg", 64 << 20, &r->scratch)) >= 0) {
			kills_from_kmsg(r->scratch.data, (size_t)n, 0, &kills, &w);
			lk->read = true;
		} else {
			buf_printf(&err, "no kmsg file in the saved tree");
		}
		if (!lk->read)
			snprintf(lk->why, sizeof(lk->why), "%s", buf_str(&err));
		for (i = kills.n; lk->read && i-- > 0;) {
			if (rank_scope_has_kill(r, &kills.v[i])) {
				lk->found = true;
				lk->ev = kills.v[i];
				break;
			}
		}
		kills_free(&kills);
		buf_free(&err);
	}
	/* "How long ago" is against now, also when the kill was read earlier. */
	lk->now_wall = sampler_is_live(s) ? (int64_t)time(NULL) : 0;
	lk->have_now = false;
	if ((n = sampler_read(s, "uptime", &r->scratch)) > 0) {
		char *end;

		lk->now_uptime_s = strtod(r->scratch.data, &end);
		lk->have_now = end != r->scratch.data;
	}
}

/*
 * Exact ties go to the kernel's scan order; where the scan key cannot
 * tell two tasks apart, their start times (fork order) can: read them for
 * the tied tasks only, and sort again.
 */
static void
resolve_ties(struct sampler *s, struct ranking *r, size_t upto)
{
	size_t i;
	bool any = false;

	for (i = 0; i < r->n; i++) {
		struct task *t = &r->tasks.v[r->entries[i].task];

		/* Past upto, only to the end of a run of ties that began before it. */
		if (i >= upto && (i == 0 || !rank_ties_with(r, i - 1, i)))
			break;
		if (!rank_tie_needs_start(r, i))
			continue;
		t->start_known = sampler_starttime(s, t->pid, &t->start_ticks);
		any = true;
	}
	if (any)
		rank_sort(r->entries, r->n, r->tasks.v, r->ties_later);
}

void
gather_rank_groups(struct sampler *s, struct ranking *r, enum group_key key,
    struct rank_groups *g)
{
	struct memcg_mount m;
	size_t i;

	rank_groups_build(r, key, g);
	if (cgroupfs_find_mount(s, &m) < 0)
		return;
	for (i = 0; i < g->n; i++) {
		struct cgroup_entry *c;

		if (g->v[i].cgroup < 0)
			continue;
		c = &r->cgroups.v[g->v[i].cgroup];
		cgroupfs_read_room(&m, r->cgroups.text.data + c->path, &c->room);
	}
}

int
gather_rank(struct sampler *s, const struct rank_request *req, struct ranking *r,
    struct buf *err)
{
	size_t i, out;
	int bound, rc, self = sampler_self_pid(s);
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
	resolve_ties(s, r, req->ties_upto ? req->ties_upto : req->limit ? req->limit : r->n);
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
	gather_cgroups(s, req, r);
	if (req->want_last_kill || r->last_kill.read || r->last_kill.why[0] != '\0')
		gather_last_kill(s, r, req->want_last_kill);
	return 0;
}

/*
 * Read, before anything is printed, the blast radius of the first n
 * entries (the would-be victim's, or every shown task's): an array of n.
 * A radius that cannot be read is warned about and left unknown.
 */
struct blast *
gather_rank_blasts(struct blast_reader *br, struct sampler *s, const struct ranking *r,
    size_t n)
{
	struct blast *blasts = xcalloc(n ? n : 1, sizeof(*blasts));
	size_t i;

	for (i = 0; i < n && i < r->n; i++) {
		const struct task *t = rank_task(r, &r->entries[i]);
		struct blast *b = &blasts[i];
		struct buf err = BUF_INIT, safe = BUF_INIT;

		if (blast_reader_for_task(br, s, r, t, &b->group, &b->members, &err) == 0) {
			b->known = true;
		} else {
			escape_text(&safe, buf_str(&err), err.len, 0);
			warnmsg("rank: blast radius of %d: %s", t->pid, buf_str(&safe));
		}
		buf_free(&safe);
		buf_free(&err);
	}
	return blasts;
}
