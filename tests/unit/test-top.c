/*
 * test-top: the model of `top` without a terminal: sort keys, the filter
 * (names and command lines), the process tree, and the selection that
 * follows its task and says who died.  The lines are test-top-view's.
 */
#include "config.h"

#include "core/top.h"
#include "tap.h"

#define NT 8

static struct top t;
static struct task tasks[NT];
static struct rank_entry entries[NT];

static void
mk(size_t i, int pid, int ppid, const char *comm, uint64_t rss_kb, int64_t points)
{
	struct task *k = &tasks[i];

	memset(k, 0, sizeof(*k));
	k->pid = pid;
	k->ppid = ppid;
	k->uid = -1;
	snprintf(k->comm, sizeof(k->comm), "%s", comm);
	k->comm_len = strlen(comm);
	k->rss_kb = rss_kb;
	k->cmdline_off = TASK_NO_CMDLINE;
	k->facts.has_mm = true;
	entries[i].task = i;
	entries[i].score.eligible = true;
	entries[i].score.points = points;
	entries[i].score.base = points;
	entries[i].score.proc_score = 666;
	entries[i].score.scope_score = 666;
}

/* A command line in the list's string arena, as the sampler stores it. */
static void
cmdline(size_t i, const char *cl)
{
	tasks[i].cmdline_off = t.rank.tasks.strings.len;
	tasks[i].cmdline_len = strlen(cl);
	buf_add(&t.rank.tasks.strings, cl, strlen(cl) + 1);
}

/* Free what the model allocated (the tasks and entries are static here). */
static void
teardown(void)
{
	buf_free(&t.rank.tasks.strings);
	free(t.rows);
	free(t.tree.rows);
	free(t.tree.parent);
	free(t.tree.first);
	free(t.tree.next);
	free(t.tree.stack);
	free(t.tree.bypid);
	free(t.tree.done);
	growth_free(&t.growth);
	memset(&t, 0, sizeof(t));
}

static void
setup(size_t n)
{
	teardown();
	growth_init(&t.growth);
	/* Already in victim order, as gather_rank leaves it. */
	mk(0, 300, 100, "java", 4096, 900);
	mk(1, 100, 1, "postgres", 8192, 800);
	mk(2, 200, 100, "Bash", 1024, 500);
	mk(3, 50, 1, "bash", 2048, 100);
	mk(4, 400, 300, "worker", 512, 90);
	mk(5, 1, 0, "init", 256, 80);
	mk(6, 7, 8, "loopa", 128, 70);
	mk(7, 8, 7, "loopb", 64, 60);
	t.rank.tasks.v = tasks;
	t.rank.tasks.n = n;
	t.rank.entries = entries;
	t.rank.n = n;
	t.rank.nkillable = n;
	t.rank.totalpages = 1000000;
	t.have_rank = true;
	t.opt.interval = 1;
}

static int
row_pid(size_t i)
{
	return rank_task(&t.rank, top_row_entry(&t, &t.rows[i]))->pid;
}

static void
test_rows(void)
{
	double rate;

	setup(4);
	top_build_rows(&t);
	is_int(t.nrows, 4, "all rows");
	ok(row_pid(0) == 300 && row_pid(3) == 50, "score: the victim order");
	is_int(t.rows[0].rank, 1, "rank column 1 for the victim");
	t.opt.sort = TOP_SORT_RSS;
	top_build_rows(&t);
	ok(row_pid(0) == 100 && row_pid(1) == 300 && row_pid(2) == 50 && row_pid(3) == 200,
	    "rss: largest first");
	is_int(t.rows[0].rank, 2, "a row keeps its victim rank whatever the sort");
	t.opt.sort = TOP_SORT_PID;
	top_build_rows(&t);
	ok(row_pid(0) == 50 && row_pid(3) == 300, "pid: ascending");

	/* Growth: two refreshes of the growth table. */
	growth_begin(&t.growth, 1, 4);
	growth_record(&t.growth, 300, 1000, &rate);
	growth_record(&t.growth, 200, 1000, &rate);
	growth_begin(&t.growth, 2, 4);
	growth_record(&t.growth, 300, 1500, &rate);
	growth_record(&t.growth, 200, 3000, &rate);
	t.opt.sort = TOP_SORT_GROWTH;
	top_build_rows(&t);
	ok(row_pid(0) == 200 && row_pid(1) == 300, "growth: fastest first (+2000 > +500 kB/s)");
	ok(!t.rows[2].growth_known && !t.rows[3].growth_known, "unknown growth last");
	ok(row_pid(2) == 50 && row_pid(3) == 100, "unknown ones by pid");
	growth_free(&t.growth);
	growth_init(&t.growth);

	t.opt.sort = TOP_SORT_SCORE;
	top_set_filter(&t, "BASH", 4);
	top_build_rows(&t);
	ok(t.nrows == 2 && row_pid(0) == 200 && row_pid(1) == 50,
	    "filter: case-insensitive substring, victim order kept");
	top_set_filter(&t, "", 0);
	top_build_rows(&t);
	is_int(t.nrows, 4, "empty filter shows all");
	ok(top_victim(&t) == &entries[0], "victim is the first entry");

	ok(top_text_matches("postgres", 8, "GRES", 4), "match inside");
	ok(!top_text_matches("pg", 2, "pgsql", 5), "filter longer than text");
	ok(top_text_matches("x", 1, "", 0), "empty filter");
	ok(top_text_matches("a\0b\x1b", 4, "b\x1b", 2), "raw bytes compared as bytes");
}

/* The filter looks at the name and, where it was read, the command line: both. */
static void
test_filter(void)
{
	struct rank_request req;

	setup(4);
	cmdline(0, "/usr/bin/java -Xmx8g -jar checkpointer.jar");
	cmdline(1, "postgres: checkpointer");
	top_set_filter(&t, "checkpointer", 12);
	top_build_rows(&t);
	ok(t.nrows == 2 && row_pid(0) == 300 && row_pid(1) == 100,
	    "a command line matches although the name does not (%zu rows)", t.nrows);
	top_set_filter(&t, "JAVA", 4);
	top_build_rows(&t);
	ok(t.nrows == 1 && row_pid(0) == 300, "and the name matches without the command line");
	t.opt.cmdline = false;
	top_set_filter(&t, "ckpoint", 7);
	top_build_rows(&t);
	is_int(t.nrows, 2, "whichever the c toggle shows");

	/* What a refresh must read for it. */
	top_set_filter(&t, "", 0);
	top_set_want(&t, 40);
	top_rank_request(&t, &req);
	ok(req.limit == 40 && !req.want_cmdline, "no filter: the rows on screen, no command lines");
	t.filtering = true;
	top_rank_request(&t, &req);
	ok(req.limit == 0 && req.want_cmdline, "typing a filter: every task, with command lines");
	t.filtering = false;
	top_set_filter(&t, "x", 1);
	top_rank_request(&t, &req);
	ok(req.limit == 0 && req.want_cmdline, "a filter kept: the same");
	top_set_filter(&t, "", 0);
	t.opt.tree = true;
	t.pin_pid = 4242;
	top_rank_request(&t, &req);
	ok(req.limit == 0 && req.pin_pid == 4242, "the tree: every task; the selection pinned");
}

/*
 * The tree: init (1) <- postgres (100) <- java (300) <- worker (400),
 * postgres <- Bash (200), init <- bash (50), and a parent cycle 7 <-> 8.
 * Siblings stay in victim order (java before Bash under postgres).
 */
static void
test_tree(void)
{
	size_t i;

	setup(NT);
	t.opt.tree = true;
	top_build_rows(&t);
	is_int(t.nrows, NT, "every row once");
	is_int(row_pid(0), 1, "init first: the root of postgres and bash");
	ok(row_pid(1) == 100 && t.rows[1].depth == 1 && !t.rows[1].last, "postgres under init, not last");
	ok(row_pid(2) == 300 && t.rows[2].depth == 2 && !t.rows[2].last,
	    "java under postgres, first (victim order)");
	ok(row_pid(3) == 400 && t.rows[3].depth == 3 && t.rows[3].last,
	    "worker under java, its last child");
	ok(t.rows[3].guides == 3, "worker's guides: init's and postgres' lines go on (%u)",
	    t.rows[3].guides);
	ok(row_pid(4) == 200 && t.rows[4].depth == 2 && t.rows[4].last, "Bash: postgres' last child");
	ok(t.rows[4].guides == 1, "Bash's guides: init's line only (%u)", t.rows[4].guides);
	ok(row_pid(5) == 50 && t.rows[5].depth == 1 && t.rows[5].last, "bash: init's last child");
	ok(row_pid(6) == 7 && t.rows[6].depth == 0 && row_pid(7) == 8 && t.rows[7].depth == 1,
	    "a parent cycle ends: its first row becomes a root");
	ok(t.rows[2].rank == 1 && t.rows[0].rank == 6, "rows keep their victim rank");

	/* Filtered: a parent outside the filter leaves its children roots. */
	top_set_filter(&t, "a", 1);
	top_build_rows(&t);
	ok(t.nrows == 4 && row_pid(0) == 300 && t.rows[0].depth == 0 && t.rows[1].depth == 0,
	    "filter 'a': java and Bash are roots, their parent filtered out (%zu rows)", t.nrows);
	top_set_filter(&t, "", 0);

	/* A 5,000-deep chain: no recursion to overflow, guides capped. */
	{
		static struct task deep[5000];
		static struct rank_entry de[5000];

		teardown();
		for (i = 0; i < 5000; i++) {
			deep[i].pid = (int)i + 2;
			deep[i].ppid = (int)i + 1;
			deep[i].cmdline_off = TASK_NO_CMDLINE;
			de[i].task = i;
			de[i].score.eligible = true;
		}
		t.rank.tasks.v = deep;
		t.rank.tasks.n = 5000;
		t.rank.entries = de;
		t.rank.n = 5000;
		t.have_rank = true;
		t.opt.tree = true;
		top_build_rows(&t);
		ok(t.nrows == 5000 && t.rows[4999].depth == 4999 && row_pid(4999) == 5001,
		    "a 5,000-deep chain, in order");
		teardown();
	}
}

/* The selection: follows its task, and says who died when it dies. */
static void
test_follow(void)
{
	struct top_selection sel;
	struct top_death d;
	struct task saved;

	setup(4);
	top_build_rows(&t);
	top_select_row(&t, &sel, 1);
	is_int(sel.pid, 100, "row 1 is postgres");
	ok(sel.live, "which has memory");

	/* postgres moves down: the selection moves with it. */
	entries[1].task = 2;
	entries[2].task = 1;
	top_build_rows(&t);
	is_int(top_follow(&t, &sel, &d), TOP_FOLLOW_SAME, "same task");
	ok(sel.row == 2 && sel.pid == 100, "on its new row (%zu)", sel.row);
	entries[1].task = 1;
	entries[2].task = 2;
	top_build_rows(&t);
	top_follow(&t, &sel, &d);

	/* postgres exits: gone from the list. */
	saved = tasks[1];
	tasks[1].pid = 999;
	snprintf(tasks[1].comm, sizeof(tasks[1].comm), "newcomer");
	tasks[1].comm_len = 8;
	top_build_rows(&t);
	is_int(top_follow(&t, &sel, &d), TOP_FOLLOW_DIED, "gone: died");
	ok(d.pid == 100 && d.comm_len == 8 && memcmp(d.comm, "postgres", 8) == 0,
	    "says who: 100 (postgres)");
	ok(!d.zombie && d.oom_kills == 0, "exited, no OOM kill counted");
	ok(sel.row == 1 && sel.pid == 999, "now on the task at the same rank (999)");

	/* A zombie: still listed, no memory (the OOM killer's victim after the kill). */
	tasks[1] = saved;
	top_build_rows(&t);
	top_select_row(&t, &sel, 1);
	tasks[1].facts.has_mm = false;
	entries[1].score.eligible = false;
	entries[1].task = 3;
	entries[3].task = 1;
	t.have_oom_prev = true;
	t.oom_kill_prev = 10;
	t.snap.vm.have_oom_kill = true;
	t.snap.vm.oom_kill = 11;
	top_build_rows(&t);
	is_int(row_pid(3), 100, "the zombie sorts last, unkillable");
	is_int(top_follow(&t, &sel, &d), TOP_FOLLOW_DIED, "a task that lost its memory died");
	ok(d.zombie && d.oom_kills == 1, "a zombie, with one OOM kill since the last refresh");
	ok(sel.row == 1 && sel.pid == 50, "not after the zombie: on the task now at its rank (%d)",
	    sel.pid);

	/* Selected while a zombie: it stays. */
	top_select_row(&t, &sel, 3);
	ok(!sel.live, "a zombie selected on purpose");
	top_build_rows(&t);
	is_int(top_follow(&t, &sel, &d), TOP_FOLLOW_SAME, "stays selected");

	/* Filtered out: the selection stays on the row, no death. */
	tasks[1] = saved;
	entries[1].task = 1;
	entries[1].score.eligible = true;
	entries[3].task = 3;
	top_build_rows(&t);
	top_select_row(&t, &sel, 1);
	top_set_filter(&t, "bash", 4);
	top_build_rows(&t);
	is_int(top_follow(&t, &sel, &d), TOP_FOLLOW_MOVED, "filtered out: moved, not dead");
	top_set_filter(&t, "", 0);

	/* Alive, but outside the rows a limited ranking kept: read them all. */
	top_build_rows(&t);
	top_select_row(&t, &sel, 3);
	t.rank.n = 2;
	top_build_rows(&t);
	is_int(top_follow(&t, &sel, &d), TOP_FOLLOW_AWAY, "outside the rows read: away");
	teardown();
}

int
main(void)
{
	test_rows();
	test_filter();
	test_tree();
	test_follow();
	return tap_done();
}
