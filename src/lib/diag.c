/* diag.c: diagnostics on stderr in one format, and the fatal exit. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "lib/diag.h"

void (*fatal_cleanup)(void);

static void __attribute__((format(printf, 1, 0)))
vmsg(const char *fmt, va_list ap)
{
	char buf[1024];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	/* One write so that concurrent writers do not interleave mid-line. */
	fprintf(stderr, "oomrisk: %s\n", buf);
}

void
warnmsg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

void
fatal(int status, const char *fmt, ...)
{
	va_list ap;

	if (fatal_cleanup != NULL) {
		void (*cleanup)(void) = fatal_cleanup;

		fatal_cleanup = NULL;
		cleanup();
	}
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(status);
}
