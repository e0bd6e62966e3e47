/*
 * frame.h: kernel log lines that arrive wrapped in a container format,
 * unwrapped.  Pure: a line in, the message and what the wrapper says about
 * it out.
 *
 * One JSON object per line:
 *   journalctl -o json   {"MESSAGE":"...","_HOSTNAME":"vm","_TRANSPORT":"kernel",
 *                         "__REALTIME_TIMESTAMP":"1796283619903218",
 *                         "_SOURCE_MONOTONIC_TIMESTAMP":"1986531126",...}
 *                        (MESSAGE is an array of byte values when it is not
 *                        valid UTF-8; keys come in any order)
 *   docker json-file     {"log":"[ 8523.34] x invoked oom-killer: ...\n",
 *                         "stream":"stdout","time":"2023-10-12T19:00:20.1Z"}
 * The message may hold newlines (a kernel record printed in one piece) and,
 * for docker, a prefix of its own: the caller splits and parses it further.
 *
 * journalctl -o export records ("KEY=value" lines, a blank line after each
 * record, binary-safe fields as "KEY\n" + 64-bit little-endian length +
 * bytes + "\n") are assembled from lines by struct export_rec.
 */
#ifndef OOMRISK_LOG_FRAME_H
#define OOMRISK_LOG_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/buf.h"

enum frame_kind { FR_NONE, FR_JOURNAL, FR_DOCKER };

struct frame {
	enum frame_kind kind;
	bool other;		/* a journal entry of another program than the kernel */
	struct buf text;	/* the message, unescaped */
	char host[128];
	char time[64];		/* "2026-12-03 07:40:19.903218 UTC" or as the wrapper wrote it */
	char uptime[32];	/* "1986.531126" (the kernel's own timestamp) */
	int64_t utc_sec;	/* the second whose text utc_head holds (+1: none yet) */
	char utc_head[24];	/* "2026-12-03 07:40:19" */
};

void frame_free(struct frame *f);

/*
 * If line[0..len) is a JSON object of the journal or of docker's json-file
 * driver, fill f and return true; false for anything else (f->kind FR_NONE).
 */
bool frame_json(const char *line, size_t len, struct frame *f);

/* A journal export record being assembled. */
struct export_rec {
	bool active;		/* inside a record */
	bool has_message;
	uint64_t binary_need;	/* bytes of a binary MESSAGE still to come (+8 for the length) */
	bool binary;
	bool kernel_seen, other_seen;
	struct buf bin;		/* the binary field collected so far */
	struct frame f;		/* the record's message and fields */
};

void export_free(struct export_rec *x);

enum export_res {
	EX_NOT,		/* not an export line: handle the line as text */
	EX_TAKEN,	/* a field of the current record */
	EX_DONE,	/* the record ended: x->f holds its message (if has_message) */
};

/* Feed one physical line (without its '\n'). */
enum export_res export_line(struct export_rec *x, const char *line, size_t len);

/* "1986531126" microseconds as "1986.531126". */
void frame_usec_text(char *out, size_t size, const char *digits, size_t n);

/* Microseconds since the epoch as "2026-12-03 07:40:19.903218 UTC" (frac: keep the fraction). */
void frame_utc_text(char *out, size_t size, int64_t usec, bool frac);

#endif
