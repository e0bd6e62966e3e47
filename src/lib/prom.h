/*
 * prom.h: the Prometheus text exposition format (version 0.0.4): HELP and
 * TYPE lines, samples with labels.  Label values are untrusted (process
 * names, cgroup paths): they are escaped for a terminal first (escape.h,
 * so no control byte and valid UTF-8), then backslash, double quote and
 * newline get the format's own escapes.
 */
#ifndef OOMRISK_LIB_PROM_H
#define OOMRISK_LIB_PROM_H

#include <stddef.h>
#include <stdint.h>

#include "lib/buf.h"

struct prom_label {
	const char *name;
	const char *value;
	size_t len;
};

/* "# HELP name help\n# TYPE name type\n" */
void prom_family(struct buf *out, const char *name, const char *type, const char *help);

/* A label value between the quotes. */
void prom_label_value(struct buf *out, const char *s, size_t len);

/* "name{a="x",b="y"} " : the value is appended by the caller, then '\n'. */
void prom_sample_start(struct buf *out, const char *name, const struct prom_label *l,
    size_t n);

void prom_sample_u64(struct buf *out, const char *name, const struct prom_label *l, size_t n,
    uint64_t v);
void prom_sample_i64(struct buf *out, const char *name, const struct prom_label *l, size_t n,
    int64_t v);
void prom_sample_double(struct buf *out, const char *name, const struct prom_label *l,
    size_t n, double v);

#endif
