/*
 * protect.h: "protect" patterns: processes an operator does not want the
 * OOM killer to take (a database, a session leader).  `audit` reports one
 * that is nevertheless the would-be victim.  A pattern is a POSIX extended
 * regular expression matched anywhere in the full command line (arguments
 * joined by spaces), not the 15-character comm.  Patterns come from the
 * [protect] section of oomrisk.conf (check, audit) and from --protect
 * (audit); both go through protect_add().
 */
#ifndef OOMRISK_CORE_PROTECT_H
#define OOMRISK_CORE_PROTECT_H

#include <regex.h>
#include <stddef.h>

#include "lib/buf.h"

struct protect_pattern {
	char *text;
	regex_t re;
	unsigned line;		/* its line in the configuration file; 0: command line */
};

struct protect_list {
	struct protect_pattern *v;
	size_t n, cap;
};

/*
 * Compile and add a pattern (line: where the configuration file has it, or
 * 0).  0, or -1 with the reason in err: a regex error, a backreference, a
 * ')' without '(', two repetitions in a row, a repetition of what can
 * match nothing, repetitions that expand to more than 4096 parts, a
 * newline, or more than 1024 bytes.
 */
int protect_add(struct protect_list *l, const char *pattern, unsigned line, struct buf *err);

/* Command lines are matched on their first 8 KiB (the sampler reads no more). */
#define PROTECT_MATCH_MAX 8192

/*
 * The first pattern matching the command line (len bytes, its argument
 * separators already spaces; it need not be NUL-terminated), or NULL.
 * The time it takes grows with len times the patterns' sizes, never
 * faster (protect.c).
 */
const struct protect_pattern *protect_match(const struct protect_list *l, const char *cmdline,
    size_t len);

void protect_list_free(struct protect_list *l);

#endif
