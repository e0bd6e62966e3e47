/*
 * check-view.c: what `oomrisk check` prints: the status line with its
 * performance data, the -v lines, and the JSON document.
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "core/check.h"
#include "lib/escape.h"
#include "lib/json.h"
#include "view/audit-view.h"
#include "view/check-view.h"

static void
json_level(struct json *j, const char *key, double v)
{
	json_key(j, key);
	if (isnan(v))
		json_null(j);
	else
		json_double(j, v, 2);
}

static void
json_task(struct json *j, const char *key, const struct check_task *t)
{
	json_key(j, key);
	json_object_begin(j);
	json_kv_int(j, "pid", t->pid);
	json_key(j, "comm");
	json_strn(j, t->comm, t->comm_len);
	json_key(j, "cmdline");
	if (t->cmdline)
		json_strn(j, t->cmdline, t->cmdline_len);
	else
		json_null(j);
	json_key(j, "share_pct");
	json_double(j, t->share_pct, 2);
	json_kv_int(j, "points", t->points);
	json_object_end(j);
}

static const char *
outcome_name(enum prediction_outcome o)
{
	return o == PRED_CONFIRMED ? "confirmed" : o == PRED_MISSED ? "missed" : "none";
}

void
check_view_json(FILE *f, const struct check_input *in, const struct check_report *r,
    const struct check_state_note *state, const struct audit_report *audit)
{
	struct json j;
	struct buf line = BUF_INIT;
	size_t i;

	check_view_summary(in, r, &line);
	json_init(&j, f, true);
	json_object_begin(&j);
	json_kv_str(&j, "status", check_status_name(r->status));
	json_kv_int(&j, "exit_code", (int)r->status);
	json_key(&j, "summary");
	json_strn(&j, line.data, line.len);
	json_key(&j, "error");
	if (r->error.len)
		json_strn(&j, r->error.data, r->error.len);
	else
		json_null(&j);
	json_kv_str(&j, "backend", task_source_name(in->source));
	if (in->have_victim)
		json_task(&j, "top_candidate", &in->victim);
	else
		json_kv_null(&j, "top_candidate");
	json_key(&j, "checks");
	json_array_begin(&j);
	for (i = 0; i < r->n; i++) {
		const struct check_item *it = &r->items[i];

		json_object_begin(&j);
		json_kv_str(&j, "check", check_item_name(it));
		json_kv_str(&j, "label", it->label);
		json_kv_str(&j, "status", it->evaluated ? check_status_name(it->status) : "SKIPPED");
		json_key(&j, "message");
		json_strn(&j, it->msg.data ? it->msg.data : "", it->msg.len);
		if (it->evaluated && it->unit != NULL) {
			json_kv_str(&j, "unit", it->unit);
			json_level(&j, "value", it->value);
			json_level(&j, "warn", it->have_levels ? it->warn : NAN);
			json_level(&j, "crit", it->have_levels ? it->crit : NAN);
		}
		json_object_end(&j);
	}
	json_array_end(&j);
	json_key(&j, "new_oom_kills");
	if (r->new_kills_known)
		json_uint(&j, r->new_kills);
	else
		json_null(&j);
	/* The split: system-wide (oom_kills) and at cgroup limits (cgroup_oom_kills). */
	json_kv_int_opt(&j, "new_global_oom_kills", r->new_kills_known && in->kills_read,
	    (int64_t)r->new_global_kills);
	json_kv_int_opt(&j, "new_memcg_oom_kills", r->new_kills_known && in->kills_read,
	    (int64_t)r->new_memcg_kills);
	json_key(&j, "kills");
	json_array_begin(&j);
	for (i = 0; i < r->nkills; i++) {
		const struct check_kill *k = &r->kills[i];

		json_object_begin(&j);
		json_kv_int(&j, "pid", k->ev.pid);
		json_key(&j, "comm");
		json_strn(&j, k->ev.comm, k->ev.comm_len);
		json_kv_bool(&j, "memcg", k->ev.memcg);
		json_key(&j, "memcg_path");
		if (k->ev.have_memcg_path)
			json_str(&j, k->ev.memcg_path);
		else
			json_null(&j);
		json_kv_str(&j, "prediction", outcome_name(k->outcome));
		if (k->have_prediction) {
			json_kv_int(&j, "predicted_pid", k->predicted.pid);
			json_key(&j, "predicted_comm");
			json_strn(&j, k->predicted.comm, k->predicted.comm_len);
		}
		json_object_end(&j);
	}
	json_array_end(&j);
	json_key(&j, "predictions");
	json_object_begin(&j);
	json_kv_uint(&j, "confirmed", r->next.confirmed);
	json_kv_uint(&j, "missed", r->next.missed);
	json_kv_uint(&j, "unpredicted", r->next.unpredicted);
	json_object_end(&j);
	json_key(&j, "state");
	json_object_begin(&j);
	json_kv_str(&j, "path", state->path);
	json_kv_str(&j, "status", state->status == STATEFILE_OK ? "ok" :
	    state->status == STATEFILE_MISSING ? "missing" : "corrupt");
	json_key(&j, "problem");
	if (state->problem->len)
		json_strn(&j, state->problem->data, state->problem->len);
	else
		json_null(&j);
	json_kv_bool(&j, "saved", state->saved);
	json_key(&j, "save_error");
	if (state->save_error != NULL)
		json_str(&j, state->save_error);
	else
		json_null(&j);
	json_object_end(&j);
	json_key(&j, "audit");
	if (audit != NULL) {
		json_object_begin(&j);
		json_key(&j, "findings");
		audit_view_json_findings(&j, audit);
		json_object_end(&j);
	} else {
		json_null(&j);
	}
	json_object_end(&j);
	json_finish(&j);
	buf_free(&line);
}

/* "top candidate 1234 (java) 61.0% of RAM+swap" */
static void
put_victim(const struct check_input *in, struct buf *out)
{
	if (!in->have_victim) {
		buf_puts(out, "no killable task");
		return;
	}
	buf_puts(out, "top candidate ");
	check_put_task(out, in->victim.pid, in->victim.comm, in->victim.comm_len);
	buf_printf(out, " %.2f%% of RAM+swap", in->victim.share_pct);
}

void
check_view_summary(const struct check_input *in, const struct check_report *r, struct buf *out)
{
	size_t i, shown = 0;

	buf_printf(out, "OOMRISK %s - ", check_status_name(r->status));
	if (r->error.len > 0) {
		escape_plugin(out, buf_str(&r->error), r->error.len);
		return;
	}
	for (i = 0; i < r->n; i++) {
		const struct check_item *it = &r->items[i];

		if (!it->evaluated || it->status == CS_OK)
			continue;
		buf_add(out, buf_str(&it->msg), it->msg.len);
		buf_puts(out, "; ");
		shown++;
	}
	if (shown == 0)
		buf_puts(out, "all checks passed; ");
	put_victim(in, out);
	buf_puts(out, " | ");
	check_view_perfdata(in, r, out);
}

/* A perfdata label: quoted, with nothing inside that ends it ('|', ', =). */
static void
put_label(struct buf *out, const char *label)
{
	buf_putc(out, '\'');
	escape_plugin_label(out, label, strlen(label));
	buf_putc(out, '\'');
}

static void
put_num(struct buf *out, double v, bool integer)
{
	if (isnan(v))
		return;
	if (integer)
		buf_printf(out, "%.0f", v);
	else
		buf_printf(out, "%.2f", v);
}

void
check_view_perfdata(const struct check_input *in, const struct check_report *r, struct buf *out)
{
	const struct meminfo *mi = &in->snap->mi;
	size_t i, start = out->len;

	for (i = 0; i < r->n; i++) {
		const struct check_item *it = &r->items[i];
		bool bytes = strcmp(it->unit ? it->unit : "", "bytes") == 0;
		bool pct = strcmp(it->unit ? it->unit : "", "percent") == 0;
		bool count = strcmp(it->unit ? it->unit : "", "count") == 0;

		if (!it->evaluated || !(bytes || pct || count))
			continue;
		if (out->len > start)
			buf_putc(out, ' ');
		put_label(out, it->label);
		buf_putc(out, '=');
		put_num(out, it->value, !pct);
		buf_puts(out, bytes ? "B;" : pct ? "%;" : ";");
		put_num(out, it->warn, !pct);
		buf_putc(out, ';');
		put_num(out, it->crit, !pct);
		buf_puts(out, ";0;");
		if (pct && it->m != M_COMMIT)
			buf_puts(out, "100");
		else if (it->m == M_MEM_AVAILABLE)
			buf_printf(out, "%" PRIu64, mi->mem_total * 1024);
		else if (it->m == M_SWAP_FREE)
			buf_printf(out, "%" PRIu64, mi->swap_total * 1024);
		else
			put_num(out, it->max, true);
	}
	if (in->snap->have_vmstat && in->snap->vm.have_oom_kill) {
		if (out->len > start)
			buf_putc(out, ' ');
		buf_printf(out, "'oom_kill'=%" PRIu64 "c", in->snap->vm.oom_kill);
	}
}

void
check_view_verbose(const struct check_input *in, const struct check_report *r, struct buf *out)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct check_item *it = &r->items[i];

		if (it->evaluated)
			buf_printf(out, "%-8s ", check_status_name(it->status));
		else
			buf_printf(out, "%-8s %s: ", "SKIPPED", it->label);
		buf_add(out, buf_str(&it->msg), it->msg.len);
		buf_putc(out, '\n');
	}
	for (i = 0; i < r->nkills; i++) {
		buf_puts(out, "kill     ");
		check_put_kill(out, &r->kills[i]);
		buf_putc(out, '\n');
	}
	buf_printf(out, "predictions: %" PRIu64 " confirmed, %" PRIu64 " missed, %" PRIu64
	    " kills without a prediction\n", r->next.confirmed, r->next.missed,
	    r->next.unpredicted);
	if (in->have_victim) {
		buf_puts(out, "predicted victim: ");
		put_victim(in, out);
		buf_putc(out, '\n');
	}
	buf_add(out, buf_str(&r->notes), r->notes.len);
}
