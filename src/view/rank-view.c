/*
 * rank-view.c: the output of `oomrisk rank` as text, JSON or CSV: the
 * scope, the what-ifs, the table or the groups, and the would-be victim's
 * arithmetic, deciding term and blast radius, all from gathered data.
 */
#include "config.h"

#include <stdio.h>

#include "lib/json.h"
#include "view/group-table.h"
#include "view/rank-table.h"
#include "view/rank-view.h"
#include "view/victim-notes.h"
#include "view/whatif-view.h"

/* How many entries the views show. */
size_t
rank_view_shown(const struct rank_view *v, const struct ranking *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (!v->all && (!rank_candidate(&r->entries[i]) || i == v->count))
			break;
	return i;
}

void
rank_view_text(FILE *f, const struct rank_view *v, const struct ranking *r)
{
	struct buf out = BUF_INIT;
	size_t i, shown = 0;

	rank_table_text_scope(&out, r);
	whatif_view_text(&out, r, v->can_lower);
	if (v->group_by != GROUP_NONE) {
		group_table_text_header(&out, v->width);
		buf_putc(&out, '\n');
		for (i = 0; i < v->groups.n && (v->all || i < v->count); i++) {
			group_table_text_row(&out, r, &v->groups, &v->groups.v[i], v->width);
			buf_putc(&out, '\n');
		}
		if (!v->all && v->groups.n > v->count)
			buf_printf(&out, "(%zu more groups; --all lists them)\n", v->groups.n - v->count);
	} else {
		rank_table_text_header(&out, v->cmdline, v->cgroup_col);
		buf_putc(&out, '\n');
	}
	for (i = 0; i < r->n && v->group_by == GROUP_NONE; i++) {
		const struct rank_entry *e = &r->entries[i];

		if (!v->all && (!rank_candidate(e) || shown == v->count))
			break;
		rank_table_text_row(&out, r, e, rank_candidate(e) ? i + 1 : 0,
		    user_table_name(&r->users, rank_task(r, e)->uid), v->cmdline, v->cgroup_col,
		    v->width);
		buf_putc(&out, '\n');
		shown++;
	}
	if (r->nkillable == 0) {
		buf_puts(&out, "no killable task in this scope");
		if (r->scope == SCOPE_GLOBAL)
			buf_puts(&out, ": the kernel would panic (\"Out of memory and no killable processes\")");
		buf_putc(&out, '\n');
	} else {
		const struct rank_entry *top = &r->entries[0];

		buf_puts(&out, "would-be victim: ");
		rank_table_text_breakdown(&out, r, top);
		/* Also says when the first two tie, and who then goes first. */
		victim_notes_text_decisive(&out, r);
		buf_putc(&out, '\n');
		if (v->nblasts > 0 && v->blasts[0].known)
			victim_notes_text_blast(&out, r, rank_task(r, top), &v->blasts[0].group,
			    v->blasts[0].members, v->blast);
	}
	fwrite(out.data, 1, out.len, f);
	buf_free(&out);
}

void
rank_view_json(FILE *f, const struct rank_view *v, const struct ranking *r)
{
	struct json j;
	size_t i, shown = 0;

	json_init(&j, f, true);
	json_object_begin(&j);
	rank_table_json_preamble(&j, r);
	whatif_view_json(&j, r);
	json_key(&j, "decisive");
	victim_notes_json_decisive(&j, r);
	json_key(&j, "tie_break");
	victim_notes_json_tie_rule(&j, r);
	if (v->group_by != GROUP_NONE) {
		json_kv_str(&j, "group_by", group_key_name(v->group_by));
		json_key(&j, "groups");
		json_array_begin(&j);
		for (i = 0; i < v->groups.n && (v->all || i < v->count); i++)
			group_table_json_group(&j, r, &v->groups, &v->groups.v[i]);
		json_array_end(&j);
	}
	json_key(&j, "blast_radius");
	if (r->nkillable > 0 && v->nblasts > 0 && v->blasts[0].known)
		victim_notes_json_blast(&j, rank_task(r, &r->entries[0]), &v->blasts[0].group,
		    v->blasts[0].members, true);
	else
		json_null(&j);
	json_key(&j, "tasks");
	json_array_begin(&j);
	for (i = 0; i < r->n; i++) {
		const struct rank_entry *e = &r->entries[i];
		const struct task *t = rank_task(r, e);

		if (!v->all && (!rank_candidate(e) || shown == v->count))
			break;
		json_object_begin(&j);
		rank_table_json_task_fields(&j, r, e, rank_candidate(e) ? i + 1 : 0,
		    user_table_name(&r->users, t->uid));
		if (v->blast) {
			json_key(&j, "blast_radius");
			if (i < v->nblasts && v->blasts[i].known)
				victim_notes_json_blast(&j, t, &v->blasts[i].group,
				    v->blasts[i].members, false);
			else
				json_null(&j);
		}
		json_object_end(&j);
		shown++;
	}
	json_array_end(&j);
	json_object_end(&j);
	json_finish(&j);
}

void
rank_view_csv(FILE *f, const struct rank_view *v, const struct ranking *r)
{
	struct buf out = BUF_INIT;
	size_t i, shown = 0;

	rank_table_csv_header(&out);
	for (i = 0; i < r->n; i++) {
		const struct rank_entry *e = &r->entries[i];

		if (!v->all && (!rank_candidate(e) || shown == v->count))
			break;
		rank_table_csv_row(&out, r, e, rank_candidate(e) ? i + 1 : 0,
		    user_table_name(&r->users, rank_task(r, e)->uid));
		shown++;
		if (out.len > 65536) {
			fwrite(out.data, 1, out.len, f);
			buf_reset(&out);
		}
	}
	fwrite(buf_str(&out), 1, out.len, f);
	buf_free(&out);
}
