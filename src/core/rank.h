/*
 * rank.h: rank every task the way the kernel would pick an OOM victim,
 * globally or within one memory cgroup.  `rank`, `top` and `check` share
 * this; only the views differ.
 */
#ifndef OOMRISK_CORE_RANK_H
#define OOMRISK_CORE_RANK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/badness.h"
#include "core/decisive.h"
#include "core/memcg.h"
#include "core/owner.h"
#include "core/task.h"
#include "core/users.h"
#include "core/whatif.h"
#include "lib/buf.h"
#include "log/kills.h"

enum rank_scope { SCOPE_GLOBAL, SCOPE_MEMCG };

/*
 * The order in which the kernel's OOM scan meets the tasks of a scope,
 * which decides exact ties (5.3+ keeps the last task scanned, earlier
 * kernels the first), and how much of it /proc and cgroupfs show:
 *  - global (select_bad_process): for_each_process, the task list in
 *    fork order, read here as start time, then pid (pids alone go wrong
 *    once they wrap around pid_max);
 *  - memcg (mem_cgroup_scan_tasks): a pre-order walk of the OOM memcg's
 *    subtree (mem_cgroup_iter), siblings in creation order (the order of
 *    their inode numbers, kernfs ids; not cgroupfs's readdir order), and
 *    in each memcg its tasks in the order they joined (css_task_iter),
 *    which cgroup v2's cgroup.procs lists; cgroup v1 sorts cgroup.procs
 *    by pid, so there the start time stands in for the join order (right
 *    for tasks forked inside the cgroup, not for tasks moved in).
 */
enum tie_scan { TIE_SCAN_TASK_LIST, TIE_SCAN_MEMCG_PROCS, TIE_SCAN_MEMCG_START };

struct rank_entry {
	size_t task;		/* index into ranking.tasks.v */
	struct oom_score score;
	/*
	 * This oomrisk process itself: scored like any task, but sorted after
	 * every other killable task and never given a rank, so that oomrisk
	 * never names itself as the would-be victim (rank --all lists it,
	 * marked).
	 */
	bool self;
};

/* A task the views may name as a candidate: killable, and not oomrisk itself. */
static inline bool
rank_candidate(const struct rank_entry *e)
{
	return e->score.eligible && !e->self;
}

struct rank_request {
	const struct oom_model *model;	/* NULL: the running kernel's */
	const char *cgroup;		/* NULL: global scope */
	size_t limit;			/* rank at least this many (and at least 2); 0 = every task */
	bool want_cmdline;		/* read command lines of the ranked rows */
	/*
	 * Read the kernel's own oom_score of every task.  Needed for the
	 * prefilter (limit > 0) and to spot tasks the kernel skips; without
	 * it only the first entry's is read, which makes a full ranking
	 * about a third cheaper.
	 */
	bool want_kernel_scores;
	/*
	 * Read the memory cgroup (and so the unit and container) of the
	 * ranked rows: the first `limit`, every task when limit is 0.  A
	 * memcg scope knows them from its walk at no cost.
	 */
	bool want_cgroups;
	/* Look up container and pod names in the runtimes' files (owner.h). */
	bool want_names;
	/* Read the kernel log for the scope's last kill (ranking.last_kill). */
	bool want_last_kill;
	/*
	 * Put exact ties in the kernel's scan order (start times are read for
	 * tied tasks) among the first this many entries, and the whole run of
	 * ties reaching past them; 0: as many as `limit` (every entry when
	 * limit is 0).  `top` asks for the rows a screen holds.
	 */
	size_t ties_upto;
	/*
	 * A task to read in full and keep in the task list whatever the
	 * limit (not necessarily among the entries): top's selected task,
	 * so that each refresh says whether it still lives.  0: none.
	 */
	int pin_pid;
	/*
	 * Hypothetical changes (rank --adj/--grow) applied to the sampled
	 * numbers before scoring; NULL for none.  gather_rank() fills in
	 * each entry's found/old_adj/grow_kb.
	 */
	struct whatif_list *whatif;
};

/*
 * The last OOM kill in a scope, from the kernel log, for the scope header
 * of rank and top: globally any kill; in a memory cgroup, a kill of a
 * task in its subtree or a memcg OOM of the cgroup or below.
 */
struct scope_last_kill {
	bool read;			/* the kernel log was read (else why says why not) */
	char why[160];
	bool found;
	struct oom_kill_event ev;
	bool have_now;
	double now_uptime_s;		/* seconds since boot when read */
	int64_t now_wall;		/* wall clock then; 0 for a saved tree */
};

/* Does the kill belong to the ranking's scope (see struct scope_last_kill)? */
struct ranking;
bool rank_scope_has_kill(const struct ranking *r, const struct oom_kill_event *ev);

struct ranking {
	const struct oom_model *model;
	bool model_auto;		/* chosen from uname -r */
	struct system_mem sys;
	enum rank_scope scope;
	struct memcg_scope memcg;	/* valid for SCOPE_MEMCG */
	bool memcg_unlimited;		/* no limit: global totalpages used */
	uint64_t totalpages;		/* the scope's T */
	bool ties_later;		/* equal points: the last task scanned is killed (5.3+) */
	enum tie_scan tie_scan;
	struct task_list tasks;
	/*
	 * The global /proc scan: every task as pid and oom_score; only the
	 * prefilter's candidates become tasks.
	 */
	struct task_refs listed;
	/* Tasks rank_trim() dropped while the list filled (and the killable among them). */
	size_t trimmed, trimmed_killable;
	struct user_table users;	/* names of the tasks' uids (the gather step fills it) */
	struct rank_entry *entries;	/* best candidate first */
	size_t n, cap;
	size_t nkillable;		/* among the tasks scored, oomrisk itself not counted */
	size_t scanned;			/* thread groups enumerated */
	size_t unreadable;		/* listed but not readable (hidepid) */
	bool prefiltered;		/* only likely candidates were read in full */
	/*
	 * Every task was scored, but with a limit only the first
	 * max(limit, 2) entries were put in order and kept (sort_first()).
	 */
	bool truncated;
	const struct whatif_list *whatif;	/* the request's, or NULL */
	struct cgroup_members members;	/* memcg scope: the subtree in scan order */
	struct cgroup_table cgroups;	/* the tasks' cgroups (task.cgroup indexes it) */
	int cgroup_version;		/* of the memory controller: 1, 2, 0 none */
	bool cgroup_version_read;
	struct buf scratch;		/* the gather step's reads, reused */
	/* Kept across gathers that do not ask for it (top re-reads it after a kill). */
	struct scope_last_kill last_kill;
	int *scores;			/* prefilter scratch, reused */
	size_t capscores;
	bool *keep;			/* rank_trim() scratch, reused */
	size_t capkeep;
};

/*
 * The ranking steps that need no I/O, in the order sys/gather-rank.c runs
 * them (reusing the ranking's memory: a refresh loop allocates nothing
 * once warm): rank_begin() empties it for the request; the gather step
 * fills sys, model, scope, totalpages and the task list (the global /proc
 * scan fills `listed` instead); rank_prefilter() gives the oom_score bound
 * under which rank_skips() says a listed task need not be read in full
 * (-1: read every task); rank_score() scores, applies the what-ifs and
 * sorts (with a limit, only the first max(limit, 2) entries, which it
 * keeps: the others are dropped and r->truncated says so).  rank_score()
 * returns 0, or -2 when a what-if names a pid that is not in the scope (a
 * usage error; err says why).
 */
void rank_begin(struct ranking *r, const struct rank_request *req);
int rank_prefilter(struct ranking *r, const struct rank_request *req);
bool rank_skips(const struct rank_request *req, int bound, const struct task_ref *t);

/*
 * A source that gives every task in full (the BPF iterator) would make a
 * refresh that shows 40 rows hold 10,000 tasks.  With a limit, the gather
 * step calls rank_trim() whenever the task list reaches rank_trim_at()
 * tasks (0: never; only for the global scope, whose totalpages is known
 * before the list fills): it scores the list and drops the tasks behind
 * the first max(limit, 2) in the kernel's order, but never the pinned
 * task, a what-if's, or one not yet detailed; r->trimmed counts what it
 * dropped (r->trimmed_killable the killable among them), and the ranking
 * is then truncated, exactly as rank_score()'s limit would have cut it.
 */
size_t rank_trim_at(const struct ranking *r, const struct rank_request *req);
void rank_trim(struct ranking *r, const struct rank_request *req);
int rank_score(struct ranking *r, const struct rank_request *req, struct buf *err);
void ranking_free(struct ranking *r);

/*
 * Give back the memory a ranking of every task left behind, once the
 * rankings asked for need far less (top leaving its tree, its filter or
 * another order for the victim order's page): each array kept at least
 * four times larger than its use is cut to twice its use.  Allocates only
 * when it shrinks something.
 */
void ranking_shrink(struct ranking *r);

static inline const struct task *
rank_task(const struct ranking *r, const struct rank_entry *e)
{
	return &r->tasks.v[e->task];
}

/* The task's cgroup entry, or NULL when it was not read. */
static inline const struct cgroup_entry *
rank_task_cgroup(const struct ranking *r, const struct task *t)
{
	return t->cgroup >= 0 && (size_t)t->cgroup < r->cgroups.n ? &r->cgroups.v[t->cgroup] :
	    NULL;
}

/* Pure helpers, exposed for tests. */

/* A sampled task's numbers in pages, as the scorer takes them. */
void task_oom_mem(const struct task *t, long page_size, struct oom_task_mem *out);

/*
 * Sort entries into the kernel's order: eligible first, points descending;
 * equal points in the kernel's scan order (task.h scan_key, then start
 * time, then pid), the task it keeps first: the one scanned last since
 * 5.3 (ties_to_later), the one scanned first before.
 */
void rank_sort(struct rank_entry *e, size_t n, const struct task *tasks, bool ties_to_later);

/*
 * Does the running kernel keep the last task scanned on equal points?
 * oom_evaluate_task() skips a candidate only when it scores below the
 * best from 5.3 (before, also on equality).  From the release when the
 * model is the running kernel's; from the model (--model) otherwise.
 */
bool rank_ties_to_later(const struct oom_model *m, bool model_auto, const char *release);

/*
 * Entry i ties (equal points, both killable) with a neighbour that has the
 * same scan_key, and its start time is unknown: the gather step reads it
 * and sorts again.
 */
bool rank_tie_needs_start(const struct ranking *r, size_t i);
/* Entries i and j tie: both killable, equal points, the same scan key. */
bool rank_ties_with(const struct ranking *r, size_t i, size_t j);

/*
 * The prefilter bound: the limit-th highest of the kernel's oom_score
 * values (-1 unreadable ones ignored), or -1 when every task must be read.
 * Because oom_score is a monotone function of the global badness, the
 * global top `limit` tasks all have oom_score >= this bound.
 */
int rank_prefilter_bound(const struct task_ref *tasks, size_t n, size_t limit);

/* The what-if applied to a ranked task, or NULL. */
const struct whatif *rank_whatif(const struct ranking *r, const struct task *t);

/*
 * Did the ranking see every task the kernel would weigh?  Not when /proc
 * hides other users' tasks (hidepid), when some tasks' files could not be
 * read, or when /proc shows a pid namespace other than the host's.
 */
bool rank_sees_all(const struct ranking *r);
/* What it could not see, as one line without a newline, for the views. */
void rank_visibility_note(const struct ranking *r, struct buf *out);

/*
 * Compare the first two killable entries of a sorted ranking.  False when
 * no task is killable.  gather_rank() always scores the runner-up, even
 * with limit 1.
 */
bool rank_decisive(const struct ranking *r, struct decisive *d);
/* Memory charged to the task (rss + swap + page tables) as a percentage of T. */
double rank_share_pct(const struct ranking *r, const struct rank_entry *e);

#endif
