/* test-rank: the pure parts of ranking (units, order, prefilter bound). */
#include "config.h"

#include "core/rank.h"
#include "tap.h"

static struct task
mk(int pid, uint64_t anon, uint64_t file, uint64_t shmem, uint64_t pte, int adj, int kscore)
{
	struct task t;

	memset(&t, 0, sizeof(t));
	t.pid = pid;
	t.rss_anon_kb = anon;
	t.rss_file_kb = file;
	t.rss_shmem_kb = shmem;
	t.rss_kb = anon + file + shmem;
	t.rss_split = true;
	t.pgtables_kb = pte;
	t.adj = adj;
	t.kernel_score = kscore;
	return t;
}

/*
 * rank_trim() while a list fills, as the BPF scan calls it, keeps exactly
 * what rank_score()'s limit keeps: 1,000 tasks with ties, adj -1000 and
 * kernel threads, against a full ranking of the same tasks.
 */
static void
test_trim(void)
{
	static struct ranking full, lean;
	static struct task all[1000];
	struct rank_request req;
	struct buf err = BUF_INIT;
	size_t i, k = 40, at, maxlen = 0, same = 0;
	unsigned seed = 12345;
	bool pinned = false;

	for (i = 0; i < 1000; i++) {
		seed = seed * 1103515245 + 12345;
		all[i] = mk((int)(i * 7 % 1000) + 2, (seed >> 8) % 64 * 1024, 0, 0, 4,
		    (int)((seed >> 20) % 5) * 250 - 500, -1);
		all[i].detailed = true;
		all[i].facts.has_mm = true;
		all[i].facts.adj = all[i].adj;
		all[i].facts.kthread = i % 97 == 0;
		all[i].ineligible = oom_task_eligible(&all[i].facts);
	}
	for (i = 0; i < 2; i++) {
		struct ranking *r = i ? &lean : &full;

		r->model = oom_model_by_name("5.9");
		r->sys.page_size = 4096;
		r->totalpages = r->sys.totalpages = 6000000;
		r->scope = SCOPE_GLOBAL;
	}
	memset(&req, 0, sizeof(req));
	rank_begin(&full, &req);
	for (i = 0; i < 1000; i++)
		*task_list_add(&full.tasks) = all[i];
	rank_score(&full, &req, &err);

	req.limit = k;
	req.pin_pid = all[999].pid;
	rank_begin(&lean, &req);
	at = rank_trim_at(&lean, &req);
	ok(at > k && at < 1000, "trimmed every %zu tasks for a limit of %zu", at, k);
	for (i = 0; i < 1000; i++) {
		*task_list_add(&lean.tasks) = all[i];
		if (lean.tasks.n >= at)
			rank_trim(&lean, &req);
		if (lean.tasks.n > maxlen)
			maxlen = lean.tasks.n;
	}
	ok(maxlen <= at, "the list never held more than %zu tasks (%zu)", at, maxlen);
	is_int(lean.tasks.n + lean.trimmed, 1000, "kept + trimmed = every task");
	for (i = 0; i < lean.tasks.n; i++)
		pinned |= lean.tasks.v[i].pid == req.pin_pid;
	ok(pinned, "the pinned task is kept whatever its place");
	rank_score(&lean, &req, &err);
	is_int(lean.n, k, "the limit's entries");
	for (i = 0; i < k; i++)
		same += rank_task(&lean, &lean.entries[i])->pid == rank_task(&full, &full.entries[i])->pid;
	is_int(same, k, "the same first %zu tasks, in the same order, as the full ranking", k);
	is_int(lean.nkillable, full.nkillable, "the killable count includes the trimmed tasks");
	ok(lean.truncated, "the ranking says it was cut");
	memset(&req, 0, sizeof(req));
	is_int(rank_trim_at(&lean, &req), 0, "no limit: never trimmed");
	buf_free(&err);
	ranking_free(&full);
	ranking_free(&lean);
}

/*
 * ranking_shrink() after a ranking of 10,000 tasks and then one of 50 (top
 * leaving its tree for the victim order): the arrays come down, the
 * ranking of 50 reads the same, and a full ranking after it grows again.
 */
static void
test_shrink(void)
{
	static struct ranking r;
	struct rank_request req;
	struct buf err = BUF_INIT;
	size_t i, big_tasks = 0, big_entries = 0, same = 0;
	int first[10];

	r.model = oom_model_by_name("5.9");
	r.sys.page_size = 4096;
	r.totalpages = r.sys.totalpages = 6000000;
	r.scope = SCOPE_GLOBAL;
	memset(&req, 0, sizeof(req));
	for (int round = 0; round < 3; round++) {
		size_t n = round == 1 ? 50 : 10000;

		rank_begin(&r, &req);
		for (i = 0; i < n; i++) {
			struct task *t = task_list_add(&r.tasks);

			*t = mk((int)i + 2, (i * 37 % 500) * 1024, 0, 0, 4, 0, -1);
			t->detailed = true;
			t->facts.has_mm = true;
		}
		is_int(rank_score(&r, &req, &err), 0, "round %d: %zu tasks ranked", round, n);
		if (round == 0) {
			big_tasks = r.tasks.cap;
			big_entries = r.cap;
			ranking_shrink(&r);
			is_int(r.tasks.cap, big_tasks, "a full list in use is not cut");
			continue;
		}
		if (round == 2) {
			ok(r.tasks.cap >= 10000 && r.n == 10000, "a full ranking after the cut grows again");
			break;
		}
		for (i = 0; i < 10; i++)
			first[i] = rank_task(&r, &r.entries[i])->pid;
		ranking_shrink(&r);
		ok(r.tasks.cap < big_tasks / 8, "tasks cut: %zu -> %zu", big_tasks, r.tasks.cap);
		ok(r.cap < big_entries / 8, "entries cut: %zu -> %zu", big_entries, r.cap);
		ok(r.tasks.cap >= r.tasks.n && r.cap >= r.n, "still room for what is in use");
		for (i = 0; i < 10; i++)
			same += rank_task(&r, &r.entries[i])->pid == first[i];
		is_int(same, 10, "the ranking reads the same after the cut");
	}
	buf_free(&err);
	ranking_free(&r);
}

/* The one-line note on what a ranking could not see. */
static void
test_visibility_note(void)
{
	struct ranking r;
	struct buf b = BUF_INIT;

	memset(&r, 0, sizeof(r));
	r.sys.host_pid_ns = true;
	r.scanned = 120;
	ok(rank_sees_all(&r), "host pid namespace, no hidepid, all read: sees all");

	r.sys.proc_hidepid = HIDEPID_INVISIBLE;
	ok(rank_sees_all(&r), "hidepid with CAP_SYS_PTRACE (not restricted): sees all");
	r.sys.proc_restricted = true;
	ok(!rank_sees_all(&r), "hidepid=invisible, restricted: does not");
	rank_visibility_note(&r, &b);
	is_str(buf_str(&b), "not visible: /proc is mounted hidepid=invisible: tasks we may "
	    "not ptrace (other users') are not even listed; the ranking covers only the "
	    "tasks it could read", "invisible: says hidden tasks are not listed");

	buf_reset(&b);
	r.sys.proc_hidepid = HIDEPID_NOACCESS;
	ok(rank_sees_all(&r), "noaccess with nothing denied yet: nothing to note");
	r.unreadable = 117;
	ok(!rank_sees_all(&r), "noaccess with denied reads: note");
	rank_visibility_note(&r, &b);
	is_str(buf_str(&b), "not visible: 117 of 120 tasks could not be read (permission "
	    "denied: /proc is mounted hidepid=noaccess and we lack CAP_SYS_PTRACE); the "
	    "ranking covers only the tasks it could read", "noaccess: counts denied tasks");

	buf_reset(&b);
	r.sys.proc_restricted = false;
	r.sys.proc_hidepid = HIDEPID_OFF;
	r.unreadable = 0;
	r.sys.host_pid_ns = false;
	ok(!rank_sees_all(&r), "another pid namespace: note");
	rank_visibility_note(&r, &b);
	is_str(buf_str(&b), "not visible: /proc shows a pid namespace, not the host's: tasks "
	    "outside it are not listed; the ranking covers only the tasks it could read",
	    "pid namespace note");

	buf_reset(&b);
	r.unreadable = 3;
	rank_visibility_note(&r, &b);
	ok(strstr(buf_str(&b), "3 of 120 tasks could not be read (permission denied); /proc "
	    "shows a pid namespace") != NULL, "two causes in one line (%s)", buf_str(&b));
	ok(strchr(buf_str(&b), '\n') == NULL, "one line");
	buf_free(&b);
}

/* Exact ties follow the kernel's scan order, not pid order (issue 12, item 3). */
static void
test_scan_order(const struct oom_model *model)
{
	struct task t[4];
	struct rank_entry e[4];
	struct oom_task_mem m;
	struct ranking r;
	size_t i;

	memset(e, 0, sizeof(e));
	/* 055 event 1: tieb (498) in /t1/b, created first; tiea (504) in /t1/a. */
	t[0] = mk(498, 49048, 4, 628, 124, 0, 668);
	t[1] = mk(504, 49048, 4, 628, 124, 0, 668);
	t[0].scan_key = (uint64_t)1 << 32;	/* /t1/b: the walk's second cgroup */
	t[1].scan_key = (uint64_t)2 << 32;	/* /t1/a: its third */
	for (i = 0; i < 2; i++) {
		task_oom_mem(&t[i], 4096, &m);
		e[i].task = i;
		oom_score_compute(model, &m, 32768, 6171021, &e[i].score);
	}
	is_int(e[0].score.points, e[1].score.points, "055: equal points");
	rank_sort(e, 2, t, true);
	is_int(t[e[0].task].pid, 504, "5.3+: the sibling walked last (/t1/a) first, its pid higher");
	t[0].scan_key = (uint64_t)2 << 32;
	t[1].scan_key = (uint64_t)1 << 32;
	rank_sort(e, 2, t, true);
	is_int(t[e[0].task].pid, 498, "5.3+: the lower pid when its cgroup is walked last (055)");
	rank_sort(e, 2, t, false);
	is_int(t[e[0].task].pid, 504, "before 5.3: the task scanned first");

	/* 055 event 2: one cgroup, cgroup.procs "566 565": 565 joined last. */
	t[0].pid = 565;
	t[1].pid = 566;
	t[0].scan_key = (uint64_t)1 << 32 | 1;
	t[1].scan_key = (uint64_t)1 << 32 | 0;
	rank_sort(e, 2, t, true);
	is_int(t[e[0].task].pid, 565, "5.3+: the task that joined last, though its pid is lower");

	/* Global: fork order is start time, then pid (pids wrap). */
	t[0].scan_key = t[1].scan_key = 0;
	t[0].pid = 300;		/* forked after a wrap of pid_max */
	t[1].pid = 32000;
	t[0].start_ticks = 9000;
	t[1].start_ticks = 100;
	t[0].start_known = t[1].start_known = true;
	rank_sort(e, 2, t, true);
	is_int(t[e[0].task].pid, 300, "global, 5.3+: the task forked last (after a pid wrap) first");
	t[0].start_known = false;
	rank_sort(e, 2, t, true);
	is_int(t[e[0].task].pid, 32000, "start time unknown: pid order");

	/* Which tied tasks need their start time read. */
	memset(&r, 0, sizeof(r));
	r.tasks.v = t;
	r.tasks.n = 3;
	r.entries = e;
	r.n = 3;
	t[2] = mk(700, 10, 0, 0, 4, 0, 666);
	t[0].scan_key = t[1].scan_key = 5;
	t[2].scan_key = 5;
	t[0].start_known = t[1].start_known = false;
	task_oom_mem(&t[2], 4096, &m);
	e[2].task = 2;
	oom_score_compute(model, &m, 32768, 6171021, &e[2].score);
	rank_sort(e, 3, t, true);
	ok(rank_tie_needs_start(&r, 0) && rank_tie_needs_start(&r, 1),
	    "equal points and scan keys: both need their start time");
	ok(!rank_tie_needs_start(&r, 2), "a task with other points does not");
	t[e[0].task].scan_key = 6;
	ok(!rank_tie_needs_start(&r, 0), "different scan keys decide without it");

	ok(rank_ties_to_later(model, true, "5.3.0"), "5.3: ties to the later task");
	ok(!rank_ties_to_later(model, true, "5.2.21"), "5.2: ties to the earlier (model 5.9 aside)");
	ok(rank_ties_to_later(model, false, "5.2.21"), "--model 5.9: the model's rule");
	ok(!rank_ties_to_later(oom_model_by_name("4.17"), false, "6.1.0"), "--model 4.17: earlier");
}

int
main(void)
{
	struct task tasks[5];
	struct rank_entry e[5];
	struct oom_task_mem m;
	const struct oom_model *model = oom_model_by_name("5.9");
	size_t i;

	memset(e, 0, sizeof(e));
	/* 041 hog_a in kB: anon 48128, file 6772, pgtables 160 kB. */
	tasks[0] = mk(4857, 48128, 6772, 0, 160, 0, 668);
	task_oom_mem(&tasks[0], 4096, &m);
	is_int(m.rss, 13725, "kB to pages: 12032 + 1693 = 13725 (041 hog_a)");
	is_int(m.pgtables, 40, "VmPTE 160 kB = 40 pages");
	task_oom_mem(&tasks[0], 65536, &m);
	is_int(m.pgtables, 2, "64 KiB pages: 160 kB = 2 pages (page size read, not assumed)");

	tasks[1] = mk(100, 4, 0, 0, 4, 0, 666);
	tasks[2] = mk(200, 4, 0, 0, 4, 0, 666);
	tasks[3] = mk(300, 100000, 0, 0, 200, -1000, 0);
	tasks[4] = mk(50, 20000, 0, 0, 40, 800, 1400);
	for (i = 0; i < 5; i++) {
		task_oom_mem(&tasks[i], 4096, &m);
		e[i].task = i;
		oom_score_compute(model, &m, 6171021, 6171021, &e[i].score);
	}
	rank_sort(e, 5, tasks, true);
	is_int(tasks[e[0].task].pid, 50, "adj 800 task first");
	is_int(tasks[e[1].task].pid, 4857, "then the largest");
	is_int(tasks[e[2].task].pid, 200, "5.3+: on a tie the later task (higher pid) first");
	is_int(tasks[e[4].task].pid, 300, "adj -1000 last");
	rank_sort(e, 5, tasks, false);
	is_int(tasks[e[2].task].pid, 100, "before 5.3: on a tie the earlier task first");

	{
		struct task_ref refs[5];

		for (i = 0; i < 5; i++) {
			refs[i].pid = tasks[i].pid;
			refs[i].kernel_score = tasks[i].kernel_score;
		}
		is_int(rank_prefilter_bound(refs, 5, 2), 668, "bound for top 2 = 2nd highest oom_score");
		is_int(rank_prefilter_bound(refs, 5, 0), -1, "no limit: no prefilter");
		is_int(rank_prefilter_bound(refs, 5, 5), -1, "limit >= n: no prefilter");
		refs[4].kernel_score = -1;
		is_int(rank_prefilter_bound(refs, 5, 2), 666, "unreadable scores are not counted");
	}
	test_scan_order(model);
	/* An empty scope (a cgroup whose tasks are all hidden): no entries array. */
	rank_sort(NULL, 0, NULL, true);
	ok(1, "sorting no entries is a no-op (UBSan: no qsort(NULL, 0))");
	test_visibility_note();
	test_trim();
	test_shrink();
	return tap_done();
}
