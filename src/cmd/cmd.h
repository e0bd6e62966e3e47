/* cmd.h: the subcommand table (one cmd-*.c file per subcommand). */
#ifndef OOMRISK_CMD_CMD_H
#define OOMRISK_CMD_CMD_H

#include <stddef.h>

#include "lib/buf.h"

/* The value getopt_long() returns for --proc-root, in every subcommand. */
#define CMD_OPT_PROC_ROOT 0x1000
/* ... and for --backend (rank, top, check, export). */
#define CMD_OPT_BACKEND 0x1001

struct command {
	const char *name;
	const char *summary;	/* one line for `oomrisk --help` */
	/* argv[0] is the subcommand name; returns the exit status. */
	int (*exec)(int argc, char **argv);
};

extern const struct command cmd_rank_entry;
extern const struct command cmd_check_entry;
extern const struct command cmd_export_entry;
extern const struct command cmd_explain_entry;
extern const struct command cmd_audit_entry;
extern const struct command cmd_zones_entry;
extern const struct command cmd_top_entry;

/*
 * getopt_long() failed with c ('?' or ':', opterr = 0 and an optstring
 * starting with ':'): say which option, in our error format, and return
 * EXIT_USAGE.
 */
int cmd_option_error(const char *cmd, int c, char **argv);

/* The same reason without printing it ("unknown option '--x'", escaped). */
void cmd_option_problem(int c, char **argv, struct buf *out);

/*
 * Print "oomrisk: CMD: REASON" with the reason escaped: it may hold a
 * user's path, a cgroup name or kernel text.
 */
void cmd_warn_escaped(const char *cmd, const char *reason, size_t len);

/*
 * An option given by its old letter, which still works for one release:
 * say so, but only when stderr is a terminal.  check and export run from
 * cron (which mails whatever is printed) and under Nagios or Icinga (which
 * show stderr with the status line): a note there would mail every run,
 * defeat --notify-on-change and change what the monitor shows.
 */
void cmd_deprecated(const char *cmd, const char *old, const char *now);

/*
 * How wide output may be.  Tables (rank's rows) are cut to
 * cmd_table_width(): COLUMNS, else the terminal's width, when standard
 * output is a terminal; 0 (not cut) when it is not.  Prose is wrapped
 * (lib/wrap.h) at cmd_text_width(): COLUMNS, else the terminal's width,
 * else 80, so a log or a mail reads as well as a terminal.
 */
size_t cmd_table_width(void);
size_t cmd_text_width(void);

/* Print "Try 'oomrisk CMD --help'." and return EXIT_USAGE. */
int cmd_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
