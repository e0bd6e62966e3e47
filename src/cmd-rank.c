/* cmd-rank.c: `oomrisk rank`, the one-shot victim ranking. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd.h"
#include "escape.h"
#include "format.h"
#include "json.h"
#include "rank.h"
#include "rankfmt.h"
#include "util.h"

#define DEFAULT_COUNT 10

static void
rank_help(void)
{
	const struct oom_model *m;

	printf("Usage: oomrisk rank [OPTION]...\n"
	    "Rank processes the way the kernel's OOM killer would choose its victim,\n"
	    "would-be victim first, with the numbers behind each score.\n\n"
	    "  -n, --count=N        show the top N killable tasks (default %d)\n"
	    "  -a, --all            show every task; unkillable ones last, with the reason\n"
	    "  -g, --cgroup=PATH    rank within a memory cgroup, as when it hits its limit:\n"
	    "                       a directory (/sys/fs/cgroup/memory/app) or a cgroup\n"
	    "                       path as in /proc/PID/cgroup (/app, 0::/app)\n"
	    "  -f, --format=FMT     text (default), json or csv; sizes in kB in json/csv\n"
	    "  -c, --cmdline        show full command lines instead of names (text)\n"
	    "  -w, --wide           do not cut rows to the terminal width (text)\n"
	    "  -m, --model=ERA      score with another kernel era's formula:", DEFAULT_COUNT);
	for (m = oom_models; m->name != NULL; m++)
		printf(" %s", m->name);
	printf("\n"
	    "                       (default: chosen from the running kernel)\n"
	    "  -h, --help           show this help\n\n"
	    "SCORE is our computation of /proc/PID/oom_score; SHARE is rss + swap + page\n"
	    "tables as a percentage of totalpages (RAM + swap, or the cgroup's limit).\n"
	    "When /proc hides tasks (hidepid without CAP_SYS_PTRACE, unreadable tasks, a\n"
	    "pid namespace), one note says what was not visible (JSON: not_visible).\n"
	    "Exit status: 0 success, 1 usage error, 2 runtime error.\n");
}

static size_t
terminal_width(void)
{
	struct winsize ws;
	const char *cols = getenv("COLUMNS");

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (cols != NULL && atoi(cols) > 0)
		return (size_t)atoi(cols);
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

static void
print_text(struct sampler *s, const struct ranking *r, size_t count, bool all, bool cmdline,
    size_t width)
{
	struct buf out = BUF_INIT;
	size_t i, shown = 0;

	rank_text_scope(&out, r);
	rank_text_header(&out, cmdline);
	buf_putc(&out, '\n');
	for (i = 0; i < r->n; i++) {
		const struct rank_entry *e = &r->entries[i];

		if (!all && (!e->score.eligible || shown == count))
			break;
		rank_text_row(&out, r, e, e->score.eligible ? i + 1 : 0,
		    sample_user_name(s, rank_task(r, e)->uid), cmdline, width);
		buf_putc(&out, '\n');
		shown++;
	}
	if (r->nkillable == 0) {
		buf_puts(&out, "no killable task in this scope");
		if (r->scope == SCOPE_GLOBAL)
			buf_puts(&out, ": the kernel would panic (\"Out of memory and no killable processes\")");
		buf_putc(&out, '\n');
	} else {
		const struct rank_entry *top = &r->entries[0];

		buf_puts(&out, "would-be victim: ");
		rank_text_breakdown(&out, r, top);
		if (r->nkillable > 1 && r->entries[1].score.points == top->score.points)
			buf_printf(&out, "note: tied with %d on points; the kernel then takes the %s "
			    "task in its scan order\n", rank_task(r, &r->entries[1])->pid,
			    r->model->ties_to_later ? "later" : "earlier");
	}
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
}

static void
print_json(struct sampler *s, const struct ranking *r, size_t count, bool all)
{
	struct json j;
	size_t i, shown = 0;

	json_init(&j, stdout, true);
	json_object_begin(&j);
	rank_json_preamble(&j, r);
	json_key(&j, "tasks");
	json_array_begin(&j);
	for (i = 0; i < r->n; i++) {
		const struct rank_entry *e = &r->entries[i];

		if (!all && (!e->score.eligible || shown == count))
			break;
		rank_json_task(&j, r, e, e->score.eligible ? i + 1 : 0,
		    sample_user_name(s, rank_task(r, e)->uid));
		shown++;
	}
	json_array_end(&j);
	json_object_end(&j);
	json_finish(&j);
}

static void
print_csv(struct sampler *s, const struct ranking *r, size_t count, bool all)
{
	struct buf out = BUF_INIT;
	size_t i, shown = 0;

	rank_csv_header(&out);
	for (i = 0; i < r->n; i++) {
		const struct rank_entry *e = &r->entries[i];

		if (!all && (!e->score.eligible || shown == count))
			break;
		rank_csv_row(&out, r, e, e->score.eligible ? i + 1 : 0,
		    sample_user_name(s, rank_task(r, e)->uid));
		shown++;
		if (out.len > 65536) {
			fwrite(out.data, 1, out.len, stdout);
			buf_reset(&out);
		}
	}
	fwrite(buf_str(&out), 1, out.len, stdout);
	buf_free(&out);
}

static int
rank_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "count", required_argument, NULL, 'n' },
		{ "all", no_argument, NULL, 'a' },
		{ "cgroup", required_argument, NULL, 'g' },
		{ "format", required_argument, NULL, 'f' },
		{ "cmdline", no_argument, NULL, 'c' },
		{ "wide", no_argument, NULL, 'w' },
		{ "model", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct rank_request req = { 0 };
	struct ranking r = { 0 };
	struct sampler *s;
	struct buf err = BUF_INIT;
	const char *serr;
	size_t count = DEFAULT_COUNT;
	bool all = false, cmdline = false, wide = false;
	int format = FORMAT_TEXT, c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":n:ag:f:cwm:h", opts, NULL)) != -1) {
		switch (c) {
		case 'n': {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (*optarg == '\0' || *end != '\0' || v < 1 || v > 10000000)
				return cmd_usage_error("rank", "--count: not a positive number: '%s'",
				    optarg);
			count = (size_t)v;
			break;
		}
		case 'a':
			all = true;
			break;
		case 'g':
			req.cgroup = optarg;
			break;
		case 'f':
			if ((format = format_parse(optarg)) < 0)
				return cmd_usage_error("rank", "--format: expected text, json or csv");
			break;
		case 'c':
			cmdline = true;
			break;
		case 'w':
			wide = true;
			break;
		case 'm':
			if ((req.model = oom_model_by_name(optarg)) == NULL)
				return cmd_usage_error("rank", "--model: unknown era '%s' "
				    "(see oomrisk rank --help)", optarg);
			break;
		case 'h':
			rank_help();
			return EXIT_OK;
		default:
			return cmd_option_error("rank", c, argv);
		}
	}
	if (optind < argc)
		return cmd_usage_error("rank", "unexpected argument '%s'", argv[optind]);

	if ((s = sampler_new(&serr)) == NULL)
		fatal(EXIT_RUNTIME, "rank: %s", serr);
	req.limit = all ? 0 : count;
	req.want_cmdline = format != FORMAT_TEXT || cmdline;
	req.want_kernel_scores = format != FORMAT_TEXT;
	if ((rc = rank_collect(s, &req, &r, &err)) < 0) {
		struct buf safe = BUF_INIT;

		escape_text(&safe, buf_str(&err), err.len, 0);
		warnmsg("rank: %s", buf_str(&safe));
		buf_free(&safe);
		buf_free(&err);
		ranking_free(&r);
		sampler_free(s);
		return rc == -2 ? EXIT_USAGE : EXIT_RUNTIME;
	}
	if (format == FORMAT_JSON) {
		print_json(s, &r, count, all);
	} else if (format == FORMAT_CSV) {
		/* CSV has no place for it; text and JSON carry it in the output. */
		if (!rank_sees_all(&r)) {
			buf_reset(&err);
			rank_visibility_note(&r, &err);
			warnmsg("rank: note: %s", buf_str(&err));
		}
		print_csv(s, &r, count, all);
	} else {
		print_text(s, &r, count, all, cmdline, wide ? 0 : terminal_width());
	}
	buf_free(&err);
	ranking_free(&r);
	sampler_free(s);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
}

const struct command cmd_rank_entry = {
	"rank", "rank processes in the order the OOM killer would kill them", rank_run,
};
