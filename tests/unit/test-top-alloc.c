/*
 * test-top-alloc: once warm, a `top` refresh of the live system (sample,
 * rank, growth, forecast, rows, and the text of a frame) allocates
 * nothing.  malloc and friends are counted by interposing on them here;
 * a refresh may allocate only when an array had to grow because the
 * system gained tasks, and that is checked from the capacities.  With
 * /proc, then with the BPF task iterator where it loads (root).
 */
#include "config.h"

#include <stddef.h>

#include "core/top.h"
#include "sys/backend.h"
#include "sys/gather-top.h"
#include "sys/snapshot-reader.h"
#include "tap.h"
#include "view/top-view.h"

static unsigned long allocs;

#if defined(__SANITIZE_ADDRESS__)
#define COUNTING 0		/* ASan owns malloc: nothing to count here */
#else
#define COUNTING 1
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

void *
malloc(size_t n)
{
	allocs++;
	return __libc_malloc(n);
}

void *
calloc(size_t n, size_t m)
{
	allocs++;
	return __libc_calloc(n, m);
}

void *
realloc(void *p, size_t n)
{
	allocs++;
	return __libc_realloc(p, n);
}

void
free(void *p)
{
	__libc_free(p);
}
#endif

/* Sum of the capacities a refresh may have to grow, and the users it may have to look up. */
static size_t
capacities(const struct top *t)
{
	return t->rank.tasks.cap + t->rank.listed.cap + t->rank.capkeep + t->rank.cap +
	    t->rank.capscores + t->rank.tasks.strings.cap +
	    t->caprows + t->growth.cur.cap + t->growth.prev.cap + t->reader->scratch.cap + t->rank.users.cap +
	    t->rank.cgroups.cap + t->rank.cgroups.text.cap + t->rank.cgroups.nslots +
	    t->rank.scratch.cap + t->caprowentries +
	    t->rank.users.n;	/* a new uid: getpwuid_r reads /etc/passwd */
}

/* Every sort key, warm, then ten refreshes each; counts into the totals. */
static void
refreshes(struct top *t, struct buf *frame, int *quiet, int *grew, int *bad)
{
	int i, sort;

	for (sort = 0; sort < TOP_SORT_N; sort++) {
		t->opt.sort = (enum top_sort)sort;
		t->opt.cmdline = sort == TOP_SORT_RSS;
		top_set_want(t, 40);
		/* Warm up: arrays grow to the task count, user names get cached. */
		for (i = 0; i < 3; i++) {
			gather_top_refresh(t);
			buf_reset(frame);
			top_view_batch_frame(frame, t, 40);
		}
		for (i = 0; i < 10; i++) {
			size_t cap = capacities(t);
			unsigned long before = allocs;

			gather_top_refresh(t);
			buf_reset(frame);
			top_view_batch_frame(frame, t, 40);
			if (capacities(t) != cap) {
				(*grew)++;
			} else if (allocs != before) {
				(*bad)++;
				printf("# %s, sort %s, refresh %d: %lu allocations\n",
				    task_source_name(t->rank.tasks.source),
				    top_sort_name((enum top_sort)sort), i, allocs - before);
			} else {
				(*quiet)++;
			}
		}
	}
}

int
main(void)
{
	static struct top t;
	struct top_options o = { .interval = 0.01, .sort = TOP_SORT_SCORE };
	struct buf err = BUF_INIT, frame = BUF_INIT, note = BUF_INIT;
	int quiet = 0, grew = 0, bad = 0;

	if (!COUNTING)
		tap_skip_all("built with AddressSanitizer, which replaces malloc");
	if (gather_top_open(&t, &o, &err) < 0)
		tap_skip_all("cannot open /proc");
	refreshes(&t, &frame, &quiet, &grew, &bad);
	printf("# proc: %d refreshes without growth, %d with (the system gained tasks)\n",
	    quiet, grew);
	is_int(bad, 0, "proc: no allocation in a warm refresh (every sort key)");
	ok(quiet >= 20, "proc: most refreshes were checked (%d of 40)", quiet);
	ok(t.rank.n > 0 && t.nrows > 0, "proc: the refreshes ranked tasks");

	gather_top_backend(&t, BACKEND_BPF, &note);
	if (note.len > 0) {
		tap_skip("bpf: no allocation in a warm refresh", buf_str(&note));
	} else {
		quiet = grew = bad = 0;
		refreshes(&t, &frame, &quiet, &grew, &bad);
		printf("# bpf: %d refreshes without growth, %d with\n", quiet, grew);
		is_int(bad, 0, "bpf: no allocation in a warm refresh (every sort key)");
		ok(quiet >= 20, "bpf: most refreshes were checked (%d of 40)", quiet);
		ok(t.rank.n > 0 && t.rank.tasks.source == TASK_SOURCE_BPF,
		    "bpf: the refreshes ranked tasks from the iterator");
	}
	buf_free(&frame);
	buf_free(&err);
	buf_free(&note);
	gather_top_close(&t);
	return tap_done();
}
