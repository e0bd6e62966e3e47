/*
 * cmd-check.c: `oomrisk check`, a monitoring plugin: silent and exit 0
 * when all is well, else one "OOMRISK WARNING - ..." line with performance
 * data and exit 1 (warning), 2 (critical) or 3 (unknown).
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/check.h"
#include "core/conf.h"
#include "lib/diag.h"
#include "lib/escape.h"
#include "lib/json.h"
#include "lib/xalloc.h"
#include "sys/gather-audit.h"
#include "sys/gather-check.h"
#include "sys/statefile.h"
#include "view/audit-view.h"
#include "view/rank-table.h"
#include "view/check-view.h"

#define LOCK_TIMEOUT_S 30

static void
check_help(void)
{
	printf("Usage: oomrisk check [OPTION]...\n"
	    "Check memory, swap, zone watermarks, pressure, commit charge, OOM kills,\n"
	    "task growth and memory cgroups against warning and critical levels.\n"
	    "Silent when all is well; otherwise one line 'OOMRISK WARNING - ...' or\n"
	    "'OOMRISK CRITICAL - ...' naming each failed check and the top candidate,\n"
	    "with performance data after '|' (monitoring-plugins convention).\n\n"
	    "  -c, --config=FILE    read levels from FILE (default: $OOMRISK_CONFIG, else\n"
	    "                       %s when present, else built-in levels)\n"
	    "  -g, --cgroup=PATH    watch this memory cgroup (repeatable; default: every\n"
	    "                       cgroup with a memory limit)\n"
	    "  -s, --state=FILE     state file (default: state_file from the config, else\n"
	    "                       /var/lib/oomrisk/state as root, $XDG_STATE_HOME/oomrisk/state)\n"
	    "  -v, --verbose        print the OK line too, then every check, the kills\n"
	    "                       since the last run and the prediction counts\n"
	    "  -f, --format=FMT     text (default) or json\n"
	    "      --syslog         also log each warning to syslog (LOG_WARNING, LOG_CRIT)\n"
	    "      --backend=WHERE  where task numbers come from: auto (default: [check]\n"
	    "                       backend, else proc), proc or bpf (the BPF task\n"
	    "                       iterator: the OOM killer's own counters)\n"
	    "      --proc-root=DIR  read a saved proc tree instead of /proc (cgroups\n"
	    "                       under DIR/..; see oomrisk(1), PROC ROOT)\n"
	    "  -h, --help           show this help\n\n"
	    "Exit status: 0 OK, 1 WARNING (also: the state could not be saved),\n"
	    "2 CRITICAL, 3 UNKNOWN (cannot evaluate: bad option or configuration, /proc\n"
	    "unreadable, a state path that is not a state file).  See oomrisk.conf(5).\n",
	    conf_default_path());
}

/* Cannot evaluate: the UNKNOWN line on stdout, the reason on stderr. */
static int
unknown(const char *why, bool use_syslog)
{
	struct buf line = BUF_INIT, safe = BUF_INIT;

	escape_plugin(&line, why, strlen(why));
	printf("OOMRISK UNKNOWN - %s\n", buf_str(&line));
	fflush(stdout);
	escape_text(&safe, why, strlen(why), 0);
	warnmsg("check: %s", buf_str(&safe));
	if (use_syslog)
		syslog(LOG_ERR, "OOMRISK UNKNOWN - %s", buf_str(&line));
	buf_free(&line);
	buf_free(&safe);
	return CS_UNKNOWN;
}

/*
 * The audit (what an OOM would do here and which settings decide it) as a
 * section of check: run only for -v and JSON, never changing the status,
 * since its findings are standing configuration facts rather than
 * alarms.  False, with a note on stderr, when it cannot be read.
 */
static bool
run_audit(const struct conf *conf, const char *proc_root, struct audit_report *rep)
{
	struct audit_data d;
	struct audit_input in;
	struct buf err = BUF_INIT, safe = BUF_INIT;
	struct sampler *s;
	const char *serr;
	bool ok = false;

	memset(rep, 0, sizeof(*rep));
	if ((s = sampler_new(proc_root, &serr)) == NULL) {
		warnmsg("check: audit: %s", serr);
		return false;
	}
	if (gather_audit(s, conf->protect.n > 0, &d, &err) < 0) {
		escape_text(&safe, buf_str(&err), err.len, 0);
		warnmsg("check: audit: %s", buf_str(&safe));
	} else {
		gather_audit_input(&d, &conf->protect, &in);
		audit_run(&in, rep);
		ok = true;
	}
	gather_audit_free(&d);
	sampler_free(s);
	buf_free(&err);
	buf_free(&safe);
	return ok;
}

static void
log_items(const struct check_report *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct check_item *it = &r->items[i];

		if (it->evaluated && it->status != CS_OK)
			syslog(it->status == CS_CRITICAL ? LOG_CRIT : LOG_WARNING, "OOMRISK %s - %s",
			    check_status_name(it->status), buf_str(&it->msg));
	}
}

static int
cmd_check_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "cgroup", required_argument, NULL, 'g' },
		{ "state", required_argument, NULL, 's' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "format", required_argument, NULL, 'f' },
		{ "syslog", no_argument, NULL, 'L' },
		{ "proc-root", required_argument, NULL, CMD_OPT_PROC_ROOT },
		{ "backend", required_argument, NULL, CMD_OPT_BACKEND },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct conf conf;
	struct check_request req = { 0 };
	struct check_data cr;
	struct check_report rep;
	struct audit_report audit;
	bool have_audit = false;
	struct buf err = BUF_INIT, out = BUF_INIT, save_err = BUF_INIT;
	const char *config = NULL, *state = NULL;
	char **cgroups = NULL, default_state[4096];
	size_t ncg = 0;
	bool verbose = false, json = false, use_syslog = false, backend_given = false, saved;
	int c, lockfd, status, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":c:g:s:vf:h", opts, NULL)) != -1) {
		switch (c) {
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
		case 'v':
			verbose = true;
			break;
		case 'f':
			if (strcmp(optarg, "text") == 0)
				json = false;
			else if (strcmp(optarg, "json") == 0)
				json = true;
			else {
				free(cgroups);
				cmd_usage_error("check", "--format: expected text or json");
				return CS_UNKNOWN;
			}
			break;
		case 'L':
			use_syslog = true;
			break;
		case CMD_OPT_PROC_ROOT:
			req.proc_root = optarg;
			break;
		case CMD_OPT_BACKEND:
			if ((c = backend_choice_parse(optarg)) < 0) {
				free(cgroups);
				cmd_usage_error("check", "--backend: expected auto, proc or bpf");
				return CS_UNKNOWN;
			}
			req.backend = (enum backend_choice)c;
			backend_given = true;
			break;
		case 'h':
			free(cgroups);
			check_help();
			return EXIT_OK;
		default:
			free(cgroups);
			cmd_option_error("check", c, argv);
			return CS_UNKNOWN;
		}
	}
	if (optind < argc) {
		free(cgroups);
		cmd_usage_error("check", "unexpected argument '%s'", argv[optind]);
		return CS_UNKNOWN;
	}
	if (use_syslog)
		openlog("oomrisk", LOG_PID, LOG_DAEMON);

	conf_init(&conf);
	if (conf_load(config, &conf, &err) < 0) {
		status = unknown(buf_str(&err), use_syslog);
		goto out_conf;
	}
	if ((state = check_state_path(state, &conf, default_state, sizeof(default_state))) ==
	    NULL) {
		status = unknown("no state file: set HOME, XDG_STATE_HOME or --state", use_syslog);
		goto out_conf;
	}
	if ((lockfd = statefile_lock(state, LOCK_TIMEOUT_S, &err)) < 0) {
		status = unknown(buf_str(&err), use_syslog);
		goto out_conf;
	}
	req.cgroups = cgroups;
	req.ncgroups = ncg;
	req.state_path = state;
	req.read_kernel_log = true;
	if (!backend_given)
		req.backend = conf.check_backend;
	if ((rc = gather_check(&cr, &conf, &req, &err)) < 0) {
		status = unknown(buf_str(&err), use_syslog);
		gather_check_free(&cr);
		close(lockfd);
		goto out_conf;
	}
	if (cr.backend_note.len > 0)
		cmd_warn_escaped("check", cr.backend_note.data, cr.backend_note.len);
	if (cr.prev_status == STATEFILE_CORRUPT) {
		struct buf safe = BUF_INIT;

		escape_text(&safe, buf_str(&cr.prev_why), cr.prev_why.len, 0);
		warnmsg("check: state unusable, rebuilt: %s", buf_str(&safe));
		buf_free(&safe);
	} else if (cr.prev_status == STATEFILE_MISSING && verbose) {
		warnmsg("check: %s: no state yet; new kills and growth are checked from the "
		    "next run", state);
	}
	rank_table_warn_not_visible(&cr.rank, "check");
	check_evaluate(&cr.in, &rep);
	/*
	 * A state that cannot be saved is part of the result: the next run
	 * would count kills and growth from an older one, or not at all.
	 */
	saved = rep.status != CS_UNKNOWN && statefile_save(state, &rep.next, &save_err) == 0;
	if (rep.status != CS_UNKNOWN && !saved) {
		struct buf safe = BUF_INIT;

		check_state_unsaved(&rep, buf_str(&save_err));
		escape_text(&safe, buf_str(&save_err), save_err.len, 0);
		warnmsg("check: cannot save the state: %s", buf_str(&safe));
		buf_free(&safe);
	}
	close(lockfd);
	status = rep.status;
	if (json || verbose)
		have_audit = run_audit(&conf, req.proc_root, &audit);
	if (json) {
		struct check_state_note sn = { state, cr.prev_status, &cr.prev_why, saved,
		    save_err.len ? buf_str(&save_err) : NULL };

		check_view_json(stdout, &cr.in, &rep, &sn, have_audit ? &audit : NULL);
	} else if (rep.status != CS_OK || verbose) {
		check_view_summary(&cr.in, &rep, &out);
		buf_putc(&out, '\n');
		if (verbose) {
			check_view_verbose(&cr.in, &rep, &out);
			if (have_audit) {
				buf_puts(&out, "audit (does not change the status; see oomrisk audit): ");
				audit_view_text(&out, &audit, 80, true);
			}
		}
		fwrite(out.data, 1, out.len, stdout);
	}
	if (have_audit)
		audit_report_free(&audit);
	if (rep.status == CS_UNKNOWN)
		warnmsg("check: %s", buf_str(&rep.error));
	if (use_syslog) {
		if (rep.status == CS_UNKNOWN)
			syslog(LOG_ERR, "OOMRISK UNKNOWN - %s", buf_str(&rep.error));
		log_items(&rep);
	}
	check_report_free(&rep);
	gather_check_free(&cr);
out_conf:
	conf_free(&conf);
	buf_free(&err);
	buf_free(&out);
	buf_free(&save_err);
	free(cgroups);
	if (use_syslog)
		closelog();
	if (fflush(stdout) != 0)
		return CS_UNKNOWN;
	return status;
}

const struct command cmd_check_entry = {
	"check", "check OOM risk against thresholds (monitoring plugin, cron)", cmd_check_exec,
};
