/*
 * test-top-view: the lines of `top`: fields dropped whole at any width,
 * never a number or word cut; the zone bars' scale on real captures (the
 * numbers worked out by hand below); the process panel's columns sized
 * from the data, the COMMAND window, the tree's guides; the death message.
 */
#include "config.h"

#include <locale.h>

#include "core/top.h"
#include "lib/escape.h"
#include "lib/xalloc.h"
#include "tap.h"
#include "view/rank-table.h"
#include "view/top-view.h"
#include "view/zone-bar.h"

static const char *
plain(struct buf *b)
{
	top_view_plain(b, 0);
	return buf_str(b);
}

/* fit: build "first part" F5 "  five" F1 "  one" F5 "  fivebis" and fit it. */
static const char *
fitted(struct buf *b, size_t width)
{
	buf_reset(b);
	buf_puts(b, "first part");
	top_view_field(b, 5);
	buf_puts(b, "  five");
	top_view_field(b, 1);
	buf_puts(b, "  one");
	top_view_field(b, 5);
	buf_puts(b, "  fivebis");
	top_view_fit(b, 0, width);
	return plain(b);
}

static const char *
cut(struct buf *b, const char *s, size_t width)
{
	buf_reset(b);
	buf_puts(b, s);
	top_view_fit(b, 0, width);
	return plain(b);
}

static void
test_fit(void)
{
	struct buf b = BUF_INIT;

	is_str(fitted(&b, 0), "first part  five  one  fivebis", "no width: every field");
	is_str(fitted(&b, 30), "first part  five  one  fivebis", "30 columns: it fits exactly");
	is_str(fitted(&b, 29), "first part  five  fivebis", "29: the lowest priority goes");
	is_str(fitted(&b, 24), "first part  five", "24: of equals, the rightmost goes first");
	is_str(fitted(&b, 12), "first part", "12: every field gone, the first part whole");
	is_str(fitted(&b, 8), "first", "8: the first part cut after a whole word");
	is_str(fitted(&b, 3), "fir", "3: a word wider than the line is cut at the line");

	/* Unmarked lines (the deciding term, the forecast): a clause, an item, a word. */
	is_str(cut(&b, "deciding term: rss, +68045 pages over 4100 (x); lead 508 pages = 2.0M", 60),
	    "deciding term: rss, +68045 pages over 4100 (x)", "cut after the last whole clause");
	is_str(cut(&b, "deciding term: rss, +68045 pages over 4100 (x); lead 508 pages = 2.0M", 30),
	    "deciding term: rss", "no clause fits: after the last whole item");
	is_str(cut(&b, "refused: oom_score_adj of 42: Permission denied", 45),
	    "refused: oom_score_adj of 42: Permission", "no item: after the last whole word");

	/* Styles take no column and stay with their field. */
	buf_reset(&b);
	buf_puts(&b, "Mem 1G ");
	buf_putc(&b, TV_STYLE);
	buf_putc(&b, TV_WARN);
	buf_puts(&b, "WARN");
	buf_putc(&b, TV_STYLE);
	buf_putc(&b, TV_PLAIN);
	top_view_field(&b, 2);
	buf_puts(&b, "  Swap 0/0");
	is_int(top_view_width(b.data, b.len), 21, "width without the markup");
	top_view_fit(&b, 0, 11);
	ok(strstr(buf_str(&b), "WARN") != NULL && strchr(buf_str(&b), TV_FIELD) == NULL,
	    "fitted: the tag kept with its style, the field marks gone");
	is_str(plain(&b), "Mem 1G WARN", "and Swap dropped whole");
	buf_free(&b);
}

/* Every token of each fitted line is a whole token of the unfitted line. */
static bool
tokens_whole(const char *full, const char *line, size_t len)
{
	const char *p = line, *end = line + len;

	while (p < end) {
		const char *q, *f;
		size_t n;

		while (p < end && *p == ' ')
			p++;
		for (q = p; q < end && *q != ' '; q++)
			;
		n = (size_t)(q - p);
		/* A dropped field or a cut can leave its separator: compare without it. */
		while (n > 1 && (p[n - 1] == ',' || p[n - 1] == ';'))
			n--;
		if (n == 0)
			break;
		for (f = full; (f = strstr(f, "")) != NULL && *f; f++) {
			/* A cut after an item or clause leaves its comma or semicolon out. */
			if ((f == full || f[-1] == ' ' || f[-1] == '\n') && strncmp(f, p, n) == 0 &&
			    (f[n] == ' ' || f[n] == '\n' || f[n] == '\0' ||
			    ((f[n] == ',' || f[n] == ';') && f[n + 1] == ' ')))
				break;
		}
		if (f == NULL || *f == '\0')
			return false;
		p = q;
	}
	return true;
}

/* The header of a machine in trouble, at widths from 30 to 120. */
static void
test_header(void)
{
	static struct top t;
	static struct task tasks[2];
	static struct rank_entry e[2];
	struct buf full = BUF_INIT, b = BUF_INIT;
	unsigned line;
	size_t len, w, bad_width = 0, bad_token = 0, lines_ok = 0;
	char *text = fixture_load("fixtures/procroot/coreos-4.x-below-low/meminfo", &len);
	const char *l2;

	meminfo_parse(text, len, &t.snap.mi, &line);
	free(text);
	t.have_snap = true;
	t.snap.sysctl.overcommit_memory = 2;
	t.snap.have_vmstat = t.snap.vm.have_oom_kill = true;
	t.snap.vm.oom_kill = 3;
	t.snap.have_psi = true;
	t.snap.psi.some.present = t.snap.psi.full.present = true;
	t.snap.psi.some.avg10 = 1234;
	t.opt.interval = 1;
	snprintf(t.rank.sys.release, sizeof(t.rank.sys.release), "4.19.0-coreos");
	t.rank.model = oom_model_by_name("4.17");
	t.rank.sys.page_size = 4096;
	t.rank.totalpages = 2041137;
	t.rank.tasks.v = tasks;
	t.rank.tasks.n = 2;
	t.rank.entries = e;
	t.rank.n = 2;
	t.rank.nkillable = 2;
	t.rank.scanned = 10014;
	t.have_rank = true;
	tasks[0].pid = 4242;
	snprintf(tasks[0].comm, sizeof(tasks[0].comm), "java (Permission denied)");
	tasks[0].comm_len = strlen(tasks[0].comm);
	tasks[0].rss_kb = 2000000;
	tasks[0].rss_anon_kb = 2000000;
	tasks[0].rss_split = true;
	tasks[1].pid = 77;
	snprintf(tasks[1].comm, sizeof(tasks[1].comm), "postgres");
	tasks[1].comm_len = 8;
	tasks[1].rss_kb = 8000;
	tasks[1].rss_anon_kb = 8000;
	tasks[1].rss_split = true;
	e[0].task = 0;
	e[1].task = 1;
	e[0].score.eligible = e[1].score.eligible = true;
	e[0].score.points = e[0].score.base = 500000;
	e[1].score.points = e[1].score.base = 2000;
	e[0].score.proc_score = e[0].score.scope_score = 245;
	e[1].score.proc_score = e[1].score.scope_score = 1;

	top_view_header(&full, &t, 0, true);
	top_view_plain(&full, 0);
	l2 = strchr(buf_str(&full), '\n') + 1;
	/* MemTotal 8164548 kB = 7.8G; MemAvailable 1950080 = 1.9G, 23%. */
	ok(strncmp(l2, "Mem 7.8G avail 1.9G (23%)  Swap 0/0  Commit 1.5G/3.9G (mode 2 never, "
	    "enforced)\n", 77) == 0, "memory line");
	ok(strstr(buf_str(&full), "  [paused]") != NULL, "paused shown on line 1");
	ok(strstr(buf_str(&full), "victim 4242 (java (Permission denied)) score 245, ") != NULL,
	    "victim line");
	ok(strstr(buf_str(&full), "; 10014 tasks via /proc\n") != NULL, "task count and source");
	for (w = 30; w <= 120; w++) {
		const char *p, *nl;
		size_t n = 0;

		buf_reset(&b);
		top_view_header(&b, &t, w, true);
		top_view_plain(&b, 0);
		for (p = buf_str(&b); (nl = strchr(p, '\n')) != NULL; p = nl + 1, n++) {
			if (escaped_width(p, (size_t)(nl - p)) > w)
				bad_width++;
			if (!tokens_whole(buf_str(&full), p, (size_t)(nl - p))) {
				if (bad_token++ < 3)
					printf("# %zu columns: '%.*s'\n", w, (int)(nl - p), p);
			}
		}
		lines_ok += n == TOPVIEW_HEADER_LINES;
	}
	is_int(lines_ok, 91, "always %d lines, 30 to 120 columns", TOPVIEW_HEADER_LINES);
	is_int(bad_width, 0, "no line wider than the screen");
	is_int(bad_token, 0, "no number or word cut: every token is whole");
	buf_reset(&b);
	top_view_header(&b, &t, 80, false);
	top_view_plain(&b, 0);
	ok(strstr(buf_str(&b), "deciding term: rss, +498000 pages over 77 (postgres)\n") != NULL,
	    "80 columns: the deciding term up to its last whole clause");
	buf_free(&full);
	buf_free(&b);
}

static struct zoneinfo *
load_zones(const char *rel, unsigned page_kb)
{
	static struct zoneinfo zi;
	unsigned line;
	size_t len;
	char *text = fixture_load(rel, &len);

	memset(&zi, 0, sizeof(zi));
	zoneinfo_parse(text, len, page_kb, &zi, &line);
	free(text);
	return &zi;
}

static const char *
zone_at(struct buf *b, const struct zoneinfo *zi, int z, size_t width, size_t *bar_w)
{
	struct top_zone_layout l;

	top_view_zone_layout(&l, zi, width);
	*bar_w = l.bar_w;
	buf_reset(b);
	top_view_zone_line(b, &l, &zi->zones[z]);
	return plain(b);
}

/*
 * Zone lines at 80 columns, worked out by hand from the captures (kB =
 * pages x 4, or x 64 on the ppc64):
 *
 * coreos Normal, below low: free 43408, min 34736, low 43420, high 52104,
 * managed 4168132; 2 x high = 104208.  Name column 10 ("0 Movable "),
 * bar 80 - 10 - 2 - 31 = 37: far part 37 x 2/5 = 14 cells, near 23.
 * Stretches 0-min-low-high-2h want 23 x (34736, 8684, 8684, 52104) / 104208
 * = 7.67, 1.92, 1.92, 11.5 cells: 7, 2, 2, 11 (at least 2 each), one more
 * to the largest remainder (the first): m at 8, l at 10, h at 12.  Free is
 * in min..low: 8 + ceil(8672 x 2 / 8684) = 10 cells, so 'l' is not
 * reached: 12 kB below low.  FREE 42M, TO LOW -12K, TO MIN +8.5M.
 *
 * coreos DMA32, ok: free 488032, min 32712, low 40888, high 49064,
 * managed 3980508: the same 8/10/12 marks; free is in the log part:
 * ln(488032 / 98128) / ln(3980508 / 98128) = 1.6041 / 3.7029 = 0.433 of
 * 14 cells = 6.07, so 7: 23 + 7 = 30 cells, 7 dots left.
 *
 * zte Normal, below high: free 1552, min 1224, low 1528, high 1836,
 * managed 94412; name column 9, bar 38 (far 15, near 23), marks 8/10/12
 * again; free in low..high: 10 + ceil(24 x 2 / 308) = 11 cells: 'l' is
 * covered, 'h' not.  FREE 1.5M, +24K, +328K.
 *
 * ppc64 node 2 DMA, below min: free 0, min 117760, low 147200, high
 * 176640, managed 16777216 (64 KiB pages); name column 6, bar 41 (far 16,
 * near 25), stretches 8.33, 2.08, 2.08, 12.5: 8, 2, 2, 12 and the one
 * left to the last (0.5): m 8, l 10, h 12; nothing filled.  TO LOW
 * -147200 kB = -144M, TO MIN -115M.
 */
static void
test_zone_lines(void)
{
	struct buf b = BUF_INIT;
	struct zoneinfo *zi;
	size_t bar;

	zi = load_zones("fixtures/procroot/coreos-4.x-below-low/zoneinfo", 4);
	is_str(zone_at(&b, zi, 2, 80, &bar),
	    "0 Normal  [########m#l h          ..............]   42M   -12K  +8.5M below low",
	    "coreos Normal, below low: the fill stops before 'l'");
	is_int(bar, 37, "a 37-cell bar at 80 columns");
	is_str(zone_at(&b, zi, 1, 80, &bar),
	    "0 DMA32   [########m#l#h#################.......]  477M  +437M  +445M ok",
	    "coreos DMA32, ok: into the log part, 7 dots left");
	is_str(zone_at(&b, zi, 3, 80, &bar),
	    "0 Movable [                                     ]     0      -      - empty",
	    "an empty zone: no bar, no headroom");

	zi = load_zones("fixtures/procroot/zte-3.x-below-high/zoneinfo", 4);
	is_str(zone_at(&b, zi, 0, 80, &bar),
	    "0 Normal [########m#l h          ...............]  1.5M   +24K  +328K below high",
	    "zte Normal, below high: 'l' covered, 'h' not");

	zi = load_zones("fixtures/procroot/ppc64-2015-below-min/zoneinfo", 64);
	is_str(zone_at(&b, zi, 0, 80, &bar),
	    "2 DMA [        m l h            ................]     0  -144M  -115M below min",
	    "ppc64 DMA, below min: empty up to 'm'");

	/* Narrow: FREE goes, then the verdict's word; the headroom stays. */
	zi = load_zones("fixtures/procroot/coreos-4.x-below-low/zoneinfo", 4);
	zone_at(&b, zi, 2, 40, &bar);
	is_int(escaped_width(b.data, b.len), 40, "40 columns: the line is 40 wide");
	ok(strstr(buf_str(&b), "   -12K  +8.5M") != NULL && strstr(buf_str(&b), "below") == NULL &&
	    strstr(buf_str(&b), "42M") == NULL, "and keeps TO LOW and TO MIN (%s)", buf_str(&b));
	buf_free(&b);
}

/*
 * The scale at every width from 10 to 200 cells, for each capture's zones:
 * the marks apart and in order; the fill never grows as free falls; it
 * stops before a mark's cell exactly when free is at or below that mark.
 */
static void
test_zone_scale(void)
{
	static const struct { const char *rel; unsigned pk; } caps[] = {
		{ "fixtures/procroot/coreos-4.x-below-low/zoneinfo", 4 },
		{ "fixtures/procroot/zte-3.x-below-high/zoneinfo", 4 },
		{ "fixtures/procroot/issabel-5.x-below-low/zoneinfo", 4 },
		{ "fixtures/procroot/ppc64-2015-below-min/zoneinfo", 64 },
	};
	size_t c, cells, apart = 0, mono = 0, marks = 0, checked = 0, steps = 0;
	int z;

	for (c = 0; c < ARRAY_SIZE(caps); c++) {
		struct zoneinfo *zi = load_zones(caps[c].rel, caps[c].pk);

		for (z = 0; z < zi->nzones; z++) {
			const struct zone_wm *w = &zi->zones[z].wm;

			if (wm_zone_empty(w) || w->high_kb == 0)
				continue;
			for (cells = 10; cells <= 200; cells++) {
				struct zone_scale s;
				size_t m = 0, l, h, prev = (size_t)-1;
				uint64_t kb, step = w->high_kb / 97 + 1;
				bool ok_mono = true, ok_marks = true;

				zone_scale_init(&s, w, cells);
				m = zone_scale_mark(&s, WM_MIN);
				l = zone_scale_mark(&s, WM_LOW);
				h = zone_scale_mark(&s, WM_HIGH);
				checked++;
				apart += m >= 2 && l >= m + 2 && h >= l + 2;
				for (kb = 3 * w->high_kb; ; kb = kb > step ? kb - step : 0) {
					size_t f = zone_scale_fill(&s, kb);

					if (prev != (size_t)-1 && f > prev)
						ok_mono = false;
					if ((f <= m) != (kb <= w->min_kb) || (f <= l) != (kb <= w->low_kb) ||
					    (f <= h) != (kb <= w->high_kb))
						ok_marks = false;
					prev = f;
					steps++;
					if (kb == 0)
						break;
				}
				mono += ok_mono;
				marks += ok_marks;
			}
		}
	}
	ok(checked > 1000, "%zu zone x width cases", checked);
	is_int(apart, checked, "min, low and high at least two cells apart, in order");
	is_int(mono, checked, "the fill shrinks (or stays) as free falls");
	is_int(marks, checked, "the fill stops before a mark exactly when free is at or below it");
	ok(steps > checked * 200, "free stepped by about 1%% of high (%zu steps)", steps);
}

/* Rows of a ranking built by hand, for the columns. */
static struct top t;
static struct task tasks[4];
static struct rank_entry entries[4];
static struct top_row rows[4];

static void
rows_setup(void)
{
	static const int pids[4] = { 7, 1234567, 300, 42 };
	static const char *const names[4] = { "init", "postgres", "abcdefghijklmnopqrstuvwxyz",
		"\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97" };
	size_t i;

	memset(&t, 0, sizeof(t));
	for (i = 0; i < 4; i++) {
		memset(&tasks[i], 0, sizeof(tasks[i]));
		tasks[i].pid = pids[i];
		tasks[i].uid = -1;
		snprintf(tasks[i].comm, sizeof(tasks[i].comm), "%s", names[i]);
		tasks[i].comm_len = strlen(names[i]);
		tasks[i].rss_kb = 1024 * (i + 1);
		tasks[i].cmdline_off = TASK_NO_CMDLINE;
		entries[i].task = i;
		entries[i].score.eligible = i != 3;
		entries[i].score.why = OOM_NO_MM;
		entries[i].score.proc_score = 666;
		memset(&rows[i], 0, sizeof(rows[i]));
		rows[i].entry = i;
		rows[i].rank = i == 3 ? 0 : (i == 1 ? 10014 : i + 1);
	}
	t.rank.tasks.v = tasks;
	t.rank.tasks.n = 4;
	t.rank.entries = entries;
	t.rank.n = 4;
	t.rank.totalpages = 1000000;
	t.rank.sys.page_size = 4096;
	t.have_rank = true;
	t.rows = rows;
	t.nrows = 4;
}

static void
test_columns(void)
{
	struct top_columns c;
	struct buf b = BUF_INIT;
	size_t i, k, w, aligned = 0, lines = 0;

	rows_setup();
	top_view_columns(&c, &t, 0, 4, 0, 0);
	is_int(c.w[TC_RANK], 5, "RANK as wide as 10014");
	is_int(c.w[TC_PID], 7, "PID as wide as 1234567");
	/* RANK PID USER SCORE ADJ RSS SWAP PGTBL SHARE GROW/s CGROUP ("-": unread) */
	is_int(c.cmd_at, 5 + 1 + 7 + 1 + 4 + 1 + 5 + 1 + 3 + 1 + 4 + 1 + 4 + 1 + 5 + 1 + 5 + 1 + 6 + 1 +
	    6 + 1, "COMMAND after the columns, each as wide as its title or data");
	ok(c.shown[TC_CGROUP], "--batch (no width): CGROUP shown, as in rank");
	top_view_columns(&c, &t, 0, 4, RANK_TABLE_CGROUP_MIN_WIDTH - 1, 0);
	ok(!c.shown[TC_CGROUP], "%d columns: no CGROUP", RANK_TABLE_CGROUP_MIN_WIDTH - 1);
	top_view_columns(&c, &t, 0, 4, RANK_TABLE_CGROUP_MIN_WIDTH, 0);
	ok(c.shown[TC_CGROUP] && c.shown[TC_PGTBL], "%d columns: CGROUP and every other column",
	    RANK_TABLE_CGROUP_MIN_WIDTH);
	top_view_columns(&c, &t, 0, 4, 0, 0);
	/* Every row's COMMAND starts at the same column as its title. */
	buf_reset(&b);
	top_view_rows_header(&b, &t, &c);
	top_view_plain(&b, 0);
	aligned += strncmp(b.data + c.cmd_at, "COMMAND", 7) == 0;
	for (i = 0; i < 4; i++) {
		buf_reset(&b);
		top_view_row(&b, &t, &rows[i], &c);
		aligned += b.len > c.cmd_at && b.data[c.cmd_at - 1] == ' ' && b.data[c.cmd_at] != ' ';
	}
	is_int(aligned, 5, "title and rows: COMMAND in one column");
	buf_reset(&b);
	top_view_row(&b, &t, &rows[1], &c);
	ok(strncmp(buf_str(&b), "10014 1234567 ", 14) == 0, "rank and pid right-aligned (%s)",
	    buf_str(&b));
	buf_reset(&b);
	top_view_row(&b, &t, &rows[3], &c);
	ok(strncmp(buf_str(&b), "    -      42 ", 14) == 0 &&
	    strstr(buf_str(&b), "  (unkillable: no memory map (exiting or zombie))") != NULL,
	    "an unkillable row: '-' and the reason (%s)", buf_str(&b));

	/* Any width: columns go whole, in order; COMMAND keeps its minimum. */
	for (w = 30; w <= 120; w++) {
		bool prefix = true;
		static const enum top_col order[] = { TC_PGTBL, TC_SWAP, TC_USER, TC_SHARE,
			TC_GROW, TC_ADJ, TC_RSS, TC_SCORE };

		top_view_columns(&c, &t, 0, 4, w, 0);
		for (k = 0; k + 1 < ARRAY_SIZE(order); k++)
			if (c.shown[order[k]] && !c.shown[order[k + 1]])
				prefix = false;
		for (i = 0; i < 4; i++) {
			buf_reset(&b);
			top_view_row(&b, &t, &rows[i], &c);
			if (escaped_width(b.data, b.len) > w)
				prefix = false;
		}
		lines += prefix && c.shown[TC_RANK] && c.shown[TC_PID] &&
		    c.cmd_w >= (w >= 60 ? 16u : 12u);
	}
	is_int(lines, 91, "30-120 columns: whole columns left out least telling first, rows fit");
	top_view_columns(&c, &t, 0, 4, 40, 0);
	ok(c.shown[TC_SCORE] && !c.shown[TC_USER] && c.cmd_w >= 12,
	    "40 columns: SCORE kept, USER gone, COMMAND %zu wide", c.cmd_w);

	/* The COMMAND window: right scrolls the text, never half a wide character. */
	top_view_columns(&c, &t, 0, 4, 0, 8);
	buf_reset(&b);
	top_view_row(&b, &t, &rows[2], &c);
	ok(strstr(buf_str(&b), " ijklmnopqrstuvwxyz") != NULL, "scrolled by 8: from 'i'");
	top_view_columns(&c, &t, 0, 4, 0, 3);
	buf_reset(&b);
	top_view_row(&b, &t, &rows[3], &c);
	ok(strstr(buf_str(&b), "\xe4\xb8\xad") == NULL &&
	    strstr(buf_str(&b), " \xe6\x96\x87\xe5\xad\x97  (unkillable") != NULL,
	    "scrolled by 3 of a wide name: whole characters only (the half one shown)");
	buf_reset(&b);
	top_view_rows_header(&b, &t, &c);
	ok(strstr(plain(&b), "COMMAND +3") != NULL, "the title says how far it is scrolled");

	/* The tree's guides. */
	rows[2].depth = 3;
	rows[2].last = true;
	rows[2].guides = 1;
	top_view_columns(&c, &t, 0, 4, 0, 0);
	buf_reset(&b);
	top_view_row(&b, &t, &rows[2], &c);
	ok(strstr(buf_str(&b), " |     `- abcdef") != NULL, "depth 3: '|  ', '   ', '`- ' (%s)",
	    buf_str(&b));
	rows[2].depth = 0;
	buf_free(&b);
}

static void
test_death(void)
{
	struct top_death d;
	struct top_selection sel;
	struct buf b = BUF_INIT;

	rows_setup();
	memset(&d, 0, sizeof(d));
	d.pid = 4321;
	memcpy(d.comm, "mem\033hog", 7);
	d.comm_len = 7;
	d.zombie = true;
	d.oom_kills = 1;
	top_select_row(&t, &sel, 1);
	top_view_death(&b, &t, &d, &sel);
	is_str(buf_str(&b), "4321 (mem\\ehog) died: OOM kills +1 since the last refresh (a zombie "
	    "now); now on 1234567 (postgres), rank 10014", "who died, how we know, where we are");
	buf_reset(&b);
	d.oom_kills = 0;
	d.zombie = false;
	top_view_death(&b, &t, &d, &sel);
	ok(strncmp(buf_str(&b), "4321 (mem\\ehog) exited; now on", 30) == 0, "an exit");
	buf_free(&b);
}

int
main(void)
{
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		tap_skip_all("no C.UTF-8 locale");
	escape_utf8 = true;
	test_fit();
	test_header();
	test_zone_lines();
	test_zone_scale();
	test_columns();
	test_death();
	return tap_done();
}
