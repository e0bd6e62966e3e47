/*
 * gather-top.c: one refresh of `oomrisk top`: read the snapshot, rank the
 * tasks, and hand both to the model (core/top.h); and --replay, which
 * points the sources at the next of a directory's numbered proc roots.
 */
#include "config.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/top.h"
#include "lib/xalloc.h"
#include "sys/backend.h"
#include "sys/clock.h"
#include "sys/gather-rank.h"
#include "sys/gather-top.h"
#include "sys/sampler.h"
#include "sys/snapshot-reader.h"

/*
 * --replay=DIR: its subdirectories named by a number (1, 2, ... or 0001,
 * 0002, ...), each a proc root as --proc-root takes, in numeric order:
 * captures of one machine over time (tests/helper/zonecap.c writes them;
 * capture-procroot.sh in a loop would too).  Each refresh reads the next;
 * the last stays.  Names live in one buffer, read once.
 */
struct top_replay {
	char dir[PATH_MAX];
	struct buf names;		/* NUL-separated, in order */
	size_t *at;			/* offsets into names */
	size_t n, cur;
	unsigned long refreshes;	/* the replay's clock, in refresh intervals */
};

struct numbered {
	unsigned long long num;
	size_t off;
};

static int
cmp_numbered(const void *a, const void *b)
{
	const struct numbered *x = a, *y = b;

	return x->num < y->num ? -1 : x->num > y->num;
}

/* A name of digits only (at most 18 of them), as a number. */
static bool
root_number(const char *name, unsigned long long *num)
{
	size_t i;

	*num = 0;
	for (i = 0; name[i]; i++) {
		if (name[i] < '0' || name[i] > '9' || i >= 18)
			return false;
		*num = *num * 10 + (unsigned)(name[i] - '0');
	}
	return i > 0;
}

static void
replay_free(struct top_replay *r)
{
	if (r == NULL)
		return;
	buf_free(&r->names);
	free(r->at);
	free(r);
}

/* List DIR's numbered roots; NULL with err when there are none. */
static struct top_replay *
replay_open(const char *dir, struct buf *err)
{
	struct top_replay *r = xcalloc(1, sizeof(*r));
	struct numbered *v = NULL;
	size_t cap = 0, i;
	struct dirent *e;
	DIR *d;

	if (strlen(dir) >= sizeof(r->dir) - 32 || (d = opendir(dir)) == NULL) {
		buf_printf(err, "--replay: %s: cannot open the directory", dir);
		free(r);
		return NULL;
	}
	snprintf(r->dir, sizeof(r->dir), "%s", dir);
	while ((e = readdir(d)) != NULL) {
		unsigned long long num;

		if (!root_number(e->d_name, &num))
			continue;
		if (r->n == cap) {
			cap = cap ? 2 * cap : 64;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[r->n].num = num;
		v[r->n++].off = r->names.len;
		buf_add(&r->names, e->d_name, strlen(e->d_name) + 1);
	}
	closedir(d);
	if (r->n == 0) {
		buf_printf(err, "--replay: %s: no numbered proc roots (1, 2, ... or 0001, ...)", dir);
		free(v);
		replay_free(r);
		return NULL;
	}
	qsort(v, r->n, sizeof(*v), cmp_numbered);
	r->at = xreallocarray(NULL, r->n, sizeof(*r->at));
	for (i = 0; i < r->n; i++)
		r->at[i] = v[i].off;
	free(v);
	return r;
}

/* The path of root i. */
static void
replay_path(const struct top_replay *r, size_t i, char *out, size_t len)
{
	snprintf(out, len, "%s/%s", r->dir, r->names.data + r->at[i]);
}

bool
gather_top_next_root(struct top *t)
{
	struct top_replay *r = t->replay;
	char path[PATH_MAX + 32];
	const char *serr;
	struct buf err = BUF_INIT;

	if (r == NULL || r->cur + 1 >= r->n)
		return false;
	/* A root gone since it was listed is skipped: both sources stay on the last. */
	replay_path(r, ++r->cur, path, sizeof(path));
	if (snapshot_reader_reroot(t->reader, path, &err) == 0) {
		if (sampler_reroot(t->sampler, path, &serr) == 0) {
			t->replay_at = r->cur + 1;
		} else {
			replay_path(r, t->replay_at - 1, path, sizeof(path));
			snapshot_reader_reroot(t->reader, path, &err);
		}
	}
	buf_free(&err);
	return true;
}

int
gather_top_open(struct top *t, const struct top_options *o, struct buf *err)
{
	const char *serr, *root = o->proc_root;
	char first[PATH_MAX + 32];

	top_init(t, o);
	if (o->replay != NULL) {
		if ((t->replay = replay_open(o->replay, err)) == NULL)
			return -1;
		replay_path(t->replay, 0, first, sizeof(first));
		root = first;
		t->replay_at = 1;
		t->replay_n = t->replay->n;
	}
	t->reader = xmalloc(sizeof(*t->reader));
	if (snapshot_reader_open(t->reader, root, err) < 0) {
		free(t->reader);
		t->reader = NULL;
		replay_free(t->replay);
		t->replay = NULL;
		return -1;
	}
	if ((t->sampler = sampler_new(root, &serr)) == NULL) {
		buf_puts(err, serr);
		snapshot_reader_close(t->reader);
		free(t->reader);
		t->reader = NULL;
		replay_free(t->replay);
		t->replay = NULL;
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
	replay_free(t->replay);
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
	double now = now_monotonic();
	int rc;

	/*
	 * A replay's roots are a refresh interval apart, however fast they are
	 * read (and the trends the same on every run): its own clock.
	 */
	if (t->replay != NULL)
		now = (double)t->replay->refreshes++ * t->opt.interval;
	buf_reset(&t->err);
	if (snapshot_reader_read(t->reader, &t->next, &t->err) == 0) {
		if (t->replay != NULL)
			t->next.taken = now;
		top_take_snapshot(t);
	}
	top_rank_request(t, &req);
	rc = gather_rank(t->sampler, &req, &t->rank, &t->rank_err);
	if (rc == 0 && t->opt.group_by != GROUP_NONE)
		gather_rank_groups(t->sampler, &t->rank, t->opt.group_by, &t->groups);
	else
		t->groups.n = 0;
	t->self_rss_kb = sampler_self_rss_kb(t->sampler);
	top_take_ranking(t, rc, now);
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
