/* victim-notes.c: the deciding term and the blast radius, as text and JSON. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "lib/escape.h"
#include "lib/format.h"
#include "view/victim-notes.h"

/* "PID (comm)", the name escaped. */
static void
pid_comm(struct buf *out, const struct task *t)
{
	buf_printf(out, "%d (", t->pid);
	escape_text(out, t->comm, t->comm_len, 0);
	buf_putc(out, ')');
}

void
victim_notes_text_decisive(struct buf *out, const struct ranking *r)
{
	struct decisive d;
	const struct task *next;
	char size[FMT_KB_LEN];

	if (!rank_decisive(r, &d))
		return;
	buf_puts(out, "deciding term: ");
	if (d.kind == DECISIVE_ALONE) {
		buf_puts(out, "none: ");
		pid_comm(out, rank_task(r, &r->entries[0]));
		buf_puts(out, " is the only killable task");
		return;
	}
	next = rank_task(r, &r->entries[1]);
	if (d.kind == DECISIVE_TIE) {
		buf_puts(out, "none: tied with ");
		pid_comm(out, next);
		buf_printf(out, " at %" PRId64 " points; ", r->entries[0].score.points);
		victim_notes_text_tie_rule(out, r);
		return;
	}
	buf_printf(out, "%s, %+" PRId64 " pages over ", decisive_term_name(d.term),
	    d.diff[d.term]);
	pid_comm(out, next);
	buf_printf(out, "; lead %" PRId64 " pages = %s = %.3g%% of totalpages", d.lead_pages,
	    fmt_kb(size, (uint64_t)d.lead_pages * ((uint64_t)r->sys.page_size / 1024)),
	    d.lead_pct);
	if (d.without < 0)
		buf_printf(out, "; without it %d would be first", next->pid);
	else if (d.without == 0)
		buf_printf(out, "; without it %d would tie", next->pid);
}

/* The scan order of the scope, for the text and the JSON. */
static const char *
scan_order_text(const struct ranking *r)
{
	switch (r->tie_scan) {
	case TIE_SCAN_TASK_LIST:
		return "the task list, in fork order (start time, then pid)";
	case TIE_SCAN_MEMCG_PROCS:
		return "the cgroup, then its children pre-order, siblings in creation order "
		    "(inode number), each cgroup's tasks in cgroup.procs order (the order "
		    "they joined)";
	case TIE_SCAN_MEMCG_START:
		return "the cgroup, then its children pre-order, siblings in creation order "
		    "(inode number), each cgroup's tasks in the order they joined, read as "
		    "start time: cgroup v1 lists cgroup.procs sorted by pid";
	}
	return "?";
}

void
victim_notes_text_tie_rule(struct buf *out, const struct ranking *r)
{
	buf_printf(out, "the kernel keeps the task it scans %s (%s), scanning %s",
	    r->ties_later ? "last" : "first", r->ties_later ? "5.3+" : "before 5.3",
	    scan_order_text(r));
}

void
victim_notes_json_tie_rule(struct json *j, const struct ranking *r)
{
	json_object_begin(j);
	json_kv_str(j, "kernel_keeps", r->ties_later ? "last scanned" : "first scanned");
	json_kv_str(j, "scan_order", r->tie_scan == TIE_SCAN_TASK_LIST ? "task list" :
	    "memcg walk");
	json_kv_str(j, "scan_order_text", scan_order_text(r));
	/* cgroup v1 hides the join order; start time is right only for tasks forked there. */
	json_kv_bool(j, "join_order_visible", r->tie_scan != TIE_SCAN_MEMCG_START);
	json_object_end(j);
}

void
victim_notes_json_decisive(struct json *j, const struct ranking *r)
{
	struct decisive d;
	int i;

	if (!rank_decisive(r, &d)) {
		json_null(j);
		return;
	}
	json_object_begin(j);
	json_kv_int(j, "pid", rank_task(r, &r->entries[0])->pid);
	json_key(j, "runner_up_pid");
	if (d.kind == DECISIVE_ALONE)
		json_null(j);
	else
		json_int(j, rank_task(r, &r->entries[1])->pid);
	json_kv_str(j, "kind", d.kind == DECISIVE_ALONE ? "alone" :
	    d.kind == DECISIVE_TIE ? "tie" : "term");
	json_key(j, "term");
	if (d.kind == DECISIVE_TERM)
		json_str(j, decisive_term_key(d.term));
	else
		json_null(j);
	json_kv_int(j, "lead_points", d.lead_points);
	json_kv_int(j, "lead_pages", d.lead_pages);
	json_kv_int(j, "lead_kb", d.lead_pages * (r->sys.page_size / 1024));
	json_key(j, "lead_pct");
	json_double(j, d.lead_pct, 4);
	json_key(j, "term_diff_pages");
	json_object_begin(j);
	for (i = 0; i < TERM_COUNT; i++)
		json_kv_int(j, decisive_term_key((enum decisive_term)i), d.diff[i]);
	json_object_end(j);
	json_key(j, "lead_without_term_pages");
	if (d.kind == DECISIVE_TERM)
		json_int(j, d.without);
	else
		json_null(j);
	json_object_end(j);
}

/* Why a member survives the group kill. */
static const char *
spared_reason(const struct task *t)
{
	return t->ineligible == OOM_ADJ_MIN ? "oom_score_adj -1000" :
	    t->ineligible == OOM_INIT ? "global init" : "no memory to kill";
}

void
victim_notes_text_blast(struct buf *out, const struct ranking *r, const struct task *t,
    const struct oom_group *g, const struct blast_members *mb, bool list)
{
	char size[FMT_KB_LEN];
	size_t i;

	(void)r;
	buf_puts(out, "blast radius: ");
	if (!g->group_kill || mb == NULL) {
		pid_comm(out, t);
		buf_puts(out, " alone: ");
		escape_text(out, g->why, strlen(g->why), 0);
		buf_putc(out, '\n');
		return;
	}
	buf_puts(out, "memory.oom.group is set on ");
	escape_text(out, g->path, strlen(g->path), 0);
	if (g->unit[0] != '\0') {
		buf_puts(out, " (systemd unit ");
		escape_text(out, g->unit, strlen(g->unit), 0);
		buf_putc(out, ')');
	}
	buf_printf(out, ": a kill of %d takes all %zu of its tasks, %s resident", t->pid,
	    mb->nkilled, fmt_kb(size, mb->killed_rss_kb));
	if (mb->nspared)
		buf_printf(out, " (%zu spared)", mb->nspared);
	if (!list) {
		buf_puts(out, "; --blast-radius lists them\n");
		return;
	}
	buf_puts(out, "\n      PID    RSS   ADJ COMMAND\n");
	for (i = 0; i < mb->tasks.n; i++) {
		const struct task *m = &mb->tasks.v[i];

		buf_printf(out, "  %7d %6s %5d ", m->pid, fmt_kb(size, m->rss_kb), m->adj);
		escape_text(out, m->comm, m->comm_len, 0);
		if (m->pid == t->pid)
			buf_puts(out, "  (the victim)");
		else if (!blast_member_killed(m))
			buf_printf(out, "  (spared: %s)", spared_reason(m));
		buf_putc(out, '\n');
	}
}

void
victim_notes_json_blast(struct json *j, const struct task *t, const struct oom_group *g,
    const struct blast_members *mb, bool members)
{
	size_t i;
	bool group = g->group_kill && mb != NULL;

	json_object_begin(j);
	json_kv_bool(j, "group_kill", group);
	json_kv_int(j, "cgroup_version", g->version);
	json_key(j, "cgroup");
	json_str_or_null(j, g->victim_cgroup[0] ? g->victim_cgroup : NULL);
	json_key(j, "reason");
	json_str_or_null(j, group ? NULL : g->why);
	json_key(j, "oom_group");
	json_str_or_null(j, group ? g->path : NULL);
	json_key(j, "unit");
	json_str_or_null(j, group && g->unit[0] ? g->unit : NULL);
	json_key(j, "tasks");
	if (group)
		json_uint(j, mb->nkilled);
	else
		json_uint(j, 1);
	json_kv_uint(j, "rss_kb", group ? mb->killed_rss_kb : t->rss_kb);
	json_kv_uint(j, "spared", group ? mb->nspared : 0);
	if (group && members) {
		json_key(j, "members");
		json_array_begin(j);
		for (i = 0; i < mb->tasks.n; i++) {
			const struct task *m = &mb->tasks.v[i];

			json_object_begin(j);
			json_kv_int(j, "pid", m->pid);
			json_key(j, "comm");
			json_strn(j, m->comm, m->comm_len);
			json_kv_uint(j, "rss_kb", m->rss_kb);
			json_kv_int(j, "oom_score_adj", m->adj);
			json_kv_bool(j, "killed", blast_member_killed(m));
			json_object_end(j);
		}
		json_array_end(j);
	} else if (group) {
		json_key(j, "pids");
		json_array_begin(j);
		for (i = 0; i < mb->tasks.n; i++)
			if (blast_member_killed(&mb->tasks.v[i]))
				json_int(j, mb->tasks.v[i].pid);
		json_array_end(j);
	}
	json_object_end(j);
}
