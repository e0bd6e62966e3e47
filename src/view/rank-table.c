/* rank-table.c: text, CSV and JSON rendering of a ranking. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

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
text_header(struct buf *out, bool cmdline, bool growth)
{
	buf_printf(out, ROW_FMT_A "%-8s" ROW_FMT_B, "RANK", "PID", "USER", "SCORE", "ADJ", "RSS",
	    "SWAP", "PGTBL", "SHARE");
	if (growth)
		buf_printf(out, GROWTH_FMT, "GROW/s");
	buf_puts(out, cmdline ? "COMMAND LINE" : "COMMAND");
}

void
rank_table_text_header(struct buf *out, bool cmdline)
{
	text_header(out, cmdline, false);
}

void
rank_table_text_header_growth(struct buf *out, bool cmdline)
{
	text_header(out, cmdline, true);
}

static uint64_t
page_kb(const struct ranking *r)
{
	return (uint64_t)r->sys.page_size / 1024;
}

/* growth: the GROW/s column text, or NULL for the `rank` layout. */
static void
text_row(struct buf *out, const struct ranking *r, const struct rank_entry *e, size_t rank,
    const char *user, bool cmdline, size_t width, const char *growth)
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
	/* All but the user name is ASCII: one byte per column. */
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
    size_t rank, const char *user, bool cmdline, size_t width)
{
	text_row(out, r, e, rank, user, cmdline, width, NULL);
}

void
rank_table_text_row_growth(struct buf *out, const struct ranking *r, const struct rank_entry *e,
    size_t rank, const char *user, bool cmdline, size_t width, bool known, double kb_per_s)
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
	text_row(out, r, e, rank, user, cmdline, width, g);
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
		if (r->memcg.ancestor_limited) {
			buf_puts(out, "note: ancestor ");
			escape_text(out, r->memcg.ancestor_path, strlen(r->memcg.ancestor_path), 0);
			buf_printf(out, " has a %s limit%s; it would hit it first and pick a victim "
			    "among all its tasks\n", fmt_kb(lim, r->memcg.ancestor_limit_bytes / 1024),
			    r->memcg_unlimited ? "" : " lower than this one's");
		}
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
	    "kernel_oom_score,killable,unkillable_reason\n");
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
	buf_putc(out, '\n');
}

void
rank_table_json_preamble(struct json *j, const struct ranking *r)
{
	json_kv_str(j, "kernel", r->sys.release);
	json_kv_str(j, "model", r->model->name);
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
	}
	json_object_end(j);
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
rank_table_warn_not_visible(const struct ranking *r, const char *cmd)
{
	struct buf note = BUF_INIT;

	if (rank_sees_all(r))
		return;
	rank_visibility_note(r, &note);
	warnmsg("%s: note: %s", cmd, buf_str(&note));
	buf_free(&note);
}
