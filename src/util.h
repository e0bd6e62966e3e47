/* util.h: allocation that never fails, error reporting, bounded file reads. */
#ifndef OOMRISK_UTIL_H
#define OOMRISK_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Exit statuses shared by every subcommand (check uses its own 0-3). */
enum {
	EXIT_OK = 0,
	EXIT_USAGE = 1,		/* bad option or argument */
	EXIT_RUNTIME = 2,	/* could not read what the command needs */
};

/* Allocation: these print "oomrisk: out of memory" and exit on failure. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

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

/*
 * Read a whole (small) file into buf, NUL-terminated, at most size-1 bytes.
 * dirfd may be AT_FDCWD.  Returns the length read or -errno.  *truncated,
 * when given, says whether the file was longer than the buffer.
 */
long read_file_at(int dirfd, const char *path, char *buf, size_t size, bool *truncated);

struct buf;
/*
 * Read a whole file of any size into b (replacing its contents), growing b
 * as needed; a refresh loop that reuses b stops allocating once b is big
 * enough.  Returns the length or -errno.
 */
long read_file_buf(int dirfd, const char *path, struct buf *b);

/*
 * Write data to path atomically: a temporary file in the same directory,
 * fsync, then rename over path.  Returns 0 or -errno.
 */
int write_file_atomic(const char *path, const char *data, size_t len, unsigned mode);

/* Monotonic clock in seconds. */
double now_monotonic(void);

#endif
