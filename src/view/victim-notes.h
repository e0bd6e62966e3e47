/*
 * victim-notes.h: the would-be victim explained beyond its own score: which
 * term puts it ahead of the runner-up (decisive.h) and what its kill takes
 * down (blast.h).  `rank` prints these under its table; `top` shows the
 * deciding-term line in its header (victim_notes_text_decisive()).
 */
#ifndef OOMRISK_VIEW_VICTIM_NOTES_H
#define OOMRISK_VIEW_VICTIM_NOTES_H

#include <stdbool.h>

#include "core/blast.h"
#include "core/decisive.h"
#include "core/rank.h"
#include "lib/buf.h"
#include "lib/json.h"

/*
 * One line without a newline, e.g.
 *   deciding term: oom_score_adj, +1851300 pages over 5678 (java); lead
 *   1200 pages = 4.7M = 0.0194% of totalpages; without it 5678 would be first
 * Nothing is appended when no task is killable.
 */
void victim_notes_text_decisive(struct buf *out, const struct ranking *r);

/* The same as a JSON value (an object, or null when nothing is killable). */
void victim_notes_json_decisive(struct json *j, const struct ranking *r);

/*
 * How exact ties are broken in this scope (core/rank.h enum tie_scan), in
 * words without a newline: which task the kernel keeps, and its scan order.
 */
void victim_notes_text_tie_rule(struct buf *out, const struct ranking *r);
/* The same as the JSON object "tie_break". */
void victim_notes_json_tie_rule(struct json *j, const struct ranking *r);

/*
 * "blast radius: ..." for task t (rank's would-be victim), ending in a
 * newline; with list, one line per member of an oom.group cgroup.
 */
void victim_notes_text_blast(struct buf *out, const struct ranking *r, const struct task *t,
    const struct oom_group *g, const struct blast_members *mb, bool list);

/*
 * The same as a JSON object value; members lists every member with its
 * numbers, otherwise only the pids the kill takes.
 */
void victim_notes_json_blast(struct json *j, const struct task *t, const struct oom_group *g,
    const struct blast_members *mb, bool members);

#endif
