/*
 * test-held: reports_line_held() keeps the line that the next one may
 * still join (its text, host, time and uptime) where it lies in the
 * caller's buffer, until reports_release(); reports_line() copies it.
 * Both must read the same reports.  Every log of tests/oom-logs and of
 * the fuzz seeds is read both ways, with and without folding:
 *
 *   copied: each line copied into a buffer of its own length, passed to
 *           reports_line(), and the copy overwritten and freed at once;
 *   held:   the lines passed in place with reports_line_held(), released
 *           after a random number of lines (1 to 8, or never before the
 *           end), and every byte passed up to then overwritten right
 *           after each release, as a reader reusing its buffer would.
 *
 * A held pointer kept past its release reads the overwritten bytes and
 * the reports differ (or ASan sees the freed copy of the first way).
 *
 * And task_row_start() (log/row.h: 16 bytes at once, the test that keeps
 * rows from the anchor search) must say what task_row_start_ref() says on
 * every line of those logs, on each of their suffixes, and on generated
 * lines made of the bytes that matter to it.
 */
#include "config.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/parse.h"
#include "log/reports.h"
#include "log/row.h"
#include "tap.h"

#define SCRIBBLE 0xAA

/* Nearly all of a report that the views print, as text. */
static void
dump(const struct oom_report *r, void *arg)
{
	struct buf *b = arg;
	size_t i;
	int k;

	buf_printf(b, "report file=%d line=%llu-%llu repeats=%llu/%llu source=%d by=\"%s\"\n",
	    r->file, (unsigned long long)r->line, (unsigned long long)r->last_line,
	    (unsigned long long)r->repeats, (unsigned long long)r->repeat_last_line,
	    (int)r->source, r->source == SRC_EVENT ? r->event_by : "");
	buf_printf(b, "host=%d\"%s\" time=%d\"%s\" uptime=%d\"%s\"\n", r->has_host, r->host,
	    r->has_time, r->time, r->has_uptime, r->uptime);
	buf_printf(b, "seen=%#x kind=%d/%d invoker=%d\"%s\" pid=%lld gfp=%lld order=%lld "
	    "adj=%lld/%lld kernel=\"%s\"%d cut=%u implausible=%u\"%s\"\n", r->seen, (int)r->kind,
	    r->kind_known, r->has_invoker, r->invoker, (long long)r->invoker_pid,
	    (long long)r->gfp_mask, (long long)r->order, (long long)r->oom_adj,
	    (long long)r->oom_score_adj, r->kernel, r->kernel_from_earlier, r->lines_cut,
	    r->implausible, r->implausible_what);
	buf_printf(b, "cpuset=\"%s\" memcg=\"%s\" constraint=\"%s\" oom_memcg=\"%s\" panic=\"%s\"\n",
	    r->cpuset, r->memcg, r->constraint, r->oom_memcg, r->panic);
	for (k = 0; k < OC_COUNT; k++)
		buf_printf(b, "%lld ", (long long)r->counters[k]);
	buf_printf(b, "\nzones=%d", r->nzones);
	for (k = 0; k < r->nzones && k < OOM_MAX_ZONES; k++)
		buf_printf(b, " %d:%s:%lld:%lld", r->zones[k].node, r->zones[k].name,
		    (long long)r->zones[k].free_kb, (long long)r->zones[k].min_kb);
	buf_printf(b, "\nlayout=%d tasks=%zu cut=%zu\n", (int)r->layout, r->ntasks, r->tasks_cut);
	for (i = 0; i < r->ntasks; i++)
		buf_printf(b, "  %lld %lld %lld %s\n", (long long)r->tasks[i].pid,
		    (long long)r->tasks[i].rss, (long long)r->tasks[i].oom_score_adj,
		    r->tasks[i].comm);
	buf_printf(b, "kill %lld \"%s\" score=%lld, %lld \"%s\" line=%llu \"%s\" killed=%d:",
	    (long long)r->kill.chosen_pid, r->kill.chosen_comm, (long long)r->kill.score,
	    (long long)r->kill.pid, r->kill.comm, (unsigned long long)r->kill.line,
	    r->kill.message, r->nkilled);
	for (k = 0; k < r->nkilled && k < OOM_MAX_KILLED; k++)
		buf_printf(b, " %lld@%llu", (long long)r->killed[k].pid,
		    (unsigned long long)r->killed[k].line);
	buf_printf(b, " reaped=%d\n", r->nreaped);
}

/* Each line copied alone, the copy gone right after reports_line(). */
static void
read_copied(const char *buf, size_t len, bool fold, struct buf *out)
{
	struct reports *ol = reports_new(dump, out);
	struct lines it;
	const char *line;
	size_t n;

	reports_set_fold(ol, fold);
	lines_init(&it, buf, len);
	while (lines_next(&it, &line, &n)) {
		char *copy = malloc(n + 1);

		if (copy == NULL)
			abort();
		memcpy(copy, line, n);
		reports_line(ol, copy, n, it.lineno);
		memset(copy, SCRIBBLE, n + 1);
		free(copy);
	}
	reports_finish(ol);
	reports_free(ol);
}

/*
 * The lines held in place, released every `every` lines (0: at the end
 * only, or at random from 1 to 8 when every < 0); what was passed is
 * overwritten after each release.
 */
static void
read_held(const char *orig, size_t len, bool fold, int every, struct buf *out)
{
	char *buf = malloc(len + 1);
	struct reports *ol = reports_new(dump, out);
	struct lines it;
	const char *line;
	size_t n, done = 0;
	int since = 0, next = every;

	if (buf == NULL)
		abort();
	memcpy(buf, orig, len + 1);
	reports_set_fold(ol, fold);
	lines_init(&it, buf, len);
	if (every < 0)
		next = 1 + (int)(tap_rand() % 8);
	while (lines_next(&it, &line, &n)) {
		reports_line_held(ol, line, n, it.lineno);
		if (next > 0 && ++since >= next) {
			size_t upto = (size_t)(line + n - buf);

			reports_release(ol);
			memset(buf + done, SCRIBBLE, upto - done);
			done = upto;
			since = 0;
			if (every < 0)
				next = 1 + (int)(tap_rand() % 8);
		}
	}
	reports_release(ol);
	memset(buf, SCRIBBLE, len + 1);
	reports_finish(ol);
	reports_free(ol);
	free(buf);
}

/* The first line where a and b differ, for the message. */
static void
first_diff(const struct buf *a, const struct buf *b, char *why, size_t size)
{
	const char *x = buf_str(a), *y = buf_str(b);
	size_t i = 0, start = 0;

	while (i < a->len && i < b->len && x[i] == y[i]) {
		if (x[i] == '\n')
			start = i + 1;
		i++;
	}
	snprintf(why, size, "copied \"%.100s\", held \"%.100s\"", x + start, y + start);
	for (i = 0; why[i]; i++)
		if (why[i] == '\n')
			why[i] = '|';
}

/* task_row_start() and the reference on every suffix of [p, end): mismatches. */
static int
rows_differ(const char *p, const char *end, char *why, size_t size)
{
	int bad = 0;

	for (; p <= end; p++)
		if (task_row_start(p, end) != task_row_start_ref(p, end) && bad++ == 0)
			snprintf(why, size, "\"%.*s\": %d, reference %d", (int)(end - p), p,
			    task_row_start(p, end), task_row_start_ref(p, end));
	return bad;
}

/* Generated lines: blanks, tabs, digits, brackets and a few others, 0 to 40 bytes. */
static int
rows_generated(int n, char *why, size_t size)
{
	static const char alphabet[] = "     \t0123456789[]]x-";
	char line[48];
	int bad = 0, i, k, len;

	tap_rng = 4242;
	for (i = 0; i < n; i++) {
		len = (int)(tap_rand() % 41);
		for (k = 0; k < len; k++)
			line[k] = alphabet[tap_rand() % (sizeof(alphabet) - 1)];
		if (len > 0 && tap_rand() % 2)
			line[tap_rand() % 3 < (unsigned)len ? tap_rand() % 3 : 0] = '[';
		bad += rows_differ(line, line + len, why, size);
	}
	return bad;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the files in $srcdir/tests/sub, sorted. */
static size_t
list(const char *sub, char **names, size_t max)
{
	const char *srcdir = getenv("srcdir");
	char dir[4096];
	DIR *d;
	struct dirent *de;
	size_t n = 0;

	snprintf(dir, sizeof(dir), "%s/tests/%s", srcdir ? srcdir : ".", sub);
	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL && n < max)
		if (de->d_name[0] != '.')
			names[n++] = strdup(de->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_names);
	return n;
}

int
main(void)
{
	static const char *const dirs[] = { "oom-logs", "../fuzz/corpus/oomlog" };
	struct buf copied = BUF_INIT, held = BUF_INIT;
	char why[512], *names[512];
	size_t d, i, n, files = 0, reports = 0;
	int rows_bad = 0, rows = 0;

	for (d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
		n = list(dirs[d], names, 512);
		for (i = 0; i < n; i++) {
			char rel[1024];
			size_t len;
			char *buf;
			int fold, every;
			bool same = true;

			snprintf(rel, sizeof(rel), "%s/%s", dirs[d], names[i]);
			buf = fixture_load(rel, &len);
			{
				struct lines it;
				const char *line;
				size_t ln;

				lines_init(&it, buf, len);
				while (lines_next(&it, &line, &ln)) {
					rows_bad += rows_differ(line, line + ln, why, sizeof(why));
					rows += task_row_start_ref(line, line + ln) ||
					    (ln > 30 && task_row_start_ref(line + 15, line + ln));
				}
				if (rows_bad > 0)
					printf("# %s: %s\n", rel, why);
			}
			for (fold = 0; fold <= 1 && same; fold++) {
				buf_reset(&copied);
				read_copied(buf, len, fold, &copied);
				for (every = -1; every <= 3 && same; every++) {
					buf_reset(&held);
					read_held(buf, len, fold, every, &held);
					if (held.len != copied.len ||
					    memcmp(held.data, copied.data, held.len) != 0) {
						first_diff(&copied, &held, why, sizeof(why));
						printf("# %s, fold %d, release every %d: %s\n", rel,
						    fold, every, why);
						same = false;
					}
				}
			}
			ok(same, "%s: held lines read as copied ones", rel);
			for (const char *p = buf_str(&copied); (p = strstr(p, "report file=")) != NULL;
			    p++)
				reports++;
			files++;
			free(buf);
			free(names[i]);
		}
	}
	ok(files > 100, "%zu logs read", files);
	ok(rows_bad == 0 && rows > 100, "task_row_start() is the reference on every suffix of "
	    "every line (%d mismatches; %d lines with a row)", rows_bad, rows);
	rows_bad = rows_generated(200000, why, sizeof(why));
	if (rows_bad > 0)
		printf("# %s\n", why);
	ok(rows_bad == 0, "task_row_start() is the reference on 200,000 generated lines and "
	    "their suffixes (%d mismatches)", rows_bad);
	ok(reports > 100, "%zu reports compared", reports);
	buf_free(&copied);
	buf_free(&held);
	return tap_done();
}
