/*
 * oomrisk: see which process the Linux OOM killer will take, how close
 * each memory zone is to its watermarks, and why past OOM kills happened.
 */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "lib/diag.h"
#include "lib/escape.h"
#include "lib/wrap.h"
#include "lib/xalloc.h"

static const struct command *const commands[] = {
	&cmd_rank_entry,
	&cmd_check_entry,
	&cmd_export_entry,
	&cmd_explain_entry,
	&cmd_audit_entry,
	&cmd_zones_entry,
	&cmd_top_entry,
};

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: oomrisk COMMAND [OPTION]...\n"
	    "See which process the Linux OOM killer will take, and why.\n\n"
	    "Commands:\n");
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(f, "  %-9s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(f, "\nRun 'oomrisk COMMAND --help' for a command's options; "
	    "see oomrisk(1).\n"
	    "  -h, --help     show this help\n"
	    "  -V, --version  show the version\n");
}

int
cmd_usage_error(const char *cmd, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "oomrisk: %s: %s\nTry 'oomrisk %s --help'.\n", cmd, msg, cmd);
	return EXIT_USAGE;
}

void
cmd_warn_escaped(const char *cmd, const char *reason, size_t len)
{
	struct buf b = BUF_INIT;

	escape_text(&b, reason, len, 0);
	warnmsg("%s: %s", cmd, buf_str(&b));
	buf_free(&b);
}

/* COLUMNS when it is a positive number, else 0. */
static size_t
columns_env(void)
{
	const char *cols = getenv("COLUMNS");
	char *end;
	long n;

	if (cols == NULL)
		return 0;
	n = strtol(cols, &end, 10);
	return *cols != '\0' && *end == '\0' && n > 0 && n <= 100000 ? (size_t)n : 0;
}

/* The width of the terminal on standard output, or 0. */
static size_t
tty_columns(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

size_t
cmd_table_width(void)
{
	size_t n;

	if (!isatty(STDOUT_FILENO))
		return 0;
	if ((n = columns_env()) > 0)
		return n;
	return (n = tty_columns()) > 0 ? n : WRAP_DEFAULT_WIDTH;
}

size_t
cmd_text_width(void)
{
	size_t n;

	if ((n = columns_env()) > 0)
		return n;
	return (n = tty_columns()) > 0 ? n : WRAP_DEFAULT_WIDTH;
}

void
cmd_deprecated(const char *cmd, const char *old, const char *now)
{
	if (isatty(STDERR_FILENO))
		warnmsg("%s: %s is now %s; %s goes in the next release", cmd, old, now, old);
}

void
cmd_option_problem(int c, char **argv, struct buf *out)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "?";
	struct buf b = BUF_INIT;

	escape_text(&b, arg, strlen(arg), 64);
	if (c == ':')
		buf_printf(out, "option '%s' needs a value", buf_str(&b));
	else if (optopt != 0 && strncmp(arg, "--", 2) != 0)
		buf_printf(out, "unknown option '-%c'", optopt);
	else
		buf_printf(out, "unknown option '%s'", buf_str(&b));
	buf_free(&b);
}

int
cmd_option_error(const char *cmd, int c, char **argv)
{
	struct buf b = BUF_INIT;
	int r;

	cmd_option_problem(c, argv, &b);
	r = cmd_usage_error(cmd, "%s", buf_str(&b));
	buf_free(&b);
	return r;
}

int
main(int argc, char **argv)
{
	size_t i;

	escape_init();
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			char *help[] = { argv[2], "--help", NULL };

			for (i = 0; i < ARRAY_SIZE(commands); i++)
				if (strcmp(argv[2], commands[i]->name) == 0)
					return commands[i]->exec(2, help);
		}
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("oomrisk %s\n", PACKAGE_VERSION);
		return EXIT_OK;
	}
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (strcmp(argv[1], commands[i]->name) == 0)
			return commands[i]->exec(argc - 1, argv + 1);
	{
		struct buf b = BUF_INIT;

		escape_text(&b, argv[1], strlen(argv[1]), 64);
		fprintf(stderr, "oomrisk: %s: unknown command\n", buf_str(&b));
		buf_free(&b);
	}
	usage(stderr);
	return EXIT_USAGE;
}
