/* top.c: the model of `oomrisk top`: what a refresh keeps, its rows (no I/O). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/top.h"
#include "lib/sort.h"
#include "lib/xalloc.h"

const char *
top_sort_name(enum top_sort s)
{
	switch (s) {
	case TOP_SORT_SCORE: return "score";
	case TOP_SORT_RSS: return "rss";
	case TOP_SORT_GROWTH: return "growth";
	case TOP_SORT_PID: return "pid";
	case TOP_SORT_N: break;
	}
	return "?";
}

void
top_init(struct top *t, const struct top_options *o)
{
	memset(t, 0, sizeof(*t));
	t->opt = *o;
	growth_init(&t->growth);
	forecast_init(&t->fc);
	forecast_init(&t->mfc);
}

void
top_free(struct top *t)
{
	ranking_free(&t->rank);
	rank_groups_free(&t->groups);
	growth_free(&t->growth);
	free(t->rows);
	free(t->rowentries);
	buf_free(&t->err);
	buf_free(&t->rank_err);
	memset(t, 0, sizeof(*t));
}

void
top_set_want(struct top *t, size_t rows)
{
	t->want = rows;
}

/* Memory charged to a task, as the growth column counts it. */
static uint64_t
charged_kb(const struct task *tk)
{
	return tk->rss_kb + tk->swap_kb + tk->pgtables_kb;
}

void
top_take_snapshot(struct top *t)
{
	struct forecast_sample fs;

	/* Swap in only a complete snapshot: a failed read keeps the last. */
	t->snap = t->next;
	t->have_snap = true;
	if (!t->have_oom_start && t->snap.have_vmstat && t->snap.vm.have_oom_kill) {
		t->oom_kill_start = t->snap.vm.oom_kill;
		t->have_oom_start = true;
	}
	forecast_sample_from(&t->snap, &fs);
	forecast_add(&t->fc, &fs);
}

void
top_rank_request(struct top *t, struct rank_request *req)
{
	forecast_estimate(&t->fc, t->opt.interval * 5 > FORECAST_WINDOW_S ?
	    t->opt.interval * 5 : FORECAST_WINDOW_S, &t->fcr);
	memset(req, 0, sizeof(*req));
	req->cgroup = t->opt.cgroup;
	/* Without a filter, the score order needs only the rows on screen; groups need all. */
	req->limit = t->opt.sort == TOP_SORT_SCORE && t->filter_len == 0 &&
	    t->opt.group_by == GROUP_NONE ? t->want : 0;
	req->want_cmdline = t->opt.cmdline && t->opt.group_by == GROUP_NONE;
	/* Ties among the rows a screen holds; filtered rows get theirs after (gather-top). */
	req->ties_upto = t->want ? t->want : 0;
	/* Groups need every task's cgroup; the rows read theirs after sorting. */
	req->want_cgroups = t->opt.group_by != GROUP_NONE;
	req->want_names = req->want_cgroups;
	req->want_last_kill = !t->lastkill_known || !t->have_snap || !t->snap.have_vmstat ||
	    !t->snap.vm.have_oom_kill || t->snap.vm.oom_kill != t->lastkill_at;
	if (req->want_last_kill) {
		t->lastkill_known = true;
		t->lastkill_at = t->have_snap ? t->snap.vm.oom_kill : 0;
	}
	buf_reset(&t->rank_err);
}

void
top_take_ranking(struct top *t, int rc, double now)
{
	size_t i;

	t->have_rank = rc == 0;
	if (rc == 0 && t->rank.scope == SCOPE_MEMCG && t->rank.memcg.room.known &&
	    t->rank.memcg.room.limited) {
		const struct memcg_scope *m = &t->rank.memcg;
		struct forecast_sample fs;

		memset(&fs, 0, sizeof(fs));
		fs.t = now;
		fs.avail_kb = (double)(m->room.headroom_bytes / 1024);
		if (m->have_inactive_file && m->room.limit_len == strlen(m->path))
			fs.avail_kb += (double)(m->inactive_file_bytes / 1024);
		forecast_add(&t->mfc, &fs);
		t->have_mfc = true;
		forecast_estimate_steady(&t->mfc, t->opt.interval * 5 > FORECAST_WINDOW_S ?
		    t->opt.interval * 5 : FORECAST_WINDOW_S, &t->mfcr.kill);
	}
	if (rc == 0) {
		growth_begin(&t->growth, now, t->rank.tasks.n);
		for (i = 0; i < t->rank.tasks.n; i++) {
			const struct task *tk = &t->rank.tasks.v[i];
			double rate;

			growth_record(&t->growth, tk->pid, charged_kb(tk), &rate);
		}
	} else {
		if (t->err.len)
			buf_puts(&t->err, "; ");
		buf_add(&t->err, t->rank_err.data, t->rank_err.len);
	}
	t->refreshes++;
	top_build_rows(t);
}

bool
top_text_matches(const char *text, size_t len, const char *filter, size_t flen)
{
	size_t i, j;

	if (flen == 0)
		return true;
	for (i = 0; i + flen <= len; i++) {
		for (j = 0; j < flen; j++) {
			unsigned char a = (unsigned char)text[i + j], b = (unsigned char)filter[j];

			if (a >= 'A' && a <= 'Z')
				a = (unsigned char)(a - 'A' + 'a');
			if (b >= 'A' && b <= 'Z')
				b = (unsigned char)(b - 'A' + 'a');
			if (a != b)
				break;
		}
		if (j == flen)
			return true;
	}
	return false;
}

void
top_set_filter(struct top *t, const char *s, size_t len)
{
	if (len >= sizeof(t->filter))
		len = sizeof(t->filter) - 1;
	memcpy(t->filter, s, len);
	t->filter[len] = '\0';
	t->filter_len = len;
}

struct rows_ctx {
	const struct ranking *r;
	enum top_sort key;
};

static int
row_cmp(const void *pa, const void *pb, void *arg)
{
	const struct top_row *a = pa, *b = pb;
	const struct rows_ctx *c = arg;
	const struct task *ta = rank_task(c->r, &c->r->entries[a->entry]);
	const struct task *tb = rank_task(c->r, &c->r->entries[b->entry]);

	switch (c->key) {
	case TOP_SORT_SCORE:
		/* The ranking is already in victim order. */
		return a->entry < b->entry ? -1 : a->entry > b->entry;
	case TOP_SORT_RSS:
		if (ta->rss_kb != tb->rss_kb)
			return ta->rss_kb > tb->rss_kb ? -1 : 1;
		break;
	case TOP_SORT_GROWTH:
		if (a->growth_known != b->growth_known)
			return a->growth_known ? -1 : 1;
		if (a->growth_known && a->growth_kbs != b->growth_kbs)
			return a->growth_kbs > b->growth_kbs ? -1 : 1;
		break;
	case TOP_SORT_PID:
	case TOP_SORT_N:
		break;
	}
	return ta->pid < tb->pid ? -1 : ta->pid > tb->pid;
}

void
top_sort_rows(struct top_row *rows, size_t n, const struct ranking *r, enum top_sort key)
{
	struct rows_ctx c = { r, key };

	if (key != TOP_SORT_SCORE)
		sort_inplace(rows, n, sizeof(*rows), row_cmp, &c);
}

/* One row per group, in the groups' order (their first victims' order). */
static void
build_group_rows(struct top *t)
{
	size_t i;

	if (t->caprows < t->groups.n) {
		t->caprows = t->groups.n;
		t->rows = xreallocarray(t->rows, t->caprows, sizeof(*t->rows));
	}
	for (i = 0; i < t->groups.n; i++) {
		const struct rank_group *x = &t->groups.v[i];
		const char *key = rank_group_key(&t->groups, x);
		struct top_row *row;

		if (x->any == GROUP_NONE_FIRST ||
		    !top_text_matches(key, strlen(key), t->filter, t->filter_len))
			continue;
		row = &t->rows[t->nrows++];
		memset(row, 0, sizeof(*row));
		row->group = i;
		row->entry = x->first != GROUP_NONE_FIRST ? x->first : x->any;
		row->rank = x->first != GROUP_NONE_FIRST ? x->first + 1 : 0;
	}
}

void
top_build_rows(struct top *t)
{
	const struct ranking *r = &t->rank;
	size_t i;

	t->nrows = 0;
	if (!t->have_rank)
		return;
	if (t->opt.group_by != GROUP_NONE) {
		build_group_rows(t);
		return;
	}
	if (t->caprows < r->n) {
		t->caprows = r->n;
		t->rows = xreallocarray(t->rows, t->caprows, sizeof(*t->rows));
	}
	for (i = 0; i < r->n; i++) {
		const struct rank_entry *e = &r->entries[i];
		const struct task *tk = rank_task(r, e);
		const char *cl = t->opt.cmdline ? task_cmdline(&r->tasks, tk) : NULL;
		struct top_row *row;

		if (!(cl ? top_text_matches(cl, tk->cmdline_len, t->filter, t->filter_len) :
		    top_text_matches(tk->comm, tk->comm_len, t->filter, t->filter_len)))
			continue;
		row = &t->rows[t->nrows++];
		row->entry = i;
		row->group = 0;
		row->rank = rank_candidate(e) ? i + 1 : 0;
		row->growth_known = growth_lookup(&t->growth, tk->pid, &row->growth_kbs);
	}
	top_sort_rows(t->rows, t->nrows, r, t->opt.sort);
}

const struct rank_entry *
top_victim(const struct top *t)
{
	if (!t->have_rank || t->rank.nkillable == 0 || t->rank.n == 0 ||
	    !rank_candidate(&t->rank.entries[0]))
		return NULL;
	return &t->rank.entries[0];
}

uint64_t
top_oom_kills_since(const struct top *t)
{
	if (!t->have_oom_start || !t->snap.vm.have_oom_kill ||
	    t->snap.vm.oom_kill < t->oom_kill_start)
		return 0;
	return t->snap.vm.oom_kill - t->oom_kill_start;
}
