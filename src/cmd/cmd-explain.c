/* cmd-explain.c: `oomrisk explain`, every OOM report in kernel logs explained. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/explain.h"
#include "lib/diag.h"
#include "lib/escape.h"
#include "lib/format.h"
#include "lib/json.h"
#include "lib/xalloc.h"
#include "log/reports.h"
#include "sys/logsource.h"
#include "view/explain-view.h"

struct cmd_explain_exec {
	int format;
	bool follow;
	int nreports;
	const char *const *names;	/* input names, by file index */
	struct explanation ex;
	struct json json;
	struct buf out;
	bool write_failed;
};

static volatile sig_atomic_t stop_requested;

static void
on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void
explain_help(void)
{
	printf("Usage: oomrisk explain [OPTION]... [FILE]...\n"
	    "Find every OOM-killer report and page allocation failure in kernel logs and\n"
	    "explain it: who asked for what, which zones could not serve it and why,\n"
	    "where the memory went, who was killed, and whether re-scoring the task\n"
	    "dump with the kernel era's badness reproduces the kernel's choice.\n\n"
	    "FILE is a log in any common form (dmesg, dmesg -T, syslog, journalctl,\n"
	    "raw /dev/kmsg records); '-' reads standard input.  Without FILE, the\n"
	    "kernel's own log is read (/dev/kmsg, or klogctl when that is not readable).\n\n"
	    "  -f, --format=FMT   text (default) or json\n"
	    "  -F, --follow       with no FILE: keep reading /dev/kmsg for new reports\n"
	    "                     (default: read what is there and stop)\n"
	    "  -h, --help         show this help\n\n"
	    "Exit status: 0 success (also when no report is found), 1 usage error,\n"
	    "2 an input could not be read.\n");
}

static void
emit_report(const struct oom_report *r, void *arg)
{
	struct cmd_explain_exec *run = arg;
	const char *file = run->names != NULL ? run->names[r->file] : NULL;

	explain_report(r, &run->ex);
	run->nreports++;
	if (run->format == FORMAT_JSON) {
		explain_view_json(&run->json, &run->ex, file);
		if (run->follow)
			json_flush(&run->json);
		return;
	}
	buf_reset(&run->out);
	explain_view_text(&run->out, &run->ex, run->nreports, file);
	if (fwrite(run->out.data, 1, run->out.len, stdout) != run->out.len)
		run->write_failed = true;
	fflush(stdout);
}

static void
warn_input(const char *name, int err)
{
	struct buf b = BUF_INIT;

	escape_text(&b, name, strlen(name), 0);
	warnmsg("explain: %s: %s", buf_str(&b), strerror(err));
	buf_free(&b);
}

/* The kernel's log: /dev/kmsg, else klogctl. */
static int
read_kernel_log(struct reports *ol, bool follow)
{
	int e1, e2;

	e1 = logsource_kmsg(ol, follow, &stop_requested, 0, NULL);
	if (e1 == 0)
		return 0;
	if (follow) {
		warnmsg("explain: /dev/kmsg: %s (--follow needs it)", strerror(-e1));
		return -1;
	}
	e2 = logsource_klogctl(ol, NULL);
	if (e2 == 0)
		return 0;
	warnmsg("explain: cannot read the kernel log: /dev/kmsg: %s; klogctl: %s "
	    "(try: dmesg | oomrisk explain -)", strerror(-e1), strerror(-e2));
	return -1;
}

static int
cmd_explain_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "follow", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cmd_explain_exec *run;
	struct reports *ol;
	bool follow = false, failed = false;
	int c, i, format = FORMAT_TEXT;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:Fh", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			format = format_parse(optarg);
			if (format != FORMAT_TEXT && format != FORMAT_JSON)
				return cmd_usage_error("explain", "--format: expected text or json");
			break;
		case 'F':
			follow = true;
			break;
		case 'h':
			explain_help();
			return EXIT_OK;
		default:
			return cmd_option_error("explain", c, argv);
		}
	}
	if (follow && optind < argc)
		return cmd_usage_error("explain", "--follow reads the kernel log; it takes no FILE");

	run = xcalloc(1, sizeof(*run));
	run->format = format;
	run->follow = follow;
	run->names = optind < argc ? (const char *const *)argv + optind : NULL;
	ol = reports_new(emit_report, run);
	if (format == FORMAT_JSON) {
		json_init(&run->json, stdout, true);
		json_object_begin(&run->json);
		json_key(&run->json, "reports");
		json_array_begin(&run->json);
	}
	if (follow) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
	}
	if (optind >= argc) {
		failed = read_kernel_log(ol, follow) != 0;
	} else {
		for (i = optind; i < argc; i++) {
			const char *name = argv[i];
			bool is_stdin = strcmp(name, "-") == 0;
			int fd = is_stdin ? STDIN_FILENO : open(name, O_RDONLY | O_CLOEXEC);
			int rc;

			if (fd < 0) {
				warn_input(name, errno);
				failed = true;
				continue;
			}
			reports_set_file(ol, i - optind);
			rc = logsource_scan_fd(fd, ol, NULL);
			if (rc < 0) {
				warn_input(name, -rc);
				failed = true;
			}
			/* Reports do not continue across files. */
			reports_finish(ol);
			if (!is_stdin)
				close(fd);
		}
	}
	reports_finish(ol);
	if (format == FORMAT_JSON) {
		json_array_end(&run->json);
		json_object_end(&run->json);
		json_finish(&run->json);
	} else if (run->nreports == 0 && !failed) {
		printf("no OOM report or page allocation failure found\n");
	}
	reports_free(ol);
	buf_free(&run->out);
	if (fflush(stdout) != 0 || run->write_failed) {
		warnmsg("explain: standard output: %s", strerror(errno));
		failed = true;
	}
	free(run);
	return failed ? EXIT_RUNTIME : EXIT_OK;
}

const struct command cmd_explain_entry = {
	"explain", "find and explain OOM kills in kernel logs", cmd_explain_exec,
};
