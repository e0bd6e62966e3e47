/* group-table.c: groups of tasks, as text and JSON. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "lib/escape.h"
#include "lib/format.h"
#include "view/group-table.h"

/* RANK TASKS SIZE LIMIT HEADROOM VICTIM GROUP: 58 columns before GROUP. */
#define GROUP_FMT "%4s %5s %6s %6s %8s "
#define VICTIM_W 24

static void
cut(struct buf *out, size_t from, size_t width)
{
	if (width && out->len - from > width) {
		out->len = from + width;
		out->data[out->len] = '\0';
	}
}

void
group_table_text_header(struct buf *out, size_t width)
{
	size_t from = out->len;

	buf_printf(out, GROUP_FMT "%-*s %s", "RANK", "TASKS", "SIZE", "LIMIT", "HEADROOM",
	    VICTIM_W, "FIRST VICTIM", "GROUP");
	cut(out, from, width);
}

static const struct cgroup_room *
group_room(const struct ranking *r, const struct rank_group *x)
{
	return x->cgroup >= 0 && (size_t)x->cgroup < r->cgroups.n ?
	    &r->cgroups.v[x->cgroup].room : NULL;
}

void
group_table_text_row(struct buf *out, const struct ranking *r, const struct rank_groups *g,
    const struct rank_group *x, size_t width)
{
	const struct cgroup_room *room = group_room(r, x);
	char srank[24], sn[24], size[FMT_KB_LEN], lim[FMT_KB_LEN], head[FMT_KB_LEN];
	size_t from = out->len, w, at;
	const char *key = rank_group_key(g, x);

	if (x->first != GROUP_NONE_FIRST)
		snprintf(srank, sizeof(srank), "%zu", x->first + 1);
	else
		snprintf(srank, sizeof(srank), "-");
	snprintf(sn, sizeof(sn), "%zu", x->ntasks);
	fmt_kb(size, x->size_kb);
	if (room != NULL && room->known && room->limited) {
		fmt_kb(lim, room->limit_bytes / 1024);
		fmt_kb(head, room->headroom_bytes / 1024);
	} else {
		snprintf(lim, sizeof(lim), "-");
		snprintf(head, sizeof(head), "-");
	}
	buf_printf(out, GROUP_FMT, srank, sn, size, lim, head);
	at = out->len;
	if (x->first != GROUP_NONE_FIRST) {
		const struct task *t = rank_task(r, &r->entries[x->first]);
		char pid[24];

		snprintf(pid, sizeof(pid), "%d (", t->pid);
		buf_puts(out, pid);
		w = strlen(pid) + escape_text(out, t->comm, t->comm_len, VICTIM_W - strlen(pid) - 1);
		buf_putc(out, ')');
		w++;
	} else {
		buf_puts(out, "none killable");
		w = 13;
	}
	while (w++ < VICTIM_W + 1)
		buf_putc(out, ' ');
	(void)at;
	/* Group names come from cgroup paths and runtimes' files: untrusted. */
	escape_text(out, key, strlen(key), 0);
	if (room != NULL && room->limited && x->cgroup >= 0 &&
	    room->limit_len != strlen(cgroup_table_path(&r->cgroups, (uint32_t)x->cgroup))) {
		buf_puts(out, "  (limit of ");
		escape_text(out, cgroup_table_path(&r->cgroups, (uint32_t)x->cgroup),
		    room->limit_len ? room->limit_len : 1, 0);
		buf_putc(out, ')');
	}
	cut(out, from, width);
}

void
group_table_json_group(struct json *j, const struct ranking *r, const struct rank_groups *g,
    const struct rank_group *x)
{
	const struct cgroup_room *room = group_room(r, x);
	bool limited = room != NULL && room->known && room->limited;

	json_object_begin(j);
	json_kv_str(j, "group", rank_group_key(g, x));
	json_kv_str(j, "by", group_key_name(g->key));
	json_key(j, "cgroup");
	if (x->cgroup >= 0)
		json_str(j, cgroup_table_path(&r->cgroups, (uint32_t)x->cgroup));
	else
		json_null(j);
	json_kv_uint(j, "tasks", x->ntasks);
	json_kv_uint(j, "killable", x->ncandidates);
	json_kv_uint(j, "size_kb", x->size_kb);
	json_kv_int_opt(j, "first_victim_rank", x->first != GROUP_NONE_FIRST,
	    (int64_t)x->first + 1);
	json_key(j, "first_victim");
	if (x->first != GROUP_NONE_FIRST) {
		const struct task *t = rank_task(r, &r->entries[x->first]);

		json_object_begin(j);
		json_kv_int(j, "pid", t->pid);
		json_key(j, "comm");
		json_strn(j, t->comm, t->comm_len);
		json_kv_int(j, "points", r->entries[x->first].score.points);
		json_object_end(j);
	} else {
		json_null(j);
	}
	json_kv_int_opt(j, "limit_kb", limited, limited ? (int64_t)(room->limit_bytes / 1024) : 0);
	json_kv_int_opt(j, "usage_kb", limited, limited ? (int64_t)(room->usage_bytes / 1024) : 0);
	json_kv_int_opt(j, "headroom_kb", limited,
	    limited ? (int64_t)(room->headroom_bytes / 1024) : 0);
	json_key(j, "limit_cgroup");
	if (limited && x->cgroup >= 0)
		json_strn(j, cgroup_table_path(&r->cgroups, (uint32_t)x->cgroup),
		    room->limit_len ? room->limit_len : 1);
	else
		json_null(j);
	json_object_end(j);
}
