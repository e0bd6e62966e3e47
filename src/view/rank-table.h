/*
 * rank-table.h: how a ranking is shown.  `rank` (text, JSON, CSV) and `top`
 * (screen and --batch) render rows with these same functions, so what the
 * golden tests check is what the screen shows.
 */
#ifndef OOMRISK_VIEW_RANK_TABLE_H
#define OOMRISK_VIEW_RANK_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/rank.h"
#include "lib/buf.h"
#include "lib/json.h"

/*
 * Column titles; the row layout matches rank_table_text_row().  cgroup
 * adds the CGROUP column before COMMAND: the short form of the task's
 * memory cgroup (owner.h: container, pod, unit or path), RANK_TABLE_CGROUP_W
 * columns wide.
 */
void rank_table_text_header(struct buf *out, bool cmdline, bool cgroup);

#define RANK_TABLE_CGROUP_W 20
/* Terminal width from which rank and top show the CGROUP column (0: no terminal). */
#define RANK_TABLE_CGROUP_MIN_WIDTH 100

/*
 * One table row.  rank is 1-based (0 prints "-", for unkillable tasks);
 * user is the resolved user name; width, when non-zero, cuts the row to
 * that many terminal columns.
 */
void rank_table_text_row(struct buf *out, const struct ranking *r, const struct rank_entry *e,
    size_t rank, const char *user, bool cmdline, bool cgroup, size_t width);

/*
 * The same with top's GROW/s column before COMMAND: the change of rss +
 * swap + page tables per second since the last refresh ("-" when the task
 * was not sampled then).
 */
void rank_table_text_header_growth(struct buf *out, bool cmdline, bool cgroup);
void rank_table_text_row_growth(struct buf *out, const struct ranking *r, const struct rank_entry *e,
    size_t rank, const char *user, bool cmdline, bool cgroup, size_t width, bool known,
    double kb_per_s);

/* The short form of a task's cgroup (raw; "-" when unread) into dst; its length. */
size_t rank_table_cgroup_short(char *dst, size_t size, const struct ranking *r,
    const struct task *t);

/* "scope: global ... totalpages ..." line above the table. */
void rank_table_text_scope(struct buf *out, const struct ranking *r);

/*
 * "last kill here: 4410 (python3) at the limit of /app, 25 s ago (date
 * time)", or why it is unknown; no newline.
 */
void rank_table_text_last_kill(struct buf *out, const struct ranking *r);

/*
 * The arithmetic behind an entry's score, in words, e.g. for the would-be
 * victim under the table.
 */
void rank_table_text_breakdown(struct buf *out, const struct ranking *r, const struct rank_entry *e);

void rank_table_csv_header(struct buf *out);
void rank_table_csv_row(struct buf *out, const struct ranking *r, const struct rank_entry *e,
    size_t rank, const char *user);

/* The top-level keys before "tasks" (kernel, model, scope, totalpages...). */
void rank_table_json_preamble(struct json *j, const struct ranking *r);
void rank_table_json_task(struct json *j, const struct ranking *r, const struct rank_entry *e,
    size_t rank, const char *user);
/* The task's keys only, for a view that adds its own to the same object. */
void rank_table_json_task_fields(struct json *j, const struct ranking *r, const struct rank_entry *e,
    size_t rank, const char *user);

/*
 * The task's cgroup keys: cgroup, cgroup_short, unit, user_unit and
 * container ({runtime, id, name, conmon, pod: {uid, qos, namespace,
 * name}}), null where unknown.
 */
void rank_table_json_owner(struct json *j, const struct ranking *r, const struct task *t);

/*
 * For views whose output has no place for it (CSV, check, export, audit):
 * "oomrisk: CMD: note: not visible: ..." on stderr when the ranking could
 * not see every task; nothing otherwise.
 */
void rank_table_warn_not_visible(const struct ranking *r, const char *cmd);

#endif
