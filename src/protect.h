/*
 * protect.h: "protect" patterns: processes an operator does not want the
 * OOM killer to take (a database, a session leader).  `audit` reports one
 * that is nevertheless the would-be victim.  A pattern is a POSIX extended
 * regular expression matched anywhere in the full command line (arguments
 * joined by spaces), not the 15-character comm.  Patterns come from
 * --protect now and from the configuration file later; both go through
 * protect_add().
 */
#ifndef OOMRISK_PROTECT_H
#define OOMRISK_PROTECT_H

#include <regex.h>
#include <stddef.h>

#include "buf.h"

struct protect_pattern {
	char *text;
	regex_t re;
};

struct protect_list {
	struct protect_pattern *v;
	size_t n, cap;
};

/* Compile and add a pattern.  0, or -1 with the regex error in err. */
int protect_add(struct protect_list *l, const char *pattern, struct buf *err);

/*
 * The first pattern matching the command line (NUL-terminated; its
 * argument separators already spaces), or NULL.
 */
const char *protect_match(const struct protect_list *l, const char *cmdline);

void protect_list_free(struct protect_list *l);

#endif
