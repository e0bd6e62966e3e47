/*
 * top-view.c: the lines of `top` that the TUI and --batch share: the
 * header, the selection's messages, and the --batch frame (the zones
 * panel is top-zones.c's, the process panel top-rows.c's).
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/escape.h"
#include "lib/format.h"
#include "lib/xalloc.h"
#include "view/group-table.h"
#include "view/rank-table.h"
#include "view/top-view.h"
#include "view/victim-notes.h"
#include "view/zone-table.h"

/* End the line that starts at `from`: fit it, then the newline. */
static void
end_line(struct buf *out, size_t from, size_t width)
{
	top_view_fit(out, from, width);
	buf_putc(out, '\n');
}

/* ---- The header ------------------------------------------------------ */

static const char *
overcommit_name(int mode)
{
	switch (mode) {
	case 0: return "heuristic";
	case 1: return "always";
	case 2: return "never, enforced";
	}
	return "unknown";
}

/* avg10/avg60/avg300; PSI averages are hundredths of a percent. */
static void
psi_triple(struct buf *out, const char *name, const struct psi_line *l)
{
	if (!l->present)
		return;
	buf_printf(out, " %s %" PRIu64 ".%02" PRIu64 "/%" PRIu64 ".%02" PRIu64 "/%" PRIu64
	    ".%02" PRIu64, name, l->avg10 / 100, l->avg10 % 100, l->avg60 / 100, l->avg60 % 100,
	    l->avg300 / 100, l->avg300 % 100);
}

static void
put_duration(struct buf *out, double s)
{
	if (s < 1)
		buf_puts(out, "now");
	else if (s < 120)
		buf_printf(out, "~%.0f s", s);
	else
		buf_printf(out, "~%.0f min", s / 60);
}

void
top_view_forecast(struct buf *out, const struct top *t)
{
	const struct forecast_eta *rec = &t->fcr.reclaim, *kill = &t->fcr.kill;
	const struct forecast_eta *lim = &t->mfcr.kill;
	const struct rank_entry *v = top_victim(t);
	char a[FMT_KB_LEN], b[FMT_KB_LEN];
	bool memcg = t->have_rank && t->rank.scope == SCOPE_MEMCG && t->have_mfc;

	if (memcg) {
		/* The cgroup's own limit comes first: that is where its OOM happens. */
		if (!lim->falling)
			return;
		buf_puts(out, "at this rate: ");
		escape_text(out, t->rank.memcg.path, t->rank.memcg.room.limit_len ?
		    t->rank.memcg.room.limit_len : 1, 40);
		buf_puts(out, " reaches its limit ");
		if (lim->seconds >= 1)
			buf_puts(out, "in ");
		put_duration(out, lim->seconds);
		buf_printf(out, " (room %s, -%s/s)", fmt_kb(a, (uint64_t)(lim->now_kb > 0 ?
		    lim->now_kb : 0)), fmt_kb(b, (uint64_t)(lim->rate_kbs + 0.5)));
		if (v != NULL) {
			const struct task *tk = rank_task(&t->rank, v);

			buf_printf(out, "; then kills %d (", tk->pid);
			escape_text(out, tk->comm, tk->comm_len, 32);
			buf_putc(out, ')');
		}
		if (kill->falling) {
			buf_puts(out, "; machine: OOM kill in ");
			put_duration(out, kill->seconds);
		}
		return;
	}
	if (!rec->falling && !kill->falling)
		return;
	buf_puts(out, "at this rate: ");
	if (rec->falling) {
		buf_puts(out, "reclaim at min in ");
		put_duration(out, rec->seconds);
	}
	if (kill->falling) {
		buf_puts(out, rec->falling ? ", OOM kill in " : "OOM kill in ");
		put_duration(out, kill->seconds);
	}
	if (v != NULL) {
		const struct task *tk = rank_task(&t->rank, v);

		buf_printf(out, "; likely victim %d (", tk->pid);
		escape_text(out, tk->comm, tk->comm_len, 32);
		buf_putc(out, ')');
	}
}

/*
 * How a header value stands against its [top] levels: 0 ok (or no
 * levels), 1 warning, 2 critical.  base_bytes: what a percentage level is
 * of (0 for values that are percentages themselves).
 */
static int
level_grade(const struct top *t, enum measure m, double value, uint64_t base_bytes)
{
	const struct thr *l;

	if (t->opt.levels == NULL)
		return 0;
	l = &t->opt.levels->t[m];
	return thr_grade(m, value, thr_level(&l->warn, base_bytes),
	    thr_level(&l->crit, base_bytes));
}

/* " WARN" or " CRIT" after a value that reached a level, in its style. */
static void
level_tag(struct buf *out, int grade)
{
	if (grade <= 0)
		return;
	buf_putc(out, ' ');
	top_view_style(out, grade == 2 ? TV_CRIT : TV_WARN);
	buf_puts(out, grade == 2 ? "CRIT" : "WARN");
	top_view_style(out, TV_PLAIN);
}

static int
max_grade(int a, int b)
{
	return a > b ? a : b;
}

/*
 * Line 1: what changes with the keys first; the clock, refresh and own
 * size next; the kernel last (it is long, and says least).
 */
static void
header_status(struct buf *out, const struct top *t, bool paused)
{
	char a[FMT_KB_LEN], clock[16] = "";
	struct tm tm;

	if (t->have_snap && localtime_r(&t->snap.wall, &tm) != NULL)
		strftime(clock, sizeof(clock), "%H:%M:%S", &tm);
	top_view_style(out, TV_TITLE);
	buf_printf(out, "oomrisk top  %s", clock);
	if (paused)
		buf_puts(out, "  [paused]");
	if (t->replay_n > 0) {
		top_view_field(out, 8);
		buf_printf(out, "  replay %zu/%zu", t->replay_at, t->replay_n);
	}
	top_view_field(out, 7);
	buf_printf(out, "  sort %s", top_sort_name(t->opt.sort));
	if (t->opt.tree && t->opt.group_by == GROUP_NONE) {
		top_view_field(out, 7);
		buf_puts(out, "  tree");
	}
	if (t->opt.group_by != GROUP_NONE) {
		top_view_field(out, 7);
		buf_printf(out, "  by %s", group_key_name(t->opt.group_by));
	}
	top_view_field(out, 3);
	buf_printf(out, "  every %gs", t->opt.interval);
	if (t->self_rss_kb) {
		top_view_field(out, 4);
		buf_printf(out, "  self %s", fmt_kb(a, t->self_rss_kb));
	}
	top_view_field(out, 2);
	buf_printf(out, "  kernel %s", t->rank.sys.release);
	if (t->rank.model != NULL) {
		top_view_field(out, 1);
		buf_printf(out, " (model %s)", t->rank.model->name);
	}
	top_view_style(out, TV_PLAIN);
}

static void
header_memory(struct buf *out, const struct top *t)
{
	const struct snapshot *s = &t->snap;
	const struct meminfo *mi = &s->mi;
	char a[FMT_KB_LEN], b[FMT_KB_LEN], c[FMT_KB_LEN], d[FMT_KB_LEN];
	uint64_t avail = mi->mem_available;

	if (!t->have_snap)
		return;
	buf_printf(out, "Mem %s avail %s (%" PRIu64 "%%)", fmt_kb(a, mi->mem_total),
	    fmt_kb(b, avail), mi->mem_total ? avail * 100 / mi->mem_total : 0);
	level_tag(out, level_grade(t, M_MEM_AVAILABLE, (double)avail * 1024,
	    mi->mem_total * 1024));
	top_view_field(out, 5);
	buf_printf(out, "  Swap %s/%s", fmt_kb(c, mi->swap_total -
	    (mi->swap_free < mi->swap_total ? mi->swap_free : mi->swap_total)),
	    fmt_kb(d, mi->swap_total));
	if (mi->swap_total > 0)
		level_tag(out, level_grade(t, M_SWAP_FREE, (double)mi->swap_free * 1024,
		    mi->swap_total * 1024));
	top_view_field(out, 6);
	buf_printf(out, "  Commit %s/%s", fmt_kb(a, mi->committed_as), fmt_kb(b, mi->commit_limit));
	/* CommitLimit is enforced only in mode 2 (see check's commit_check). */
	if (s->sysctl.overcommit_memory == 2 && mi->commit_limit > 0)
		level_tag(out, level_grade(t, M_COMMIT, 100.0 * (double)mi->committed_as /
		    (double)mi->commit_limit, 0));
	if (s->sysctl.overcommit_memory >= 0) {
		top_view_field(out, 2);
		buf_printf(out, " (mode %d %s)", s->sysctl.overcommit_memory,
		    overcommit_name(s->sysctl.overcommit_memory));
	}
}

static void
header_pressure(struct buf *out, const struct top *t)
{
	const struct snapshot *s = &t->snap;

	if (t->have_snap && s->have_psi) {
		buf_puts(out, "PSI");
		psi_triple(out, "some", &s->psi.some);
		level_tag(out, max_grade(
		    level_grade(t, M_PSI_SOME_AVG10, (double)s->psi.some.avg10 / 100.0, 0),
		    level_grade(t, M_PSI_SOME_AVG60, (double)s->psi.some.avg60 / 100.0, 0)));
		top_view_field(out, 5);
		psi_triple(out, "full", &s->psi.full);
		level_tag(out, max_grade(
		    level_grade(t, M_PSI_FULL_AVG10, (double)s->psi.full.avg10 / 100.0, 0),
		    level_grade(t, M_PSI_FULL_AVG60, (double)s->psi.full.avg60 / 100.0, 0)));
		top_view_field(out, 8);
		buf_puts(out, " %");
	} else if (t->have_snap) {
		buf_puts(out, "PSI n/a");
	}
	if (t->have_snap && s->have_vmstat && s->vm.have_oom_kill) {
		top_view_field(out, 7);
		buf_printf(out, "  OOM kills %" PRIu64, s->vm.oom_kill);
		top_view_field(out, 4);
		buf_printf(out, ", +%" PRIu64 " since start", top_oom_kills_since(t));
	}
}

/* The scope: a memory cgroup's room and kills; the last kill there. */
static void
header_scope(struct buf *out, const struct top *t)
{
	char a[FMT_KB_LEN], b[FMT_KB_LEN], c[FMT_KB_LEN];

	if (t->have_rank && t->rank.scope == SCOPE_MEMCG) {
		const struct memcg_scope *m = &t->rank.memcg;

		buf_puts(out, "cgroup ");
		escape_text(out, m->path, strlen(m->path), 40);
		buf_printf(out, " usage %s", fmt_kb(a, m->limits.usage_bytes / 1024));
		if (m->limits.limited)
			buf_printf(out, "/%s (%.0f%%)", fmt_kb(b, m->limits.limit_bytes / 1024),
			    m->limits.limit_bytes ? 100.0 * (double)m->limits.usage_bytes /
			    (double)m->limits.limit_bytes : 0);
		if (m->room.known && m->room.limited) {
			top_view_field(out, 5);
			buf_printf(out, " headroom %s", fmt_kb(c, m->room.headroom_bytes / 1024));
		}
		if (m->events.have || m->events.have_v1_oom_kill) {
			top_view_field(out, 4);
			buf_printf(out, " oom_kill %" PRIu64, m->events.oom_kill);
		}
		if (m->events.have_failcnt) {
			top_view_field(out, 3);
			buf_printf(out, " failcnt %" PRIu64, m->events.failcnt);
		}
		top_view_field(out, 6);
		buf_puts(out, "; ");
	}
	if (t->have_rank)
		rank_table_text_last_kill(out, &t->rank);
}

static void
header_victim(struct buf *out, const struct top *t)
{
	const struct rank_entry *v = top_victim(t);

	if (v != NULL) {
		const struct task *tk = rank_task(&t->rank, v);

		buf_printf(out, "victim %d (", tk->pid);
		escape_text(out, tk->comm, tk->comm_len, 32);
		buf_printf(out, ") score %" PRId64, v->score.scope_score);
		top_view_field(out, 3);
		buf_printf(out, ", %.1f%% of totalpages %" PRIu64, rank_share_pct(&t->rank, v),
		    t->rank.totalpages);
	} else if (t->have_rank) {
		buf_puts(out, "no killable task in this scope");
	}
	if (t->have_rank) {
		top_view_field(out, 5);
		buf_printf(out, "; %zu tasks", t->rank.scanned);
		if (t->rank.scope == SCOPE_MEMCG) {
			buf_puts(out, " in ");
			escape_text(out, t->rank.memcg.path, strlen(t->rank.memcg.path), 40);
		}
		/* Where the numbers come from (--backend). */
		top_view_field(out, 4);
		buf_puts(out, t->rank.tasks.source == TASK_SOURCE_BPF ? " via bpf" : " via /proc");
	}
}

/* Which term puts the victim first, and by how much (view/victim-notes.h). */
static void
header_decisive(struct buf *out, const struct top *t)
{
	if (t->have_rank)
		victim_notes_text_decisive(out, &t->rank);
}

void
top_view_header(struct buf *out, const struct top *t, size_t width, bool paused)
{
	/* The lines after the status line, in order; each ends at width. */
	static void (*const lines[])(struct buf *, const struct top *) = {
		header_memory, header_pressure, header_scope, header_victim, header_decisive,
		top_view_forecast,
	};
	size_t from = out->len, i;

	header_status(out, t, paused);
	end_line(out, from, width);
	for (i = 0; i < ARRAY_SIZE(lines); i++) {
		from = out->len;
		lines[i](out, t);
		end_line(out, from, width);
	}
}

/* ---- Messages --------------------------------------------------------- */

void
top_view_death(struct buf *out, const struct top *t, const struct top_death *d,
    const struct top_selection *sel)
{
	buf_printf(out, "%d (", d->pid);
	escape_text(out, d->comm, d->comm_len, 32);
	buf_puts(out, ")");
	if (d->oom_kills > 0)
		buf_printf(out, " died: OOM kills +%" PRIu64 " since the last refresh%s",
		    d->oom_kills, d->zombie ? " (a zombie now)" : "");
	else
		buf_puts(out, d->zombie ? " exited (a zombie now)" : " exited");
	if (sel->pid > 0) {
		buf_printf(out, "; now on %d (", sel->pid);
		escape_text(out, sel->comm, sel->comm_len, 32);
		buf_putc(out, ')');
		if (sel->row < t->nrows && t->rows[sel->row].rank > 0 && t->opt.sort == TOP_SORT_SCORE &&
		    !t->opt.tree)
			buf_printf(out, ", rank %zu", t->rows[sel->row].rank);
	}
}

/* ---- --batch ----------------------------------------------------------- */

void
top_view_batch_frame(struct buf *out, const struct top *t, size_t rows)
{
	struct top_columns c;
	size_t i, from = out->len;
	int z;

	top_view_header(out, t, 0, false);
	if (t->err.len) {
		buf_puts(out, "note: ");
		escape_text(out, t->err.data, t->err.len, 0);
		buf_putc(out, '\n');
	} else if (t->have_rank && !rank_sees_all(&t->rank)) {
		buf_puts(out, "note: ");
		rank_visibility_note(&t->rank, out);
		buf_putc(out, '\n');
	}
	if (t->have_snap && t->snap.have_zoneinfo) {
		zone_table_text_header(out);
		buf_putc(out, '\n');
		for (z = 0; z < t->snap.zi.nzones; z++) {
			zone_table_text_row(out, &t->snap.zi.zones[z]);
			buf_putc(out, '\n');
		}
	}
	top_view_columns(&c, t, 0, rows, 0, 0);
	top_view_rows_header(out, t, &c);
	buf_putc(out, '\n');
	for (i = 0; i < t->nrows && i < rows; i++) {
		top_view_row(out, t, &t->rows[i], &c);
		buf_putc(out, '\n');
	}
	buf_putc(out, '\n');
	top_view_plain(out, from);
}
