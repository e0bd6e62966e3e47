/*
 * kills.c: OOM kills from the kernel log, through the report assembler of
 * `explain` (reports.c) and its kmsg record feed (feed.c), so that `check`
 * and `explain` read kernel logs one way.
 *
 * /dev/kmsg records (6.18), one per read():
 *   6,10233,206328911,-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),
 *       cpuset=/,mems_allowed=0,oom_memcg=/t,task_memcg=/t,task=python3,pid=4410,uid=0
 *   3,10234,206328930,-;Memory cgroup out of memory: Killed process 4410 (python3)
 *       total-vm:75160kB, anon-rss:65280kB, file-rss:6584kB, shmem-rss:0kB, UID:0 ...
 * (each on one line).  The kernel escapes unprintable bytes of the text as
 * \xNN; a victim's name is unescaped so that it compares equal to
 * /proc/PID/status's.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/parse.h"
#include "lib/xalloc.h"
#include "log/feed.h"
#include "log/kills.h"
#include "log/reports.h"

void
kills_free(struct kill_list *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static struct oom_kill_event *
kill_list_add(struct kill_list *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	return memset(&l->v[l->n++], 0, sizeof(*l->v));
}

/* Copy a name, undoing /dev/kmsg's \xNN escapes; returns the length. */
static size_t
copy_unescaped(char *dst, size_t size, const char *s)
{
	size_t i, o = 0, n = strlen(s);

	for (i = 0; i < n && o + 1 < size; i++) {
		int hi, lo;

		if (s[i] == '\\' && i + 3 < n && s[i + 1] == 'x' &&
		    (hi = hex_digit(s[i + 2])) >= 0 && (lo = hex_digit(s[i + 3])) >= 0) {
			dst[o++] = (char)(hi << 4 | lo);
			i += 3;
		} else {
			dst[o++] = s[i];
		}
	}
	dst[o] = '\0';
	return o;
}

static uint64_t
kb_or_zero(int64_t v)
{
	return v == OOM_NONE || v < 0 ? 0 : (uint64_t)v;
}

/* One of a report's kills as an event; false for entries that are not a kill. */
static bool
event_from_killed(const struct oom_report *r, const struct oom_killed *k,
    struct oom_kill_event *ev)
{
	if (k->exiting || k->pid == OOM_NONE || k->pid <= 0 || k->pid > INT32_MAX)
		return false;
	memset(ev, 0, sizeof(*ev));
	ev->seq = k->line != 0 ? k->line : r->kill.line;
	ev->pid = (int)k->pid;
	ev->comm_len = copy_unescaped(ev->comm, sizeof(ev->comm), k->comm);
	ev->memcg = r->kind == OOM_KIND_MEMCG ||
	    strncmp(r->kill.message, "Memory cgroup", 13) == 0;
	if (ev->memcg && r->oom_memcg[0] != '\0') {
		ev->have_memcg_path = true;
		snprintf(ev->memcg_path, sizeof(ev->memcg_path), "%s", r->oom_memcg);
	}
	if (r->task_memcg[0] != '\0' || r->memcg_task[0] != '\0') {
		ev->have_task_memcg = true;
		snprintf(ev->task_memcg, sizeof(ev->task_memcg), "%s",
		    r->task_memcg[0] != '\0' ? r->task_memcg : r->memcg_task);
	}
	if (r->has_uptime) {
		char *end;
		double u = strtod(r->uptime, &end);

		ev->have_uptime = end != r->uptime && u >= 0;
		ev->uptime_s = ev->have_uptime ? u : 0;
	}
	ev->have_total_vm = k->total_vm_kb != OOM_NONE;
	ev->anon_rss_kb = kb_or_zero(k->anon_rss_kb);
	ev->file_rss_kb = kb_or_zero(k->file_rss_kb);
	ev->shmem_rss_kb = kb_or_zero(k->shmem_rss_kb);
	return true;
}

/* Was pid already killed earlier in this event (a group kill lists the victim twice)? */
static bool
killed_before(const struct oom_report *r, int i)
{
	int j;

	for (j = 0; j < i; j++)
		if (!r->killed[j].exiting && r->killed[j].pid == r->killed[i].pid)
			return true;
	return false;
}

void
kills_collect(const struct oom_report *r, void *arg)
{
	struct oom_kill_event ev;
	int i;

	if (r->source == SRC_EVENT)
		return;		/* a Kubernetes event repeats a kill of a kernel log */
	for (i = 0; i < r->nkilled; i++)
		if (r->killed[i].role != KR_SHARED && !killed_before(r, i) &&
		    event_from_killed(r, &r->killed[i], &ev))
			*kill_list_add(arg) = ev;
}

struct first_kill {
	bool found;
	struct oom_kill_event ev;
};

static void
keep_first_kill(const struct oom_report *r, void *arg)
{
	struct first_kill *fk = arg;
	int i;

	for (i = 0; i < r->nkilled && !fk->found; i++)
		if (r->killed[i].role != KR_SHARED && event_from_killed(r, &r->killed[i], &fk->ev))
			fk->found = true;
}

bool
kills_parse_line(const char *line, size_t len, struct oom_kill_event *ev)
{
	struct first_kill fk = { 0 };

	reports_parse_buf(line, len, keep_first_kill, &fk);
	if (fk.found)
		*ev = fk.ev;
	return fk.found;
}

void
kills_from_kmsg(const char *buf, size_t len, uint64_t from_seq, struct kill_list *out,
    struct kmsg_window *w)
{
	struct log_stats st = { 0 };
	struct reports *ol = reports_new(kills_collect, out);

	log_feed_kmsg(ol, buf, len, from_seq, &st);
	reports_finish(ol);
	reports_free(ol);
	w->any = st.have_seq;
	w->first_seq = st.first_seq;
	w->last_seq = st.last_seq;
}

