/* cmd-top.c: `oomrisk top`, the live view (full screen or --batch). */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/conf.h"
#include "core/top.h"
#include "lib/diag.h"
#include "lib/escape.h"
#include "sys/clock.h"
#include "sys/gather-top.h"
#include "tui/tui.h"
#include "view/top-view.h"

#define DEFAULT_BATCH_ROWS 20

static void
top_help(void)
{
	printf("Usage: oomrisk top [OPTION]...\n"
	    "A live view of how close the kernel is to an OOM kill: memory, swap,\n"
	    "commit, PSI and OOM kills; every zone against its watermarks; and the\n"
	    "victim ranking of `oomrisk rank`, refreshed.\n\n"
	    "  -d, --delay=SECONDS  time between refreshes (default: [top] interval, else\n"
	    "                       1; fractions allowed)\n"
	    "  -i, --iterations=N   stop after N refreshes\n"
	    "  -b, --batch          plain text frames on standard output, like top -b\n"
	    "  -r, --rows=N         process rows per batch frame (default %d)\n"
	    "  -g, --cgroup=PATH    rank within a memory cgroup, as `rank --cgroup`\n"
	    "  -k, --sort=KEY       score (default: victim order), rss, growth or pid\n"
	    "      --group-by=KEY   rows are groups: cgroup, unit or container (key g)\n"
	    "  -c, --cmdline        show command lines instead of names\n"
	    "  -t, --tree           each task under its parent (the process tree)\n"
	    "  -C, --config=FILE    [top] levels and interval from FILE (default:\n"
	    "                       $OOMRISK_CONFIG, else %s when it exists)\n"
	    "      --no-mlock       do not lock oomrisk's memory (mlockall)\n"
	    "      --backend=WHERE  where task numbers come from: auto (default: [top]\n"
	    "                       backend, else bpf when permitted), proc or bpf (the\n"
	    "                       BPF task iterator: the OOM killer's own counters)\n"
	    "      --proc-root=DIR  read a saved proc tree instead of /proc (cgroups\n"
	    "                       under DIR/..; see oomrisk(1), PROC ROOT)\n"
	    "      --replay=DIR     play DIR's numbered proc roots (1, 2, ... or 0001, ...),\n"
	    "                       one per refresh; --batch prints a frame for each\n"
	    "  -h, --help           show this help\n\n"
	    "Keys: q quit, h/? help, space pause, Up/Down/PgUp/PgDn/Home/End move (the\n"
	    "selection stays on its task), Left/Right scroll COMMAND, s cycle sort,\n"
	    "t tree, g cycle grouping, / filter as you type (name or command line;\n"
	    "Enter keeps, Esc cancels, Ctrl-U clears), c command lines, z zones panel,\n"
	    "a set the selected task's oom_score_adj (asks to confirm).\n"
	    "With --cgroup the header shows the cgroup's usage, limit, headroom and kills,\n"
	    "and the forecast is the time until it reaches its (lowest) limit.\n"
	    "Colour follows the terminal; NO_COLOR turns it off.\n"
	    "Header values that reach a [top] level are tagged WARN or CRIT.\n"
	    "The old -n (for -i) and -s (for -k) still work until the next release.\n"
	    "Exit status: 0 success, 1 usage error, 2 runtime error.\n", DEFAULT_BATCH_ROWS,
	    conf_default_path());
}

static int
parse_sort(const char *s, enum top_sort *out)
{
	int i;

	for (i = 0; i < TOP_SORT_N; i++)
		if (strcmp(s, top_sort_name((enum top_sort)i)) == 0) {
			*out = (enum top_sort)i;
			return 0;
		}
	return -1;
}

#ifdef HAVE_MLOCKALL
/*
 * mlockall() with MCL_ONFAULT (Linux 4.4+) locks each page as it is first
 * touched: the parts of libc, ncurses, libproc2 and what they pull in
 * (libsystemd, libgcrypt, three compressors) that top never runs stay
 * out of memory, about 4 MiB of the 11 that MCL_CURRENT alone would make
 * resident and keep there.  An older kernel refuses the flag (EINVAL):
 * lock everything then.
 */
static int
lock_memory(void)
{
#ifdef MCL_ONFAULT
	if (mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT) == 0)
		return 0;
	if (errno != EINVAL)
		return -1;
#endif
	return mlockall(MCL_CURRENT | MCL_FUTURE);
}
#endif

/* Sleep until the monotonic time `until` (seconds). */
static void
sleep_until(double until)
{
	struct timespec ts;

	ts.tv_sec = (time_t)until;
	ts.tv_nsec = (long)((until - (double)ts.tv_sec) * 1e9);
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
}

static int
run_batch(struct top *t, long count, size_t rows, const char *note)
{
	struct buf out = BUF_INIT;
	double next = now_monotonic();
	long i;
	int rc;

	if (note != NULL)
		printf("note: %s\n", note);
	/* --replay: a frame per root, unless -n says fewer. */
	if (count == 0 && t->replay_n > 0)
		count = (long)t->replay_n;
	for (i = 0; count == 0 || i < count; i++) {
		if (i > 0) {
			sleep_until(next);
			gather_top_next_root(t);
		}
		next += t->opt.interval;
		top_set_want(t, rows);
		rc = gather_top_refresh(t);
		/*
		 * Only the first refresh decides: a --cgroup that does not
		 * exist is a usage error.  Later, a cgroup removed meanwhile (or
		 * /proc failing) is a note in the frame, as on the screen, and
		 * the frames go on.
		 */
		if (rc < 0 && i == 0) {
			cmd_warn_escaped("top", buf_str(&t->err), t->err.len);
			buf_free(&out);
			return rc == -2 ? EXIT_USAGE : EXIT_RUNTIME;
		}
		buf_reset(&out);
		top_view_batch_frame(&out, t, rows);
		if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
			buf_free(&out);
			return EXIT_RUNTIME;
		}
	}
	buf_free(&out);
	return EXIT_OK;
}

static int
cmd_top_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "delay", required_argument, NULL, 'd' },
		{ "iterations", required_argument, NULL, 'i' },
		{ "batch", no_argument, NULL, 'b' },
		{ "rows", required_argument, NULL, 'r' },
		{ "cgroup", required_argument, NULL, 'g' },
		{ "sort", required_argument, NULL, 'k' },
		{ "cmdline", no_argument, NULL, 'c' },
		{ "tree", no_argument, NULL, 't' },
		{ "config", required_argument, NULL, 'C' },
		{ "no-mlock", no_argument, NULL, 'M' },
		{ "proc-root", required_argument, NULL, CMD_OPT_PROC_ROOT },
		{ "replay", required_argument, NULL, 'R' },
		{ "group-by", required_argument, NULL, 'G' },
		{ "backend", required_argument, NULL, CMD_OPT_BACKEND },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	/* Static: two snapshots and the forecast ring are a few tens of kB. */
	static struct top t;
	/* Static too: the levels stay referenced by t until the end. */
	static struct conf conf;
	struct top_options o = { .interval = 1.0, .sort = TOP_SORT_SCORE };
	const char *config = NULL;
	bool delay_given = false, backend_given = false;
	enum backend_choice backend = BACKEND_AUTO;
	struct buf err = BUF_INIT, why = BUF_INIT;
	char note[256] = "";
	bool batch = false, lock = true;
	long count = 0, rows = DEFAULT_BATCH_ROWS;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":d:i:n:br:g:k:s:ctC:h", opts, NULL)) != -1) {
		char *end;

		switch (c) {
		case 'd':
			errno = 0;
			o.interval = strtod(optarg, &end);
			if (*optarg == '\0' || *end != '\0' || errno || !isfinite(o.interval) ||
			    o.interval < 0.01 || o.interval > 86400)
				return cmd_usage_error("top", "--delay: expected seconds from 0.01 "
				    "to 86400: '%s'", optarg);
			delay_given = true;
			break;
		case 'n':
			cmd_deprecated("top", "-n", "-i (--iterations)");
			/* FALLTHROUGH */
		case 'i':
			count = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || count < 1 || count > 100000000)
				return cmd_usage_error("top", "--iterations: not a positive number: "
				    "'%s'", optarg);
			break;
		case 'b':
			batch = true;
			break;
		case 'r':
			rows = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || rows < 1 || rows > 10000000)
				return cmd_usage_error("top", "--rows: not a positive number: '%s'",
				    optarg);
			break;
		case 'g':
			o.cgroup = optarg;
			break;
		case 's':
			cmd_deprecated("top", "-s", "-k (--sort)");
			/* FALLTHROUGH */
		case 'k':
			if (parse_sort(optarg, &o.sort) < 0)
				return cmd_usage_error("top", "--sort: expected score, rss, growth or "
				    "pid");
			break;
		case 'c':
			o.cmdline = true;
			break;
		case 't':
			o.tree = true;
			break;
		case 'C':
			config = optarg;
			break;
		case 'M':
			lock = false;
			break;
		case 'G': {
			int k = group_key_parse(optarg);

			if (k < 0)
				return cmd_usage_error("top", "--group-by: expected cgroup, unit or "
				    "container, not '%s'", optarg);
			o.group_by = (enum group_key)k;
			break;
		}
		case CMD_OPT_PROC_ROOT:
			o.proc_root = optarg;
			break;
		case 'R':
			o.replay = optarg;
			break;
		case CMD_OPT_BACKEND:
			if ((c = backend_choice_parse(optarg)) < 0)
				return cmd_usage_error("top", "--backend: expected auto, proc or bpf");
			backend = (enum backend_choice)c;
			backend_given = true;
			break;
		case 'h':
			top_help();
			return EXIT_OK;
		default:
			return cmd_option_error("top", c, argv);
		}
	}
	if (optind < argc)
		return cmd_usage_error("top", "unexpected argument '%s'", argv[optind]);
	if (o.replay != NULL && o.proc_root != NULL)
		return cmd_usage_error("top", "--replay and --proc-root: one proc root or the other");
	if (!batch && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)))
		return cmd_usage_error("top", "not a terminal; use --batch for plain text");
	conf_init(&conf);
	if (conf_load(config, &conf, &err) < 0) {
		struct buf safe = BUF_INIT;

		escape_text(&safe, buf_str(&err), err.len, 0);
		rc = cmd_usage_error("top", "%s", buf_str(&safe));
		buf_free(&safe);
		buf_free(&err);
		conf_free(&conf);
		return rc;
	}
	o.levels = &conf.top;
	if (!delay_given)
		o.interval = (double)conf.top_interval_ms / 1000.0;
	if (!backend_given)
		backend = conf.top_backend;

	/*
	 * Lock our pages before the screen when memory is short: a monitor
	 * that is paged out stalls exactly when it is needed.
	 */
	if (lock) {
#ifdef HAVE_MLOCKALL
		if (lock_memory() != 0)
			snprintf(note, sizeof(note), "memory not locked (mlockall: %s)",
			    strerror(errno));
#else
		snprintf(note, sizeof(note), "memory not locked (no mlockall here)");
#endif
	}
	if (gather_top_open(&t, &o, &err) < 0) {
		cmd_warn_escaped("top", buf_str(&err), err.len);
		buf_free(&err);
		return EXIT_RUNTIME;
	}
	buf_free(&err);
	/* Loading the iterator (a light skeleton) allocates next to nothing. */
	gather_top_backend(&t, backend, &why);
	if (why.len > 0) {
		struct buf safe = BUF_INIT;
		size_t used = strlen(note);

		escape_text(&safe, why.data, why.len, 0);
		snprintf(note + used, sizeof(note) - used, "%s%s", used ? "; " : "", buf_str(&safe));
		buf_free(&safe);
	}
	buf_free(&why);
	if (batch)
		rc = run_batch(&t, count, (size_t)rows, note[0] ? note : NULL);
	else
		rc = tui_run(&t, count, note[0] ? note : NULL);
	gather_top_close(&t);
	conf_free(&conf);
	return rc;
}

const struct command cmd_top_entry = {
	"top", "live view: zones, pressure and the next OOM victim", cmd_top_exec,
};
