/*
 * test-top: the model and the lines of `top` without a terminal: filter,
 * sort keys, the zone bar, the header on a real snapshot (the coreos
 * capture) and the forecast sentence.
 */
#include "config.h"

#include "core/top.h"
#include "tap.h"
#include "view/top-view.h"

static struct top t;
static struct task tasks[4];
static struct rank_entry entries[4];

static void
mk(size_t i, int pid, const char *comm, uint64_t rss_kb, int64_t points)
{
	struct task *k = &tasks[i];

	memset(k, 0, sizeof(*k));
	k->pid = pid;
	k->uid = -1;
	snprintf(k->comm, sizeof(k->comm), "%s", comm);
	k->comm_len = strlen(comm);
	k->rss_kb = rss_kb;
	k->cmdline_off = TASK_NO_CMDLINE;
	entries[i].task = i;
	entries[i].score.eligible = true;
	entries[i].score.points = points;
	entries[i].score.base = points;
	entries[i].score.proc_score = 666;
	entries[i].score.scope_score = 666;
}

static void
setup(void)
{
	memset(&t, 0, sizeof(t));
	growth_init(&t.growth);
	/* Already in victim order, as gather_rank leaves it. */
	mk(0, 300, "java", 4096, 900);
	mk(1, 100, "postgres", 8192, 800);
	mk(2, 200, "Bash", 1024, 500);
	mk(3, 50, "bash", 2048, 100);
	t.rank.tasks.v = tasks;
	t.rank.tasks.n = 4;
	t.rank.entries = entries;
	t.rank.n = 4;
	t.rank.nkillable = 4;
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

	setup();
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

	t.opt.sort = TOP_SORT_SCORE;
	top_set_filter(&t, "BASH", 4);
	top_build_rows(&t);
	ok(t.nrows == 2 && row_pid(0) == 200 && row_pid(1) == 50,
	    "filter: case-insensitive substring, victim order kept");
	top_set_filter(&t, "", 0);
	top_build_rows(&t);
	is_int(t.nrows, 4, "empty filter shows all");
	ok(top_victim(&t) == &entries[0], "victim is the first entry");
	growth_free(&t.growth);
	free(t.rows);

	ok(top_text_matches("postgres", 8, "GRES", 4), "match inside");
	ok(!top_text_matches("pg", 2, "pgsql", 5), "filter longer than text");
	ok(top_text_matches("x", 1, "", 0), "empty filter");
	ok(top_text_matches("a\0b\x1b", 4, "b\x1b", 2), "raw bytes compared as bytes");
}

static void
test_zone_bar(void)
{
	static struct zoneinfo zi;
	struct buf b = BUF_INIT;
	struct zone_bar bar;
	unsigned line;
	size_t len;
	char *text = fixture_load("fixtures/procroot/coreos-4.x-below-low/zoneinfo", &len);

	zoneinfo_parse(text, len, 4, &zi, &line);
	free(text);
	/*
	 * Normal: free 43408 kB, min 34736, low 43420, high 52104.  The scale is
	 * 2 x high = 104208 kB; at 80 columns the bar is 20 wide: free fills
	 * 43408 x 20 / 104208 = 8.3 -> 8, min at 6.7 -> 6, low at 8.3 -> 8,
	 * high at 10.
	 */
	top_view_zone_line(&b, &zi.zones[2], 80, &bar);
	is_str(buf_str(&b), "0 Normal  [######m#l h         ]   42M min   34M low   42M high   51M "
	    "below low ", "Normal's bar and numbers");
	is_int(bar.start, 11, "fill starts after '['");
	is_int(bar.len, 8, "fill length");
	is_int(bar.verdict, WM_BELOW_LOW, "bar verdict");
	ok(b.len <= 80, "fits 80 columns (%zu)", b.len);
	buf_reset(&b);
	top_view_zone_line(&b, &zi.zones[3], 80, &bar);
	ok(bar.empty && bar.len == 0 && strstr(buf_str(&b), "[                    ] ") != NULL,
	    "empty Movable: an empty bar");
	buf_reset(&b);
	top_view_zone_line(&b, &zi.zones[1], 200, &bar);
	is_int(b.len, 200, "200 columns: the bar widens to fill the line");
	buf_free(&b);
}

static void
test_header(void)
{
	struct buf b = BUF_INIT;
	unsigned line;
	size_t len;
	char *text = fixture_load("fixtures/procroot/coreos-4.x-below-low/meminfo", &len);
	const char *l2;
	struct forecast_sample s;
	int i;

	setup();
	meminfo_parse(text, len, &t.snap.mi, &line);
	free(text);
	t.have_snap = true;
	t.snap.sysctl.overcommit_memory = 2;
	t.rank.scanned = 4;
	top_view_header(&b, &t, 0, true);
	l2 = strchr(buf_str(&b), '\n') + 1;
	ok(strstr(buf_str(&b), "  [paused]") != NULL, "paused shown on line 1");
	/* MemTotal 8164548 kB = 7.8G; MemAvailable 1950080 = 1.9G, 23%. */
	ok(strncmp(l2, "Mem 7.8G avail 1.9G (23%)  Swap 0/0  Commit 1.5G/3.9G (mode 2 never, "
	    "enforced)\n", 77) == 0, "memory line");
	ok(strstr(buf_str(&b), "victim 300 (java) score 666, 0.1% of totalpages 1000000; 4 tasks "
	    "via /proc\n") != NULL, "victim line");
	is_int(buf_str(&b)[b.len - 1], '\n', "ends with a newline");
	{
		size_t n = 0;

		for (i = 0; i < (int)b.len; i++)
			n += b.data[i] == '\n';
		is_int(n, TOPVIEW_HEADER_LINES, "always the same number of lines");
	}
	buf_reset(&b);
	top_view_forecast(&b, &t);
	is_str(buf_str(&b), "", "no samples: no forecast");
	forecast_init(&t.fc);
	for (i = 0; i < 10; i++) {
		s.t = i;
		s.avail_kb = 100000 - i * 1000;
		s.zone_kb = 50000 - i * 1000;
		s.have_zone = true;
		forecast_add(&t.fc, &s);
	}
	forecast_estimate(&t.fc, 30, &t.fcr);
	top_view_forecast(&b, &t);
	is_str(buf_str(&b), "at this rate: reclaim at min in ~41 s, OOM kill in ~91 s; likely "
	    "victim 300 (java)", "forecast sentence");
	buf_reset(&b);
	top_view_header(&b, &t, 40, false);
	{
		const char *p = buf_str(&b), *nl;
		int lines = 0, longest = 0;

		for (; (nl = strchr(p, '\n')) != NULL; p = nl + 1, lines++)
			if (nl - p > longest)
				longest = (int)(nl - p);
		ok(lines == TOPVIEW_HEADER_LINES && longest == 40,
		    "cut to 40 columns, same lines (%d lines, longest %d)", lines, longest);
	}
	buf_free(&b);
}

int
main(void)
{
	test_rows();
	test_zone_bar();
	test_header();
	return tap_done();
}
