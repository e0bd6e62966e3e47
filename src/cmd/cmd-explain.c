/* cmd-explain.c: `oomrisk explain`, every OOM report in kernel logs explained. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/explain.h"
#include "lib/diag.h"
#include "lib/escape.h"
#include "lib/format.h"
#include "lib/json.h"
#include "lib/xalloc.h"
#include "log/reports.h"
#include "sys/clock.h"
#include "sys/json-meta-gather.h"
#include "sys/logsource.h"
#include "view/explain-view.h"

struct cmd_explain_exec {
	int format;
	bool follow;
	int nreports;
	const char *const *names;	/* input names, by file index */
	int64_t boot_usec;		/* boot time for kmsg records, estimated; -1 */
	int64_t since_usec;		/* live log: skip reports before this; -1: none */
	size_t width;			/* text wraps at it (cmd_text_width()) */
	struct explain_host host;	/* this machine, when the log is its own */
	const struct explain_host *own;	/* &host then, else NULL */
	struct explanation ex;
	struct json json;
	struct buf out;			/* text not yet written */
	bool write_failed;
	int write_errno;		/* of the first failed write */
	/*
	 * Each text report is written as it is made, unless the input is a
	 * regular file and stdout no terminal: then out collects reports and
	 * goes out in blocks of OUT_BLOCK (a write per report, 16,000 on the
	 * 128 MiB dense bench log, was a tenth of the time).  A pipe or the
	 * kernel's log may be live.
	 */
	bool flush_each;
	bool to_terminal;
};

/*
 * Into a file or a pipe, stdout is unbuffered: the text reports and the
 * JSON writer hand over blocks of this size or more of their own, which a
 * stdio buffer would only copy (and its 4 KiB blocks split each in two
 * writes: JSON made 24,000 writes on 256 MiB of the dense bench log).
 */
#define OUT_BLOCK 65536

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
	    "FILE is a log in any form: dmesg (-T, -x, any locale), syslog, journalctl\n"
	    "(short modes, -o json, -o export), raw /dev/kmsg records, docker json-file\n"
	    "and Kubernetes container logs, kubectl events; unknown prefixes are learned\n"
	    "from the lines whose message is known.  '-' reads standard input.  Without\n"
	    "FILE, the kernel's own log is read (/dev/kmsg, or klogctl when that is not\n"
	    "readable); its times are estimated from the boot time.\n\n"
	    "  -f, --format=FMT   text (default) or json\n"
	    "  -F, --follow       keep reading the kernel log (or the journal) and show\n"
	    "                     reports as they come; only new ones unless --since\n"
	    "  -j, --journal      read the journal: journalctl -k -o json\n"
	    "  -S, --since=TIME   the kernel log or journal from TIME on: \"2024-05-01\n"
	    "                     12:00\", \"12:00\", \"-2h\", \"30min ago\", \"today\",\n"
	    "                     \"yesterday\" (with --journal, anything journalctl takes)\n"
	    "  -B, --boot[=ID]    with --journal: that boot (journalctl --boot; -1 is the\n"
	    "                     one before); the kernel's own log holds this boot only\n"
	    "  -h, --help         show this help\n\n"
	    "The old -b (for -B) still works until the next release.\n"
	    "Exit status: 0 success (also when no report is found), 1 usage error,\n"
	    "2 an input could not be read.\n");
}

/*
 * --since for the kernel's own log: an absolute local time ("2024-05-01",
 * "2024-05-01 12:00[:00]", "12:00[:00]" today), "today", "yesterday",
 * "now", or an offset ("-2h", "2h ago", "30min ago", "-90s").  Microseconds
 * since the epoch, or -1.
 */
static int64_t
parse_since(const char *s, int64_t now)
{
	time_t t = (time_t)(now / 1000000);
	struct tm tm;
	char unit[16] = "", rest[16] = "";
	long long n;
	int y, mo, d, h = 0, mi = 0, se = 0, got;

	if (localtime_r(&t, &tm) == NULL)
		return -1;
	if (strcmp(s, "now") == 0)
		return now;
	if (strcmp(s, "today") == 0 || strcmp(s, "yesterday") == 0) {
		tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
		tm.tm_isdst = -1;
		if (s[0] == 'y')
			tm.tm_mday--;
		return (int64_t)mktime(&tm) * 1000000;
	}
	/* "-2h", "2h ago", "30 min ago" */
	if ((got = sscanf(s, "-%lld%15s", &n, unit)) == 2 ||
	    ((got = sscanf(s, "%lld%15s%15s", &n, unit, rest)) >= 2 && strstr(s, "ago") != NULL)) {
		static const struct { const char *u; int64_t us; } units[] = {
			{ "s", 1000000 }, { "sec", 1000000 }, { "m", 60000000 }, { "min", 60000000 },
			{ "h", 3600000000LL }, { "d", 86400000000LL }, { "day", 86400000000LL },
			{ "days", 86400000000LL }, { "hours", 3600000000LL }, { "hour", 3600000000LL },
			{ "minutes", 60000000 }, { "seconds", 1000000 },
		};
		size_t i;

		if (strcmp(unit, "ago") == 0)	/* "30 min ago" read "min" as rest */
			return -1;
		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
			if (strcmp(unit, units[i].u) == 0 && n >= 0 && n < 100000000)
				return now - (int64_t)n * units[i].us;
		return -1;
	}
	if (sscanf(s, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &se) >= 3 &&
	    strchr(s, '-') != NULL) {
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
	} else if (sscanf(s, "%d:%d:%d", &h, &mi, &se) >= 2 && strchr(s, ':') != NULL) {
		/* a time today */
	} else {
		return -1;
	}
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm) * 1000000;
}

/* "1986.531126" as microseconds, or -1. */
static int64_t
uptime_us(const char *s)
{
	char *e;
	double v = strtod(s, &e);

	return e == s || v < 0 ? -1 : (int64_t)(v * 1e6);
}

/* The text reports collected in run->out, written. */
static void
write_out(struct cmd_explain_exec *run)
{
	if (run->out.len > 0 && fwrite(run->out.data, 1, run->out.len, stdout) != run->out.len &&
	    !run->write_failed) {
		run->write_failed = true;
		run->write_errno = errno;
	}
	buf_reset(&run->out);
	if (run->flush_each)
		fflush(stdout);
}

static void
emit_report(const struct oom_report *r, void *arg)
{
	struct cmd_explain_exec *run = arg;
	struct explain_where w = { run->names != NULL ? run->names[r->file] : NULL,
	    run->boot_usec };

	if (run->since_usec >= 0 && run->boot_usec >= 0 && r->has_uptime && !r->has_time &&
	    uptime_us(r->uptime) >= 0 && run->boot_usec + uptime_us(r->uptime) < run->since_usec)
		return;		/* before --since */
	explain_report(r, run->own, &run->ex);
	run->nreports++;
	if (run->format == FORMAT_JSON) {
		explain_view_json(&run->json, &run->ex, &w);
		if (run->follow)
			json_flush(&run->json);
		return;
	}
	explain_view_text(&run->out, &run->ex, run->nreports, &w, run->width);
	if (run->flush_each || run->to_terminal || run->out.len >= OUT_BLOCK)
		write_out(run);
}

static void
warn_input(const char *name, int err)
{
	struct buf b = BUF_INIT;

	fflush(stdout);		/* the reports before it first, as without buffering */
	escape_text(&b, name, strlen(name), 0);
	warnmsg("explain: %s: %s", buf_str(&b), strerror(err));
	buf_free(&b);
}

/* The kernel's log: /dev/kmsg, else klogctl. */
static int
read_kernel_log(struct reports *ol, bool follow, bool new_only)
{
	int e1, e2;

	e1 = logsource_kmsg(ol, follow, new_only, &stop_requested, 0, NULL);
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
		{ "journal", no_argument, NULL, 'j' },
		{ "since", required_argument, NULL, 'S' },
		{ "boot", optional_argument, NULL, 'B' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cmd_explain_exec *run;
	struct reports *ol;
	bool follow = false, failed = false, journal = false;
	const char *since = NULL, *boot = NULL;
	int64_t since_usec = -1;
	int c, i, format = FORMAT_TEXT;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:FjS:B::b::h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			format = format_parse(optarg);
			if (format != FORMAT_TEXT && format != FORMAT_JSON)
				return cmd_usage_error("explain", "--format: expected text or json");
			break;
		case 'F':
			follow = true;
			break;
		case 'j':
			journal = true;
			break;
		case 'S':
			since = optarg;
			break;
		case 'b':
			cmd_deprecated("explain", "-b", "-B (--boot)");
			/* FALLTHROUGH */
		case 'B':
			/* "-B -1" as well as "--boot=-1" */
			if (optarg == NULL && optind < argc && argv[optind][0] != '\0' &&
			    (argv[optind][0] != '-' || (argv[optind][1] >= '0' && argv[optind][1] <= '9')))
				optarg = argv[optind++];
			boot = optarg != NULL ? optarg : "0";
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
	if (journal && optind < argc)
		return cmd_usage_error("explain", "--journal reads the journal; it takes no FILE");
	if (since != NULL && optind < argc)
		return cmd_usage_error("explain", "--since is for the kernel log or the journal, "
		    "not for a FILE");
	if (boot != NULL && optind < argc)
		return cmd_usage_error("explain", "--boot is for the kernel log or the journal, "
		    "not for a FILE");
	if (boot != NULL && !journal && strcmp(boot, "0") != 0)
		return cmd_usage_error("explain", "--boot: the kernel's own log holds this boot "
		    "only; read other boots with --journal");
	if (since != NULL && !journal && (since_usec = parse_since(since,
	    now_realtime_usec())) < 0)
		return cmd_usage_error("explain", "--since: expected a time such as \"2024-05-01 "
		    "12:00\", \"12:00\", \"-2h\", \"30 min ago\", \"today\"");

	run = xcalloc(1, sizeof(*run));
	/* Into a file or a pipe, unbuffered (OUT_BLOCK): nothing has been written yet. */
	run->to_terminal = isatty(STDOUT_FILENO);
	if (!run->to_terminal)
		setvbuf(stdout, NULL, _IONBF, 0);
	run->format = format;
	run->follow = follow;
	run->flush_each = true;
	static const char *const journal_name[] = { "journal" };

	run->names = optind < argc ? (const char *const *)argv + optind : journal ? journal_name :
	    NULL;
	run->boot_usec = optind >= argc && !journal ? boot_time_usec() : -1;
	run->since_usec = since_usec;
	/* The kernel's own log and the journal of this boot are this machine's. */
	if ((optind >= argc && !journal) || (journal && (boot == NULL || strcmp(boot, "0") == 0))) {
		run->host.swap_total_kb = logsource_swap_total_kb();
		run->own = &run->host;
	}
	run->width = cmd_text_width();
	ol = reports_new(emit_report, run);
	reports_set_fold(ol, true);
	if (format == FORMAT_JSON) {
		json_init(&run->json, stdout, true);
		struct json_meta meta;

		/* The host that read the log; each report names its own host. */
		json_meta_gather(&meta, NULL);
		json_object_begin(&run->json);
		json_meta_write(&run->json, &meta);
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
	if (journal) {
		struct buf err = BUF_INIT;

		if (logsource_journal(ol, since, boot, follow, &stop_requested, &err) != 0) {
			warnmsg("explain: %s", buf_str(&err));
			failed = true;
		}
		buf_free(&err);
	} else if (optind >= argc) {
		failed = read_kernel_log(ol, follow, follow && since == NULL) != 0;
	} else {
		for (i = optind; i < argc; i++) {
			const char *name = argv[i];
			bool is_stdin = strcmp(name, "-") == 0;
			int fd = is_stdin ? STDIN_FILENO : open(name, O_RDONLY | O_CLOEXEC);
			struct stat st;
			int rc;

			if (fd < 0) {
				warn_input(name, errno);
				failed = true;
				continue;
			}
			reports_set_file(ol, i - optind);
			run->flush_each = follow || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode);
			rc = logsource_scan_fd(fd, ol, NULL);
			if (rc < 0) {
				write_out(run);
				warn_input(name, -rc);
				failed = true;
			}
			/* Reports do not continue across files. */
			reports_finish(ol);
			run->flush_each = true;
			write_out(run);
			if (!is_stdin)
				close(fd);
		}
	}
	reports_finish(ol);
	write_out(run);
	if (format == FORMAT_JSON) {
		json_array_end(&run->json);
		json_object_end(&run->json);
		json_finish(&run->json);
	} else if (run->nreports == 0 && !failed) {
		printf("no OOM report or page allocation failure found\n");
	}
	reports_free(ol);
	buf_free(&run->out);
	/* Unbuffered, a failed write leaves nothing for fflush() to fail on: ferror(). */
	if (fflush(stdout) != 0 || ferror(stdout) || run->write_failed) {
		warnmsg("explain: standard output: %s", strerror(run->write_failed ?
		    run->write_errno : errno));
		failed = true;
	}
	free(run);
	return failed ? EXIT_RUNTIME : EXIT_OK;
}

const struct command cmd_explain_entry = {
	"explain", "find and explain OOM kills in kernel logs", cmd_explain_exec,
};
