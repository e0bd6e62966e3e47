/*
 * protect.c: compile and match protect patterns.
 *
 * The pattern is the administrator's, but the command line it is matched
 * against belongs to whoever started the process, so matching must stay
 * cheap whatever the text.  Measured with glibc 2.36 regexec() against
 * 8 KiB command lines (bench/regex.c, results in bench/RESULTS.md):
 *  - backreferences make glibc backtrack: "(a*)*\1b" or "(.*)\1b" ran for
 *    more than 60 s; they are refused;
 *  - without them glibc does not backtrack, but an unanchored search
 *    restarts at every offset, so the work grows with the square of the
 *    text times the pattern's size: "([a-z]+ ?){1,100}$" took 42 s,
 *    "((a|aa)+)+$" 3 s (0.65 s at 8 KiB and 9 s at 32 KiB on a quieter
 *    run).  Each pattern is therefore matched as "^.*(PATTERN)", which
 *    means the same (some substring matches PATTERN) but lets glibc make
 *    one pass from the start: 6 ms and 0.3 ms for those two;
 *  - counted repetitions are expanded when compiled: "(a{1,1000}){1,1000}"
 *    took 4 GB before regcomp() gave up, and so does "a" followed by a
 *    hundred '+' (each copies what it repeats; found by fuzz-audit).  A
 *    pattern whose repetitions expand to more than PROTECT_MAX_PARTS
 *    parts is refused;
 *  - the leading ^ makes glibc's compile time explode on repetitions in a
 *    row and on repeating what can match nothing (walk_piece()): both are
 *    refused.
 * One pass needs '.' to match every character: in a multibyte locale an
 * invalid sequence matches nothing, so the text is matched with each
 * invalid byte replaced by '?' (see match_text() for newlines).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/protect.h"
#include "lib/escape.h"
#include "lib/parse.h"
#include "lib/xalloc.h"

/* Parts of the compiled pattern when repetitions are expanded. */
#define PROTECT_MAX_PARTS 4096
#define PROTECT_MAX_LEN 1024

/*
 * A walk over an extended regular expression that counts its parts with
 * repetitions expanded ({m,n} holds n copies of what it repeats, x+ two:
 * glibc compiles it as x x*), tells which parts can match the empty
 * string, and finds what protect_add() refuses.  It runs on any bytes
 * before regcomp() sees them: it never reads past end, and the counts
 * saturate.
 */
struct walk {
	const char *p, *end;
	int depth;
	bool backref, stray_paren, stacked, empty_loop;
	char backref_digit;
};

/* What a part of the pattern is: its size expanded, and whether it can match "". */
struct part {
	uint64_t n;
	bool nullable;
};

static struct part walk_alternatives(struct walk *w);

/* A bracket expression after its '[': "[^]a-z[:digit:]]". */
static void
walk_bracket(struct walk *w)
{
	if (w->p < w->end && *w->p == '^')
		w->p++;
	if (w->p < w->end && *w->p == ']')
		w->p++;
	while (w->p < w->end && *w->p != ']') {
		if (*w->p == '[' && w->p + 1 < w->end &&
		    (w->p[1] == ':' || w->p[1] == '.' || w->p[1] == '=')) {
			char kind = w->p[1];

			for (w->p += 2; w->p + 1 < w->end && !(w->p[0] == kind && w->p[1] == ']');
			    w->p++)
				;
			w->p = w->p + 1 < w->end ? w->p + 2 : w->end;
			continue;
		}
		w->p++;
	}
	if (w->p < w->end)
		w->p++;
}

/*
 * "{m}", "{m,}" or "{m,n}" after its '{': false when it is no bound (a
 * literal '{'); else the least and the most copies (UINT64_MAX: no limit).
 */
static bool
walk_bound(struct walk *w, uint64_t *min, uint64_t *max)
{
	const char *p = w->p;
	uint64_t m = 0, n = 0;
	bool comma = false, have_n = false;

	if (p >= w->end || *p < '0' || *p > '9' || !scan_u64(&p, w->end, &m))
		return false;
	if (p < w->end && *p == ',') {
		comma = true;
		p++;
		have_n = p < w->end && *p >= '0' && *p <= '9' && scan_u64(&p, w->end, &n);
	}
	if (p >= w->end || *p != '}')
		return false;
	w->p = p + 1;
	*min = m;
	*max = have_n ? n : comma ? UINT64_MAX : m;
	return true;
}

/*
 * One atom and its repetition.  Two repetitions in a row ("a**", "a+{2}")
 * are refused: POSIX leaves them undefined, and glibc's compile time
 * grows steeply with them once the pattern is anchored.  So is repeating
 * (or making optional) what can match the empty string ("(a*)*", "(x?)+",
 * "(a?)?", "(^)*"): it means no more than the inner part, and with the
 * leading ^ that protect_add() puts in front, "(a*)*(a*)*..." took glibc
 * minutes to compile and "(a?)?(a?)?..." hundreds of MB.
 */
static struct part
walk_piece(struct walk *w)
{
	struct part a = { 1, false };
	bool repeated = false;
	char c = *w->p++;

	if (c == '(') {
		w->depth++;
		a = walk_alternatives(w);
		a.n = sat_add(a.n, 1);
		w->depth--;
		if (w->p < w->end && *w->p == ')')
			w->p++;
	} else if (c == '[') {
		walk_bracket(w);
	} else if (c == '^' || c == '$') {
		a.nullable = true;
	} else if (c == '\\' && w->p < w->end) {
		if (*w->p >= '1' && *w->p <= '9' && !w->backref) {
			w->backref = true;
			w->backref_digit = *w->p;
		}
		/* glibc's word and buffer anchors match no character. */
		a.nullable = strchr("bB<>`'", *w->p) != NULL;
		w->p++;
	}
	while (w->p < w->end) {
		uint64_t min, max;
		const char *q = w->p;

		if (*w->p == '*' || *w->p == '+' || *w->p == '?') {
			min = *w->p == '+';
			max = *w->p == '?' ? 1 : UINT64_MAX;
			w->p++;
		} else if (*w->p == '{') {
			w->p++;
			if (!walk_bound(w, &min, &max)) {
				w->p = q;
				break;	/* a literal '{' */
			}
		} else {
			break;
		}
		if (repeated)
			w->stacked = true;
		repeated = true;
		if (a.nullable)
			w->empty_loop = true;
		/* x* and x? are one copy, x+ two, x{m,n} n, x{m,} m + 1. */
		a.n = max == UINT64_MAX ? sat_mul(a.n, min + 1) : sat_mul(a.n, max > 0 ? max : 1);
		a.nullable = a.nullable || min == 0;
	}
	return a;
}

/* Branches separated by '|', up to a ')' that closes a group or the end. */
static struct part
walk_alternatives(struct walk *w)
{
	struct part all = { 0, false }, branch = { 0, true };

	while (w->p < w->end) {
		if (*w->p == ')') {
			if (w->depth > 0)
				break;
			w->stray_paren = true;	/* glibc takes it as a literal */
			w->p++;
			branch.n = sat_add(branch.n, 1);
			branch.nullable = false;
		} else if (*w->p == '|') {
			w->p++;
			all.n = sat_add(sat_add(all.n, branch.n), 1);
			all.nullable = all.nullable || branch.nullable;
			branch.n = 0;
			branch.nullable = true;
		} else {
			struct part p = walk_piece(w);

			branch.n = sat_add(branch.n, p.n);
			branch.nullable = branch.nullable && p.nullable;
		}
	}
	all.n = sat_add(all.n, branch.n);
	all.nullable = all.nullable || branch.nullable;
	return all;
}

int
protect_add(struct protect_list *l, const char *pattern, unsigned line, struct buf *err)
{
	struct protect_pattern *p;
	struct walk w = { 0 };
	size_t len = strlen(pattern);
	uint64_t parts;
	char msg[256], *wrapped;
	int rc;

	if (pattern[0] == '\0') {
		buf_puts(err, "an empty pattern would match every process");
		return -1;
	}
	if (len > PROTECT_MAX_LEN) {
		buf_printf(err, "longer than %d bytes", PROTECT_MAX_LEN);
		return -1;
	}
	if (memchr(pattern, '\n', len) != NULL) {
		buf_puts(err, "a newline in the pattern");
		return -1;
	}
	w.p = pattern;
	w.end = pattern + len;
	parts = walk_alternatives(&w).n;
	if (w.backref) {
		buf_puts(err, "'");
		escape_text(err, pattern, len, 64);
		buf_printf(err, "': backreference \\%c: glibc matches it by backtracking, which "
		    "takes minutes on a long command line", w.backref_digit);
		return -1;
	}
	if (w.stray_paren) {
		buf_puts(err, "'");
		escape_text(err, pattern, len, 64);
		buf_puts(err, "': ')' without '(' (write \\) for the character)");
		return -1;
	}
	if (w.stacked) {
		buf_puts(err, "'");
		escape_text(err, pattern, len, 64);
		buf_puts(err, "': two repetitions in a row, such as a** or a+{2} (POSIX leaves "
		    "their meaning undefined)");
		return -1;
	}
	if (w.empty_loop) {
		buf_puts(err, "'");
		escape_text(err, pattern, len, 64);
		buf_puts(err, "': repeats a part that can match nothing, such as (a*)* or (a?)? "
		    "(write a* or a?): glibc can take minutes to compile those");
		return -1;
	}
	if (parts > PROTECT_MAX_PARTS) {
		buf_puts(err, "'");
		escape_text(err, pattern, len, 64);
		buf_printf(err, "': its repetitions expand to more than %d parts", PROTECT_MAX_PARTS);
		return -1;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 4;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	p = &l->v[l->n];
	/* The pattern as written must compile, for its own error message. */
	if ((rc = regcomp(&p->re, pattern, REG_EXTENDED | REG_NOSUB)) != 0) {
		regerror(rc, &p->re, msg, sizeof(msg));
		buf_puts(err, "'");
		escape_text(err, pattern, len, 64);
		buf_printf(err, "': %s", msg);
		return -1;
	}
	regfree(&p->re);
	/* One pass from the start (see the top of this file). */
	wrapped = xmalloc(len + 6);
	memcpy(wrapped, "^.*(", 4);
	memcpy(wrapped + 4, pattern, len);
	memcpy(wrapped + 4 + len, ")", 2);
	rc = regcomp(&p->re, wrapped, REG_EXTENDED | REG_NOSUB);
	free(wrapped);
	if (rc != 0) {
		regerror(rc, &p->re, msg, sizeof(msg));
		buf_puts(err, "'");
		escape_text(err, pattern, len, 64);
		buf_printf(err, "': %s", msg);
		return -1;
	}
	p->text = xstrdup(pattern);
	p->line = line;
	l->n++;
	return 0;
}

/*
 * Copy text for matching: at most PROTECT_MATCH_MAX bytes, NUL-terminated;
 * a newline becomes a carriage return (in one pass from the start, glibc
 * lets ^ and $ match next to a newline, which an unanchored search does
 * not: a command line "x\npostgres" must not match "^postgres"); and in a
 * multibyte locale every byte that starts no valid character becomes '?'.
 */
static char *
match_text(const char *text, size_t len)
{
	char *s;
	size_t i = 0;

	if (len > PROTECT_MATCH_MAX)
		len = PROTECT_MATCH_MAX;
	s = xstrndup(text, len);
	len = strlen(s);
	for (i = 0; i < len; i++)
		if (s[i] == '\n')
			s[i] = '\r';
	if (MB_CUR_MAX == 1)
		return s;
	i = 0;
	while (i < len) {
		mbstate_t st;
		size_t n;

		memset(&st, 0, sizeof(st));
		n = mbrtowc(NULL, s + i, len - i, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			s[i++] = '?';
			continue;
		}
		i += n;
	}
	return s;
}

const struct protect_pattern *
protect_match(const struct protect_list *l, const char *cmdline, size_t len)
{
	const struct protect_pattern *hit = NULL;
	char *s;
	size_t i;

	if (l == NULL || cmdline == NULL || l->n == 0)
		return NULL;
	s = match_text(cmdline, len);
	for (i = 0; hit == NULL && i < l->n; i++)
		if (regexec(&l->v[i].re, s, 0, NULL, 0) == 0)
			hit = &l->v[i];
	free(s);
	return hit;
}

void
protect_list_free(struct protect_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		regfree(&l->v[i].re);
		free(l->v[i].text);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
