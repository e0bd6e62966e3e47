/* cmd-rank.c: `oomrisk rank`, the one-shot victim ranking. */
#include "config.h"

#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "blast.h"
#include "cmd.h"
#include "escape.h"
#include "format.h"
#include "json.h"
#include "rank.h"
#include "rankfmt.h"
#include "rankwhy.h"
#include "status.h"
#include "util.h"
#include "whatif.h"

#define DEFAULT_COUNT 10
/* Capability bit of CAP_SYS_RESOURCE (linux/capability.h). */
#define CAP_SYS_RESOURCE_BIT 24

enum { OPT_ADJ = 256, OPT_GROW, OPT_BLAST };

/* What the views need besides the ranking. */
struct rank_view {
	size_t count;
	bool all, cmdline, blast;
	size_t width;
	struct sampler *s;
	struct blast_ctx bc;
};

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
	    "      --adj PID=VALUE  rank as if PID's oom_score_adj were VALUE (-1000..1000);\n"
	    "                       repeatable; nothing is written\n"
	    "      --grow PID=SIZE  rank as if PID held SIZE more resident memory (512M, 2G);\n"
	    "                       repeatable\n"
	    "      --blast-radius   list every task a kill of the would-be victim takes down\n"
	    "                       (memory.oom.group, cgroup v2); with json, for every task\n"
	    "  -h, --help           show this help\n\n"
	    "SCORE is our computation of /proc/PID/oom_score; SHARE is rss + swap + page\n"
	    "tables as a percentage of totalpages (RAM + swap, or the cgroup's limit).\n"
	    "Under the table: the would-be victim's arithmetic, the term that puts it ahead\n"
	    "of the runner-up, and what its kill takes down.\n"
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

/* Can this process lower an oom_score_adj below the task's oom_score_adj_min? */
static bool
have_cap_sys_resource(void)
{
	char buf[4096];
	struct pid_status st;
	long n = read_file_at(AT_FDCWD, "/proc/self/status", buf, sizeof(buf), NULL);

	return n > 0 && status_parse(buf, (size_t)n, &st) == 0 && st.have_cap_eff &&
	    (st.cap_eff >> CAP_SYS_RESOURCE_BIT & 1);
}

/*
 * "what-if: ..." lines above the table: what the ranking assumes, and
 * whether writing it for real would be refused.
 */
static void
text_whatif(struct buf *out, const struct ranking *r)
{
	const struct whatif_list *l = r->whatif;
	int can_lower = -1;
	size_t i, j;

	if (l == NULL || l->n == 0)
		return;
	for (i = 0; i < l->n; i++) {
		const struct whatif *w = &l->v[i];
		const struct task *t = NULL;
		char size[FMT_KB_LEN];

		for (j = 0; j < r->tasks.n && t == NULL; j++)
			if (r->tasks.v[j].pid == w->pid)
				t = &r->tasks.v[j];
		buf_printf(out, "what-if (not applied): %d (", w->pid);
		if (t != NULL)
			escape_text(out, t->comm, t->comm_len, 0);
		buf_putc(out, ')');
		if (w->set_adj)
			buf_printf(out, " oom_score_adj %d -> %d", w->old_adj, w->adj);
		if (w->set_grow)
			buf_printf(out, "%s +%s resident", w->set_adj ? "," : "",
			    fmt_kb(size, w->grow_kb));
		buf_putc(out, '\n');
		/*
		 * The kernel refuses (EACCES) a value below the task's
		 * oom_score_adj_min unless the writer has CAP_SYS_RESOURCE;
		 * that minimum is inherited, 0 by default, and not in /proc.
		 */
		if (w->set_adj && w->adj < 0 && w->adj < w->old_adj) {
			if (can_lower == -1)
				can_lower = have_cap_sys_resource();
			if (!can_lower)
				buf_printf(out, "note: this process lacks CAP_SYS_RESOURCE: writing %d "
				    "to /proc/%d/oom_score_adj is refused (EACCES) if it is below the "
				    "task's oom_score_adj_min (inherited, 0 by default, not shown in "
				    "/proc)\n", w->adj, w->pid);
		}
	}
}

/* The would-be victim's blast radius; false (after a warning) when it cannot be read. */
static bool
victim_blast(struct rank_view *v, const struct ranking *r, const struct task *t,
    struct oom_group *g, const struct blast_members **mb)
{
	struct buf err = BUF_INIT, safe = BUF_INIT;

	if (blast_for_task(&v->bc, v->s, r, t, g, mb, &err) == 0) {
		buf_free(&err);
		return true;
	}
	escape_text(&safe, buf_str(&err), err.len, 0);
	warnmsg("rank: blast radius of %d: %s", t->pid, buf_str(&safe));
	buf_free(&safe);
	buf_free(&err);
	return false;
}

static void
print_text(struct rank_view *v, const struct ranking *r)
{
	struct buf out = BUF_INIT;
	size_t i, shown = 0;

	rank_text_scope(&out, r);
	text_whatif(&out, r);
	rank_text_header(&out, v->cmdline);
	buf_putc(&out, '\n');
	for (i = 0; i < r->n; i++) {
		const struct rank_entry *e = &r->entries[i];

		if (!v->all && (!e->score.eligible || shown == v->count))
			break;
		rank_text_row(&out, r, e, e->score.eligible ? i + 1 : 0,
		    sample_user_name(v->s, rank_task(r, e)->uid), v->cmdline, v->width);
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
		const struct blast_members *mb;
		struct oom_group g;

		buf_puts(&out, "would-be victim: ");
		rank_text_breakdown(&out, r, top);
		/* Also says when the first two tie, and who then goes first. */
		rank_text_decisive(&out, r);
		buf_putc(&out, '\n');
		if (victim_blast(v, r, rank_task(r, top), &g, &mb))
			rank_text_blast(&out, r, rank_task(r, top), &g, mb, v->blast);
	}
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
}

static void
json_whatif(struct json *j, const struct ranking *r)
{
	size_t i;

	json_key(j, "whatif");
	json_array_begin(j);
	for (i = 0; r->whatif != NULL && i < r->whatif->n; i++) {
		const struct whatif *w = &r->whatif->v[i];

		json_object_begin(j);
		json_kv_int(j, "pid", w->pid);
		json_key(j, "oom_score_adj");
		if (w->set_adj)
			json_int(j, w->adj);
		else
			json_null(j);
		json_kv_int(j, "oom_score_adj_was", w->old_adj);
		json_kv_uint(j, "grow_kb", w->grow_kb);
		json_object_end(j);
	}
	json_array_end(j);
}

static void
print_json(struct rank_view *v, const struct ranking *r)
{
	struct json j;
	size_t i, shown = 0;
	const struct blast_members *mb;
	struct oom_group g;

	json_init(&j, stdout, true);
	json_object_begin(&j);
	rank_json_preamble(&j, r);
	json_whatif(&j, r);
	json_key(&j, "decisive");
	rank_json_decisive(&j, r);
	json_key(&j, "blast_radius");
	if (r->nkillable > 0 && victim_blast(v, r, rank_task(r, &r->entries[0]), &g, &mb))
		rank_json_blast(&j, rank_task(r, &r->entries[0]), &g, mb, true);
	else
		json_null(&j);
	json_key(&j, "tasks");
	json_array_begin(&j);
	for (i = 0; i < r->n; i++) {
		const struct rank_entry *e = &r->entries[i];
		const struct task *t = rank_task(r, e);

		if (!v->all && (!e->score.eligible || shown == v->count))
			break;
		json_object_begin(&j);
		rank_json_task_fields(&j, r, e, e->score.eligible ? i + 1 : 0,
		    sample_user_name(v->s, t->uid));
		if (v->blast) {
			json_key(&j, "blast_radius");
			if (victim_blast(v, r, t, &g, &mb))
				rank_json_blast(&j, t, &g, mb, false);
			else
				json_null(&j);
		}
		json_object_end(&j);
		shown++;
	}
	json_array_end(&j);
	json_object_end(&j);
	json_finish(&j);
}

static void
print_csv(struct rank_view *v, const struct ranking *r)
{
	struct buf out = BUF_INIT;
	size_t i, shown = 0;

	rank_csv_header(&out);
	for (i = 0; i < r->n; i++) {
		const struct rank_entry *e = &r->entries[i];

		if (!v->all && (!e->score.eligible || shown == v->count))
			break;
		rank_csv_row(&out, r, e, e->score.eligible ? i + 1 : 0,
		    sample_user_name(v->s, rank_task(r, e)->uid));
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
		{ "adj", required_argument, NULL, OPT_ADJ },
		{ "grow", required_argument, NULL, OPT_GROW },
		{ "blast-radius", no_argument, NULL, OPT_BLAST },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct rank_request req = { 0 };
	struct ranking r = { 0 };
	struct rank_view v = { .count = DEFAULT_COUNT };
	struct whatif_list whatif = { 0 };
	struct buf err = BUF_INIT;
	const char *serr;
	bool wide = false;
	int format = FORMAT_TEXT, c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":n:ag:f:cwm:h", opts, NULL)) != -1) {
		switch (c) {
		case 'n': {
			char *end;
			long n = strtol(optarg, &end, 10);

			if (*optarg == '\0' || *end != '\0' || n < 1 || n > 10000000)
				return cmd_usage_error("rank", "--count: not a positive number: '%s'",
				    optarg);
			v.count = (size_t)n;
			break;
		}
		case 'a':
			v.all = true;
			break;
		case 'g':
			req.cgroup = optarg;
			break;
		case 'f':
			if ((format = format_parse(optarg)) < 0)
				return cmd_usage_error("rank", "--format: expected text, json or csv");
			break;
		case 'c':
			v.cmdline = true;
			break;
		case 'w':
			wide = true;
			break;
		case 'm':
			if ((req.model = oom_model_by_name(optarg)) == NULL)
				return cmd_usage_error("rank", "--model: unknown era '%s' "
				    "(see oomrisk rank --help)", optarg);
			break;
		case OPT_ADJ:
		case OPT_GROW:
			if ((c == OPT_ADJ ? whatif_add_adj(&whatif, optarg, &err) :
			    whatif_add_grow(&whatif, optarg, &err)) < 0) {
				rc = cmd_usage_error("rank", "%s", buf_str(&err));
				buf_free(&err);
				whatif_list_free(&whatif);
				return rc;
			}
			break;
		case OPT_BLAST:
			v.blast = true;
			break;
		case 'h':
			rank_help();
			whatif_list_free(&whatif);
			return EXIT_OK;
		default:
			whatif_list_free(&whatif);
			return cmd_option_error("rank", c, argv);
		}
	}
	if (optind < argc) {
		whatif_list_free(&whatif);
		return cmd_usage_error("rank", "unexpected argument '%s'", argv[optind]);
	}
	/* CSV rows have no place to say a number is hypothetical, or to hold a list. */
	if (format == FORMAT_CSV && (whatif.n > 0 || v.blast)) {
		whatif_list_free(&whatif);
		return cmd_usage_error("rank", "%s: not available with --format=csv (json marks "
		    "them)", v.blast ? "--blast-radius" : "--adj/--grow");
	}

	if ((v.s = sampler_new(&serr)) == NULL)
		fatal(EXIT_RUNTIME, "rank: %s", serr);
	req.limit = v.all ? 0 : v.count;
	req.want_cmdline = format != FORMAT_TEXT || v.cmdline;
	req.want_kernel_scores = format != FORMAT_TEXT;
	req.whatif = whatif.n ? &whatif : NULL;
	if ((rc = rank_collect(v.s, &req, &r, &err)) < 0) {
		struct buf safe = BUF_INIT;

		escape_text(&safe, buf_str(&err), err.len, 0);
		warnmsg("rank: %s", buf_str(&safe));
		buf_free(&safe);
		buf_free(&err);
		ranking_free(&r);
		sampler_free(v.s);
		whatif_list_free(&whatif);
		return rc == -2 ? EXIT_USAGE : EXIT_RUNTIME;
	}
	v.width = wide ? 0 : terminal_width();
	if (format != FORMAT_CSV)
		blast_ctx_init(&v.bc);
	if (format == FORMAT_JSON) {
		print_json(&v, &r);
	} else if (format == FORMAT_CSV) {
		/* CSV has no place for it; text and JSON carry it in the output. */
		rank_warn_not_visible(&r, "rank");
		print_csv(&v, &r);
	} else {
		print_text(&v, &r);
	}
	blast_ctx_free(&v.bc);
	buf_free(&err);
	ranking_free(&r);
	sampler_free(v.s);
	whatif_list_free(&whatif);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
}

const struct command cmd_rank_entry = {
	"rank", "rank processes in the order the OOM killer would kill them", rank_run,
};
