/* gather-audit.c: read the live system for the audit. */
#include "config.h"

#include <string.h>

#include "sys/fileio.h"
#include "sys/gather-audit.h"
#include "sys/gather-rank.h"
#include "sys/snapshot-reader.h"

/* /proc/swaps through the snapshot reader's proc root. */
static void
read_swaps(struct snapshot_reader *sr, struct audit_data *d)
{
	unsigned line;
	long n = read_file_buf(sr->rootfd, "swaps", &sr->scratch);

	if (n < 0) {
		buf_puts(&d->notes, "/proc/swaps not readable: swap devices unknown\n");
		return;
	}
	if (swaps_parse(sr->scratch.data, (size_t)n, &d->swaps, &line) < 0) {
		buf_printf(&d->notes, "/proc/swaps:%u: malformed line; swap devices unknown\n",
		    line);
		return;
	}
	d->have_swaps = true;
}

int
gather_audit(struct sampler *s, bool want_cmdlines, struct audit_data *d, struct buf *err)
{
	struct rank_request req = { 0 };
	struct snapshot_reader sr;
	struct buf e = BUF_INIT;

	memset(d, 0, sizeof(*d));
	req.want_cmdline = want_cmdlines;
	if (gather_rank(s, &req, &d->rank, err) < 0)
		return -1;
	if (snapshot_reader_open(&sr, sampler_proc_root(s), err) < 0)
		return -1;
	if (snapshot_reader_read(&sr, &d->snap, err) < 0) {
		snapshot_reader_close(&sr);
		return -1;
	}
	read_swaps(&sr, d);
	snapshot_reader_close(&sr);

	blast_reader_init(&d->bc, s);
	if (d->bc.mount.version != 0) {
		uint64_t pk = (uint64_t)d->rank.sys.page_size / 1024;

		if (cgroupfs_list_limited(&d->bc.mount, d->snap.mi.swap_total / pk,
		    d->rank.sys.page_size, &d->memcgs, &e) < 0) {
			buf_printf(&d->notes, "memory cgroups not read: %s\n", buf_str(&e));
			buf_reset(&e);
		}
	}
	if (d->rank.nkillable > 0) {
		if (blast_reader_for_task(&d->bc, s, &d->rank, rank_task(&d->rank, &d->rank.entries[0]),
		    &d->group, &d->members, &e) == 0)
			d->have_group = true;
		else
			buf_printf(&d->notes, "blast radius not read: %s\n", buf_str(&e));
	}
	buf_free(&e);
	return 0;
}

void
gather_audit_input(const struct audit_data *d, const struct protect_list *p,
    struct audit_input *in)
{
	memset(in, 0, sizeof(*in));
	in->rank = &d->rank;
	in->snap = &d->snap;
	in->swaps = d->have_swaps ? &d->swaps : NULL;
	in->memcgs = d->memcgs.v;
	in->nmemcgs = d->memcgs.n;
	in->victim_group = d->have_group ? &d->group : NULL;
	in->victim_members = d->members;
	in->protect = p;
}

void
gather_audit_free(struct audit_data *d)
{
	ranking_free(&d->rank);
	memcg_limited_list_free(&d->memcgs);
	blast_reader_free(&d->bc);
	buf_free(&d->notes);
	memset(d, 0, sizeof(*d));
}
