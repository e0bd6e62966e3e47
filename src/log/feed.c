/* feed.c: kernel log bytes in, the lines that matter out to the assembler. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lib/parse.h"
#include "lib/xalloc.h"
#include "log/anchor.h"
#include "log/feed.h"

#define CHUNK (1u << 20)
#define BUFSZ (CHUNK + OOM_LINE_MAX + 1)	/* + 1: process()'s sentinel */

void
log_feed_init(struct log_feed *f, struct reports *r, struct log_stats *st)
{
	memset(f, 0, sizeof(*f));
	f->reports = r;
	f->st = st;
	f->buf = xmalloc(BUFSZ);
	f->lineno = 1;
}

void
log_feed_free(struct log_feed *f)
{
	free(f->buf);
	f->buf = NULL;
}

/*
 * An anchor in a journal export record (journalctl -o export): the record's
 * fields before its MESSAGE (host, timestamps) belong to it, so start at
 * the record, after the blank line that ends the one before.
 */
static const char *
record_start(const char *lo, const char *line, const char *end)
{
	const char *p;

	if (!(end - line >= 8 && memcmp(line, "MESSAGE=", 8) == 0) &&
	    !(line - lo >= 9 && memcmp(line - 9, "\nMESSAGE\n", 9) == 0) &&
	    !(line - lo == 8 && memcmp(lo, "MESSAGE\n", 8) == 0))
		return line;
	for (p = line - 1; p > lo && line - p < 16384; p--)
		if (p[-1] == '\n' && p[0] == '\n')
			return p + 1;
	return p == lo ? lo : line;	/* lo is always at the start of a line */
}

/*
 * Pass on the complete lines (all of them at eof), skipping to anchors.
 * The lines are held in the buffer (reports_line_held()) and released
 * before it returns.  The position, line number and count are kept in
 * locals and stored once at the end: stored in *f, each would be written
 * back and read again around every call into the assembler.
 */
static void
process(struct log_feed *f, bool eof)
{
	struct reports *r = f->reports;
	const char *const buf = f->buf, *const end = buf + f->end;
	const char *p = buf + f->start;
	uint64_t lineno = f->lineno, parsed = 0;
	bool skipping_long = f->skipping_long;

	/* A sentinel after the bytes read (log_feed_space() leaves room for it). */
	f->buf[f->end] = '\n';
	for (;;) {
		const char *nl;

		if (p < end && !reports_wants_all(r)) {
			/* Skip to the first line holding an anchor. */
			const char *a = anchor_find(p, end);
			const char *to;

			if (a == NULL) {
				const char *last = memrchr(p, '\n', (size_t)(end - p));

				to = last != NULL ? last + 1 : p;
			} else {
				to = a;
				while (to > p && to[-1] != '\n')
					to--;
				to = record_start(p, to, end);
			}
			lineno += anchor_count_newlines(p, to);
			p = to;
			reports_advance(r, lineno);
			if (a == NULL && !eof)
				break;
		}
		if (!skipping_long) {
			/* A run of lines, as long as the assembler wants every one. */
			uint64_t before = lineno;
			const char *q = reports_lines_held(r, p, end, &lineno);

			parsed += lineno - before;
			if (q != p) {
				p = q;
				continue;
			}
		} else {
			/* The rest of a line too long to keep: up to its newline. */
#ifdef HAVE_RAWMEMCHR
			nl = rawmemchr(p, '\n');
#else
			nl = memchr(p, '\n', (size_t)(end - p) + 1);
#endif
			if (nl < end) {
				skipping_long = false;
				lineno++;
				p = nl + 1;
				continue;
			}
		}
		/* No complete line at p. */
		if (eof && p < end && !skipping_long) {
			reports_line_held(r, p, (size_t)(end - p), lineno);
			lineno++;
			p = end;
		}
		break;
	}
	/* log_feed_space() moves the bytes, the caller reads over them. */
	reports_release(r);
	f->start = (size_t)(p - buf);
	f->lineno = lineno;
	f->skipping_long = skipping_long;
	if (f->st != NULL)
		f->st->lines_parsed += parsed;
}

char *
log_feed_space(struct log_feed *f, size_t *room)
{
	/* Keep the partial last line; a line too long is passed cut, the rest dropped. */
	if (f->end - f->start > OOM_LINE_MAX) {
		if (!f->skipping_long)
			reports_line(f->reports, f->buf + f->start, f->end - f->start, f->lineno);
		f->skipping_long = true;
		f->start = f->end;
	}
	memmove(f->buf, f->buf + f->start, f->end - f->start);
	f->end -= f->start;
	f->start = 0;
	*room = BUFSZ - 1 - f->end < CHUNK ? BUFSZ - 1 - f->end : CHUNK;
	return f->buf + f->end;
}

void
log_feed_commit(struct log_feed *f, size_t n)
{
	f->end += n;
	if (f->st != NULL)
		f->st->bytes += (uint64_t)n;
	process(f, false);
}

void
log_feed_end(struct log_feed *f)
{
	process(f, true);
	if (f->st != NULL)
		f->st->lines += f->lineno - 1;
}

void
log_feed_kmsg(struct reports *r, const char *buf, size_t len, uint64_t from_seq,
    struct log_stats *st)
{
	const char *p = buf, *end = buf + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl != NULL ? nl : end, *q = p;
		uint64_t prio, seq;

		/* "prio,seq,usec,flags;message"; " KEY=value" lines follow. */
		if (p < e && *p != ' ' && scan_u64(&q, e, &prio) && q < e && *q++ == ',' &&
		    scan_u64(&q, e, &seq)) {
			if (st != NULL) {
				if (!st->have_seq || seq < st->first_seq)
					st->first_seq = seq;
				if (!st->have_seq || seq > st->last_seq)
					st->last_seq = seq;
				st->have_seq = true;
				st->lines_parsed++;
			}
			if (seq >= from_seq)
				reports_line_held(r, p, (size_t)(e - p), seq);
		}
		if (st != NULL)
			st->bytes += (uint64_t)(e - p) + (nl != NULL);
		p = e + 1;
	}
	reports_release(r);	/* buf is the caller's next read */
	if (st != NULL)
		st->lines = st->lines_parsed;
}
