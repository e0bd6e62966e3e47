/*
 * bpf-sampler.h: the sampler's BPF backend.  The task list comes from the
 * task iterator (sys/bpf-tasks.h) instead of /proc, each task filled in
 * full (core/task.h, via bpf_task_fill()) from the counters the OOM killer
 * reads; a memory cgroup's members are the tasks whose memory cgroup is
 * it or a descendant (the set mem_cgroup_scan_tasks() walks), matched by
 * cgroup id, and its page counters come from the cgroup iterator where
 * the kernel has one.  Command lines are still read from /proc, for the
 * rows shown only (sys/gather-rank.c).
 *
 * sys/gather-rank.c calls this when sampler_bpf() is set; sys/backend.h
 * decides whether it is.
 */
#ifndef OOMRISK_SYS_BPF_SAMPLER_H
#define OOMRISK_SYS_BPF_SAMPLER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/memcg.h"
#include "core/task.h"

struct bpf_sampler;

/*
 * Load the iterators (btf_path: see bpf_tasks_open()).  NULL with one
 * sentence in err when they cannot be used.
 */
struct bpf_sampler *bpf_sampler_open(const char *btf_path, char *err, size_t errlen);
void bpf_sampler_free(struct bpf_sampler *b);

/*
 * hold: let the scans that follow reuse one scan (with memory cgroup ids)
 * until released, so that the global scope and several cgroups of one
 * check are taken at the same moment and for the price of one scan.
 */
void bpf_sampler_hold(struct bpf_sampler *b, bool hold);

/*
 * What a scan calls to keep the list small: trim(ctx) whenever the list
 * has reached `at` tasks (rank_trim(); at 0: never).
 */
struct task_trim {
	size_t at;
	void (*trim)(void *ctx);
	void *ctx;
};

/*
 * Every task of our pid namespace, appended to out (trimmed as trim says,
 * NULL for never).  A task the record cannot stand for (the kernel's
 * thread walk was cut short) is added with detailed false, for the caller
 * to read from /proc.  0 or -errno.
 */
int bpf_sampler_tasks(struct bpf_sampler *b, long page_size, struct task_list *out,
    const struct task_trim *trim);

/*
 * The members of the memory cgroup at dir (its directory under the
 * controller's mount), appended to out as above, and its page counters
 * into l (bpf_memcg_limits()) when the cgroup iterator read them (the
 * files' figures stay otherwise).  0 or -errno.
 */
int bpf_sampler_memcg(struct bpf_sampler *b, long page_size, const char *dir,
    struct memcg_limits *l, struct task_list *out);

#endif
