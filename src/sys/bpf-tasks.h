/*
 * bpf-tasks.h: the BPF backend's loader.  Loads the task iterator
 * (src/bpf/tasks.bpf.c) once, keeps its link inside this process
 * (nothing is pinned, every fd is close-on-exec, so no other process can
 * read it), and on each scan creates a fresh iterator fd, reads it to the
 * end into a kept buffer and hands each record to a callback: no
 * allocation per scan.  The memory-cgroup iterator (src/bpf/memcgs.bpf.c,
 * 6.1+) is loaded the first time it is asked for.
 *
 * Both are light skeletons (bpftool gen skeleton -L): a small loader
 * program does the CO-RE relocations in the kernel against its own BTF
 * (5.17+), so nothing parses vmlinux BTF in this process and libbpf is
 * not linked.  Privileges: CAP_BPF and CAP_PERFMON (or CAP_SYS_ADMIN).
 *
 * Every failure comes back as one sentence in err, for a caller that
 * falls back to /proc and says so once.
 *
 * Built with --enable-bpf; without it, bpf_tasks_open() always fails
 * with "built without BPF support" (src/sys/bpf-none.c).
 */
#ifndef OOMRISK_SYS_BPF_TASKS_H
#define OOMRISK_SYS_BPF_TASKS_H

#include <stdbool.h>
#include <stddef.h>

#include "sys/bpf-records.h"

/* Where the running kernel's BTF is; the iterators need it (CONFIG_DEBUG_INFO_BTF). */
#define BPF_TASKS_BTF_DEFAULT "/sys/kernel/btf/vmlinux"

struct bpf_tasks;

/* A scan's consumer: 0 to go on, a negative errno to stop the scan with it. */
typedef int (*bpf_task_fn)(const struct bpf_task *t, void *ctx);
typedef int (*bpf_memcg_fn)(const struct bpf_memcg *m, void *ctx);

/*
 * Load and attach the task iterator, then check it on our own process
 * (the record must name us, with a known counter layout and numbers that
 * make sense).  btf_path NULL means BPF_TASKS_BTF_DEFAULT; another path
 * is for tests (a missing file simulates a kernel without BTF).  NULL on
 * failure, with one sentence in err ("BPF backend unavailable: ...").
 */
struct bpf_tasks *bpf_tasks_open(const char *btf_path, char *err, size_t errlen);
void bpf_tasks_close(struct bpf_tasks *b);

/*
 * Every thread group of our pid namespace, in pid order, to fn.  With
 * memcg_ids each record also carries its memory cgroup's id (a few more
 * cache misses per task).  0, or -errno (the stream was cut or malformed,
 * or fn stopped it); on an error, discard what fn was given.
 */
int bpf_tasks_scan(struct bpf_tasks *b, bool memcg_ids, bpf_task_fn fn, void *ctx);

/*
 * Every memory cgroup of the subtree rooted at the cgroup directory
 * cgroup_dirfd, pre-order (the root first), to fn.  0; -EOPNOTSUPP when
 * the kernel has no cgroup iterator (before 6.1) or it cannot be loaded;
 * -E2BIG when the subtree's records exceed what the kernel lets one
 * iterator pass hold (about 500 memory cgroups: read cgroupfs instead).
 * On an error, fn may have seen part of the subtree: discard it.
 */
int bpf_memcgs_scan(struct bpf_tasks *b, int cgroup_dirfd, bpf_memcg_fn fn, void *ctx);

/* The counter layout the kernel has, as found at open. */
enum bpf_rss_layout bpf_tasks_layout(const struct bpf_tasks *b);

#endif
