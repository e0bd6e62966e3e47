/* cmd-audit.c: `oomrisk audit`, what an OOM would do here and which settings decide it. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/conf.h"
#include "core/protect.h"
#include "lib/diag.h"
#include "lib/escape.h"
#include "lib/format.h"
#include "lib/json.h"
#include "lib/xalloc.h"
#include "sys/gather-audit.h"
#include "view/audit-view.h"
#include "view/rank-table.h"

/* Findings stay readable on an 80-column terminal. */
#define TEXT_WIDTH 80

static void
audit_help(void)
{
	printf("Usage: oomrisk audit [OPTION]...\n"
	    "Report what an OOM would do on this system and which settings decide it:\n"
	    "large tasks at oom_score_adj -1000 (out of reach), small tasks that are first\n"
	    "only because of a positive oom_score_adj, memory cgroups too small for\n"
	    "oom_score_adj to work, vm sysctls and swap set-ups that change what an OOM\n"
	    "does, protected processes that are the would-be victim, and whole cgroups a\n"
	    "kill would take down (memory.oom.group).\n\n"
	    "  -p, --protect=PATTERN  a process that should not be the victim: an extended\n"
	    "                         regular expression matched anywhere in the full\n"
	    "                         command line; repeatable; added to the [protect]\n"
	    "                         patterns of the configuration\n"
	    "  -c, --config=FILE      read [protect] patterns from FILE (default:\n"
	    "                         $OOMRISK_CONFIG, else %s when it exists)\n"
	    "  -f, --format=FMT       text (default), json or csv\n"
	    "      --proc-root=DIR    read a saved proc tree instead of /proc (cgroups\n"
	    "                         under DIR/..; see oomrisk(1), PROC ROOT)\n"
	    "  -h, --help             show this help\n\n"
	    "Each finding has an id, a severity (critical, warning, info), one sentence\n"
	    "and the pids concerned.  JSON: {\"findings\": [{\"id\", \"severity\",\n"
	    "\"summary\", \"pids\"}]}.\n"
	    "Exit status: 0 success (with or without findings), 1 usage error (a bad\n"
	    "option, pattern or configuration file), 2 runtime error.\n", conf_default_path());
}

static size_t
text_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0 && ws.ws_col < TEXT_WIDTH)
		return ws.ws_col;
	return TEXT_WIDTH;
}

static int
cmd_audit_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "protect", required_argument, NULL, 'p' },
		{ "config", required_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'f' },
		{ "proc-root", required_argument, NULL, CMD_OPT_PROC_ROOT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct conf conf;
	const char *config = NULL;
	char **patterns = xcalloc((size_t)argc, sizeof(*patterns));
	size_t npatterns = 0, i;
	struct audit_data d;
	struct audit_input in;
	struct audit_report rep = { 0 };
	struct buf err = BUF_INIT, out = BUF_INIT, safe = BUF_INIT;
	struct sampler *s;
	const char *serr, *proc_root = NULL;
	int format = FORMAT_TEXT, c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":p:c:f:h", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			patterns[npatterns++] = optarg;
			break;
		case 'c':
			config = optarg;
			break;
		case 'f':
			if ((format = format_parse(optarg)) < 0) {
				free(patterns);
				return cmd_usage_error("audit", "--format: expected text, json or csv");
			}
			break;
		case CMD_OPT_PROC_ROOT:
			proc_root = optarg;
			break;
		case 'h':
			audit_help();
			free(patterns);
			return EXIT_OK;
		default:
			free(patterns);
			return cmd_option_error("audit", c, argv);
		}
	}
	if (optind < argc) {
		escape_text(&safe, argv[optind], strlen(argv[optind]), 64);
		rc = cmd_usage_error("audit", "unexpected argument '%s'", buf_str(&safe));
		buf_free(&safe);
		free(patterns);
		return rc;
	}
	/* The configuration's [protect] patterns, then those of --protect. */
	conf_init(&conf);
	if (conf_load(config, &conf, &err) < 0) {
		escape_text(&safe, buf_str(&err), err.len, 0);
		rc = cmd_usage_error("audit", "%s", buf_str(&safe));
		goto out_early;
	}
	for (i = 0; i < npatterns; i++) {
		if (protect_add(&conf.protect, patterns[i], 0, &err) < 0) {
			rc = cmd_usage_error("audit", "--protect: %s", buf_str(&err));
			goto out_early;
		}
	}
	free(patterns);
	patterns = NULL;

	if ((s = sampler_new(proc_root, &serr)) == NULL)
		fatal(EXIT_RUNTIME, "audit: %s", serr);
	if (gather_audit(s, conf.protect.n > 0, &d, &err) < 0) {
		escape_text(&safe, buf_str(&err), err.len, 0);
		warnmsg("audit: %s", buf_str(&safe));
		buf_free(&safe);
		buf_free(&err);
		gather_audit_free(&d);
		sampler_free(s);
		conf_free(&conf);
		return EXIT_RUNTIME;
	}
	rank_table_warn_not_visible(&d.rank, "audit");
	/* What could not be read narrows the audit: say so on stderr. */
	if (d.notes.len > 0) {
		escape_text(&safe, buf_str(&d.notes), d.notes.len - 1, 0);
		warnmsg("audit: %s", buf_str(&safe));
	}
	gather_audit_input(&d, &conf.protect, &in);
	audit_run(&in, &rep);
	if (format == FORMAT_JSON) {
		struct json j;

		json_init(&j, stdout, true);
		audit_view_json(&j, &rep);
		json_finish(&j);
	} else {
		if (format == FORMAT_CSV)
			audit_view_csv(&out, &rep);
		else
			audit_view_text(&out, &rep, text_width(), false);
		fwrite(buf_str(&out), 1, out.len, stdout);
	}
	audit_report_free(&rep);
	gather_audit_free(&d);
	sampler_free(s);
	conf_free(&conf);
	buf_free(&out);
	buf_free(&safe);
	buf_free(&err);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;

out_early:
	conf_free(&conf);
	free(patterns);
	buf_free(&safe);
	buf_free(&err);
	return rc;
}

const struct command cmd_audit_entry = {
	"audit", "report what an OOM would do here and the settings that decide it",
	cmd_audit_exec,
};
