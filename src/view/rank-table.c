/* rank-table.c: text, CSV and JSON rendering of a ranking. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/diag.h"
#include "lib/escape.h"
#include "lib/format.h"
#include "view/rank-table.h"

/*
 * RANK PID USER SCORE ADJ RSS SWAP PGTBL SHARE: 62 columns before COMMAND
 * (70 with top's GROW/s).  USER is escaped in place, between the halves.
 */
#define ROW_FMT_A "%4s %7s "
#define ROW_FMT_B " %5s %5s %6s %6s %6s %6s "
#define USER_WIDTH 8
#define GROWTH_FMT "%7s "

static void
text_header(struct buf *out, bool cmdline, bool cgroup, bool growth)
{
	buf_printf(out, ROW_FMT_A "%-8s" ROW_FMT_B, "RANK", "PID", "USER", "SCORE", "ADJ", "RSS",
	    "SWAP", "PGTBL", "SHARE");
	if (growth)
		buf_printf(out, GROWTH_FMT, "GROW/s");
	if (cgroup)
		buf_printf(out, "%-*s ", RANK_TABLE_CGROUP_W, "CGROUP");
	buf_puts(out, cmdline ? "COMMAND LINE" : "COMMAND");
}

void
rank_table_text_header(struct buf *out, bool cmdline, bool cgroup)
{
	text_header(out, cmdline, cgroup, false);
}

void
rank_table_text_header_growth(struct buf *out, bool cmdline, bool cgroup)
{
	text_header(out, cmdline, cgroup, true);
}

size_t
rank_table_cgroup_short(char *dst, size_t size, const struct ranking *r, const struct task *t)
{
	const struct cgroup_entry *c = rank_task_cgroup(r, t);

	if (c == NULL)
		return (size_t)snprintf(dst, size, "-");
	return owner_short(dst, size, r->cgroups.text.data + c->path, &c->owner);
}

static uint64_t
page_kb(const struct ranking *r)
{
	return (uint64_t)r->sys.page_size / 1024;
}

/* growth: the GROW/s column text, or NULL for the `rank` layout. */
static void
text_row(struct buf *out, const struct ranking *r, const struct rank_entry *e, size_t rank,
    const char *user, bool cmdline, bool cgroup, size_t width, const char *growth)
{
	const struct task *t = rank_task(r, e);
	char srank[24], spid[24], sscore[24], sadj[24], sshare[24];
	char rss[FMT_KB_LEN], swap[FMT_KB_LEN], pgt[FMT_KB_LEN];
	const char *cl = cmdline ? task_cmdline(&r->tasks, t) : NULL;
	size_t start = out->len, used, w, user_at, user_end;

	snprintf(srank, sizeof(srank), rank ? "%zu" : "-", rank);
	snprintf(spid, sizeof(spid), "%d", t->pid);
	if (e->score.eligible)
		snprintf(sscore, sizeof(sscore), "%" PRId64, e->score.scope_score);
	else
		snprintf(sscore, sizeof(sscore), "-");
	snprintf(sadj, sizeof(sadj), "%d", t->adj);
	snprintf(sshare, sizeof(sshare), "%.1f%%", rank_share_pct(r, e));
	buf_printf(out, ROW_FMT_A, srank, spid);
	user_at = out->len;
	/* User names are not trusted either (NSS can return anything). */
	w = escape_text(out, user, strlen(user), USER_WIDTH);
	while (w++ < USER_WIDTH)
		buf_putc(out, ' ');
	user_end = out->len;
	buf_printf(out, ROW_FMT_B, sscore, sadj, fmt_kb(rss, t->rss_kb), fmt_kb(swap, t->swap_kb),
	    fmt_kb(pgt, t->pgtables_kb), sshare);
	if (growth != NULL)
		buf_printf(out, GROWTH_FMT, growth);
	/* All but the user name (and the cgroup, below) is ASCII: one byte per column. */
	used = out->len - start - (user_end - user_at) + USER_WIDTH;
	if (width && used >= width) {
		size_t a = user_at - start;

		if (width >= a + USER_WIDTH)	/* cut after the user name */
			out->len = start + width + (user_end - user_at) - USER_WIDTH;
		else
			out->len = start + (width < a ? width : a);
		out->data[out->len] = '\0';
		return;
	}
	width = width ? width - used : 0;
	if (cgroup) {
		char sh[OWNER_SHORT_MAX];
		size_t n = rank_table_cgroup_short(sh, sizeof(sh), r, t);
		bool last = width && width <= RANK_TABLE_CGROUP_W + 1;

		/* Cgroup paths and runtime names are untrusted too. */
		w = escape_text(out, sh, n, last ? width : RANK_TABLE_CGROUP_W);
		if (last)
			return;		/* no room left for the command */
		while (w++ < RANK_TABLE_CGROUP_W + 1)
			buf_putc(out, ' ');
		if (width)
			width -= RANK_TABLE_CGROUP_W + 1;
	}
	if (cl != NULL)
		used = escape_text(out, cl, t->cmdline_len, width);
	else
		used = escape_text(out, t->comm, t->comm_len, width);
	if (!e->score.eligible || e->self) {
		char note[128];

		if (e->self)
			snprintf(note, sizeof(note), "  (oomrisk itself: never named the victim)");
		else
			snprintf(note, sizeof(note), "  (unkillable: %s)",
			    oom_ineligible_reason(e->score.why));
		if (!width || used + strlen(note) <= width)
			buf_puts(out, note);
	}
}

void
rank_table_text_row(struct buf *out, const struct ranking *r, const struct rank_entry *e,
    size_t rank, const char *user, bool cmdline, bool cgroup, size_t width)
{
	text_row(out, r, e, rank, user, cmdline, cgroup, width, NULL);
}

void
rank_table_text_row_growth(struct buf *out, const struct ranking *r, const struct rank_entry *e,
    size_t rank, const char *user, bool cmdline, bool cgroup, size_t width, bool known,
    double kb_per_s)
{
	char g[FMT_KB_LEN + 2], v[FMT_KB_LEN];
	double a = kb_per_s < 0 ? -kb_per_s : kb_per_s;

	if (!known)
		snprintf(g, sizeof(g), "-");
	else if (a < 0.5)
		snprintf(g, sizeof(g), "0");
	else
		snprintf(g, sizeof(g), "%c%s", kb_per_s < 0 ? '-' : '+',
		    fmt_kb(v, (uint64_t)(a + 0.5)));
	text_row(out, r, e, rank, user, cmdline, cgroup, width, g);
}

/* "25 s", "3 min", "2.5 h", "4 d": how long ago. */
static void
put_ago(struct buf *out, double s)
{
	if (s < 120)
		buf_printf(out, "%.0f s", s < 0 ? 0 : s);
	else if (s < 7200)
		buf_printf(out, "%.0f min", s / 60);
	else if (s < 172800)
		buf_printf(out, "%.1f h", s / 3600);
	else
		buf_printf(out, "%.0f d", s / 86400);
}

void
rank_table_text_last_kill(struct buf *out, const struct ranking *r)
{
	const struct scope_last_kill *lk = &r->last_kill;
	const struct oom_kill_event *ev = &lk->ev;

	buf_puts(out, r->scope == SCOPE_GLOBAL ? "last OOM kill: " : "last kill here: ");
	if (!lk->read) {
		buf_puts(out, "kernel log not readable (");
		escape_text(out, lk->why, strlen(lk->why), 0);
		buf_putc(out, ')');
		return;
	}
	if (!lk->found) {
		buf_puts(out, "none in the kernel log");
		return;
	}
	buf_printf(out, "%d (", ev->pid);
	escape_text(out, ev->comm, ev->comm_len, 0);
	buf_putc(out, ')');
	if (ev->memcg && ev->have_memcg_path) {
		buf_puts(out, " at the limit of ");
		escape_text(out, ev->memcg_path, strlen(ev->memcg_path), 0);
	} else if (ev->memcg) {
		buf_puts(out, " at a memory cgroup's limit");
	} else {
		buf_puts(out, " in a system-wide OOM");
	}
	if (ev->have_uptime && lk->have_now && lk->now_uptime_s >= ev->uptime_s) {
		double ago = lk->now_uptime_s - ev->uptime_s;

		buf_puts(out, ", ");
		put_ago(out, ago);
		buf_puts(out, " ago");
		if (lk->now_wall > 0) {
			time_t when = (time_t)(lk->now_wall - (int64_t)ago);
			struct tm tm;
			char clock[32];

			if (localtime_r(&when, &tm) != NULL &&
			    strftime(clock, sizeof(clock), "%Y-%m-%d %H:%M:%S", &tm) > 0)
				buf_printf(out, " (%s)", clock);
		}
	}
}

/* usage, limit, swap, headroom, nearest limited ancestor, events: lines of a memcg scope. */
static void
text_memcg_detail(struct buf *out, const struct ranking *r)
{
	const struct memcg_scope *m = &r->memcg;
	const struct memcg_limits *l = &m->limits;
	const struct memcg_events *ev = &m->events;
	char a[FMT_KB_LEN], b[FMT_KB_LEN], c[FMT_KB_LEN];

	buf_printf(out, "usage %s", fmt_kb(a, l->usage_bytes / 1024));
	if (l->limited)
		buf_printf(out, " of %s (%.1f%%)", fmt_kb(b, l->limit_bytes / 1024),
		    l->limit_bytes ? 100.0 * (double)l->usage_bytes / (double)l->limit_bytes : 0);
	if (m->have_inactive_file)
		buf_printf(out, ", inactive file cache %s", fmt_kb(a, m->inactive_file_bytes / 1024));
	if (l->swap_limited)
		buf_printf(out, "; swap limit %s", fmt_kb(a, l->swap_bytes / 1024));
	else if (l->version == 2 || l->memsw_accounting)
		buf_puts(out, "; swap limit none");
	if (m->have_swap_usage)
		buf_printf(out, ", swap used %s", fmt_kb(a, m->swap_usage_bytes / 1024));
	if (m->room.known && m->room.limited) {
		buf_printf(out, "; headroom %s", fmt_kb(a, m->room.headroom_bytes / 1024));
		if (m->room.limit_len != strlen(m->path)) {
			buf_puts(out, " under the limit of ");
			escape_text(out, m->path, m->room.limit_len ? m->room.limit_len : 1, 0);
		}
	}
	buf_putc(out, '\n');
	if (m->have_nearest) {
		buf_puts(out, "nearest limited ancestor ");
		escape_text(out, m->nearest_path, strlen(m->nearest_path), 0);
		buf_printf(out, ": limit %s, usage %s, headroom %s\n",
		    fmt_kb(a, m->nearest_limit_bytes / 1024), fmt_kb(b, m->nearest_usage_bytes / 1024),
		    fmt_kb(c, (m->nearest_limit_bytes > m->nearest_usage_bytes ?
		    m->nearest_limit_bytes - m->nearest_usage_bytes : 0) / 1024));
	}
	if (ev->have) {
		buf_printf(out, "memory.events (here and below): max %" PRIu64 ", oom %" PRIu64
		    ", oom_kill %" PRIu64, ev->max, ev->oom, ev->oom_kill);
		if (ev->have_oom_group_kill)
			buf_printf(out, ", oom_group_kill %" PRIu64, ev->oom_group_kill);
		buf_printf(out, ", high %" PRIu64 ", low %" PRIu64 "\n", ev->high, ev->low);
	} else if (ev->have_failcnt || ev->have_oom_control) {
		buf_puts(out, "memory.failcnt");
		if (ev->have_failcnt)
			buf_printf(out, " %" PRIu64, ev->failcnt);
		else
			buf_puts(out, " unread");
		if (ev->have_oom_control) {
			buf_printf(out, "; memory.oom_control: oom_kill_disable %" PRIu64
			    ", under_oom %" PRIu64, ev->oom_kill_disable, ev->under_oom);
			if (ev->have_v1_oom_kill)
				buf_printf(out, ", oom_kill %" PRIu64, ev->oom_kill);
		}
		buf_putc(out, '\n');
	}
}

void
rank_table_text_scope(struct buf *out, const struct ranking *r)
{
	char t[FMT_KB_LEN], ram[FMT_KB_LEN], swap[FMT_KB_LEN], lim[FMT_KB_LEN];
	uint64_t pk = page_kb(r);

	buf_printf(out, "kernel %s, model %s (kernels %s), page size %ld\n", r->sys.release,
	    r->model->name, r->model->kernels, r->sys.page_size);
	if (r->scope == SCOPE_GLOBAL) {
		buf_printf(out, "scope: global; totalpages %" PRIu64 " (%s = RAM %s + swap %s)\n",
		    r->totalpages, fmt_kb(t, r->totalpages * pk), fmt_kb(ram, r->sys.mi.mem_total),
		    fmt_kb(swap, r->sys.mi.swap_total));
	} else {
		buf_puts(out, "scope: memory cgroup ");
		escape_text(out, r->memcg.path, strlen(r->memcg.path), 0);
		if (r->memcg_unlimited)
			buf_printf(out, " (no limit: scored with the global totalpages %" PRIu64 ")\n",
			    r->totalpages);
		else
			buf_printf(out, " (cgroup v%d); limit %s; totalpages %" PRIu64 " (%s)\n",
			    r->memcg.limits.version, fmt_kb(lim, r->memcg.limits.limit_bytes / 1024),
			    r->totalpages, fmt_kb(t, r->totalpages * pk));
		text_memcg_detail(out, r);
		if (r->memcg.ancestor_limited) {
			buf_puts(out, "note: ancestor ");
			escape_text(out, r->memcg.ancestor_path, strlen(r->memcg.ancestor_path), 0);
			buf_printf(out, " has a %s limit%s; it would hit it first and pick a victim "
			    "among all its tasks\n", fmt_kb(lim, r->memcg.ancestor_limit_bytes / 1024),
			    r->memcg_unlimited ? "" : " lower than this one's");
		}
	}
	if (r->last_kill.read || r->last_kill.why[0] != '\0') {
		rank_table_text_last_kill(out, r);
		buf_putc(out, '\n');
	}
	if (!rank_sees_all(r)) {
		buf_puts(out, "note: ");
		rank_visibility_note(r, out);
		buf_putc(out, '\n');
	}
}

void
rank_table_text_breakdown(struct buf *out, const struct ranking *r, const struct rank_entry *e)
{
	const struct task *t = rank_task(r, e);
	const struct oom_score *s = &e->score;
	char a[FMT_KB_LEN], b[FMT_KB_LEN], c[FMT_KB_LEN], d[FMT_KB_LEN], f[FMT_KB_LEN];

	buf_printf(out, "%d (", t->pid);
	escape_text(out, t->comm, t->comm_len, 0);
	buf_puts(out, "): ");
	if (!s->eligible) {
		buf_printf(out, "not a candidate: %s\n", oom_ineligible_reason(s->why));
		return;
	}
	if (t->rss_split)
		buf_printf(out, "rss %s (anon %s, file %s, shmem %s)", fmt_kb(a, t->rss_kb),
		    fmt_kb(b, t->rss_anon_kb), fmt_kb(c, t->rss_file_kb), fmt_kb(d, t->rss_shmem_kb));
	else
		buf_printf(out, "rss %s", fmt_kb(a, t->rss_kb));
	buf_printf(out, " + swap %s", fmt_kb(f, t->swap_kb));
	if (r->model->count_pgtables)
		buf_printf(out, " + page tables %s", fmt_kb(a, t->pgtables_kb));
	buf_printf(out, " = %" PRId64 " pages", s->base);
	if (r->model->permille) {
		buf_printf(out, " = %" PRId64 "/1000 of totalpages", s->base * 1000 /
		    (int64_t)(r->totalpages ? r->totalpages : 1));
		if (s->root_bonus)
			buf_printf(out, "; root bonus -%" PRId64, s->root_bonus);
		buf_printf(out, "; adj %+d", t->adj);
	} else {
		if (s->root_bonus)
			buf_printf(out, "; root bonus -%" PRId64 " pages", s->root_bonus);
		buf_printf(out, "; adj %d x (totalpages/1000 = %" PRIu64 ") = %+" PRId64 " pages",
		    t->adj, r->totalpages / 1000, s->adj_points);
	}
	if (r->scope == SCOPE_MEMCG && !r->memcg_unlimited) {
		/* The scope's arithmetic; /proc shows the global one. */
		buf_printf(out, "; points %" PRId64 "%s -> score %" PRId64 " against the cgroup's "
		    "totalpages %" PRIu64 "; global oom_score %" PRId64, s->points,
		    s->clamped ? " (raised to 1)" : "", s->scope_score, r->totalpages,
		    s->proc_score);
	} else {
		buf_printf(out, "; points %" PRId64 "%s -> oom_score %" PRId64, s->points,
		    s->clamped ? " (raised to 1)" : "", s->proc_score);
	}
	if (t->kernel_score >= 0 && rank_whatif(r, t) != NULL)
		buf_printf(out, " (kernel says %d without the what-if)", t->kernel_score);
	else if (t->kernel_score >= 0)
		buf_printf(out, " (kernel says %d)", t->kernel_score);
	buf_putc(out, '\n');
}

void
rank_table_csv_header(struct buf *out)
{
	buf_puts(out, "rank,pid,uid,user,comm,cmdline,oom_score_adj,rss_anon_kb,rss_file_kb,"
	    "rss_shmem_kb,swap_kb,pgtables_kb,points,oom_score,global_oom_score,"
	    "kernel_oom_score,killable,unkillable_reason,cgroup,unit,container\n");
}

void
rank_table_csv_row(struct buf *out, const struct ranking *r, const struct rank_entry *e,
    size_t rank, const char *user)
{
	const struct task *t = rank_task(r, e);
	const char *cl = task_cmdline(&r->tasks, t);

	if (rank)
		buf_printf(out, "%zu,", rank);
	else
		buf_puts(out, ",");
	buf_printf(out, "%d,%" PRId64 ",", t->pid, t->uid);
	csv_field(out, user, strlen(user));
	buf_putc(out, ',');
	csv_field(out, t->comm, t->comm_len);
	buf_putc(out, ',');
	if (cl != NULL)
		csv_field(out, cl, t->cmdline_len);
	buf_printf(out, ",%d,%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",",
	    t->adj, t->rss_anon_kb, t->rss_file_kb, t->rss_shmem_kb, t->swap_kb, t->pgtables_kb);
	if (e->score.eligible)
		buf_printf(out, "%" PRId64 ",%" PRId64 ",%" PRId64 ",", e->score.points,
		    e->score.scope_score, e->score.proc_score);
	else
		buf_puts(out, ",,,");
	if (t->kernel_score >= 0)
		buf_printf(out, "%d", t->kernel_score);
	buf_printf(out, ",%s,", e->score.eligible ? "true" : "false");
	if (!e->score.eligible)
		csv_field(out, oom_ineligible_reason(e->score.why),
		    strlen(oom_ineligible_reason(e->score.why)));
	{
		const struct cgroup_entry *c = rank_task_cgroup(r, t);

		buf_putc(out, ',');
		if (c != NULL) {
			const struct owner *o = &c->owner;
			const char *path = r->cgroups.text.data + c->path;
			const char *unit = o->user_unit[0] ? o->user_unit : o->unit;

			csv_field(out, path, strlen(path));
			buf_putc(out, ',');
			csv_field(out, unit, strlen(unit));
			buf_putc(out, ',');
			if (o->container_id[0] != '\0' || o->pod_uid[0] != '\0') {
				char sh[OWNER_SHORT_MAX];

				csv_field(out, sh, owner_short(sh, sizeof(sh), path, o));
			}
		} else {
			buf_puts(out, ",,");
		}
	}
	buf_putc(out, '\n');
}

static void
json_memcg_detail(struct json *j, const struct ranking *r)
{
	const struct memcg_scope *m = &r->memcg;
	const struct memcg_limits *l = &m->limits;
	const struct memcg_events *ev = &m->events;
	bool room = m->room.known && m->room.limited;

	json_kv_int_opt(j, "swap_limit_kb", l->swap_limited, (int64_t)(l->swap_bytes / 1024));
	json_kv_int_opt(j, "swap_usage_kb", m->have_swap_usage,
	    (int64_t)(m->swap_usage_bytes / 1024));
	json_kv_int_opt(j, "inactive_file_kb", m->have_inactive_file,
	    (int64_t)(m->inactive_file_bytes / 1024));
	json_kv_int_opt(j, "headroom_kb", room, room ? (int64_t)(m->room.headroom_bytes / 1024) : 0);
	json_key(j, "headroom_limit_cgroup");
	if (room)
		json_strn(j, m->path, m->room.limit_len ? m->room.limit_len : 1);
	else
		json_null(j);
	json_key(j, "nearest_limited_ancestor");
	if (m->have_nearest) {
		json_object_begin(j);
		json_kv_str(j, "cgroup", m->nearest_path);
		json_kv_uint(j, "limit_kb", m->nearest_limit_bytes / 1024);
		json_kv_uint(j, "usage_kb", m->nearest_usage_bytes / 1024);
		json_object_end(j);
	} else {
		json_null(j);
	}
	json_key(j, "events");
	if (ev->have || ev->have_failcnt || ev->have_oom_control) {
		json_object_begin(j);
		json_kv_str(j, "source", ev->have ? "memory.events" :
		    "memory.failcnt, memory.oom_control");
		json_kv_int_opt(j, "max", ev->have, (int64_t)ev->max);
		json_kv_int_opt(j, "oom", ev->have, (int64_t)ev->oom);
		json_kv_int_opt(j, "oom_kill", ev->have || ev->have_v1_oom_kill, (int64_t)ev->oom_kill);
		json_kv_int_opt(j, "oom_group_kill", ev->have_oom_group_kill,
		    (int64_t)ev->oom_group_kill);
		json_kv_int_opt(j, "high", ev->have, (int64_t)ev->high);
		json_kv_int_opt(j, "low", ev->have, (int64_t)ev->low);
		json_kv_int_opt(j, "failcnt", ev->have_failcnt, (int64_t)ev->failcnt);
		json_kv_int_opt(j, "under_oom", ev->have_oom_control, (int64_t)ev->under_oom);
		json_kv_int_opt(j, "oom_kill_disable", ev->have_oom_control,
		    (int64_t)ev->oom_kill_disable);
		json_object_end(j);
	} else {
		json_null(j);
	}
}

static void
json_last_kill(struct json *j, const struct ranking *r)
{
	const struct scope_last_kill *lk = &r->last_kill;
	const struct oom_kill_event *ev = &lk->ev;

	if (!lk->read && lk->why[0] == '\0') {
		json_null(j);
		return;
	}
	json_object_begin(j);
	json_kv_bool(j, "log_read", lk->read);
	json_key(j, "why_not");
	json_str_or_null(j, lk->read ? NULL : lk->why);
	json_kv_bool(j, "found", lk->found);
	if (lk->found) {
		json_kv_int(j, "pid", ev->pid);
		json_key(j, "comm");
		json_strn(j, ev->comm, ev->comm_len);
		json_kv_str(j, "kind", ev->memcg ? "memcg" : "global");
		json_key(j, "oom_memcg");
		json_str_or_null(j, ev->memcg && ev->have_memcg_path ? ev->memcg_path : NULL);
		json_key(j, "task_memcg");
		json_str_or_null(j, ev->have_task_memcg ? ev->task_memcg : NULL);
		json_key(j, "uptime_s");
		if (ev->have_uptime)
			json_double(j, ev->uptime_s, 3);
		else
			json_null(j);
		json_key(j, "seconds_ago");
		if (ev->have_uptime && lk->have_now && lk->now_uptime_s >= ev->uptime_s)
			json_double(j, lk->now_uptime_s - ev->uptime_s, 1);
		else
			json_null(j);
		json_kv_int_opt(j, "wall", ev->have_uptime && lk->have_now && lk->now_wall > 0,
		    lk->now_wall - (int64_t)(lk->now_uptime_s - ev->uptime_s));
	}
	json_object_end(j);
}

void
rank_table_json_preamble(struct json *j, const struct ranking *r)
{
	json_kv_str(j, "kernel", r->sys.release);
	json_kv_str(j, "model", r->model->name);
	json_kv_str(j, "backend", task_source_name(r->tasks.source));
	json_key(j, "scope");
	json_object_begin(j);
	if (r->scope == SCOPE_GLOBAL) {
		json_kv_str(j, "kind", "global");
		json_kv_null(j, "cgroup");
	} else {
		json_kv_str(j, "kind", "memcg");
		json_kv_str(j, "cgroup", r->memcg.path);
		json_kv_str(j, "directory", r->memcg.dir);
		json_kv_int(j, "cgroup_version", r->memcg.limits.version);
		json_kv_int_opt(j, "limit_kb", r->memcg.limits.limited,
		    (int64_t)(r->memcg.limits.limit_bytes / 1024));
		json_kv_uint(j, "usage_kb", r->memcg.limits.usage_bytes / 1024);
		json_kv_bool(j, "unlimited_uses_global_totalpages", r->memcg_unlimited);
		json_key(j, "limited_ancestor");
		if (r->memcg.ancestor_limited) {
			json_object_begin(j);
			json_kv_str(j, "cgroup", r->memcg.ancestor_path);
			json_kv_uint(j, "limit_kb", r->memcg.ancestor_limit_bytes / 1024);
			json_object_end(j);
		} else {
			json_null(j);
		}
		json_memcg_detail(j, r);
	}
	json_object_end(j);
	json_key(j, "last_kill");
	json_last_kill(j, r);
	json_kv_uint(j, "totalpages", r->totalpages);
	json_kv_uint(j, "global_totalpages", r->sys.totalpages);
	json_kv_int(j, "page_size", r->sys.page_size);
	json_kv_uint(j, "mem_total_kb", r->sys.mi.mem_total);
	json_kv_uint(j, "swap_total_kb", r->sys.mi.swap_total);
	json_kv_uint(j, "tasks_scanned", r->scanned);
	json_kv_uint(j, "tasks_unreadable", r->unreadable);
	json_key(j, "not_visible");
	if (!rank_sees_all(r)) {
		struct buf note = BUF_INIT;

		rank_visibility_note(r, &note);
		json_strn(j, note.data, note.len);
		buf_free(&note);
	} else {
		json_null(j);
	}
	/* With the prefilter only likely candidates were scored in full. */
	json_kv_bool(j, "prefiltered", r->prefiltered);
	json_kv_int_opt(j, "killable", !r->prefiltered, (int64_t)r->nkillable);
}

void
rank_table_json_task(struct json *j, const struct ranking *r, const struct rank_entry *e,
    size_t rank, const char *user)
{
	json_object_begin(j);
	rank_table_json_task_fields(j, r, e, rank, user);
	json_object_end(j);
}

void
rank_table_json_task_fields(struct json *j, const struct ranking *r, const struct rank_entry *e,
    size_t rank, const char *user)
{
	const struct task *t = rank_task(r, e);
	const struct oom_score *s = &e->score;
	const char *cl = task_cmdline(&r->tasks, t);
	const struct whatif *w;

	json_kv_int_opt(j, "rank", rank != 0, (int64_t)rank);
	json_kv_int(j, "pid", t->pid);
	json_kv_int_opt(j, "uid", t->uid >= 0, t->uid);
	json_kv_str(j, "user", user);
	json_key(j, "comm");
	json_strn(j, t->comm, t->comm_len);
	json_key(j, "cmdline");
	if (cl != NULL)
		json_strn(j, cl, t->cmdline_len);
	else
		json_null(j);
	json_kv_int(j, "oom_score_adj", t->adj);
	json_kv_uint(j, "rss_kb", t->rss_kb);
	json_kv_uint(j, "rss_anon_kb", t->rss_anon_kb);
	json_kv_uint(j, "rss_file_kb", t->rss_file_kb);
	json_kv_uint(j, "rss_shmem_kb", t->rss_shmem_kb);
	json_kv_uint(j, "swap_kb", t->swap_kb);
	json_kv_uint(j, "pgtables_kb", t->pgtables_kb);
	json_kv_int_opt(j, "points", s->eligible, s->points);
	/* The scope's score (what the kernel weighs there); /proc's is the global one. */
	json_kv_int_opt(j, "oom_score", s->eligible, s->scope_score);
	json_kv_int_opt(j, "global_oom_score", s->eligible, s->proc_score);
	json_kv_int_opt(j, "kernel_oom_score", t->kernel_score >= 0, t->kernel_score);
	json_kv_bool(j, "killable", s->eligible);
	json_kv_bool(j, "self", e->self);
	json_kv_str(j, "unkillable_reason", oom_ineligible_reason(s->why));
	json_key(j, "breakdown");
	if (s->eligible) {
		json_object_begin(j);
		json_kv_int(j, "base_pages", s->base);
		json_kv_int(j, "root_bonus", s->root_bonus);
		json_kv_int(j, "adj_points", s->adj_points);
		json_kv_bool(j, "clamped_to_one", s->clamped);
		json_object_end(j);
	} else {
		json_null(j);
	}
	json_key(j, "share_pct");
	json_double(j, rank_share_pct(r, e), 2);
	rank_table_json_owner(j, r, t);
	if ((w = rank_whatif(r, t)) != NULL) {
		/* The numbers above are the what-if's; kernel_oom_score is the real one. */
		json_key(j, "whatif");
		json_object_begin(j);
		json_kv_int(j, "oom_score_adj_was", w->old_adj);
		json_kv_uint(j, "grow_kb", w->grow_kb);
		json_object_end(j);
	}
}

void
rank_table_json_owner(struct json *j, const struct ranking *r, const struct task *t)
{
	const struct cgroup_entry *c = rank_task_cgroup(r, t);
	const struct owner *o;
	char sh[OWNER_SHORT_MAX];

	json_key(j, "cgroup");
	if (c == NULL) {
		json_null(j);
		json_kv_null(j, "cgroup_short");
		json_kv_null(j, "unit");
		json_kv_null(j, "user_unit");
		json_kv_null(j, "container");
		return;
	}
	o = &c->owner;
	json_str(j, r->cgroups.text.data + c->path);
	json_key(j, "cgroup_short");
	json_strn(j, sh, rank_table_cgroup_short(sh, sizeof(sh), r, t));
	json_key(j, "unit");
	json_str_or_null(j, o->unit[0] ? o->unit : NULL);
	json_key(j, "user_unit");
	json_str_or_null(j, o->user_unit[0] ? o->user_unit : NULL);
	json_key(j, "container");
	if (o->container_id[0] == '\0' && o->pod_uid[0] == '\0') {
		json_null(j);
		return;
	}
	json_object_begin(j);
	json_key(j, "runtime");
	json_str_or_null(j, owner_runtime_name(o->runtime));
	json_key(j, "id");
	json_str_or_null(j, o->container_id[0] ? o->container_id : NULL);
	json_key(j, "name");
	json_str_or_null(j, o->container_name[0] ? o->container_name : NULL);
	json_kv_bool(j, "conmon", o->conmon);
	json_key(j, "pod");
	if (o->pod_uid[0] != '\0') {
		json_object_begin(j);
		json_kv_str(j, "uid", o->pod_uid);
		json_key(j, "qos");
		json_str_or_null(j, owner_qos_name(o->qos));
		json_key(j, "namespace");
		json_str_or_null(j, o->pod_namespace[0] ? o->pod_namespace : NULL);
		json_key(j, "name");
		json_str_or_null(j, o->pod_name[0] ? o->pod_name : NULL);
		json_object_end(j);
	} else {
		json_null(j);
	}
	json_object_end(j);
}

void
rank_table_warn_not_visible(const struct ranking *r, const char *cmd)
{
	struct buf note = BUF_INIT;

	if (rank_sees_all(r))
		return;
	rank_visibility_note(r, &note);
	warnmsg("%s: note: %s", cmd, buf_str(&note));
	buf_free(&note);
}
