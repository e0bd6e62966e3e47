/*
 * test-bounds: numbers read from a kernel log never wrap (issue 11,
 * finding 5).  A task row of 2^62 pages used to overflow explain's
 * arithmetic (UBSan: explain.c, explain-view.c) and print "rss_kb": -4;
 * now a value that cannot be a page count is dropped, said in a finding,
 * and shown as unknown; values at the bounds go through every view and
 * the scoring models without overflow.  Built with --enable-sanitizers,
 * any overflow on these paths aborts this test.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/badness.h"
#include "core/explain.h"
#include "lib/json.h"
#include "lib/xalloc.h"
#include "log/bounds.h"
#include "log/message.h"
#include "log/reports.h"
#include "view/explain-view.h"
#include "tap.h"

static struct explanation ex;
static struct oom_report rep;
static int nreports;

static void
on_report(const struct oom_report *r, void *arg)
{
	(void)arg;
	if (nreports++ > 0)
		return;
	free(rep.tasks);
	rep = *r;
	rep.tasks = malloc(r->ntasks * sizeof(*r->tasks) + 1);
	if (r->ntasks > 0)
		memcpy(rep.tasks, r->tasks, r->ntasks * sizeof(*r->tasks));
	explain_report(&rep, NULL, &ex);
}

/* A memcg report of 6.18 (tests/oom-logs/040) with its task row replaced. */
static char *
report_with_row(const char *row, const char *limit_kb)
{
	static const char fmt[] =
	    "[  206.328649] python3 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, "
	    "oom_score_adj=0\n"
	    "[  206.328700] memory: usage 65536kB, limit %skB, failcnt 25\n"
	    "[  206.328903] Tasks state (memory values in pages):\n"
	    "[  206.328904] [  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem "
	    "pgtables_bytes swapents oom_score_adj name\n"
	    "[  206.328906] %s\n"
	    "[  206.328907] [   4411]     0  4411    18790      900      800      100         0"
	    "    188416        0             0 bash\n"
	    "[  206.328911] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,"
	    "mems_allowed=0,oom_memcg=/t,task_memcg=/t,task=python3,pid=4410,uid=0\n"
	    "[  206.328930] Memory cgroup out of memory: Killed process 4410 (python3) "
	    "total-vm:75160kB, anon-rss:65280kB, file-rss:6584kB, shmem-rss:0kB, UID:0 "
	    "pgtables:184kB oom_score_adj:0\n";
	size_t n = sizeof(fmt) + strlen(row) + strlen(limit_kb);
	char *s = malloc(n);

	snprintf(s, n, fmt, limit_kb, row);
	return s;
}

static void
parse(const char *text)
{
	nreports = 0;
	memset(&ex, 0, sizeof(ex));
	reports_parse_buf(text, strlen(text), on_report, NULL);
}

/* Both views of the explanation, JSON into json (so UBSan sees them run). */
static void
views(struct buf *json)
{
	struct buf text = BUF_INIT;
	struct json j;
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);
	const struct explain_where w = { .file = "test.log", .boot_usec = -1 };

	explain_view_text(&text, &ex, 1, &w, 80);
	json_init(&j, f, false);
	explain_view_json(&j, &ex, &w);
	json_finish(&j);
	fclose(f);
	buf_reset(json);
	buf_add(json, mem, len);
	free(mem);
	buf_free(&text);
}

static int
has_finding(const char *needle)
{
	int i;

	for (i = 0; i < ex.nfindings; i++)
		if (strstr(ex.findings[i], needle) != NULL)
			return 1;
	return 0;
}

static void
test_row_2_62(void)
{
	struct buf json = BUF_INIT;
	char *log = report_with_row("[   4410]     0  4410    18790 4611686018427387904 "
	    "4611686018427387904     1646         0   188416        0             0 python3",
	    "65536");

	parse(log);
	is_int(nreports, 1, "2^62-page row: the report is read");
	is_int(rep.ntasks, 2, "both rows");
	ok(rep.tasks[0].rss == OOM_NONE, "rss 2^62 pages is dropped, not kept");
	ok(rep.tasks[0].rss_anon == OOM_NONE, "and rss_anon");
	is_int(rep.tasks[0].total_vm, 18790, "the row's plausible numbers stay");
	is_int(rep.implausible, 2, "two values counted");
	is_str(rep.implausible_what, "rss 4611686018427387904 pages (pid 4410)",
	    "the first one named");
	ok(has_finding("2 numbers in this report cannot be real (the first: rss "
	    "4611686018427387904 pages (pid 4410)"), "a finding says so");
	views(&json);
	ok(strstr(buf_str(&json), "\"rss_kb\":null") != NULL, "JSON: rss_kb null, not -4");
	ok(strstr(buf_str(&json), "\"rss_kb\":-") == NULL, "no negative rss_kb anywhere");
	free(log);
	buf_free(&json);
}

/* Every column at the largest page count kept, a 4 kB memcg limit: no overflow. */
static void
test_row_at_bounds(void)
{
	struct buf json = BUF_INIT;
	char row[256], *log;

	snprintf(row, sizeof(row), "[   4410]     0  4410 %lld %lld %lld %lld %lld %lld %lld "
	    "1000 python3", (long long)OOM_PAGES_MAX, (long long)OOM_PAGES_MAX,
	    (long long)OOM_PAGES_MAX, (long long)OOM_PAGES_MAX, (long long)OOM_PAGES_MAX,
	    (long long)OOM_BYTES_MAX, (long long)OOM_PAGES_MAX);
	log = report_with_row(row, "4");
	parse(log);
	is_int(rep.implausible, 0, "2^52 pages, 2^62 bytes: kept");
	is_int(rep.tasks[0].rss, OOM_PAGES_MAX, "rss 2^52");
	views(&json);
	ok(ex.replay.kernel_index == 0, "the replay still picks the huge task");
	free(log);
	snprintf(row, sizeof(row), "[   4410]     0  4410 %lld 5 5 0 0 4096 %lld 1000 python3",
	    (long long)OOM_PAGES_MAX + 1, (long long)OOM_PAGES_MAX + 1);
	log = report_with_row(row, "18014398509481984");
	parse(log);
	is_int(rep.implausible, 2, "2^52 + 1 pages: dropped");
	ok(rep.mem_limit_kb == OOM_KB_MAX, "a limit of 2^54 kB is kept");
	views(&json);
	free(log);
	buf_free(&json);
}

/* The scoring models on the extremes their callers may pass. */
static void
test_badness_extremes(void)
{
	static const uint64_t sizes[] = { 0, 1, UINT64_C(1) << 52, UINT64_C(1) << 62, UINT64_MAX };
	static const uint64_t totals[] = { 0, 1, 1000, UINT64_C(1) << 53, UINT64_MAX };
	static const int adjs[] = { -999, 0, 1000, 5000 };
	size_t m, i, k, a;
	long n = 0;

	for (m = 0; oom_models[m].name != NULL; m++)
		for (i = 0; i < ARRAY_SIZE(sizes); i++)
			for (k = 0; k < ARRAY_SIZE(totals); k++)
				for (a = 0; a < ARRAY_SIZE(adjs); a++) {
					struct oom_task_mem t = { 0 };
					struct oom_score s;

					t.rss = t.swap = t.pgtables = sizes[i];
					t.adj = adjs[a];
					t.cap_sys_admin = a % 2 == 0;
					oom_score_compute(&oom_models[m], &t, totals[k],
					    totals[(k + 1) % ARRAY_SIZE(totals)], &s);
					n++;
				}
	ok(n > 0, "every model on sizes up to 2^64-1 and totals from 0 (%ld cases)", n);
}

/*
 * report_bound() skips a run of fields that are all unknown: every
 * bounded scalar, set alone to a value out of every range in an otherwise
 * empty report, must still be dropped and named.
 */
static void
test_each_scalar(void)
{
#define F(field, name) { offsetof(struct oom_report, field), name }
	static const struct { size_t off; const char *name; } fields[] = {
		F(oom_adj, "oom_adj"), F(oom_score_adj, "oom_score_adj"),
		F(node_shmem_kb, "a size"), F(node_kernel_stack_kb, "a size"),
		F(node_pagetables_kb, "a size"), F(node_anon_thp_kb, "a size"),
		F(node_shmem_thp_kb, "a size"), F(node_unevictable_kb, "a size"),
		F(free_swap_kb, "a size"), F(total_swap_kb, "a size"),
		F(mem_usage_kb, "a size"), F(mem_limit_kb, "a size"),
		F(memsw_usage_kb, "a size"), F(memsw_limit_kb, "a size"),
		F(swap_usage_kb, "a size"), F(swap_limit_kb, "a size"),
		F(kmem_usage_kb, "a size"), F(kmem_limit_kb, "a size"),
		F(kill.total_vm_kb, "a size"), F(kill.anon_rss_kb, "a size"),
		F(kill.file_rss_kb, "a size"), F(kill.shmem_rss_kb, "a size"),
		F(kill.pgtables_kb, "a size"),
		F(pagecache_pages, "a page total"), F(swapcache_pages, "a page total"),
		F(ram_pages, "a page total"), F(highmem_pages, "a page total"),
		F(reserved_pages, "a page total"), F(cma_pages, "a page total"),
		F(hwpoisoned_pages, "a page total"),
		F(ms_anon, "a memory cgroup statistic"), F(ms_file, "a memory cgroup statistic"),
		F(ms_shmem, "a memory cgroup statistic"), F(ms_kernel, "a memory cgroup statistic"),
		F(ms_kernel_stack, "a memory cgroup statistic"),
		F(ms_pagetables, "a memory cgroup statistic"),
		F(ms_slab_reclaimable, "a memory cgroup statistic"),
		F(ms_slab_unreclaimable, "a memory cgroup statistic"),
		F(ms_sock, "a memory cgroup statistic"), F(ms_percpu, "a memory cgroup statistic"),
		F(ms_swap, "a memory cgroup statistic"),
		F(ms_anon_thp, "a memory cgroup statistic"),
		F(ms_mapped_file, "a memory cgroup statistic"),
		F(ms_unevictable, "a memory cgroup statistic"),
		F(kill.oom_score_adj, "the victim's oom_score_adj"),
		F(kill.score, "the victim's score"),
	};
#undef F
	static const int64_t bad[] = { (INT64_C(1) << 62) + 1, INT64_MIN + 1, -(INT64_C(1) << 62) };
	struct oom_report *r = xcalloc(1, sizeof(*r));
	size_t i, k, n = 0, right = 0;
	int c;

	for (i = 0; i < ARRAY_SIZE(fields); i++)
		for (k = 0; k < ARRAY_SIZE(bad); k++) {
			int64_t v;

			message_report_init(r);
			memcpy((char *)r + fields[i].off, &bad[k], sizeof(v));
			report_bound(r);
			memcpy(&v, (char *)r + fields[i].off, sizeof(v));
			n++;
			if (v == OOM_NONE && r->implausible == 1 &&
			    strncmp(r->implausible_what, fields[i].name, strlen(fields[i].name)) == 0)
				right++;
			else
				printf("# %zu (%s) = %lld: kept %lld, \"%s\"\n", fields[i].off,
				    fields[i].name, (long long)bad[k], (long long)v,
				    r->implausible_what);
		}
	for (c = 0; c < OC_COUNT; c++) {
		message_report_init(r);
		r->counters[c] = bad[c % ARRAY_SIZE(bad)];
		report_bound(r);
		n++;
		if (r->counters[c] == OOM_NONE && r->implausible == 1 &&
		    strncmp(r->implausible_what, oom_counter_names[c],
		    strlen(oom_counter_names[c])) == 0)
			right++;
	}
	ok(right == n, "each bounded scalar alone out of range: dropped and named (%zu of %zu)",
	    right, n);
	message_report_init(r);
	r->mem_usage_kb = 1;
	r->ms_anon = 4096;
	r->counters[OC_COUNT - 1] = 7;
	report_bound(r);
	ok(r->implausible == 0 && r->mem_usage_kb == 1 && r->ms_anon == 4096 &&
	    r->counters[OC_COUNT - 1] == 7, "values in range stay");
	free(r);
}

int
main(void)
{
	test_row_2_62();
	test_row_at_bounds();
	test_badness_extremes();
	test_each_scalar();
	free(rep.tasks);
	return tap_done();
}
