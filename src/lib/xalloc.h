/* xalloc.h: allocation that never fails (out of memory is fatal). */
#ifndef OOMRISK_LIB_XALLOC_H
#define OOMRISK_LIB_XALLOC_H

#include <stddef.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* These print "oomrisk: out of memory" and exit on failure. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
