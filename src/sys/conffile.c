/*
 * conffile.c: read oomrisk.conf with inih (conf.c has the rest).
 *
 * Sample:
 *   [check]
 *   mem_available_warn = 15%
 *   mem_available_crit = 512M
 *   [protect]
 *   pattern = /usr/lib/postgresql/15/bin/postgres -D *
 *   [cgroup /kubepods.slice]
 *   oom_kills_warn = 10
 *   oom_kills_crit = off
 *
 * inih gets the text through our own line reader, so that the parser takes
 * (buf, len) like every other parser here, a NUL byte or an over-long line
 * is an error with its line number instead of being cut silently, and we
 * know the line of each key (the Debian build of inih does not pass line
 * numbers to the handler).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <ini.h>

#include "core/conf.h"
#include "lib/xalloc.h"
#include "sys/fileio.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif
#define CONF_MAX_BYTES (1 << 20)
/* inih's fixed line buffer (INI_MAX_LINE) holds 200 bytes with "\r\n\0". */
#define LINE_MAX_BYTES 197
#define MAX_PATTERNS 256
#define MAX_CGROUP_SECTIONS 256

enum section { SEC_CHECK, SEC_TOP, SEC_PROTECT, SEC_CGROUP, SEC_NSECTIONS };

/* Keys besides the <measure>_warn/_crit pairs, after 2 * M_NMEASURES. */
enum {
	K_STATE_FILE = 2 * M_NMEASURES, K_COMMIT_CHECK, K_CGROUP_MEASURE,
	K_GROWTH_MIN_INTERVAL, K_PROTECT_SEVERITY, K_INTERVAL, K_CHECK_BACKEND,
	K_TOP_BACKEND, K_NKEYS
};

struct ctx {
	const char *p, *end;
	const char *name;
	unsigned lineno;
	struct conf *c;
	struct buf *err;
	bool failed;
	unsigned seen[SEC_NSECTIONS][K_NKEYS];	/* line where each key was set */
	/*
	 * The last section header as written: inih cuts section names at 49
	 * bytes, and a cgroup path in [cgroup PATH] is often longer.
	 */
	char section[LINE_MAX_BYTES + 1];
	unsigned section_line;
};

const char *
conf_default_path(void)
{
	return SYSCONFDIR "/oomrisk.conf";
}

/* Record the first error as "NAME:LINE: KEY: reason". */
static int __attribute__((format(printf, 3, 4)))
fail(struct ctx *x, const char *key, const char *fmt, ...)
{
	va_list ap;

	if (!x->failed) {
		x->failed = true;
		buf_reset(x->err);
		buf_printf(x->err, "%s:%u: ", x->name, x->lineno);
		if (key != NULL)
			buf_printf(x->err, "%s: ", key);
		va_start(ap, fmt);
		buf_vprintf(x->err, fmt, ap);
		va_end(ap);
	}
	return 0;
}

/*
 * What inih would accept silently but oomrisk.conf(5) calls an error, on
 * one line (without its '\n'): a carriage return that does not end the
 * line (a file with CR-only line ends would be one line, every setting
 * in it lost), an indented setting or section (inih takes an indented
 * line as the continuation of the previous value: another [protect]
 * pattern, or a key set twice), text after a section's ']', "key: value",
 * and a ';' after a blank, where inih cuts a value as a comment.  True
 * when the line is fine; else the error is recorded.
 */
static bool
line_ok(struct ctx *x, const char *p, size_t n)
{
	const char *end, *q;

	if (n > 0 && p[n - 1] == '\r')
		n--;		/* CR LF line ends are fine */
	if (x->lineno == 1 && n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
		p += 3;		/* a UTF-8 byte order mark, which inih skips */
		n -= 3;
	}
	end = p + n;
	if (memchr(p, '\r', n) != NULL) {
		fail(x, NULL, "carriage return inside the line (CR-only line ends? lines end "
		    "with LF or CR LF)");
		return false;
	}
	for (q = p; q < end && (*q == ' ' || *q == '\t'); q++)
		;
	if (q == end || *q == ';' || *q == '#')
		return true;	/* blank or comment */
	if (q > p) {
		fail(x, NULL, "indented line: inih would read it as the continuation of the "
		    "previous value; remove the indentation");
		return false;
	}
	if (*q == '[') {
		const char *close = memchr(q, ']', (size_t)(end - q));

		if (close == NULL)
			return true;	/* inih reports it */
		if (close == q + 1) {
			fail(x, NULL, "empty section name");
			return false;
		}
		for (q = close + 1; q < end && (*q == ' ' || *q == '\t'); q++)
			;
		if (q < end) {
			fail(x, NULL, "text after the section header '%.*s'", (int)(close + 1 - p),
			    p);
			return false;
		}
		return true;
	}
	for (q = p; q < end && *q != '=' && *q != ':'; q++)
		;
	if (q < end && *q == ':') {
		fail(x, NULL, "expected 'key = value' (with '=')");
		return false;
	}
	for (q = p + 1; q < end; q++)
		if (*q == ';' && (q[-1] == ' ' || q[-1] == '\t')) {
			fail(x, NULL, "';' after a blank: inih would cut the line there as a "
			    "comment; comments take a line of their own");
			return false;
		}
	return true;
}

/* inih's reader: one line of the buffer, fgets-style, with checks. */
static char *
reader(char *str, int num, void *stream)
{
	struct ctx *x = stream;
	const char *nl;
	size_t n, take;

	if (x->failed || x->p >= x->end)
		return NULL;
	nl = memchr(x->p, '\n', (size_t)(x->end - x->p));
	n = nl ? (size_t)(nl - x->p) : (size_t)(x->end - x->p);
	x->lineno++;
	if (memchr(x->p, '\0', n) != NULL) {
		fail(x, NULL, "NUL byte in the line");
		return NULL;
	}
	take = n + (nl != NULL);
	if (n > LINE_MAX_BYTES || take + 1 > (size_t)num) {
		fail(x, NULL, "line longer than %d bytes", LINE_MAX_BYTES);
		return NULL;
	}
	if (!line_ok(x, x->p, n))
		return NULL;
	memcpy(str, x->p, take);
	str[take] = '\0';
	x->p += take;
	{
		/* "[name]" (inih strips blanks around the line first). */
		const char *s = str, *e;

		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '[' && (e = strrchr(s, ']')) != NULL) {
			snprintf(x->section, sizeof(x->section), "%.*s", (int)(e - s - 1), s + 1);
			x->section_line = x->lineno;
		}
	}
	return str;
}

/* A <measure>_warn / <measure>_crit key: its key id, or -1. */
static int
threshold_key(const char *key)
{
	size_t n = strlen(key);
	int m;

	if (n < 6 || key[n - 5] != '_')
		return -1;
	if (strcmp(key + n - 4, "warn") != 0 && strcmp(key + n - 4, "crit") != 0)
		return -1;
	if ((m = measure_by_name(key, n - 5)) < 0)
		return -1;
	return 2 * m + (key[n - 1] == 't');
}

static int
section_of(const char *s)
{
	if (strcmp(s, "check") == 0)
		return SEC_CHECK;
	if (strcmp(s, "top") == 0)
		return SEC_TOP;
	if (strcmp(s, "protect") == 0)
		return SEC_PROTECT;
	if (strncmp(s, "cgroup", 6) == 0 && (s[6] == ' ' || s[6] == '\t' || s[6] == '\0'))
		return SEC_CGROUP;
	return -1;
}

/* The [cgroup PATH] section being read (created at its first key). */
static struct conf_cgroup *
cgroup_section(struct ctx *x, const char *key)
{
	struct conf *c = x->c;
	const char *p = x->section + 6;
	char path[LINE_MAX_BYTES + 1];
	size_t n, i;

	while (*p == ' ' || *p == '\t')
		p++;
	snprintf(path, sizeof(path), "%s", p);
	n = strlen(path);
	while (n > 0 && (path[n - 1] == ' ' || path[n - 1] == '\t'))
		path[--n] = '\0';
	while (n > 1 && path[n - 1] == '/')
		path[--n] = '\0';
	if (path[0] != '/') {
		fail(x, key, "[cgroup %s]: expected a cgroup path starting with '/', as in "
		    "/proc/PID/cgroup", path);
		return NULL;
	}
	if (strstr(path, "/../") != NULL || (n >= 3 && strcmp(path + n - 3, "/..") == 0) ||
	    strpbrk(path, " \t") != NULL) {
		fail(x, key, "[cgroup %s]: '..' and blanks are not allowed in the path", path);
		return NULL;
	}
	for (i = 0; i < c->ncgroups; i++)
		if (strcmp(c->cgroups[i].path, path) == 0)
			return &c->cgroups[i];
	if (c->ncgroups == MAX_CGROUP_SECTIONS) {
		fail(x, key, "more than %d [cgroup] sections", MAX_CGROUP_SECTIONS);
		return NULL;
	}
	c->cgroups = xreallocarray(c->cgroups, c->ncgroups + 1, sizeof(*c->cgroups));
	memset(&c->cgroups[c->ncgroups], 0, sizeof(*c->cgroups));
	c->cgroups[c->ncgroups].path = xstrdup(path);
	c->cgroups[c->ncgroups].line = x->section_line;
	return &c->cgroups[c->ncgroups++];
}

/* A key of a [cgroup PATH] section: oom_kills_* or cgroup_* levels. */
static int
cgroup_key(struct ctx *x, const char *key, const char *value)
{
	struct conf_cgroup *cg = cgroup_section(x, key);
	struct buf why = BUF_INIT;
	int id = threshold_key(key), m;
	struct thr *t;
	struct thr_value *v;
	unsigned *line;

	if (cg == NULL)
		return 0;
	m = id < 0 ? -1 : id / 2;
	if (m == M_OOM_KILLS)
		m = M_CGROUP_KILLS;
	if (m != M_CGROUP_KILLS && m != M_CGROUP)
		return fail(x, key, "unknown key in [cgroup %s] (expected oom_kills_warn, "
		    "oom_kills_crit, cgroup_warn or cgroup_crit)", cg->path);
	t = m == M_CGROUP_KILLS ? &cg->kills : &cg->usage;
	v = id % 2 ? &t->crit : &t->warn;
	line = id % 2 ? &t->crit_line : &t->warn_line;
	if (*line != 0)
		return fail(x, key, "set twice in [cgroup %s] (first on line %u)", cg->path, *line);
	if (thr_parse((enum measure)m, value, v, &why) < 0) {
		fail(x, key, "%s", buf_str(&why));
		buf_free(&why);
		return 0;
	}
	*line = x->lineno;
	return 1;
}

static int
other_key(int sec, const char *key)
{
	static const struct { int sec; const char *name; int id; } keys[] = {
		{ SEC_CHECK, "state_file", K_STATE_FILE },
		{ SEC_CHECK, "commit_check", K_COMMIT_CHECK },
		{ SEC_CHECK, "cgroup_measure", K_CGROUP_MEASURE },
		{ SEC_CHECK, "growth_min_interval", K_GROWTH_MIN_INTERVAL },
		{ SEC_CHECK, "protect_severity", K_PROTECT_SEVERITY },
		{ SEC_TOP, "interval", K_INTERVAL },
		{ SEC_CHECK, "backend", K_CHECK_BACKEND },
		{ SEC_TOP, "backend", K_TOP_BACKEND },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		if (keys[i].sec == sec && strcmp(keys[i].name, key) == 0)
			return keys[i].id;
	return -1;
}

/* The index of value among names, or -1. */
static int
choose(const char *value, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(value, names[i]) == 0)
			return (int)i;
	return -1;
}

static int
set_other(struct ctx *x, int id, const char *key, const char *value)
{
	struct conf *c = x->c;
	uint64_t secs;
	int i;

	switch (id) {
	case K_STATE_FILE:
		if (value[0] != '/')
			return fail(x, key, "'%s' is not an absolute path", value);
		free(c->state_file);
		c->state_file = xstrdup(value);
		return 1;
	case K_COMMIT_CHECK: {
		static const char *const names[] = { "auto", "always", "never" };

		if ((i = choose(value, names, ARRAY_SIZE(names))) < 0)
			return fail(x, key, "malformed value '%s': expected auto, always or never",
			    value);
		c->commit_when = (enum commit_when)i;
		return 1;
	}
	case K_CGROUP_MEASURE: {
		static const char *const names[] = { "working_set", "usage" };

		if ((i = choose(value, names, ARRAY_SIZE(names))) < 0)
			return fail(x, key, "malformed value '%s': expected working_set or usage",
			    value);
		c->cgroup_measure = (enum cgroup_measure)i;
		return 1;
	}
	case K_GROWTH_MIN_INTERVAL:
		if (parse_duration(value, &secs) < 0)
			return fail(x, key, "malformed value '%s': expected a duration like 60s, "
			    "5min or 1h", value);
		c->growth_min_interval = secs;
		return 1;
	case K_PROTECT_SEVERITY: {
		static const char *const names[] = { "warning", "critical" };

		if ((i = choose(value, names, ARRAY_SIZE(names))) < 0)
			return fail(x, key, "malformed value '%s': expected warning or critical",
			    value);
		c->protect_critical = i == 1;
		return 1;
	}
	case K_INTERVAL: {
		const char *p = value;
		uint64_t ms = 0;
		int digits = 0;

		/* Seconds with up to three decimals: "1", "0.5", "2.25". */
		while (*p >= '0' && *p <= '9' && ms < 1000000)
			ms = ms * 10 + (uint64_t)(*p++ - '0');
		ms *= 1000;
		if (*p == '.')
			for (p++; *p >= '0' && *p <= '9' && digits < 3; p++, digits++)
				ms += (uint64_t)(*p - '0') * (digits == 0 ? 100 : digits == 1 ? 10 : 1);
		if (p == value || *p != '\0' || ms < 100 || ms > 3600000)
			return fail(x, key, "malformed value '%s': expected seconds between 0.1 "
			    "and 3600", value);
		c->top_interval_ms = ms;
		return 1;
	}
	case K_CHECK_BACKEND:
	case K_TOP_BACKEND:
		if ((i = backend_choice_parse(value)) < 0)
			return fail(x, key, "malformed value '%s': expected auto, proc or bpf", value);
		*(id == K_TOP_BACKEND ? &c->top_backend : &c->check_backend) =
		    (enum backend_choice)i;
		return 1;
	}
	return fail(x, key, "unknown key");
}

static int
handler(void *user, const char *section, const char *key, const char *value)
{
	struct ctx *x = user;
	struct conf *c = x->c;
	int sec = section_of(section), id;
	struct buf why = BUF_INIT;

	if (x->failed)
		return 0;
	if (section[0] == '\0')
		return fail(x, key, "key outside a section ([check], [top], [protect] or "
		    "[cgroup PATH])");
	if (sec < 0)
		return fail(x, key, "unknown section [%s] (expected [check], [top], [protect] or "
		    "[cgroup PATH])", section);
	if (sec == SEC_CGROUP)
		return cgroup_key(x, key, value);
	if (sec == SEC_PROTECT) {
		int r;

		if (strcmp(key, "pattern") != 0)
			return fail(x, key, "unknown key (in [protect] each line is "
			    "'pattern = REGEX')");
		if (value[0] == '\0')
			return fail(x, key, "empty pattern");
		if (c->protect.n == MAX_PATTERNS)
			return fail(x, key, "more than %d patterns", MAX_PATTERNS);
		if (protect_add(&c->protect, value, x->lineno, &why) < 0) {
			r = fail(x, key, "%s", buf_str(&why));
			buf_free(&why);
			return r;
		}
		return 1;
	}
	id = threshold_key(key);
	if (id < 0 && (id = other_key(sec, key)) < 0)
		return fail(x, key, "unknown key in [%s]", section);
	if (x->seen[sec][id] != 0)
		return fail(x, key, "set twice (first on line %u)", x->seen[sec][id]);
	x->seen[sec][id] = x->lineno;
	if (id < 2 * M_NMEASURES) {
		struct thresholds *th = sec == SEC_CHECK ? &c->check : &c->top;
		struct thr *t = &th->t[id / 2];

		if (thr_parse(id / 2, value, id % 2 ? &t->crit : &t->warn, &why) < 0) {
			fail(x, key, "%s", buf_str(&why));
			buf_free(&why);
			return 0;
		}
		if (id % 2)
			t->crit_line = x->lineno;
		else
			t->warn_line = x->lineno;
		return 1;
	}
	return set_other(x, id, key, value);
}

/* After the file: every warn/crit pair in the right order. */
static void
check_order(struct ctx *x, const char *section, const struct thresholds *th)
{
	int m;

	for (m = 0; m < M_NMEASURES && !x->failed; m++) {
		const struct thr *t = &th->t[m];
		const struct measure_info *mi = &measure_table[m];
		struct buf w = BUF_INIT, c = BUF_INIT;
		char key[64];
		bool crit_later = t->crit_line >= t->warn_line;

		if (thr_ordered(m, t, 0))
			continue;
		thr_format(&w, &t->warn);
		thr_format(&c, &t->crit);
		x->lineno = crit_later ? t->crit_line : t->warn_line;
		snprintf(key, sizeof(key), "%s_%s", mi->name, crit_later ? "crit" : "warn");
		fail(x, key, "[%s] %s_warn %s%s and %s_crit %s%s are in the wrong order: "
		    "the critical level must be %s", section,
		    mi->name, buf_str(&w), t->warn_line ? "" : " (default)",
		    mi->name, buf_str(&c), t->crit_line ? "" : " (default)",
		    m == M_ZONE ? "the same or a lower watermark" :
		    mi->dir == DIR_LOW_BAD ? "the lower one" : "the higher one");
		buf_free(&w);
		buf_free(&c);
	}
}

/* Each [cgroup] section's pairs in the right order, [check]'s levels filling the gaps. */
static void
check_cgroup_order(struct ctx *x)
{
	static const enum measure ms[] = { M_CGROUP_KILLS, M_CGROUP };
	size_t i, k;

	for (i = 0; i < x->c->ncgroups && !x->failed; i++) {
		const struct conf_cgroup *cg = &x->c->cgroups[i];

		for (k = 0; k < 2 && !x->failed; k++) {
			const struct thr *own = ms[k] == M_CGROUP_KILLS ? &cg->kills : &cg->usage;
			struct thr t;

			if (own->warn_line == 0 && own->crit_line == 0)
				continue;
			memset(&t, 0, sizeof(t));
			t.warn = *conf_cgroup_level(x->c, cg, ms[k], false);
			t.crit = *conf_cgroup_level(x->c, cg, ms[k], true);
			if (thr_ordered(ms[k], &t, 0))
				continue;
			x->lineno = own->crit_line ? own->crit_line : own->warn_line;
			fail(x, NULL, "[cgroup %s]: the %s levels are in the wrong order: the "
			    "critical level must be the higher one", cg->path,
			    ms[k] == M_CGROUP_KILLS ? "oom_kills" : "cgroup");
		}
	}
}

int
conf_parse(const char *buf, size_t len, const char *name, struct conf *c, struct buf *err)
{
	struct ctx x;
	int rc;

	memset(&x, 0, sizeof(x));
	x.p = buf;
	x.end = buf + len;
	x.name = name;
	x.c = c;
	x.err = err;
	free(c->path);
	c->path = xstrdup(name);
	rc = ini_parse_stream(reader, &x, handler, &x);
	if (!x.failed && rc > 0) {
		x.lineno = (unsigned)rc;
		fail(&x, NULL, "syntax error: expected '[section]', 'key = value' or a comment");
	}
	if (!x.failed)
		check_order(&x, "check", &c->check);
	if (!x.failed)
		check_order(&x, "top", &c->top);
	if (!x.failed)
		check_cgroup_order(&x);
	return x.failed ? -1 : 0;
}

int
conf_load(const char *path, struct conf *c, struct buf *err)
{
	struct buf text = BUF_INIT, why = BUF_INIT;
	bool required = path != NULL;
	long n;
	int rc;

	if (path == NULL && (path = getenv("OOMRISK_CONFIG")) != NULL && path[0] != '\0')
		required = true;
	else if (path == NULL || path[0] == '\0')
		path = conf_default_path();
	/*
	 * A regular file only, read without blocking and bounded; a symbolic
	 * link is followed when only root or we could have made it (package
	 * and configuration managers link /etc/oomrisk.conf), never one that
	 * another user planted in a directory they can write.  /dev/null is
	 * the empty configuration.
	 */
	n = file_read_regular(path, CONF_MAX_BYTES, FILE_FOLLOW_TRUSTED | FILE_NULL_IS_EMPTY,
	    &text, &why);
	if (n == -ENOENT && !required) {
		buf_free(&text);
		buf_free(&why);
		return 0;
	}
	if (n < 0) {
		buf_add(err, why.data, why.len);
		buf_free(&text);
		buf_free(&why);
		return -1;
	}
	buf_free(&why);
	rc = conf_parse(text.data, text.len, path, c, err);
	buf_free(&text);
	return rc;
}
