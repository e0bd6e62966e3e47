/* whatif-view.c: what `rank --adj/--grow` assumed, as text and JSON. */
#include "config.h"

#include "lib/escape.h"
#include "lib/format.h"
#include "view/whatif-view.h"

/*
 * "what-if: ..." lines above the table: what the ranking assumes, and
 * whether writing it for real would be refused.
 */
void
whatif_view_text(struct buf *out, const struct ranking *r, bool can_lower)
{
	const struct whatif_list *l = r->whatif;
	size_t i, j;

	if (l == NULL || l->n == 0)
		return;
	for (i = 0; i < l->n; i++) {
		const struct whatif *w = &l->v[i];
		const struct task *t = NULL;
		char size[FMT_KB_LEN];

		for (j = 0; j < r->tasks.n && t == NULL; j++)
			if (r->tasks.v[j].pid == w->pid)
				t = &r->tasks.v[j];
		buf_printf(out, "what-if (not applied): %d (", w->pid);
		if (t != NULL)
			escape_text(out, t->comm, t->comm_len, 0);
		buf_putc(out, ')');
		if (w->set_adj)
			buf_printf(out, " oom_score_adj %d -> %d", w->old_adj, w->adj);
		if (w->set_grow)
			buf_printf(out, "%s +%s resident", w->set_adj ? "," : "",
			    fmt_kb(size, w->grow_kb));
		buf_putc(out, '\n');
		/*
		 * The kernel refuses (EACCES) a value below the task's
		 * oom_score_adj_min unless the writer has CAP_SYS_RESOURCE;
		 * that minimum is inherited, 0 by default, and not in /proc.
		 */
		if (w->set_adj && w->adj < 0 && w->adj < w->old_adj) {
			if (!can_lower)
				buf_printf(out, "note: this process lacks CAP_SYS_RESOURCE: writing %d "
				    "to /proc/%d/oom_score_adj is refused (EACCES) if it is below the "
				    "task's oom_score_adj_min (inherited, 0 by default, not shown in "
				    "/proc)\n", w->adj, w->pid);
		}
	}
}

void
whatif_view_json(struct json *j, const struct ranking *r)
{
	size_t i;

	json_key(j, "whatif");
	json_array_begin(j);
	for (i = 0; r->whatif != NULL && i < r->whatif->n; i++) {
		const struct whatif *w = &r->whatif->v[i];

		json_object_begin(j);
		json_kv_int(j, "pid", w->pid);
		json_key(j, "oom_score_adj");
		if (w->set_adj)
			json_int(j, w->adj);
		else
			json_null(j);
		json_kv_int(j, "oom_score_adj_was", w->old_adj);
		json_kv_uint(j, "grow_kb", w->grow_kb);
		json_object_end(j);
	}
	json_array_end(j);
}
