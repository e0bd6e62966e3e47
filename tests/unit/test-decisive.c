/*
 * test-decisive: the deciding term and the lead, on numbers checked by
 * hand against real captures: a memcg OOM report (011, 5.15 AKS pod) and
 * two memhog helpers' /proc/PID/status taken on the 6.18 machine.
 */
#include "config.h"

#include "core/badness.h"
#include "core/decisive.h"
#include "proc/status.h"
#include "tap.h"

static void
score(const char *model, const struct oom_task_mem *m, uint64_t T, struct oom_score *s)
{
	oom_score_compute(oom_model_by_name(model), m, T, T, s);
}

/* A status fixture's numbers in 4 KiB pages, as the sampler turns them. */
static struct oom_task_mem
from_status(const char *fixture, int adj)
{
	struct oom_task_mem m = { 0 };
	struct pid_status st;
	size_t len;
	char *buf = fixture_load(fixture, &len);

	if (status_parse(buf, len, &st) != 0)
		printf("Bail out! %s does not parse\n", fixture);
	m.rss = st.rss_anon_kb / 4 + st.rss_file_kb / 4 + st.rss_shmem_kb / 4;
	m.swap = st.vm_swap_kb / 4;
	m.pgtables = st.vm_pte_kb / 4;
	m.adj = adj;
	free(buf);
	return m;
}

/*
 * 011: pod limit 102400 kB = 25600 pages, no swap, so T/1000 = 25.
 * stress-ng-vm 183960: rss 23376, pgtables_bytes 487424 = 119 pages, adj
 * 1000: points 23495 + 25000 = 48495.  nginx 181537: rss 1835, 57344
 * bytes = 14 pages, adj 988: 1849 + 24700 = 26549 (stress-ng 183957 has
 * 1804 + 21 + 24700 = 26525, third).  Lead 21946 = rss 21541 + page
 * tables 105 + adj 12 x 25 = 300: rss decides, and without it the victim
 * still leads by 405.
 */
static void
test_rss_decides(void)
{
	struct oom_task_mem v = { 23376, 0, 119, 1000, false, OOM_ELIGIBLE };
	struct oom_task_mem n = { 1835, 0, 14, 988, false, OOM_ELIGIBLE };
	struct oom_task_mem third = { 1804, 0, 21, 988, false, OOM_ELIGIBLE };
	struct oom_score sv, sn, st;
	struct decisive d;

	score("5.9", &v, 25600, &sv);
	score("5.9", &n, 25600, &sn);
	score("5.9", &third, 25600, &st);
	is_int(sv.points, 48495, "011 stress-ng-vm: 23495 + 1000 x 25 = 48495");
	is_int(sn.points, 26549, "011 nginx: 1849 + 988 x 25 = 26549");
	ok(sn.points > st.points, "011: nginx is the runner-up (26549 > 26525)");
	decisive_compute(oom_model_by_name("5.9"), 25600, &v, &sv, &n, &sn, &d);
	is_int(d.kind, DECISIVE_TERM, "a term decides");
	is_int(d.term, TERM_RSS, "rss decides");
	is_int(d.diff[TERM_RSS], 21541, "rss: 23376 - 1835");
	is_int(d.diff[TERM_PGTABLES], 105, "page tables: 119 - 14");
	is_int(d.diff[TERM_ADJ], 300, "adj: (1000 - 988) x 25");
	is_int(d.diff[TERM_SWAP], 0, "no swap");
	is_int(d.lead_points, 21946, "lead 48495 - 26549");
	is_int(d.lead_pages, 21946, "pages model: lead in pages is the lead in points");
	ok(d.lead_pct > 85.72 && d.lead_pct < 85.74, "21946 / 25600 = 85.73%% (%.4f)",
	    d.lead_pct);
	is_int(d.without, 405, "without rss the victim still leads by 105 + 300");
	is_str(decisive_term_name(d.term), "rss", "term name");
}

/*
 * Two memhogs on 6.18 (fixtures): hog20adj800 RssAnon 20584 + RssFile
 * 1484 kB = 5146 + 371 = 5517 pages, VmPTE 84 kB = 21, adj 800; hog60
 * 61544 + 1404 kB = 15386 + 351 = 15737 pages, VmPTE 164 kB = 41, adj 0.
 * In a 128 MiB memcg (T = 32768, T/1000 = 32): 5538 + 25600 = 31138
 * against 15778; lead 15360 = adj 25600 - rss 10220 - page tables 20.
 */
static void
test_adj_decides(void)
{
	struct oom_task_mem a = from_status("fixtures/proc/status-6.18-memhog-20m-adj800.txt", 800);
	struct oom_task_mem b = from_status("fixtures/proc/status-6.18-memhog-60m.txt", 0);
	struct oom_score sa, sb;
	struct decisive d;

	is_int(a.rss, 5517, "hog20adj800: 5146 + 371 pages");
	is_int(b.rss, 15737, "hog60: 15386 + 351 pages");
	score("5.9", &a, 32768, &sa);
	score("5.9", &b, 32768, &sb);
	is_int(sa.points, 31138, "memcg 128M: 5538 + 800 x 32");
	is_int(sb.points, 15778, "memcg 128M: 15737 + 41");
	decisive_compute(oom_model_by_name("5.9"), 32768, &a, &sa, &b, &sb, &d);
	is_int(d.term, TERM_ADJ, "the adj term decides");
	is_int(d.diff[TERM_ADJ], 25600, "adj: 800 x 32 pages");
	is_int(d.diff[TERM_RSS], -10220, "rss: 5517 - 15737 (against the victim)");
	is_int(d.diff[TERM_PGTABLES], -20, "page tables: 21 - 41");
	is_int(d.lead_pages, 15360, "lead 31138 - 15778");
	ok(d.lead_pct > 46.87 && d.lead_pct < 46.88, "15360 / 32768 = 46.875%% (%.4f)",
	    d.lead_pct);
	is_int(d.without, -10240, "without the adj the 60M task leads by 10240 pages");
	is_str(decisive_term_key(d.term), "adj", "JSON key");

	/*
	 * The same pair system-wide on this machine (T = 6171021, step 6171):
	 * oom_score 1200 and 668 as the kernel showed for them.
	 */
	oom_score_compute(oom_model_by_name("5.9"), &a, 6171021, 6171021, &sa);
	oom_score_compute(oom_model_by_name("5.9"), &b, 6171021, 6171021, &sb);
	is_int(sa.proc_score, 1200, "hog20adj800 oom_score 1200 (the kernel's)");
	is_int(sb.proc_score, 668, "hog60 oom_score 668 (the kernel's)");
	decisive_compute(oom_model_by_name("5.9"), 6171021, &a, &sa, &b, &sb, &d);
	is_int(d.diff[TERM_ADJ], 800 * 6171, "global: adj 800 x 6171");
	is_int(d.lead_pages, 4942338 - 15778, "global lead 4926560 pages");
}

static void
test_tie_and_alone(void)
{
	/* 4.17 clamps both to 1 (the 9066e5cfb73c case): a tie, scan order decides. */
	struct oom_task_mem a = { 1, 0, 7, -998, false, OOM_ELIGIBLE };
	struct oom_task_mem b = { 1835, 0, 14, -998, false, OOM_ELIGIBLE };
	struct oom_score sa, sb;
	struct decisive d;

	score("4.17", &a, 25600, &sa);
	score("4.17", &b, 25600, &sb);
	is_int(sa.points, 1, "4.17: 8 - 998 x 25 clamped to 1");
	is_int(sb.points, 1, "4.17: 1849 - 24950 clamped to 1");
	decisive_compute(oom_model_by_name("4.17"), 25600, &b, &sb, &a, &sa, &d);
	is_int(d.kind, DECISIVE_TIE, "clamped scores tie");
	is_int(d.lead_points, 0, "no lead");
	is_int(d.diff[TERM_RSS], 1834, "terms still show what each holds");
	decisive_compute(oom_model_by_name("5.9"), 25600, &b, &sb, NULL, NULL, &d);
	is_int(d.kind, DECISIVE_ALONE, "no runner-up: alone");
}

/*
 * Per-mille eras: adj and the lead are thousandths of T; in pages they
 * are x T/1000.  T = 100000: 60000 pages = 600, adj 0; 20000 pages = 200,
 * adj +300 = 500.  Lead 100 per mille = 10000 pages; rss +40000 pages,
 * adj -300 x 100 = -30000 pages.
 */
static void
test_permille(void)
{
	struct oom_task_mem a = { 60000, 0, 0, 0, false, OOM_ELIGIBLE };
	struct oom_task_mem b = { 20000, 0, 0, 300, false, OOM_ELIGIBLE };
	struct oom_score sa, sb;
	struct decisive d;

	score("2.6.39", &a, 100000, &sa);
	score("2.6.39", &b, 100000, &sb);
	is_int(sa.points, 600, "2.6.39: 600 per mille");
	is_int(sb.points, 500, "2.6.39: 200 + 300");
	decisive_compute(oom_model_by_name("2.6.39"), 100000, &a, &sa, &b, &sb, &d);
	is_int(d.term, TERM_RSS, "rss decides");
	is_int(d.lead_points, 100, "lead 100 per mille");
	is_int(d.lead_pages, 10000, "= 10000 pages");
	is_int(d.diff[TERM_ADJ], -30000, "adj -300 per mille = -30000 pages");
	is_int(d.without, -30000, "without the rss lead the adj task would be first");

	/* 3.14 root bonus: the runner-up's 3% loss counts for the victim. */
	a = (struct oom_task_mem){ 100000, 0, 0, 0, false, OOM_ELIGIBLE };
	b = (struct oom_task_mem){ 101000, 0, 0, 0, true, OOM_ELIGIBLE };
	score("3.14", &a, 1000000, &sa);
	score("3.14", &b, 1000000, &sb);
	is_int(sb.points, 101000 - 3030, "3.14: root loses 3%% = 3030 pages");
	decisive_compute(oom_model_by_name("3.14"), 1000000, &a, &sa, &b, &sb, &d);
	is_int(d.term, TERM_ROOT_BONUS, "the runner-up's root bonus decides");
	is_int(d.diff[TERM_ROOT_BONUS], 3030, "+3030 pages");
	is_int(d.diff[TERM_RSS], -1000, "the victim holds 1000 pages less");
	is_int(d.lead_pages, 2030, "lead 100000 - 97970");
}

int
main(void)
{
	test_rss_decides();
	test_adj_decides();
	test_tie_and_alone();
	test_permille();
	return tap_done();
}
