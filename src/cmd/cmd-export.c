/*
 * cmd-export.c: `oomrisk export`, the snapshot, the top candidates and the
 * check verdicts as Prometheus metrics, for node_exporter's textfile
 * collector (--output writes the file atomically) or any scraper.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/check.h"
#include "core/conf.h"
#include "lib/diag.h"
#include "lib/escape.h"
#include "lib/xalloc.h"
#include "sys/fileio.h"
#include "sys/gather-check.h"
#include "sys/statefile.h"
#include "view/export-view.h"
#include "view/rank-table.h"

#define DEFAULT_COUNT 10
/* Per-cgroup series at most: label cardinality stays bounded on a host of containers. */
#define DEFAULT_MAX_CGROUPS 20
#define MAX_MAX_CGROUPS 1000

/*
 * --output: a regular file or nothing is replaced.  Temporaries a killed
 * run left are removed once they are 5 minutes old: a run writes its own
 * for milliseconds, and two timers may run export on the same file.
 */
static const struct file_replace_opts output_opts = { 0644, NULL, NULL, 300 };

static void
export_help(void)
{
	printf("Usage: oomrisk export [OPTION]...\n"
	    "Print the memory snapshot, the top OOM candidates with their scores and\n"
	    "the check verdicts in the Prometheus text format.\n\n"
	    "  -o, --output=FILE    write to FILE atomically (for node_exporter's\n"
	    "                       --collector.textfile.directory; name it *.prom);\n"
	    "                       only a regular file is replaced\n"
	    "  -n, --count=N        export the top N candidates (default %d)\n"
	    "  -c, --config=FILE    levels for the verdicts, as for check\n"
	    "  -g, --cgroup=PATH    watch this memory cgroup (repeatable; default: the\n"
	    "                       cgroups with a memory limit closest to it, and every\n"
	    "                       [cgroup PATH] section's)\n"
	    "  -m, --max-cgroups=N  at most N cgroups chosen that way (default %d, at most\n"
	    "                       %d): per-cgroup usage, limit, headroom, kills and victim\n"
	    "  -s, --state=FILE     check's state file, read only (new kills, growth,\n"
	    "                       prediction counts)\n"
	    "      --backend=WHERE  where task numbers come from: auto (default: [check]\n"
	    "                       backend, else proc), proc or bpf (the BPF task\n"
	    "                       iterator: the OOM killer's own counters)\n"
	    "      --proc-root=DIR  read a saved proc tree instead of /proc (cgroups\n"
	    "                       under DIR/..; see oomrisk(1), PROC ROOT)\n"
	    "  -h, --help           show this help\n\n"
	    "Exit status: 0 success, 1 usage or configuration error, 2 runtime error.\n",
	    DEFAULT_COUNT, DEFAULT_MAX_CGROUPS, MAX_MAX_CGROUPS);
}

static int
cmd_export_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "count", required_argument, NULL, 'n' },
		{ "config", required_argument, NULL, 'c' },
		{ "cgroup", required_argument, NULL, 'g' },
		{ "max-cgroups", required_argument, NULL, 'm' },
		{ "state", required_argument, NULL, 's' },
		{ "proc-root", required_argument, NULL, CMD_OPT_PROC_ROOT },
		{ "backend", required_argument, NULL, CMD_OPT_BACKEND },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct conf conf;
	struct check_request req = { 0 };
	struct check_data cr;
	struct check_report rep;
	struct buf err = BUF_INIT, out = BUF_INIT, safe = BUF_INIT;
	const char *output = NULL, *config = NULL, *state = NULL;
	char **cgroups = NULL, default_state[4096];
	size_t ncg = 0, count = DEFAULT_COUNT, max_cgroups = DEFAULT_MAX_CGROUPS;
	bool backend_given = false;
	int c, rc, status = EXIT_OK;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:n:c:g:m:s:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case 'n': {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (*optarg == '\0' || *end != '\0' || v < 1 || v > 100000) {
				free(cgroups);
				return cmd_usage_error("export", "--count: not a number from 1 to "
				    "100000: '%s'", optarg);
			}
			count = (size_t)v;
			break;
		}
		case 'm': {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (*optarg == '\0' || *end != '\0' || v < 1 || v > MAX_MAX_CGROUPS) {
				free(cgroups);
				return cmd_usage_error("export", "--max-cgroups: not a number from 1 "
				    "to %d: '%s'", MAX_MAX_CGROUPS, optarg);
			}
			max_cgroups = (size_t)v;
			break;
		}
		case 'c':
			config = optarg;
			break;
		case 'g':
			cgroups = xreallocarray(cgroups, ncg + 1, sizeof(*cgroups));
			cgroups[ncg++] = optarg;
			break;
		case 's':
			state = optarg;
			break;
		case CMD_OPT_PROC_ROOT:
			req.proc_root = optarg;
			break;
		case CMD_OPT_BACKEND:
			if ((c = backend_choice_parse(optarg)) < 0) {
				free(cgroups);
				return cmd_usage_error("export", "--backend: expected auto, proc or "
				    "bpf");
			}
			req.backend = (enum backend_choice)c;
			backend_given = true;
			break;
		case 'h':
			free(cgroups);
			export_help();
			return EXIT_OK;
		default:
			free(cgroups);
			return cmd_option_error("export", c, argv);
		}
	}
	if (optind < argc) {
		free(cgroups);
		return cmd_usage_error("export", "unexpected argument '%s'", argv[optind]);
	}
	conf_init(&conf);
	if (conf_load(config, &conf, &err) < 0) {
		status = EXIT_USAGE;
		goto fail;
	}
	state = check_state_path(state, &conf, default_state, sizeof(default_state));
	req.cgroups = cgroups;
	req.ncgroups = ncg;
	req.top_n = count;
	req.max_cgroups = max_cgroups;
	req.state_path = state ? state : "/nonexistent";
	req.read_kernel_log = false;
	if (!backend_given)
		req.backend = conf.check_backend;
	if ((rc = gather_check(&cr, &conf, &req, &err)) < 0) {
		gather_check_free(&cr);
		status = rc == -2 ? EXIT_USAGE : EXIT_RUNTIME;
		goto fail;
	}
	if (cr.backend_note.len > 0)
		cmd_warn_escaped("export", cr.backend_note.data, cr.backend_note.len);
	rank_table_warn_not_visible(&cr.rank, "export");
	check_evaluate(&cr.in, &rep);
	export_view(&out, &cr.snap, &cr.rank, count, &cr.in, &rep, cr.cgroups_limited);
	check_report_free(&rep);
	gather_check_free(&cr);
	if (output != NULL) {
		if (file_replace(output, out.data, out.len, &output_opts, &err) < 0) {
			status = EXIT_RUNTIME;
			goto fail;
		}
	} else if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
		status = EXIT_RUNTIME;
	}
	conf_free(&conf);
	buf_free(&out);
	buf_free(&err);
	free(cgroups);
	return status;
fail:
	escape_text(&safe, buf_str(&err), err.len, 0);
	warnmsg("export: %s", buf_str(&safe));
	buf_free(&safe);
	conf_free(&conf);
	buf_free(&out);
	buf_free(&err);
	free(cgroups);
	return status;
}

const struct command cmd_export_entry = {
	"export", "print OOM risk metrics in the Prometheus text format", cmd_export_exec,
};
