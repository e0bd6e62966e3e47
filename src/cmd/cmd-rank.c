/* cmd-rank.c: `oomrisk rank`, the one-shot victim ranking. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/rank.h"
#include "core/whatif.h"
#include "lib/diag.h"
#include "lib/escape.h"
#include "lib/format.h"
#include "lib/json.h"
#include "lib/xalloc.h"
#include "sys/backend.h"
#include "sys/blast-reader.h"
#include "sys/gather-rank.h"
#include "view/group-table.h"
#include "view/rank-view.h"
#include "view/rank-table.h"
#include "view/victim-notes.h"
#include "view/whatif-view.h"

#define DEFAULT_COUNT 10
/* Capability bit of CAP_SYS_RESOURCE (linux/capability.h). */
#define CAP_SYS_RESOURCE_BIT 24

enum { OPT_ADJ = 256, OPT_GROW, OPT_BLAST, OPT_GROUP_BY };

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
	    "      --group-by=KEY   fold the tasks by cgroup, unit or container: per group\n"
	    "                       its size, first victim, limit and headroom (-n groups)\n"
	    "      --backend=WHERE  where task numbers come from: auto (the default) and\n"
	    "                       proc read /proc; bpf the BPF task iterator (the OOM\n"
	    "                       killer's own counters; needs CAP_BPF and CAP_PERFMON)\n"
	    "      --proc-root=DIR  read a saved proc tree instead of /proc (cgroups\n"
	    "                       under DIR/..; see oomrisk(1), PROC ROOT)\n"
	    "  -h, --help           show this help\n\n"
	    "SCORE is the badness on /proc/PID/oom_score's scale against the scope's\n"
	    "totalpages (RAM + swap, or the cgroup's limit): /proc's own value globally,\n"
	    "the one that decides in a cgroup (JSON: global_oom_score is /proc's).  SHARE\n"
	    "is rss + swap + page tables as a percentage of totalpages.  Equal points go\n"
	    "to the kernel's scan order (JSON: tie_break).  oomrisk itself is never ranked.\n"
	    "Under the table: the would-be victim's arithmetic, the term that puts it ahead\n"
	    "of the runner-up, and what its kill takes down.\n"
	    "CGROUP (text, from %d columns or not to a terminal; JSON cgroup, unit,\n"
	    "container) is the task's memory cgroup: its container or pod, else its systemd\n"
	    "unit, else its path; names from the runtimes' files (see oomrisk(1), OWNERS).\n"
	    "When /proc hides tasks (hidepid without CAP_SYS_PTRACE, unreadable tasks, a\n"
	    "pid namespace), one note says what was not visible (JSON: not_visible).\n"
	    "Exit status: 0 success, 1 usage error, 2 runtime error.\n",
	    RANK_TABLE_CGROUP_MIN_WIDTH);
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

static int
cmd_rank_exec(int argc, char **argv)
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
		{ "group-by", required_argument, NULL, OPT_GROUP_BY },
		{ "proc-root", required_argument, NULL, CMD_OPT_PROC_ROOT },
		{ "backend", required_argument, NULL, CMD_OPT_BACKEND },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum backend_choice backend = BACKEND_AUTO;
	struct rank_request req = { 0 };
	struct ranking r = { 0 };
	struct rank_view v = { .count = DEFAULT_COUNT };
	struct blast_reader br = { 0 };
	struct sampler *s;
	struct whatif_list whatif = { 0 };
	struct buf err = BUF_INIT;
	const char *serr, *proc_root = NULL;
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
		case OPT_GROUP_BY: {
			int k = group_key_parse(optarg);

			if (k < 0) {
				whatif_list_free(&whatif);
				return cmd_usage_error("rank", "--group-by: expected cgroup, unit or "
				    "container, not '%s'", optarg);
			}
			v.group_by = (enum group_key)k;
			break;
		}
		case CMD_OPT_PROC_ROOT:
			proc_root = optarg;
			break;
		case CMD_OPT_BACKEND:
			if ((c = backend_choice_parse(optarg)) < 0) {
				whatif_list_free(&whatif);
				return cmd_usage_error("rank", "--backend: expected auto, proc or bpf");
			}
			backend = (enum backend_choice)c;
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
	if (format == FORMAT_CSV && v.group_by != GROUP_NONE) {
		whatif_list_free(&whatif);
		return cmd_usage_error("rank", "--group-by: not available with --format=csv");
	}
	if (format == FORMAT_CSV && (whatif.n > 0 || v.blast)) {
		whatif_list_free(&whatif);
		return cmd_usage_error("rank", "%s: not available with --format=csv (json marks "
		    "them)", v.blast ? "--blast-radius" : "--adj/--grow");
	}

	if ((s = sampler_new(proc_root, &serr)) == NULL)
		fatal(EXIT_RUNTIME, "rank: %s", serr);
	/* One-shot: auto stays on /proc (sys/backend.h says why). */
	backend_attach(s, backend, false, &err);
	if (err.len > 0) {
		cmd_warn_escaped("rank", err.data, err.len);
		buf_reset(&err);
	}
	/* Groups sum every task: no prefilter then. */
	req.limit = v.all || v.group_by != GROUP_NONE ? 0 : v.count;
	req.want_cmdline = (format != FORMAT_TEXT || v.cmdline) && v.group_by == GROUP_NONE;
	req.want_kernel_scores = format != FORMAT_TEXT;
	v.width = wide ? 0 : terminal_width();
	v.cgroup_col = format == FORMAT_TEXT && (v.width == 0 ||
	    v.width >= RANK_TABLE_CGROUP_MIN_WIDTH);
	req.want_cgroups = format != FORMAT_TEXT || v.cgroup_col || v.group_by != GROUP_NONE;
	req.want_names = req.want_cgroups;
	req.want_last_kill = true;
	req.whatif = whatif.n ? &whatif : NULL;
	if ((rc = gather_rank(s, &req, &r, &err)) < 0) {
		struct buf safe = BUF_INIT;

		escape_text(&safe, buf_str(&err), err.len, 0);
		warnmsg("rank: %s", buf_str(&safe));
		buf_free(&safe);
		buf_free(&err);
		ranking_free(&r);
		sampler_free(s);
		whatif_list_free(&whatif);
		return rc == -2 ? EXIT_USAGE : EXIT_RUNTIME;
	}
	if (v.group_by != GROUP_NONE)
		gather_rank_groups(s, &r, v.group_by, &v.groups);
	v.can_lower = sampler_self_has_cap(s, CAP_SYS_RESOURCE_BIT);
	if (format != FORMAT_CSV) {
		blast_reader_init(&br, s);
		v.nblasts = r.nkillable == 0 ? 0 :
		    format == FORMAT_JSON && v.blast ? rank_view_shown(&v, &r) : 1;
		v.blasts = gather_rank_blasts(&br, s, &r, v.nblasts);
	}
	if (format == FORMAT_JSON) {
		rank_view_json(stdout, &v, &r);
	} else if (format == FORMAT_CSV) {
		/* CSV has no place for it; text and JSON carry it in the output. */
		rank_table_warn_not_visible(&r, "rank");
		rank_view_csv(stdout, &v, &r);
	} else {
		rank_view_text(stdout, &v, &r);
	}
	blast_reader_free(&br);
	rank_groups_free(&v.groups);
	free(v.blasts);
	buf_free(&err);
	ranking_free(&r);
	sampler_free(s);
	whatif_list_free(&whatif);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
}

const struct command cmd_rank_entry = {
	"rank", "rank processes in the order the OOM killer would kill them", cmd_rank_exec,
};
