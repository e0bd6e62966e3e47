// SPDX-License-Identifier: GPL-2.0-only
/*
 * memcgs.bpf.c: a BPF cgroup iterator (6.1+) that writes one struct
 * oomrisk_bpf_memcg per memory cgroup of the subtree the loader attached
 * it to (pre-order, the subtree's root first): the page counters the
 * kernel compares with the limit in a memcg OOM, and memory.oom.group.
 * A separate object from the task iterator, so that a kernel without the
 * cgroup iterator still loads that one, and a global scan never pays for
 * verifying this program.
 *
 * The kernel lets one iterator pass fill only one seq_file buffer (it
 * drops cgroup_mutex between reads and cannot resume): 64-byte records
 * fit about 500 memory cgroups; the loader reads cgroupfs beyond that.
 */
#include <stdbool.h>
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "kernel.h"
#include "records.h"

char LICENSE[] SEC("license") = "GPL";

SEC("iter/cgroup")
int
oomrisk_memcgs(struct bpf_iter__cgroup *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	struct cgroup *cg = ctx->cgroup;
	struct cgroup_subsys_state *css = NULL, *parent;
	struct mem_cgroup *memcg;
	struct oomrisk_bpf_memcg r = {};
	__u32 idx;

	if (cg == NULL)
		return 0;	/* the call after the last cgroup */
	if (!bpf_core_enum_value_exists(enum cgroup_subsys_id, memory_cgrp_id))
		return 0;
	idx = bpf_core_enum_value(enum cgroup_subsys_id, memory_cgrp_id);
	if (idx >= 16)
		return 0;
	if (bpf_probe_read_kernel(&css, sizeof(css), &cg->subsys[idx]) != 0 || css == NULL)
		return 0;
	/* On v2 a cgroup without the controller has no memory css of its own. */
	if (BPF_CORE_READ(css, cgroup) != cg)
		return 0;
	memcg = (struct mem_cgroup *)((char *)css - bpf_core_field_offset(struct mem_cgroup, css));

	r.size = sizeof(r);
	r.magic = OOMRISK_BPF_MEMCG_MAGIC;
	r.cgroup_id = BPF_CORE_READ(cg, kn, id);
	r.level = BPF_CORE_READ(cg, level);
	parent = BPF_CORE_READ(cg, self.parent);
	if (parent != NULL)
		r.parent_id = BPF_CORE_READ(parent, cgroup, kn, id);
	else
		r.flags |= OOMRISK_BPF_MEMCG_F_ROOT;
	r.usage = BPF_CORE_READ(memcg, memory.usage.counter);
	r.max = BPF_CORE_READ(memcg, memory.max);
	r.swap_usage = BPF_CORE_READ(memcg, swap.usage.counter);
	r.swap_max = BPF_CORE_READ(memcg, swap.max);
	if (bpf_core_field_exists(memcg->oom_group) && BPF_CORE_READ(memcg, oom_group))
		r.flags |= OOMRISK_BPF_MEMCG_F_OOM_GROUP;
	if (bpf_core_field_exists(memcg->swappiness)) {
		r.swappiness = (__s16)BPF_CORE_READ(memcg, swappiness);
		r.flags |= OOMRISK_BPF_MEMCG_F_SWAPPINESS;
	}
	bpf_seq_write(seq, &r, sizeof(r));
	return 0;
}
