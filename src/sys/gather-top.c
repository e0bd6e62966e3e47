/*
 * gather-top.c: one refresh of `oomrisk top`: read the snapshot, rank the
 * tasks, and hand both to the model (core/top.h).
 */
#include "config.h"

#include <stdlib.h>

#include "core/top.h"
#include "lib/xalloc.h"
#include "sys/backend.h"
#include "sys/clock.h"
#include "sys/gather-rank.h"
#include "sys/gather-top.h"
#include "sys/sampler.h"
#include "sys/snapshot-reader.h"

int
gather_top_open(struct top *t, const struct top_options *o, struct buf *err)
{
	const char *serr;

	top_init(t, o);
	t->reader = xmalloc(sizeof(*t->reader));
	if (snapshot_reader_open(t->reader, o->proc_root, err) < 0) {
		free(t->reader);
		t->reader = NULL;
		return -1;
	}
	if ((t->sampler = sampler_new(o->proc_root, &serr)) == NULL) {
		buf_puts(err, serr);
		snapshot_reader_close(t->reader);
		free(t->reader);
		t->reader = NULL;
		return -1;
	}
	return 0;
}

void
gather_top_backend(struct top *t, enum backend_choice want, struct buf *note)
{
	backend_attach(t->sampler, want, true, note);
}

void
gather_top_close(struct top *t)
{
	if (t->reader != NULL)
		snapshot_reader_close(t->reader);
	free(t->reader);
	sampler_free(t->sampler);
	top_free(t);
}

/*
 * The entries of the rows a screen can show (t->want, all when 0), after
 * sorting and filtering: their ties and CGROUP cells are read, not every
 * task's when a filter or another sort reads every task.
 */
static void
row_entries(struct top *t)
{
	size_t i, n = t->want && t->want < t->nrows ? t->want : t->nrows;

	if (t->caprowentries < n) {
		t->caprowentries = n;
		t->rowentries = xreallocarray(t->rowentries, n, sizeof(*t->rowentries));
	}
	for (i = 0; i < n; i++)
		t->rowentries[i] = t->rows[i].entry;
	t->nrowentries = n;
}

int
gather_top_refresh(struct top *t)
{
	struct rank_request req;
	int rc;

	buf_reset(&t->err);
	if (snapshot_reader_read(t->reader, &t->next, &t->err) == 0)
		top_take_snapshot(t);
	top_rank_request(t, &req);
	rc = gather_rank(t->sampler, &req, &t->rank, &t->rank_err);
	if (rc == 0 && t->opt.group_by != GROUP_NONE)
		gather_rank_groups(t->sampler, &t->rank, t->opt.group_by, &t->groups);
	else
		t->groups.n = 0;
	t->self_rss_kb = sampler_self_rss_kb(t->sampler);
	top_take_ranking(t, rc, now_monotonic());
	if (rc == 0 && t->opt.group_by == GROUP_NONE) {
		row_entries(t);
		/* A filter or another sort shows rows from anywhere in the ranking. */
		if (gather_rank_ties(t->sampler, &t->rank, t->rowentries, t->nrowentries)) {
			top_build_rows(t);
			row_entries(t);
		}
		gather_rank_cgroups(t->sampler, &t->rank, t->rowentries, t->nrowentries, true);
	}
	return rc;
}
