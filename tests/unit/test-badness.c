/*
 * test-badness: oom_badness per era on numbers checked by hand against the
 * kernel source and against real reports in tests/oom-logs.
 */
#include "config.h"

#include "core/badness.h"
#include "tap.h"

static struct oom_score
score(const char *model, uint64_t rss, uint64_t swap, uint64_t pgt, int adj, int root,
    uint64_t T)
{
	struct oom_task_mem m = { rss, swap, pgt, adj, root != 0, OOM_ELIGIBLE };
	struct oom_score s;

	oom_score_compute(oom_model_by_name(model), &m, T, T, &s);
	return s;
}

static void
test_reports(void)
{
	struct oom_score s;

	/*
	 * 050 (3.10 era, RocketMQ): java rss 1537770 + nr_ptes 66407 + swapents
	 * 0 = 1604177 pages; T = 2097151 pages RAM - 94167 reserved = 2002984,
	 * no swap; uid 1000, so no root bonus: 1604177*1000/2002984 = 800.
	 */
	s = score("3.5", 1537770, 0, 66407, 0, 0, 2002984);
	is_int(s.points, 1604177, "050 java: points = rss + nr_ptes + swap");
	is_int(s.kill_score, 800, "050 java: kill line score 800 (3.5 model)");
	s = score("3.14", 1537770, 0, 66407, 0, 0, 2002984);
	is_int(s.kill_score, 800, "050 java: also 800 with the 3.14 model (not root)");

	/*
	 * 052 (3.10.14, MIPS): rss 120018 + nr_ptes 121 = 120139 pages; T =
	 * 262144 - 136074 = 126070; uid 0 so adj -30: 120139 - 30*126 = 116359;
	 * 116359*1000/126070 = 922.
	 */
	s = score("3.5", 120018, 0, 121, 0, 1, 126070);
	is_int(s.root_bonus, 3780, "052: root bonus 30 x (T/1000 = 126) = 3780 pages");
	is_int(s.points, 116359, "052: points 116359");
	is_int(s.kill_score, 922, "052: kill line score 922 only with the pre-3.14 root bonus");
	s = score("4.17", 120018, 0, 121, 0, 1, 126070);
	is_int(s.kill_score, 952, "052: 952 without a root bonus");
	s = score("3.14", 120018, 0, 121, 0, 1, 126070);
	is_int(s.root_bonus, 3604, "052 with 3.14 model: bonus = 120139*3/100 = 3604");
	is_int(s.kill_score, 924, "052 with 3.14 model: (120139-3604)*1000/126070 = 924");

	/*
	 * 041 (6.18 memcg, 64 MiB = 16384 pages, no swap): hog_a rss 13725 +
	 * pgtables 163840 bytes = 40 pages; grower_b 5878 + 22.  Both adj 0.
	 */
	s = score("5.9", 13725, 0, 40, 0, 0, 16384);
	is_int(s.points, 13765, "041 hog_a: 13725 + 40 = 13765 points");
	ok(s.points > score("5.9", 5878, 0, 22, 0, 0, 16384).points,
	    "041: hog_a outranks grower_b");
}

static void
test_current(void)
{
	struct oom_score s;
	struct oom_task_mem m = { 13725, 0, 40, 0, false, OOM_ELIGIBLE };

	/* T = 6171021 (24 GiB, no swap): (1000 + 13765000/6171021 = 2) * 2/3 = 668. */
	s = score("5.9", 13725, 0, 40, 0, 0, 6171021);
	is_int(s.proc_score, 668, "5.9: oom_score = (1000 + 2) * 2 / 3 = 668");
	s = score("5.9", 10, 0, 1, 0, 0, 6171021);
	is_int(s.proc_score, 666, "5.9: a tiny task shows 666");

	/* adj -500: 1000 - 500*6171 = -3084500; *1000/T = -499 (toward 0). */
	s = score("5.9", 1000, 0, 0, -500, 0, 6171021);
	is_int(s.points, -3084500, "5.9: negative badness is kept");
	is_int(s.proc_score, 334, "5.9: (1000 - 499) * 2 / 3 = 334");
	s = score("4.17", 1000, 0, 0, -500, 0, 6171021);
	is_int(s.points, 1, "4.17: negative badness clamped to 1");
	ok(s.clamped, "4.17: clamp is reported");
	is_int(s.proc_score, 0, "4.17: oom_score 1*1000/T = 0");

	/* The live memcg acceptance case: 128 MiB = 32768 pages, adj step 32. */
	s = score("5.9", 5120, 0, 12, 800, 0, 32768);
	is_int(s.adj_points, 25600, "memcg 128M: adj 800 weighs 800 x 32 pages");
	ok(s.points > score("5.9", 15360, 0, 32, 0, 0, 32768).points,
	    "memcg 128M: 20 MiB at adj 800 outranks 60 MiB at adj 0");

	/* /proc oom_score uses the global T even in a memcg scope. */
	oom_score_compute(oom_model_by_name("5.9"), &m, 16384, 6171021, &s);
	is_int(s.points, 13765, "memcg scope: points against the memcg T");
	is_int(s.proc_score, 668, "memcg scope: proc score against the global T");
	is_int(s.scope_score, 1226, "memcg scope: (1000 + 13765000/16384 = 840) * 2/3 = 1226");
	is_int(s.kill_score, 840, "memcg scope: per mille of the memcg T = 840 (041 replay)");

	/* Issue 13's 512M cgroup: points 80373, T 131072 pages, global T 6171021. */
	m.rss = 80373;
	m.pgtables = 0;
	oom_score_compute(oom_model_by_name("5.9"), &m, 131072, 6171021, &s);
	is_int(s.scope_score, 1075, "512M cgroup: (1000 + 613) * 2/3 = 1075 in the scope");
	is_int(s.proc_score, 675, "512M cgroup: /proc's global oom_score (1000 + 13) * 2/3 = 675");
	oom_score_compute(oom_model_by_name("4.17"), &m, 131072, 6171021, &s);
	is_int(s.scope_score, 613, "4.17: in the scope, points per mille of the memcg T");
	is_int(s.proc_score, 13, "4.17: /proc's per mille of the global T");
	oom_score_compute(oom_model_by_name("5.9"), &m, 6171021, 6171021, &s);
	is_int(s.scope_score, s.proc_score, "global scope: scope score = oom_score");

	/* Page tables counted; swap counted. */
	s = score("5.9", 100, 50, 7, 0, 0, 6171021);
	is_int(s.base, 157, "base = rss + swap + page tables");
	s = score("3.14", 100000, 0, 0, 0, 1, 6171021);
	is_int(s.points, 97000, "3.14: root loses 3%% of its own points");
	s = score("3.14", 100000, 0, 0, 0, 0, 6171021);
	is_int(s.points, 100000, "3.14: no bonus without CAP_SYS_ADMIN");
}

static void
test_permille(void)
{
	struct oom_score s;

	s = score("2.6.39", 50000, 0, 0, 0, 0, 100000);
	is_int(s.points, 500, "2.6.39: 500 per mille");
	s = score("2.6.39", 50000, 0, 0, 0, 1, 100000);
	is_int(s.points, 470, "2.6.39: root -30");
	s = score("2.6.39", 50000, 0, 0, 700, 0, 100000);
	is_int(s.points, 1000, "2.6.39: capped at 1000");
	s = score("2.6.39", 10, 0, 0, -200, 0, 100000);
	is_int(s.points, 1, "2.6.39: at least 1");
	is_int(s.proc_score, 1, "2.6.39: oom_score is the badness itself");
	{
		struct oom_task_mem m = { 50000, 0, 0, 0, false, OOM_ELIGIBLE };

		/* A memcg of 100000 pages on a 1000000-page machine. */
		oom_score_compute(oom_model_by_name("2.6.39"), &m, 100000, 1000000, &s);
		is_int(s.points, 500, "2.6.39 memcg: badness against the memcg T");
		is_int(s.scope_score, 500, "2.6.39 memcg: the scope's score is the badness");
		is_int(s.proc_score, 50, "2.6.39 memcg: /proc's oom_score against the global T");
	}
	s = score("2.6.36", 50000, 0, 5000, 0, 0, 100000);
	is_int(s.points, 500, "2.6.36: page tables not counted");
	s = score("2.6.39", 50000, 0, 5000, 0, 0, 100000);
	is_int(s.points, 550, "2.6.39: page tables counted");
}

static void
test_ineligible(void)
{
	struct oom_task_mem m = { 1000, 0, 0, -1000, false, OOM_ELIGIBLE };
	struct oom_score s, t;

	oom_score_compute(oom_model_by_name("5.9"), &m, 1000000, 1000000, &s);
	ok(!s.eligible, "adj -1000 is ineligible");
	is_int(s.why, OOM_ADJ_MIN, "adj -1000: reason");
	is_int(s.proc_score, 0, "ineligible: oom_score 0");
	m.adj = 0;
	m.ineligible = OOM_KTHREAD;
	oom_score_compute(oom_model_by_name("5.9"), &m, 1000000, 1000000, &s);
	ok(!s.eligible && s.why == OOM_KTHREAD, "kernel thread is ineligible");
	ok(oom_ineligible_reason(OOM_KTHREAD) != NULL, "reason text");
	m.ineligible = OOM_ELIGIBLE;
	oom_score_compute(oom_model_by_name("5.9"), &m, 1000000, 1000000, &t);
	ok(oom_score_cmp(&t, &s) < 0, "eligible sorts before ineligible");
	ok(oom_score_cmp(&t, &t) == 0, "equal points tie");
}

/* oom_task_eligible(): the kernel's order of checks, one fact at a time. */
static void
test_eligible(void)
{
	struct oom_task_facts f = { .has_mm = true };

	is_int(oom_task_eligible(&f), OOM_ELIGIBLE, "a task with an mm and adj 0");
	f.adj = -999;
	is_int(oom_task_eligible(&f), OOM_ELIGIBLE, "adj -999 is still killable");
	f.adj = -1000;
	is_int(oom_task_eligible(&f), OOM_ADJ_MIN, "adj -1000 is not");
	f.adj = 0;
	f.kernel_skips = true;
	is_int(oom_task_eligible(&f), OOM_KERNEL_SKIP, "the kernel's 0 (vfork, reaped)");
	f.has_mm = false;
	is_int(oom_task_eligible(&f), OOM_NO_MM, "no mm in any thread: nothing to free");
	f.global_init = true;
	is_int(oom_task_eligible(&f), OOM_INIT, "the host's init, whatever else");
	f.kthread = true;
	is_int(oom_task_eligible(&f), OOM_KTHREAD, "a kernel thread first of all");
}

static void
test_releases(void)
{
	static const struct { const char *rel, *model; } cases[] = {
		{ "6.18.44-fc-v669", "5.9" },
		{ "5.15.0-1041-azure", "5.9" },
		{ "5.9.0", "5.9" },
		{ "5.8.0-32-generic", "4.17" },
		{ "5.4.51-xxx", "4.17" },
		{ "5.4.273", "5.9" },
		{ "4.18.0-553.8.1.el8_10.x86_64", "4.17" },
		{ "4.17.0", "4.17" },
		{ "4.16.13", "3.14" },
		{ "4.14.146-119.123.amzn2.x86_64", "3.14" },
		{ "3.13.0-43-generic", "3.5" },
		{ "3.10.14-00062-g277665d-dirty", "3.5" },
		{ "3.10.99", "3.14" },
		{ "3.10.0-957.1.3.el7.x86_64", "3.14" },
		{ "3.4.9-2.rgm.fc16.x86_64", "2.6.39" },
		{ "2.6.32-642.11.1.el6.x86_64", "2.6.39" },
		{ "2.6.37", "2.6.36" },
		{ "2.6.32", NULL },
		{ "garbage", NULL },
		{ "", NULL },
		{ "7.2.0-rc1-00034-gc57907b4459d", "5.9" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct oom_model *m = oom_model_for_release(cases[i].rel);

		is_str(m ? m->name : NULL, cases[i].model, "release '%s' -> model %s",
		    cases[i].rel, cases[i].model ? cases[i].model : "none");
	}
	ok(oom_model_by_name("nope") == NULL, "unknown model name");
}

/*
 * oom_score_points() (explain's replay picks by it) gives what
 * oom_score_compute() gives: the same eligibility and points, for every
 * model on generated tasks and totals, the extremes included.
 */
static void
test_points_only(void)
{
	static const uint64_t edge[] = { 0, 1, 999, 1000, 1001, UINT64_C(1) << 32,
		UINT64_C(1) << 52, (uint64_t)INT64_MAX / 4000, UINT64_MAX };
	static const int adjs[] = { -1000, -999, -500, -30, -1, 0, 1, 29, 30, 500, 999, 1000,
		1001 };
	long n = 0, same = 0;
	size_t m;
	int k;

	for (m = 0; oom_models[m].name != NULL; m++)
		for (k = 0; k < 20000; k++) {
			struct oom_task_mem t;
			struct oom_score s;
			uint64_t T;
			int64_t p = -7;
			bool elig;
			unsigned shift = (unsigned)(tap_rand() % 64);

			t.rss = k % 7 == 0 ? edge[tap_rand() % 9] : tap_rand() >> shift;
			t.swap = k % 5 == 0 ? edge[tap_rand() % 9] : tap_rand() >> (shift | 20);
			t.pgtables = k % 3 == 0 ? 0 : tap_rand() >> 40;
			t.adj = adjs[tap_rand() % (sizeof(adjs) / sizeof(adjs[0]))];
			t.cap_sys_admin = tap_rand() % 2;
			t.ineligible = k % 11 == 0 ? OOM_KTHREAD : OOM_ELIGIBLE;
			T = k % 4 == 0 ? edge[tap_rand() % 9] : tap_rand() >> (shift | 16);
			oom_score_compute(&oom_models[m], &t, T, T, &s);
			elig = oom_score_points(&oom_models[m], &t, T, &p);
			n++;
			if (elig == s.eligible && (!elig || p == s.points))
				same++;
		}
	ok(n > 0 && same == n, "oom_score_points() agrees with oom_score_compute() (%ld of %ld)",
	    same, n);
}

int
main(void)
{
	test_reports();
	test_current();
	test_permille();
	test_ineligible();
	test_eligible();
	test_releases();
	test_points_only();
	return tap_done();
}
