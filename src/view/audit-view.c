/* audit-view.c: render audit findings. */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "lib/escape.h"
#include "lib/format.h"
#include "view/audit-view.h"

#define INDENT 4

/*
 * Append s escaped (for a terminal, or for plugin output) and
 * word-wrapped: lines start with INDENT spaces and stay within width
 * columns unless one word is longer.
 */
static void
wrap(struct buf *out, const char *s, size_t width, bool plugin, struct buf *word)
{
	size_t col = INDENT;

	buf_printf(out, "%*s", INDENT, "");
	while (*s != '\0') {
		const char *w = s;
		size_t wd;

		while (*s != '\0' && *s != ' ')
			s++;
		buf_reset(word);
		wd = plugin ? escape_plugin(word, w, (size_t)(s - w)) :
		    escape_text(word, w, (size_t)(s - w), 0);
		if (col > INDENT && col + 1 + wd > width) {
			buf_printf(out, "\n%*s", INDENT, "");
			col = INDENT;
		} else if (col > INDENT) {
			buf_putc(out, ' ');
			col++;
		}
		buf_add(out, buf_str(word), word->len);
		col += wd;
		while (*s == ' ')
			s++;
	}
	buf_putc(out, '\n');
}

void
audit_view_text(struct buf *out, const struct audit_report *r, size_t width, bool plugin)
{
	struct buf word = BUF_INIT, pids = BUF_INIT;
	size_t i, j, count[AUDIT_CRITICAL + 1] = { 0 };

	if (width < 40)
		width = 40;
	for (i = 0; i < r->n; i++)
		count[r->v[i].severity]++;
	if (r->n == 0) {
		buf_puts(out, "no findings\n");
		return;
	}
	buf_printf(out, "%zu finding%s: %zu critical, %zu warning%s, %zu info\n", r->n,
	    r->n == 1 ? "" : "s", count[AUDIT_CRITICAL], count[AUDIT_WARNING],
	    count[AUDIT_WARNING] == 1 ? "" : "s", count[AUDIT_INFO]);
	for (i = 0; i < r->n; i++) {
		const struct audit_finding *f = &r->v[i];
		const char *sev = audit_severity_name(f->severity);

		buf_putc(out, '\n');
		for (; *sev != '\0'; sev++)
			buf_putc(out, (char)toupper((unsigned char)*sev));
		buf_printf(out, "  %s\n", f->id);
		wrap(out, f->summary, width, plugin, &word);
		if (f->npids > 0) {
			buf_reset(&pids);
			buf_puts(&pids, f->npids == 1 ? "pid:" : "pids:");
			for (j = 0; j < f->npids; j++)
				buf_printf(&pids, " %d", f->pids[j]);
			wrap(out, buf_str(&pids), width, plugin, &word);
		}
	}
	buf_free(&word);
	buf_free(&pids);
}

void
audit_view_json_findings(struct json *j, const struct audit_report *r)
{
	size_t i, k;

	json_array_begin(j);
	for (i = 0; i < r->n; i++) {
		const struct audit_finding *f = &r->v[i];

		json_object_begin(j);
		json_kv_str(j, "id", f->id);
		json_kv_str(j, "severity", audit_severity_name(f->severity));
		json_kv_str(j, "summary", f->summary);
		json_key(j, "pids");
		json_array_begin(j);
		for (k = 0; k < f->npids; k++)
			json_int(j, f->pids[k]);
		json_array_end(j);
		json_object_end(j);
	}
	json_array_end(j);
}

void
audit_view_json(struct json *j, const struct audit_report *r)
{
	json_object_begin(j);
	json_key(j, "findings");
	audit_view_json_findings(j, r);
	json_object_end(j);
}

void
audit_view_csv(struct buf *out, const struct audit_report *r)
{
	size_t i, k;

	buf_puts(out, "severity,id,summary,pids\n");
	for (i = 0; i < r->n; i++) {
		const struct audit_finding *f = &r->v[i];

		buf_printf(out, "%s,%s,", audit_severity_name(f->severity), f->id);
		csv_field(out, f->summary, strlen(f->summary));
		buf_putc(out, ',');
		if (f->npids > 1)
			buf_putc(out, '"');
		for (k = 0; k < f->npids; k++)
			buf_printf(out, "%s%d", k ? " " : "", f->pids[k]);
		if (f->npids > 1)
			buf_putc(out, '"');
		buf_putc(out, '\n');
	}
}
