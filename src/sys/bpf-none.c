/*
 * bpf-none.c: the BPF backend's loader in a build without it
 * (--disable-bpf, or a build tool missing with --enable-bpf=auto), so
 * callers need no #ifdef: opening always fails with one sentence and the
 * caller stays on /proc.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>

#include "sys/bpf-tasks.h"

struct bpf_tasks *
bpf_tasks_open(const char *btf_path, char *err, size_t errlen)
{
	(void)btf_path;
	snprintf(err, errlen, "BPF backend unavailable: oomrisk was built without "
	    "BPF support (configure --enable-bpf)");
	return NULL;
}

void
bpf_tasks_close(struct bpf_tasks *b)
{
	(void)b;
}

int
bpf_tasks_scan(struct bpf_tasks *b, bool memcg_ids, bpf_task_fn fn, void *ctx)
{
	(void)b;
	(void)memcg_ids;
	(void)fn;
	(void)ctx;
	return -ENOSYS;
}

int
bpf_memcgs_scan(struct bpf_tasks *b, int cgroup_dirfd, bpf_memcg_fn fn, void *ctx)
{
	(void)b;
	(void)cgroup_dirfd;
	(void)fn;
	(void)ctx;
	return -ENOSYS;
}

enum bpf_rss_layout
bpf_tasks_layout(const struct bpf_tasks *b)
{
	(void)b;
	return BPF_RSS_UNKNOWN;
}
