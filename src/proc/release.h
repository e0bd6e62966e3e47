/*
 * release.h: kernel release strings as uname -r, /proc/sys/kernel/osrelease
 * and OOM reports print them ("6.1.0-18-amd64").
 */
#ifndef OOMRISK_PROC_RELEASE_H
#define OOMRISK_PROC_RELEASE_H

#include <stdbool.h>

/* Parse "A.B.C" from the start of a release; C defaults to 0. */
bool release_parse(const char *s, int *a, int *b, int *c);

/* A.B.C as one comparable number, A * 1000000 + B * 1000 + min(C, 999). */
int release_code(int a, int b, int c);

/* The code of a release string, or -1 when it does not start with A.B. */
int release_version_code(const char *release);

#endif
