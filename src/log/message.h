/*
 * message.h: recognise one kernel message line of an OOM report and store
 * what it says in the report.  Internal to log/reports.c (and its tests); pure.
 */
#ifndef OOMRISK_LOG_MESSAGE_H
#define OOMRISK_LOG_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "log/reports.h"

/* Where the line falls relative to the report being built. */
enum ol_mode {
	OLM_NEW,	/* no report open: only lines that can begin a (cut) report */
	OLM_OPEN,	/* collecting */
	OLM_AFTER,	/* the kill was printed: only its trailing lines */
};

enum ol_result {
	OLR_IGNORED,	/* not a line of this report (in this mode) */
	OLR_PART,	/* stored */
	OLR_END,	/* stored, and the report has printed its last main line */
};

/* Multi-line blocks the next lines may continue. */
struct ol_state {
	bool memcg_stats;	/* "Memory cgroup stats for X:" then "key value" lines */
	bool slab_info;		/* "Unreclaimable slab info:" table */
	int release_version;	/* kernel of this host if known (row layouts), or -1 */
};

/* Does this message begin a new report (invoked oom-killer, allocation failure)? */
bool message_is_start(const char *msg, size_t len);

/*
 * Store the line in r.  anchored: the line holds an anchor (log/anchor.h);
 * lines without one are not tried as headers or kill lines.
 */
enum ol_result message_apply(struct oom_report *r, struct ol_state *st, enum ol_mode mode,
    const char *msg, size_t len, bool anchored);

/*
 * A "CPU: ... Comm: x Not tainted RELEASE #1" or "Pid: N, comm: x Tainted:
 * ... RELEASE #1" line: copy the release into out (size outsz).
 */
bool message_release(const char *msg, size_t len, char *out, size_t outsz);

/*
 * Where the kernel's message begins in [p, end) by its content, from the
 * line's first anchor (at anchor, enum anchor_id id), or NULL when its
 * content cannot place it.
 */
const char *message_content_start(const char *p, const char *end, const char *anchor, int id);

/* Reset r to an empty report (keeps r->tasks storage). */
void message_report_init(struct oom_report *r);

#endif
