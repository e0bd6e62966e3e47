/* diag.h: diagnostics on stderr, the fatal exit, and the exit statuses. */
#ifndef OOMRISK_LIB_DIAG_H
#define OOMRISK_LIB_DIAG_H

/* Exit statuses shared by every subcommand (check uses its own 0-3). */
enum {
	EXIT_OK = 0,
	EXIT_USAGE = 1,		/* bad option or argument */
	EXIT_RUNTIME = 2,	/* could not read what the command needs */
	/* audit --fail-on: the worst finding at or above the level given */
	EXIT_AUDIT_WARNING = 3,
	EXIT_AUDIT_CRITICAL = 4,
};

/*
 * Diagnostics on stderr as "oomrisk: <context>: <reason>".  The context is
 * usually a path or a subcommand; untrusted parts are escaped by the caller
 * (see escape.h).  fatal() exits with the given status.
 */
void warnmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void fatal(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Hook run by fatal() before printing, e.g. to leave curses mode. */
extern void (*fatal_cleanup)(void);

#endif
