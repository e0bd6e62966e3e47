/* explain-view.c: text and JSON for `oomrisk explain`. */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "lib/escape.h"
#include "lib/format.h"
#include "lib/isotime.h"
#include "lib/wrap.h"
#include "log/frame.h"
#include "proc/cgroup.h"
#include "view/explain-view.h"

#define LABEL 12		/* text column where values start */

static bool
known(int64_t v)
{
	return v != OOM_NONE;
}

/* ---- text --------------------------------------------------------------- */

/*
 * The value at out[start..) is complete: escape it and wrap it at width
 * between words (lib/wrap.h), continuation lines indented to `indent`;
 * `col` is the column it starts at.  Ends the line.  Values are written
 * straight into out, pieces of untrusted text among them: most need no
 * escaping (escape_plain_len()) and fit on their line, and then they stay
 * as they are.  Otherwise they are taken back out (to the stack, a value
 * of a report is short) and escaped, or laid out by wrap_words(), into out.
 */
static void
value_end(struct buf *out, size_t width, size_t start, size_t col, size_t indent)
{
	struct buf heap = BUF_INIT;
	char small[1024];
	size_t n = out->len - start;
	const char *text;
	bool plain = escape_plain_len(out->data + start, n) == n, ascii = plain;

	/*
	 * Escaped text has no more columns than bytes, so it fits as it is;
	 * wrap_words() would only drop trailing blanks, so those go the long way.
	 */
	if (plain && (width == 0 || col + n <= width) && (n == 0 || out->data[out->len - 1] != ' ')) {
		buf_putc(out, '\n');
		return;
	}
	for (;;) {
		if (n <= sizeof(small)) {
			memcpy(small, out->data + start, n);
			text = small;
		} else {
			buf_reset(&heap);
			buf_add(&heap, out->data + start, n);
			text = heap.data;
		}
		out->len = start;
		out->data[start] = '\0';
		if (plain)
			break;
		escape_text(out, text, n, 0);
		n = out->len - start;
		plain = true;	/* now escaped */
		if ((width == 0 || col + n <= width) && (n == 0 || out->data[out->len - 1] != ' ')) {
			buf_putc(out, '\n');
			buf_free(&heap);
			return;
		}
	}
	/* Escaped text keeps its UTF-8 characters: only plain text is known to be ASCII. */
	if (ascii)
		wrap_words_ascii(out, text, n, col, width, indent);
	else
		wrap_words(out, text, n, col, width, indent);
	buf_putc(out, '\n');
	buf_free(&heap);
}

/* Append untrusted text s escaped and wrapped (value_end()); ends the line. */
static void
wrapped(struct buf *out, size_t width, const char *s, size_t col, size_t indent)
{
	size_t start = out->len, n = strlen(s);

	if (escape_plain_len(s, n) == n) {
		/* value_end()'s plain case, laid out from s itself: no copy in and back out. */
		if ((width == 0 || col + n <= width) && (n == 0 || s[n - 1] != ' '))
			buf_add(out, s, n);
		else
			wrap_words_ascii(out, s, n, col, width, indent);
		buf_putc(out, '\n');
		return;
	}
	buf_add(out, s, n);
	value_end(out, width, start, col, indent);
}

/*
 * "  label     ": a field's label; the value is appended after it, then
 * field_end().  Inline, so that a literal label's length is a constant and
 * the label and its padding are a few stores into one reserved run.
 */
static inline size_t
field_begin(struct buf *out, const char *label)
{
	size_t n = strlen(label);
	char *o;

	if (n > LABEL - 2) {	/* no label is this long: printf's "%-10s" */
		BUF_LIT(out, "  ");
		buf_put_padded(out, label, n, -(LABEL - 2));
		return out->len;
	}
	if (out->len + LABEL + 1 > out->cap)
		buf_reserve(out, LABEL);
	o = out->data + out->len;
	memcpy(o, "            ", LABEL);
	memcpy(o + 2, label, n);
	out->len += LABEL;
	out->data[out->len] = '\0';
	return out->len;
}

/* The field's value, from start on, wrapped under itself. */
static void
field_end(struct buf *out, size_t width, size_t start)
{
	value_end(out, width, start, LABEL, LABEL);
}

/* field_end(), or, when nothing was written after the label at start, no line at all. */
static void
field_end_or_drop(struct buf *out, size_t width, size_t start, size_t label)
{
	if (out->len > start) {
		field_end(out, width, start);
	} else {
		out->len = label;
		out->data[label] = '\0';
	}
}

/* "  label     value" with the value wrapped under itself. */
static inline void
field(struct buf *out, size_t width, const char *label, const char *value)
{
	size_t start = field_begin(out, label);

	buf_puts(out, value);
	field_end(out, width, start);
}

/* A literal, then v in decimal: PUT_INT(out, ", score ", 977). */
#define PUT_INT(out, lit, v) do {	\
	BUF_LIT(out, lit);		\
	buf_put_int(out, v, 0);		\
} while (0)

/* "comm (pid N": the caller goes on (", uid ...") or closes the parenthesis. */
static void
put_task(struct buf *out, const char *comm, int64_t pid)
{
	buf_puts(out, comm);
	PUT_INT(out, " (pid ", pid);
}

/* printf's "%#" PRIx64: 0x and the hex digits, but "0" for 0. */
static void
put_hex(struct buf *out, uint64_t v)
{
	char t[20], *e = t + sizeof(t), *d = e;

	do {
		*--d = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v != 0);
	if (d[0] != '0' || d + 1 != e) {
		*--d = 'x';
		*--d = '0';
	}
	buf_add(out, d, (size_t)(e - d));
}

/* A size in kB as fmt_kb() writes it, straight into out. */
static void
put_kb(struct buf *out, uint64_t kb)
{
	if (out->len + FMT_KB_LEN > out->cap)
		buf_reserve(out, FMT_KB_LEN);
	out->len += fmt_kb_len(out->data + out->len, kb);
}

/*
 * A table cell: t[0..n) on the right of a column of w bytes (printf's
 * "%*s"), then a blank when sep.  For w <= 8 (every column today) t has 8
 * bytes to read: the text and the blanks before it are fixed-size copies
 * (a few stores, no memset() or memcpy() call); the tables of a report
 * have some 40 cells.
 */
static inline void
put_cell(struct buf *out, const char *t, size_t n, size_t w, bool sep)
{
	char *o;

	if (n > w) {
		buf_add(out, t, n);
	} else if (w > 8) {
		buf_fill(out, ' ', w - n);	/* a wider column than the copies below serve */
		buf_add(out, t, n);
	} else {
		if (out->len + 17 > out->cap)
			buf_reserve(out, 16);
		o = out->data + out->len;
		memcpy(o, "        ", 8);
		memcpy(o + w - n, t, 8);	/* up to o + 16, past the cell: overwritten */
		out->len += w;
		out->data[out->len] = '\0';
	}
	if (sep)
		buf_putc(out, ' ');
}

/* A size in kB, or the one-character dash when unknown, as a cell (put_cell()). */
static void
put_kb_cell(struct buf *out, bool have, uint64_t kb, char dash, size_t w, bool sep)
{
	char t[FMT_KB_LEN];
	size_t n = 1;

	if (have)
		n = fmt_kb_len(t, kb);
	else
		t[0] = dash;
	put_cell(out, t, n, w, sep);
}

/* A number as a cell (put_cell()). */
static void
put_int_cell(struct buf *out, int64_t v, size_t w, bool sep)
{
	char t[32];	/* json_put_int()'s room */

	put_cell(out, t, (size_t)(json_put_int(t, v) - t), w, sep);
}

static void
text_zones(struct buf *out, size_t width, const struct explanation *ex)
{
	size_t start;
	int i;

	if (ex->nzones == 0)
		return;
	BUF_LIT(out, "  zones     node zone        free     min    high  reserve  verdict\n");
	for (i = 0; i < ex->nzones; i++) {
		const struct ex_zone *e = &ex->zones[i];

		/* "%*s%-4s %-8s %7s %7s %7s %8s  %s\n": the name escaped, cut at 8 columns. */
		BUF_LIT(out, "            ");	/* LABEL blanks */
		if (e->z->node >= 0)
			buf_put_int(out, e->z->node, -4);
		else
			BUF_LIT(out, "-   ");
		buf_putc(out, ' ');
		start = out->len;
		escape_text(out, e->z->name, strlen(e->z->name), 8);
		if (out->len - start < 8)
			buf_fill(out, ' ', 8 - (out->len - start));
		buf_putc(out, ' ');
		put_kb_cell(out, known(e->z->free_kb), (uint64_t)e->z->free_kb, '?', 7, true);
		put_kb_cell(out, known(e->z->min_kb), (uint64_t)e->z->min_kb, '?', 7, true);
		put_kb_cell(out, known(e->z->high_kb), (uint64_t)e->z->high_kb, '?', 7, true);
		put_kb_cell(out, known(e->reserve_kb), (uint64_t)e->reserve_kb, '-', 8, false);
		BUF_LIT(out, "  ");
		buf_puts(out, e->verdict);
		buf_putc(out, '\n');
	}
	buf_fill(out, ' ', LABEL);
	start = out->len;
	PUT_INT(out, "(free must exceed min + reserve; reserve = lowmem_reserve[", ex->classzone);
	BUF_LIT(out, "] in kB)");
	value_end(out, width, start, LABEL, LABEL);
}

static void
text_memory(struct buf *out, size_t width, const struct explanation *ex)
{
	const struct ex_memory *m = &ex->mem;
#define PART(name, kb) { name, sizeof(name) - 1, kb }
	bool memcg = ex->r->kind == OOM_KIND_MEMCG;
	struct { const char *name; size_t len; int64_t kb; } parts[] = {
		PART("anon", m->anon_kb), PART("shmem", m->shmem_kb), PART("file", m->file_kb),
		PART("slab unreclaimable", m->slab_unreclaimable_kb),
		PART("slab reclaimable", m->slab_reclaimable_kb),
		PART("page tables", m->pagetables_kb), PART("kernel stacks", m->kernel_stack_kb),
		PART("hugetlb", m->hugetlb_kb), PART("mapped non-LRU", m->mapped_nonlru_kb),
		PART("unevictable", m->unevictable_kb), PART("free", m->free_kb),
		{ memcg ? "kernel (kmem)" : "other", memcg ? sizeof("kernel (kmem)") - 1 :
		    sizeof("other") - 1, m->other_kb },
	};
#undef PART
	size_t i, label = out->len, start = field_begin(out, "memory");
	const size_t free_part = 10;	/* "free" is shown even when 0 */

	if (known(m->total_kb)) {
		if (ex->r->kind == OOM_KIND_MEMCG)
			BUF_LIT(out, "limit ");
		else
			BUF_LIT(out, "total ");
		put_kb(out, (uint64_t)m->total_kb);
		buf_putc(out, ':');
	}
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if (!known(parts[i].kb) || (parts[i].kb == 0 && i != free_part))
			continue;
		if (out->len > start)
			buf_putc(out, ' ');
		buf_add(out, parts[i].name, parts[i].len);
		buf_putc(out, ' ');
		put_kb(out, (uint64_t)(parts[i].kb < 0 ? 0 : parts[i].kb));
		if (known(m->total_kb) && m->total_kb > 0) {
			PUT_INT(out, " (", (int)(parts[i].kb * 100 / m->total_kb));
			BUF_LIT(out, "%)");
		}
		buf_putc(out, ',');
	}
	if (out->len > start && out->data[out->len - 1] == ',')
		out->data[--out->len] = '\0';
	if (known(m->swap_total_kb)) {
		BUF_LIT(out, "; swap ");
		put_kb(out, (uint64_t)(known(m->swap_free_kb) ? m->swap_free_kb : 0));
		BUF_LIT(out, " of ");
		put_kb(out, (uint64_t)m->swap_total_kb);
		BUF_LIT(out, " free");
	}
	field_end_or_drop(out, width, start, label);
}

static void
text_top(struct buf *out, const struct explanation *ex)
{
	const struct oom_report *r = ex->r;
	int i, n = ex->ntop < 5 ? ex->ntop : 5;

	if (n == 0)
		return;
	BUF_LIT(out, "  top           PID COMMAND           RSS    SWAP   PGTBL   ADJ\n");
	for (i = 0; i < n; i++) {
		const struct oom_task *t = &r->tasks[ex->top[i]];
		int64_t pg = replay_task_pgtables(r, ex->top[i], ex->page_kb * 1024);
		size_t w;

		/* "%*s%7lld %s%*s %7s %7s %7s %5s\n": the name escaped, cut at 15 columns. */
		BUF_LIT(out, "            ");	/* LABEL blanks */
		put_int_cell(out, t->pid, 7, true);
		w = strlen(t->comm);
		if (w <= 15 && escape_plain_len(t->comm, w) == w)
			buf_put_padded(out, t->comm, w, -16);	/* as it is: a column a byte */
		else
			buf_fill(out, ' ', 15 - escape_text(out, t->comm, w, 15) + 1);
		put_kb_cell(out, known(t->rss), (uint64_t)(t->rss > 0 ? t->rss : 0) *
		    (uint64_t)ex->page_kb, '-', 7, true);
		put_kb_cell(out, known(t->swapents), (uint64_t)(t->swapents > 0 ? t->swapents : 0) *
		    (uint64_t)ex->page_kb, '-', 7, true);
		put_kb_cell(out, pg >= 0, (uint64_t)pg * (uint64_t)ex->page_kb, '-', 7, true);
		if (known(t->oom_score_adj)) {
			put_int_cell(out, t->oom_score_adj, 5, false);
		} else if (known(t->oom_adj)) {
			char adj[24];

			snprintf(adj, sizeof(adj), "%" PRId64 "*", t->oom_adj);	/* legacy oom_adj */
			buf_put_padded(out, adj, strlen(adj), 5);
		} else {
			BUF_LIT(out, "    -");
		}
		buf_putc(out, '\n');
	}
}

static void
text_replay(struct buf *out, size_t width, const struct explanation *ex)
{
	const struct replay *rp = &ex->replay;
	const struct oom_report *r = ex->r;
	size_t start = field_begin(out, "replay");

	if (rp->done && rp->victim != SIZE_MAX) {
		BUF_LIT(out, "model ");
		buf_puts(out, rp->model->name);
		if (rp->model_from_shape)
			BUF_LIT(out, " (era from the dump's columns)");
		if (rp->totalpages) {
			BUF_LIT(out, ", totalpages ");
			buf_put_uint(out, rp->totalpages, 0);
			BUF_LIT(out, " (");
			buf_puts(out, rp->totalpages_basis != NULL ? rp->totalpages_basis : "(null)");
			buf_putc(out, ')');
		}
		if (rp->root_bonus_matters)
			buf_printf(out, ", uid-0 tasks %s the root bonus", rp->root_bonus ? "with" :
			    "without");
		BUF_LIT(out, ": picks ");
		put_task(out, r->tasks[rp->victim].comm, rp->victim_pid);
		PUT_INT(out, ", ", rp->victim_points);
		BUF_LIT(out, " points");
		if (known(rp->victim_score) && rp->model->kill_line_score) {
			PUT_INT(out, ", score ", rp->victim_score);
		} else if (known(rp->victim_score) && rp->victim_score > 1000) {
			buf_printf(out, ", %" PRId64 " per mille of totalpages: more than all of "
			    "totalpages (oom_score_adj)", rp->victim_score);
		} else if (known(rp->victim_score)) {
			PUT_INT(out, ", ", rp->victim_score);
			BUF_LIT(out, " per mille of totalpages");
		}
		buf_putc(out, ')');
		if (rp->agrees_known) {
			/* Most reports: literals, not buf_printf()'s "%s%s". */
			if (!rp->agrees)
				BUF_LIT(out, " - NOT the kernel's choice");
			else if (rp->score_checked)
				BUF_LIT(out, " - the kernel's choice and its printed score, reproduced");
			else
				BUF_LIT(out, " - the kernel's choice, reproduced");
			if (ex->selected_differs)
				BUF_LIT(out, " (the task it selected, not the child it killed)");
			else if (!known(r->kill.pid) && !known(r->kill.chosen_pid) &&
			    known(r->summary_pid))
				BUF_LIT(out, " (as the oom-kill summary line names it)");
		}
		if (rp->agrees_known && !rp->agrees && rp->kernel_index != SIZE_MAX &&
		    known(rp->kernel_points))
			buf_printf(out, " (the kernel's victim scores %" PRId64 " points%s)",
			    rp->kernel_points, rp->score_checked && !rp->score_matches ?
			    ", not its printed score" : "");
		if (rp->reason[0]) {
			BUF_LIT(out, "; ");
			buf_puts(out, rp->reason);
		}
	} else {
		BUF_LIT(out, "not possible: ");
		buf_puts(out, rp->reason[0] ? rp->reason : "no task dump");
		if (known(rp->implied_base_lo))
			buf_printf(out, "; the printed score %" PRId64 " means the victim counted "
			    "%" PRId64 "-%" PRId64 " pages of rss + swap + page tables (its rss in the "
			    "dump: %" PRId64 ")", r->kill.score, rp->implied_base_lo, rp->implied_base_hi,
			    rp->kernel_index != SIZE_MAX ? r->tasks[rp->kernel_index].rss : 0);
	}
	field_end(out, width, start);
}

/* "1986.531126" seconds as microseconds, or -1. */
static int64_t
uptime_usec(const char *s)
{
	int64_t sec = 0, us = 0;
	int d = 0;

	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (sec > INT64_MAX / 20)
			return -1;
		sec = sec * 10 + (*s - '0');
	}
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9' && d < 6; s++, d++)
			us = us * 10 + (*s - '0');
	for (; d < 6; d++)
		us *= 10;
	return sec * 1000000 + us;
}

/* Kill-line sizes: ": total-vm 49M, anon 48M, file 4K, shmem 628K". */
static void
text_sizes(struct buf *v, int64_t total_vm, int64_t anon, int64_t file, int64_t shmem,
    int64_t adj)
{
	if (known(total_vm)) {
		BUF_LIT(v, ": total-vm ");
		put_kb(v, (uint64_t)total_vm);
		BUF_LIT(v, ", anon ");
		put_kb(v, (uint64_t)(known(anon) ? anon : 0));
		BUF_LIT(v, ", file ");
		put_kb(v, (uint64_t)(known(file) ? file : 0));
	}
	if (known(shmem)) {
		BUF_LIT(v, ", shmem ");
		put_kb(v, (uint64_t)shmem);
	}
	if (known(adj)) {
		BUF_LIT(v, ", oom_score_adj ");
		buf_put_int(v, adj, 0);
	}
}

/* The tasks a group kill took after the victim, as "name (pid), ...". */
static void
text_group(struct buf *out, size_t width, const struct explanation *ex)
{
	const struct oom_report *r = ex->r;
	const struct ex_group *g = &ex->group;
	size_t start = field_begin(out, "group");
	int i, n = 0, nx = 0;

	buf_printf(out, "memory.oom.group on %s:", r->oom_group_path[0] ? r->oom_group_path : "?");
	for (i = 0; i < r->nkilled; i++) {
		const struct oom_killed *k = &r->killed[i];

		if (k->role != KR_GROUP || k->exiting)
			continue;
		buf_printf(out, "%s %s (pid %" PRId64 ")%s", n++ ? "," : " killed", k->comm, k->pid,
		    k->pid == r->kill.pid ? " again" : "");
	}
	for (i = 0; i < r->nkilled; i++) {
		const struct oom_killed *k = &r->killed[i];

		if (k->role != KR_GROUP || !k->exiting)
			continue;
		buf_printf(out, "%s %s (pid %" PRId64 ")", nx++ ? "," : n ? "; skipped as already "
		    "exiting" : " skipped as already exiting", k->comm, k->pid);
	}
	if (n == 0 && nx == 0)
		buf_puts(out, " no other task killed");
	if (g->nspared > 0) {
		buf_puts(out, g->members_known ? "; spared at oom_score_adj -1000:" :
		    "; never killable (oom_score_adj -1000 in the dump):");
		for (i = 0; i < g->nspared; i++) {
			const struct oom_task *t = NULL;
			size_t j;

			for (j = 0; j < r->ntasks; j++)
				if (r->tasks[j].pid == g->spared[i])
					t = &r->tasks[j];
			buf_printf(out, "%s %s (pid %" PRId64 ")", i ? "," : "", t ? t->comm : "?",
			    g->spared[i]);
		}
	}
	field_end(out, width, start);
	if (!g->checked)
		return;
	start = field_begin(out, "");
	if (g->members_known) {
		buf_printf(out, "%s: %d task(s) of %s, every one the dump lists but those at "
		    "oom_score_adj -1000", g->agrees ? "as memory.oom.group says" :
		    "NOT what memory.oom.group says", g->nkilled, r->oom_group_path);
	} else {
		buf_printf(out, "%s: %d task(s), each in the dump and above oom_score_adj -1000; which "
		    "tasks are in %s the log does not show", g->agrees ? "consistent with "
		    "memory.oom.group" : "NOT consistent with memory.oom.group", g->nkilled,
		    r->oom_group_path);
	}
	for (i = 0; i < g->nmissing; i++)
		buf_printf(out, "%s%" PRId64, i ? ", " : "; not killed: pid ", g->missing[i]);
	for (i = 0; i < g->nunexpected; i++)
		buf_printf(out, "%s%" PRId64, i ? ", " : "; killed though not expected: pid ",
		    g->unexpected[i]);
	field_end(out, width, start);
}

static void
text_killed(struct buf *out, size_t width, const struct explanation *ex)
{
	const struct oom_report *r = ex->r;
	const struct oom_kill *k = &r->kill;
	size_t start;
	int i;

	if (known(k->chosen_pid) && (ex->selected_differs || !known(k->pid))) {
		start = field_begin(out, "selected");
		put_task(out, k->chosen_comm, k->chosen_pid);
		buf_putc(out, ')');
		if (known(k->score)) {
			PUT_INT(out, ", score ", k->score);
		}
		if (ex->selected_differs)
			BUF_LIT(out, ": the kernel killed a child of it instead "
			    "(\"or sacrifice child\", before 5.1)");
		field_end(out, width, start);
	}
	if (known(k->pid)) {
		start = field_begin(out, "killed");
		put_task(out, k->comm, k->pid);
		if (known(k->uid)) {
			PUT_INT(out, ", uid ", k->uid);
		}
		buf_putc(out, ')');
		if (r->already_exiting)
			BUF_LIT(out, " was already exiting: nothing new was killed");
		if (known(k->score) && !ex->selected_differs) {
			PUT_INT(out, " score ", k->score);
		}
		text_sizes(out, k->total_vm_kb, k->anon_rss_kb, k->file_rss_kb, k->shmem_rss_kb,
		    k->oom_score_adj);
		for (i = 0; i < r->nkilled; i++)
			if (r->killed[i].role == KR_SHARED)
				buf_printf(out, "%s %s (pid %" PRId64 ")", i && r->killed[i - 1].role ==
				    KR_SHARED ? "," : "; and, sharing its memory,", r->killed[i].comm,
				    r->killed[i].pid);
		if (r->source == SRC_EVENT)
			BUF_LIT(out, " (as the event says)");
		field_end(out, width, start);
	} else if (r->kind != OOM_KIND_ALLOC_FAILURE) {
		if (r->no_killable)
			field(out, width, "killed", "nobody: no killable process");
		else if (r->panic_on_oom)
			field(out, width, "killed", "nobody: panic_on_oom");
		else if (known(r->summary_pid)) {
			start = field_begin(out, "killed");
			buf_printf(out, "%s (pid %" PRId64 "), as the oom-kill summary line names it; the "
			    "kill line itself is not in the log", r->summary_task, r->summary_pid);
			field_end(out, width, start);
		} else if (known(k->chosen_pid))
			field(out, width, "killed", "the selected task, presumably; the kill line is not in "
			    "the log");
		else
			field(out, width, "killed", "(no kill line in the log)");
	}
	if (r->oom_group)
		text_group(out, width, ex);
}

void
explain_view_text(struct buf *out, const struct explanation *ex, int n,
    const struct explain_where *w, size_t width)
{
	const struct oom_report *r = ex->r;
	const char *file = w != NULL ? w->file : NULL;
	size_t start = out->len, label;
	int i;

	if (r->kind == OOM_KIND_ALLOC_FAILURE)
		BUF_LIT(out, "Allocation failure ");
	else
		BUF_LIT(out, "OOM report ");
	buf_put_int(out, n, 0);
	if (r->source == SRC_KMSG) {
		BUF_LIT(out, " at kmsg record ");
	} else if (file != NULL) {
		BUF_LIT(out, " at ");
		buf_puts(out, file);
		buf_putc(out, ':');
	} else {
		BUF_LIT(out, " at line ");
	}
	buf_put_uint(out, r->line, 0);
	value_end(out, width, start, 0, 4);
	if (r->repeats > 0) {
		start = field_begin(out, "repeated");
		buf_printf(out, "%" PRIu64 " more report(s) like this one, each only its header line, "
		    "up to %s %" PRIu64, r->repeats, r->source == SRC_KMSG ? "kmsg record" : "line",
		    r->repeat_last_line);
		field_end(out, width, start);
	}
	if (r->source == SRC_EVENT) {
		start = field_begin(out, "source");
		buf_printf(out, "a Kubernetes event%s%s%s: the victim only; the kernel's report is in "
		    "the node's kernel log", r->event_by[0] ? " (" : "", r->event_by,
		    r->event_by[0] ? ")" : "");
		field_end(out, width, start);
	}
	label = out->len;
	start = field_begin(out, "logged");
	if (r->has_host) {
		BUF_LIT(out, "host ");
		buf_puts(out, r->host);
	}
	if (r->has_time) {
		if (out->len > start)
			BUF_LIT(out, ", ");
		buf_puts(out, r->time);
	} else if (r->has_uptime && w != NULL && w->boot_usec >= 0) {
		char t[64];
		int64_t up = uptime_usec(r->uptime);

		if (up >= 0) {
			frame_utc_text(t, sizeof(t), w->boot_usec + up, false);
			if (out->len > start)
				BUF_LIT(out, ", ");
			buf_puts(out, t);
			BUF_LIT(out, " (estimated from the boot time)");
		}
	}
	if (r->has_uptime) {
		if (out->len > start)
			BUF_LIT(out, ", ");
		buf_puts(out, r->uptime);
		BUF_LIT(out, "s after boot");
	}
	field_end_or_drop(out, width, start, label);

	start = field_begin(out, "kind");
	buf_puts(out, ex->kind);
	if (!r->kind_known)
		BUF_LIT(out, " (assumed)");
	if (ex->memcg) {
		BUF_LIT(out, ", cgroup ");
		buf_puts(out, ex->memcg);
	}
	if (r->constraint[0]) {
		BUF_LIT(out, " (");
		buf_puts(out, r->constraint);
		buf_putc(out, ')');
	}
	if (!ex->complete && r->source != SRC_EVENT) {
		BUF_LIT(out, "; report incomplete");
		for (i = 0; i < ex->nmissing; i++) {
			if (i)
				buf_putc(out, ',');
			else
				BUF_LIT(out, ", missing");
			buf_putc(out, ' ');
			buf_puts(out, ex->missing[i]);
		}
	}
	field_end(out, width, start);
	if (ex->era[0])
		field(out, width, "kernel", ex->era);
	if (r->has_invoker) {
		start = field_begin(out, "asked by");
		buf_puts(out, r->invoker);
		if (known(r->invoker_pid)) {
			PUT_INT(out, " (pid ", r->invoker_pid);
			buf_putc(out, ')');
		}
		if (known(r->oom_score_adj)) {
			PUT_INT(out, ", oom_score_adj ", r->oom_score_adj);
		}
		field_end(out, width, start);
	}
	if (ex->have_gfp) {
		start = field_begin(out, "request");
		if (known(r->order)) {
			PUT_INT(out, "order ", r->order);
			BUF_LIT(out, " (");
			if (known(ex->request_kb))
				put_kb(out, (uint64_t)ex->request_kb);
			else
				buf_putc(out, '?');
			BUF_LIT(out, "), ");
		}
		BUF_LIT(out, "gfp_mask ");
		put_hex(out, (uint64_t)r->gfp_mask);
		BUF_LIT(out, " = ");
		buf_puts(out, ex->gfp.names);
		if (!ex->gfp.names_printed) {
			BUF_LIT(out, " (decoded with the ");
			buf_puts(out, ex->gfp.table);
			BUF_LIT(out, " table)");
		}
		if (ex->target_zone[0]) {
			BUF_LIT(out, "; highest zone ");
			buf_puts(out, ex->target_zone);
			if (!ex->target_populated)
				BUF_LIT(out, " (empty here)");
			for (i = 0; i < ex->nfallback; i++) {
				if (i)
					BUF_LIT(out, ", ");
				else
					BUF_LIT(out, ", falls back to ");
				buf_puts(out, ex->fallback[i]);
			}
		}
		field_end(out, width, start);
	}
	text_zones(out, width, ex);
	text_memory(out, width, ex);
	if (r->kind == OOM_KIND_MEMCG && known(r->mem_limit_kb)) {
		start = field_begin(out, "cgroup");
		BUF_LIT(out, "usage ");
		put_kb(out, (uint64_t)(known(r->mem_usage_kb) ? r->mem_usage_kb : 0));
		BUF_LIT(out, " of limit ");
		put_kb(out, (uint64_t)r->mem_limit_kb);
		PUT_INT(out, ", hit ", known(r->mem_failcnt) ? r->mem_failcnt : 0);
		BUF_LIT(out, " times");
		field_end(out, width, start);
	}
	start = field_begin(out, "cause");
	buf_puts(out, ex->cause);
	BUF_LIT(out, ": ");
	buf_puts(out, ex->cause_summary);
	field_end(out, width, start);
	text_killed(out, width, ex);
	text_top(out, ex);
	if (r->kind != OOM_KIND_ALLOC_FAILURE)
		text_replay(out, width, ex);
	for (i = 0; i < ex->nfindings; i++) {
		if (i == 0)
			BUF_LIT(out, "  findings  - ");
		else
			BUF_LIT(out, "            - ");
		wrapped(out, width, ex->findings[i], LABEL + 2, LABEL + 2);
	}
	for (i = 0; i < ex->nadvice; i++) {
		if (i == 0)
			BUF_LIT(out, "  advice    - ");
		else
			BUF_LIT(out, "            - ");
		wrapped(out, width, ex->advice[i], LABEL + 2, LABEL + 2);
	}
	buf_putc(out, '\n');
}

/* ---- JSON --------------------------------------------------------------- */

static inline void
kv_num(struct json *j, const char *key, int64_t v)
{
	json_kv_int_opt(j, key, known(v), v);
}

/* A limit in kB: null when not printed or when it is the kernel's "no limit". */
static inline void
kv_limit(struct json *j, const char *key, int64_t kb)
{
	json_kv_int_opt(j, key, known(kb) && !cgroup_limit_kb_unlimited((uint64_t)kb), kb);
}

static inline void
kv_text(struct json *j, const char *key, const char *s, bool present)
{
	if (present && s != NULL && s[0] != '\0')
		json_kv_strn(j, key, strlen(key), s, strlen(s));
	else
		json_kv_null(j, key);
}

static void
json_names(struct json *j, const char *names)
{
	const char *p = names, *bar;

	json_array_begin(j);
	while (*p != '\0') {
		bar = strchr(p, '|');
		if (bar == NULL)
			bar = p + strlen(p);
		if (bar > p)
			json_strn(j, p, (size_t)(bar - p));
		p = *bar ? bar + 1 : bar;
	}
	json_array_end(j);
}

static void
json_zones(struct json *j, const struct explanation *ex)
{
	int i, k;

	json_key(j, "zones");
	json_array_begin(j);
	for (i = 0; i < ex->nzones; i++) {
		const struct ex_zone *e = &ex->zones[i];
		const struct oom_zone *z = e->z;

		json_object_begin(j);
		kv_num(j, "node", z->node >= 0 ? z->node : OOM_NONE);
		json_kv_str(j, "zone", z->name);
		kv_num(j, "free_kb", z->free_kb);
		kv_num(j, "min_kb", z->min_kb);
		kv_num(j, "low_kb", z->low_kb);
		kv_num(j, "high_kb", z->high_kb);
		kv_num(j, "boost_kb", z->boost_kb);
		kv_num(j, "managed_kb", z->managed_kb);
		json_key(j, "lowmem_reserve_pages");
		if (z->nreserve == 0) {
			json_null(j);
		} else {
			json_array_begin(j);
			for (k = 0; k < z->nreserve; k++)
				json_int(j, z->lowmem_reserve[k]);
			json_array_end(j);
		}
		kv_num(j, "index", e->idx >= 0 ? e->idx : OOM_NONE);
		json_kv_bool(j, "allowed", e->allowed);
		kv_num(j, "reserve_kb", e->reserve_kb);
		kv_num(j, "need_min_kb", e->need_min_kb);
		kv_num(j, "need_high_kb", e->need_high_kb);
		json_key(j, "free_blocks");
		if (z->nbuddy == 0) {
			json_null(j);
		} else {
			json_array_begin(j);
			for (k = 0; k < z->nbuddy; k++)
				json_int(j, z->buddy[k]);
			json_array_end(j);
		}
		kv_num(j, "largest_free_order", e->largest_order >= 0 ? e->largest_order : OOM_NONE);
		json_kv_str(j, "verdict", e->verdict);
		json_object_end(j);
	}
	json_array_end(j);
}

static void
json_memory(struct json *j, const struct explanation *ex)
{
	const struct ex_memory *m = &ex->mem;
	const struct oom_report *r = ex->r;

	json_key(j, "memory");
	json_object_begin(j);
	json_kv_int(j, "page_kb", ex->page_kb);
	json_kv_bool(j, "page_kb_from_log", ex->page_kb_known);
	kv_num(j, "ram_pages", r->ram_pages);
	kv_num(j, "reserved_pages", r->reserved_pages);
	kv_num(j, "total_kb", m->total_kb);
	kv_num(j, "anon_kb", m->anon_kb);
	kv_num(j, "shmem_kb", m->shmem_kb);
	kv_num(j, "file_kb", m->file_kb);
	kv_num(j, "unevictable_kb", m->unevictable_kb);
	kv_num(j, "slab_reclaimable_kb", m->slab_reclaimable_kb);
	kv_num(j, "slab_unreclaimable_kb", m->slab_unreclaimable_kb);
	kv_num(j, "pagetables_kb", m->pagetables_kb);
	kv_num(j, "kernel_stack_kb", m->kernel_stack_kb);
	kv_num(j, "hugetlb_kb", m->hugetlb_kb);
	kv_num(j, "hugetlb_free_kb", m->hugetlb_free_kb);
	kv_num(j, "mapped_non_lru_kb", m->mapped_nonlru_kb);
	kv_num(j, "free_kb", m->free_kb);
	kv_num(j, "other_kb", m->other_kb);
	json_object_end(j);
}

static void
json_memcg(struct json *j, const struct oom_report *r)
{
	json_key(j, "memcg_limits");
	if (!known(r->mem_limit_kb) && !known(r->mem_usage_kb)) {
		json_null(j);
		return;
	}
	json_object_begin(j);
	kv_num(j, "usage_kb", r->mem_usage_kb);
	kv_limit(j, "limit_kb", r->mem_limit_kb);
	kv_num(j, "failcnt", r->mem_failcnt);
	kv_num(j, "memsw_usage_kb", r->memsw_usage_kb);
	kv_limit(j, "memsw_limit_kb", r->memsw_limit_kb);
	kv_num(j, "swap_usage_kb", r->swap_usage_kb);
	kv_limit(j, "swap_limit_kb", r->swap_limit_kb);
	kv_num(j, "kmem_usage_kb", r->kmem_usage_kb);
	kv_limit(j, "kmem_limit_kb", r->kmem_limit_kb);
	/* memory.stat's lines are in bytes; the document's sizes in kB. */
	kv_num(j, "stat_anon_kb", known(r->ms_anon) ? r->ms_anon / 1024 : OOM_NONE);
	kv_num(j, "stat_file_kb", known(r->ms_file) ? r->ms_file / 1024 : OOM_NONE);
	kv_num(j, "stat_shmem_kb", known(r->ms_shmem) ? r->ms_shmem / 1024 : OOM_NONE);
	json_object_end(j);
}

static void
json_victim(struct json *j, const struct oom_report *r)
{
	const struct oom_kill *k = &r->kill;

	json_key(j, "victim");
	if (!known(k->pid)) {
		json_null(j);
		return;
	}
	json_object_begin(j);
	json_kv_int(j, "pid", k->pid);
	json_kv_str(j, "comm", k->comm);
	kv_num(j, "score", !known(k->chosen_pid) || k->chosen_pid == k->pid ? k->score : OOM_NONE);
	kv_num(j, "total_vm_kb", k->total_vm_kb);
	kv_num(j, "anon_rss_kb", k->anon_rss_kb);
	kv_num(j, "file_rss_kb", k->file_rss_kb);
	kv_num(j, "shmem_rss_kb", k->shmem_rss_kb);
	kv_num(j, "oom_score_adj", k->oom_score_adj);
	kv_num(j, "uid", k->uid);
	kv_num(j, "pgtables_kb", k->pgtables_kb);
	kv_num(j, "chosen_pid", k->chosen_pid);
	kv_text(j, "chosen_comm", k->chosen_comm, known(k->chosen_pid));
	kv_text(j, "message", k->message, true);
	json_object_end(j);
}

/* The task the kernel selected ("Kill process ... score"), and our points for it. */
static void
json_selected(struct json *j, const struct explanation *ex)
{
	const struct oom_report *r = ex->r;
	const struct oom_kill *k = &r->kill;

	json_key(j, "selected");
	if (!known(k->chosen_pid)) {
		json_null(j);
		return;
	}
	json_object_begin(j);
	json_kv_int(j, "pid", k->chosen_pid);
	json_kv_str(j, "comm", k->chosen_comm);
	kv_num(j, "score", k->score);
	kv_num(j, "points", ex->replay.done && ex->replay.kernel_pid == k->chosen_pid ?
	    ex->replay.kernel_points : OOM_NONE);
	json_kv_bool(j, "killed_instead_a_child", ex->selected_differs);
	json_object_end(j);
}

static const char *
role_name(uint8_t role)
{
	switch (role) {
	case KR_VICTIM: return "victim";
	case KR_GROUP: return "oom_group";
	case KR_SHARED: return "shares_mm";
	}
	return "victim";
}

/* Every task the event killed, or skipped as already exiting, in log order. */
static void
json_killed(struct json *j, const struct explanation *ex)
{
	const struct oom_report *r = ex->r;
	const struct ex_group *g = &ex->group;
	int i;

	json_key(j, "killed");
	json_array_begin(j);
	for (i = 0; i < r->nkilled; i++) {
		const struct oom_killed *k = &r->killed[i];

		json_object_begin(j);
		kv_num(j, "pid", k->pid);
		json_kv_str(j, "comm", k->comm);
		json_kv_str(j, "role", role_name(k->role));
		json_kv_bool(j, "skipped_exiting", k->exiting);
		kv_num(j, "total_vm_kb", k->total_vm_kb);
		kv_num(j, "anon_rss_kb", k->anon_rss_kb);
		kv_num(j, "file_rss_kb", k->file_rss_kb);
		kv_num(j, "shmem_rss_kb", k->shmem_rss_kb);
		kv_num(j, "pgtables_kb", k->pgtables_kb);
		kv_num(j, "uid", k->uid);
		kv_num(j, "oom_score_adj", k->oom_score_adj);
		json_object_end(j);
	}
	json_array_end(j);
	json_kv_int(j, "killed_not_listed", r->killed_dropped);
	kv_text(j, "oom_group", r->oom_group_path, r->oom_group);
	json_key(j, "oom_group_check");
	if (!g->shown) {
		json_null(j);
		return;
	}
	json_object_begin(j);
	json_kv_bool(j, "checked", g->checked);
	json_kv_bool(j, "members_known", g->members_known);
	json_kv_bool_opt(j, "agrees", g->checked, g->agrees);
	json_kv_int(j, "tasks", g->nkilled);
	json_key(j, "expected_pids");
	if (!g->members_known) {
		json_null(j);
	} else {
		json_array_begin(j);
		for (i = 0; i < g->nexpected; i++)
			json_int(j, g->expected[i]);
		json_array_end(j);
	}
	json_key(j, "not_killed_pids");
	json_array_begin(j);
	for (i = 0; i < g->nmissing; i++)
		json_int(j, g->missing[i]);
	json_array_end(j);
	json_key(j, "unexpected_pids");
	json_array_begin(j);
	for (i = 0; i < g->nunexpected; i++)
		json_int(j, g->unexpected[i]);
	json_array_end(j);
	json_key(j, "spared_pids");
	json_array_begin(j);
	for (i = 0; i < g->nspared; i++)
		json_int(j, g->spared[i]);
	json_array_end(j);
	json_object_end(j);
}

static void
json_replay(struct json *j, const struct explanation *ex)
{
	const struct replay *rp = &ex->replay;
	const struct oom_report *r = ex->r;

	json_key(j, "replay");
	json_object_begin(j);
	kv_num(j, "victim_pid", rp->done ? rp->victim_pid : OOM_NONE);
	kv_text(j, "victim_comm", rp->done && rp->victim != SIZE_MAX ? r->tasks[rp->victim].comm :
	    NULL, true);
	kv_num(j, "score", rp->done ? rp->victim_score : OOM_NONE);
	kv_num(j, "points", rp->done ? rp->victim_points : OOM_NONE);
	json_kv_bool_opt(j, "agrees", rp->agrees_known, rp->agrees);
	kv_text(j, "reason", rp->reason, true);
	kv_text(j, "model", rp->model ? rp->model->name : NULL, true);
	json_kv_bool(j, "model_from_shape", rp->model_from_shape);
	kv_num(j, "totalpages", rp->totalpages ? (int64_t)rp->totalpages : OOM_NONE);
	kv_text(j, "totalpages_basis", rp->totalpages_basis, rp->totalpages != 0);
	json_kv_bool_opt(j, "root_bonus", rp->done && rp->root_bonus_matters, rp->root_bonus);
	kv_num(j, "kernel_victim_pid", rp->kernel_pid);
	kv_num(j, "kernel_victim_points", rp->kernel_points);
	kv_num(j, "kernel_victim_score", rp->kernel_score);
	json_kv_bool_opt(j, "printed_score_reproduced", rp->score_checked, rp->score_matches);
	kv_num(j, "implied_totalpages_min", rp->implied_T_lo);
	kv_num(j, "implied_totalpages_max", rp->implied_T_hi);
	kv_num(j, "implied_victim_pages_min", rp->implied_base_lo);
	kv_num(j, "implied_victim_pages_max", rp->implied_base_hi);
	json_object_end(j);
}

static void
json_top(struct json *j, const struct explanation *ex)
{
	const struct oom_report *r = ex->r;
	int i;

	json_key(j, "top_consumers");
	json_array_begin(j);
	for (i = 0; i < ex->ntop; i++) {
		const struct oom_task *t = &r->tasks[ex->top[i]];
		int64_t pg = replay_task_pgtables(r, ex->top[i], ex->page_kb * 1024);
		struct oom_score s;

		json_object_begin(j);
		json_kv_int(j, "pid", t->pid);
		json_kv_str(j, "comm", t->comm);
		json_kv_int(j, "uid", t->uid);
		kv_num(j, "total_vm_kb", known(t->total_vm) ? t->total_vm * ex->page_kb : OOM_NONE);
		kv_num(j, "rss_kb", known(t->rss) ? t->rss * ex->page_kb : OOM_NONE);
		kv_num(j, "swap_kb", known(t->swapents) ? t->swapents * ex->page_kb : OOM_NONE);
		kv_num(j, "pgtables_kb", pg >= 0 ? pg * ex->page_kb : OOM_NONE);
		kv_num(j, "oom_score_adj", t->oom_score_adj);
		kv_num(j, "points", replay_task_score(&ex->replay, r, ex->top[i], &s) && s.eligible ?
		    s.points : OOM_NONE);
		json_object_end(j);
	}
	json_array_end(j);
}

static const char *
source_name(uint8_t source)
{
	switch (source) {
	case SRC_KMSG: return "kmsg";
	case SRC_EVENT: return "kubernetes-event";
	}
	return "log";
}

/*
 * "time" in ISO 8601 UTC, "time_printed" as the log printed it: the
 * printed time when it names its offset from UTC; else, for the kernel's
 * own log (no printed time), boot time plus the uptime stamp
 * ("time_estimated"); else null (a syslog time has no year and no zone).
 */
static void
json_time(struct json *j, const struct oom_report *r, const struct explain_where *w)
{
	char t[ISO_TIME_LEN];
	int64_t usec;
	bool frac, estimated = false;
	const char *iso = NULL;

	if (r->has_time && iso_parse_utc(r->time, strlen(r->time), &usec, &frac)) {
		iso = iso_utc(t, usec, frac);
	} else if (!r->has_time && r->has_uptime && w != NULL && w->boot_usec >= 0 &&
	    uptime_usec(r->uptime) >= 0) {
		iso = iso_utc(t, w->boot_usec + uptime_usec(r->uptime), true);
		estimated = true;
	}
	json_key(j, "time");
	json_str_or_null(j, iso);
	kv_text(j, "time_printed", r->time, r->has_time);
	json_kv_bool(j, "time_estimated", estimated);
}

void
explain_view_json(struct json *j, const struct explanation *ex, const struct explain_where *w)
{
	const struct oom_report *r = ex->r;
	const char *file = w != NULL ? w->file : NULL;
	bool kmsg = r->source == SRC_KMSG;
	char hex[24];
	int i;

	json_object_begin(j);
	kv_text(j, "file", file, file != NULL);
	json_kv_str(j, "source", source_name(r->source));
	kv_text(j, "event_by", r->event_by, r->source == SRC_EVENT && r->event_by[0]);
	kv_num(j, "line", kmsg ? OOM_NONE : (int64_t)r->line);
	kv_num(j, "last_line", kmsg ? OOM_NONE : (int64_t)r->last_line);
	kv_num(j, "kmsg_seq", kmsg ? (int64_t)r->line : OOM_NONE);
	kv_num(j, "last_kmsg_seq", kmsg ? (int64_t)r->last_line : OOM_NONE);
	json_kv_uint(j, "repeats", r->repeats);
	kv_num(j, "repeat_last_line", r->repeats ? (int64_t)r->repeat_last_line : OOM_NONE);
	kv_text(j, "host", r->host, r->has_host);
	json_time(j, r, w);
	kv_text(j, "uptime", r->uptime, r->has_uptime);
	kv_text(j, "kernel", r->kernel, true);
	json_kv_bool(j, "kernel_from_earlier_line", r->kernel_from_earlier);
	kv_text(j, "era", ex->era, true);
	json_kv_str(j, "kind", ex->kind);
	json_kv_bool(j, "kind_known", r->kind_known);
	json_kv_bool(j, "header", (r->seen & OP_HEADER) != 0);
	json_kv_bool(j, "complete", ex->complete);
	json_key(j, "missing");
	json_array_begin(j);
	for (i = 0; i < ex->nmissing; i++)
		json_str(j, ex->missing[i]);
	json_array_end(j);

	json_key(j, "invoker");
	if (!r->has_invoker) {
		json_null(j);
	} else {
		json_object_begin(j);
		json_kv_str(j, "comm", r->invoker);
		kv_num(j, "pid", r->invoker_pid);
		kv_num(j, "uid", r->invoker_uid);
		kv_num(j, "oom_score_adj", r->oom_score_adj);
		kv_num(j, "oom_adj", r->oom_adj);
		json_object_end(j);
	}
	json_key(j, "gfp_mask");
	if (known(r->gfp_mask)) {
		buf_snprintf(hex, sizeof(hex), "%#" PRIx64, (uint64_t)r->gfp_mask);
		json_str(j, r->gfp_mask == 0 ? "0x0" : hex);
	} else {
		json_null(j);
	}
	json_key(j, "gfp_flags");
	if (ex->have_gfp)
		json_names(j, ex->gfp.names);
	else
		json_null(j);
	json_kv_bool(j, "gfp_flags_printed", ex->have_gfp && ex->gfp.names_printed);
	kv_text(j, "gfp_table", ex->have_gfp ? ex->gfp.table : NULL, true);
	kv_num(j, "order", r->order);
	kv_num(j, "request_kb", ex->request_kb);
	kv_text(j, "target_zone", ex->target_zone, true);
	json_kv_bool_opt(j, "target_zone_populated", ex->target_zone[0] != '\0', ex->target_populated);
	json_key(j, "fallback_zones");
	json_array_begin(j);
	for (i = 0; i < ex->nfallback; i++)
		json_str(j, ex->fallback[i]);
	json_array_end(j);
	kv_num(j, "classzone", ex->classzone >= 0 ? ex->classzone : OOM_NONE);
	kv_text(j, "constraint", r->constraint, true);
	kv_text(j, "nodemask", r->nodemask, true);
	kv_text(j, "cpuset", r->cpuset, true);
	kv_text(j, "mems_allowed", r->mems_allowed, true);
	kv_text(j, "memcg", ex->memcg, ex->memcg != NULL);
	kv_text(j, "task_memcg", r->task_memcg[0] ? r->task_memcg : r->memcg_task, true);
	json_memcg(j, r);
	json_victim(j, r);
	json_selected(j, ex);
	json_killed(j, ex);
	kv_text(j, "vendor_fields", r->vendor_fields, true);
	json_key(j, "swap");
	if (known(r->total_swap_kb) || known(r->free_swap_kb)) {
		json_object_begin(j);
		kv_num(j, "total_kb", r->total_swap_kb);
		kv_num(j, "free_kb", r->free_swap_kb);
		json_object_end(j);
	} else {
		json_null(j);
	}
	json_memory(j, ex);
	json_zones(j, ex);
	json_key(j, "hugepages");
	json_array_begin(j);
	for (i = 0; i < r->nhuge; i++) {
		json_object_begin(j);
		kv_num(j, "node", r->huge[i].node);
		kv_num(j, "total", r->huge[i].total);
		kv_num(j, "free", r->huge[i].free);
		kv_num(j, "size_kb", r->huge[i].size_kb);
		json_object_end(j);
	}
	json_array_end(j);
	json_key(j, "cause");
	json_object_begin(j);
	json_kv_str(j, "class", ex->cause);
	json_kv_str(j, "summary", ex->cause_summary);
	json_object_end(j);
	json_top(j, ex);
	json_replay(j, ex);
	json_key(j, "oom_reaper");
	json_array_begin(j);
	for (i = 0; i < r->nreaped; i++) {
		const struct oom_reaped *x = &r->reaped[i];

		json_object_begin(j);
		json_kv_int(j, "pid", x->pid);
		json_kv_str(j, "comm", x->comm);
		json_kv_bool(j, "reaped", !x->unable);
		kv_num(j, "anon_rss_kb", x->anon_kb);
		kv_num(j, "file_rss_kb", x->file_kb);
		kv_num(j, "shmem_rss_kb", x->shmem_kb);
		json_object_end(j);
	}
	json_array_end(j);
	kv_text(j, "panic", r->panic, true);
	json_kv_bool(j, "no_killable", r->no_killable);
	json_key(j, "findings");
	json_array_begin(j);
	for (i = 0; i < ex->nfindings; i++)
		json_str(j, ex->findings[i]);
	json_array_end(j);
	json_key(j, "advice");
	json_array_begin(j);
	for (i = 0; i < ex->nadvice; i++)
		json_str(j, ex->advice[i]);
	json_array_end(j);
	json_object_end(j);
}
