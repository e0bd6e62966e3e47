/*
 * export-view.c: the Prometheus text of `oomrisk export`: the snapshot,
 * the top candidates and the check verdicts, each family with HELP and TYPE.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/watermark.h"
#include "lib/prom.h"
#include "lib/xalloc.h"
#include "view/export-view.h"

#define L(n, v) { (n), (v), strlen(v) }

static void
meminfo_metrics(struct buf *o, const struct snapshot *s)
{
	const struct meminfo *mi = &s->mi;

	prom_family(o, "oomrisk_memory_total_bytes", "gauge", "MemTotal from /proc/meminfo.");
	prom_sample_u64(o, "oomrisk_memory_total_bytes", NULL, 0, mi->mem_total * 1024);
	prom_family(o, "oomrisk_memory_free_bytes", "gauge", "MemFree from /proc/meminfo.");
	prom_sample_u64(o, "oomrisk_memory_free_bytes", NULL, 0, mi->mem_free * 1024);
	if (meminfo_has(mi, MI_MEM_AVAILABLE)) {
		prom_family(o, "oomrisk_memory_available_bytes", "gauge",
		    "MemAvailable from /proc/meminfo: the kernel's estimate of memory "
		    "available without swapping.");
		prom_sample_u64(o, "oomrisk_memory_available_bytes", NULL, 0,
		    mi->mem_available * 1024);
	}
	prom_family(o, "oomrisk_swap_total_bytes", "gauge", "SwapTotal from /proc/meminfo.");
	prom_sample_u64(o, "oomrisk_swap_total_bytes", NULL, 0, mi->swap_total * 1024);
	prom_family(o, "oomrisk_swap_free_bytes", "gauge", "SwapFree from /proc/meminfo.");
	prom_sample_u64(o, "oomrisk_swap_free_bytes", NULL, 0, mi->swap_free * 1024);
	prom_family(o, "oomrisk_commit_limit_bytes", "gauge",
	    "CommitLimit from /proc/meminfo (enforced only with vm.overcommit_memory=2).");
	prom_sample_u64(o, "oomrisk_commit_limit_bytes", NULL, 0, mi->commit_limit * 1024);
	prom_family(o, "oomrisk_committed_bytes", "gauge", "Committed_AS from /proc/meminfo.");
	prom_sample_u64(o, "oomrisk_committed_bytes", NULL, 0, mi->committed_as * 1024);
	if (s->sysctl.overcommit_memory >= 0) {
		prom_family(o, "oomrisk_overcommit_mode", "gauge",
		    "vm.overcommit_memory: 0 heuristic, 1 always, 2 never (strict).");
		prom_sample_i64(o, "oomrisk_overcommit_mode", NULL, 0, s->sysctl.overcommit_memory);
	}
}

/* One family per call: every zone's value of it. */
static void
zone_family(struct buf *o, const struct zoneinfo *zi, int which)
{
	static const char *marks[] = { "min", "low", "high" };
	int i, k;

	for (i = 0; i < zi->nzones; i++) {
		const struct zone_wm *z = &zi->zones[i].wm;
		char node[16];

		snprintf(node, sizeof(node), "%d", z->node);
		{
			struct prom_label l[] = { L("node", node), L("zone", z->name), L("mark", "") };

			if (which == 0)
				prom_sample_u64(o, "oomrisk_zone_free_bytes", l, 2, z->free_kb * 1024);
			else if (which == 2)
				prom_sample_u64(o, "oomrisk_zone_managed_bytes", l, 2,
				    z->managed_kb * 1024);
			else
				for (k = 0; k < 3; k++) {
					l[2].value = marks[k];
					l[2].len = strlen(marks[k]);
					prom_sample_u64(o, "oomrisk_zone_watermark_bytes", l, 3,
					    wm_mark_kb(z, (enum wm_mark)k) * 1024);
				}
		}
	}
}

static void
zone_metrics(struct buf *o, const struct snapshot *s)
{
	if (!s->have_zoneinfo)
		return;
	prom_family(o, "oomrisk_zone_free_bytes", "gauge", "Free pages of a zone (/proc/zoneinfo).");
	zone_family(o, &s->zi, 0);
	prom_family(o, "oomrisk_zone_watermark_bytes", "gauge",
	    "A zone's min, low and high watermarks, boost included.");
	zone_family(o, &s->zi, 1);
	prom_family(o, "oomrisk_zone_managed_bytes", "gauge", "Pages the buddy allocator manages "
	    "in a zone.");
	zone_family(o, &s->zi, 2);
}

static void
psi_metrics(struct buf *o, const struct snapshot *s)
{
	static const char *kinds[] = { "some", "full" };
	int k;

	if (!s->have_psi)
		return;
	prom_family(o, "oomrisk_memory_pressure_ratio", "gauge", "PSI memory stall averages "
	    "(/proc/pressure/memory) as a ratio of wall time over 10, 60 and 300 s.");
	for (k = 0; k < 2; k++) {
		const struct psi_line *p = k ? &s->psi.full : &s->psi.some;
		const uint64_t v[] = { p->avg10, p->avg60, p->avg300 };
		static const char *win[] = { "10s", "60s", "300s" };
		int w;

		if (!p->present)
			continue;
		for (w = 0; w < 3; w++) {
			struct prom_label l[] = { L("kind", kinds[k]), L("window", win[w]) };

			/* Hundredths of a percent are ten-thousandths: exact decimals. */
			prom_sample_start(o, "oomrisk_memory_pressure_ratio", l, 2);
			buf_printf(o, "%llu.%04llu\n", (unsigned long long)(v[w] / 10000),
			    (unsigned long long)(v[w] % 10000));
		}
	}
	prom_family(o, "oomrisk_memory_pressure_stalled_seconds_total", "counter",
	    "Total time tasks stalled on memory (PSI total).");
	for (k = 0; k < 2; k++) {
		const struct psi_line *p = k ? &s->psi.full : &s->psi.some;
		struct prom_label l[] = { L("kind", kinds[k]) };

		if (!p->present)
			continue;
		prom_sample_start(o, "oomrisk_memory_pressure_stalled_seconds_total", l, 1);
		buf_printf(o, "%llu.%06llu\n", (unsigned long long)(p->total_us / 1000000),
		    (unsigned long long)(p->total_us % 1000000));
	}
}

/* Per-task families, each with every exported task. */
static const struct {
	const char *name, *help;
} task_families[] = {
	{ "oomrisk_task_rank", "Place in the OOM killer's order (1 = the task a global OOM "
	    "would kill now)." },
	{ "oomrisk_task_badness_points", "oom_badness: rss + swap + page tables + the "
	    "oom_score_adj term, in pages." },
	{ "oomrisk_task_oom_score", "The task's /proc/PID/oom_score as computed by oomrisk." },
	{ "oomrisk_task_oom_score_adj", "The task's oom_score_adj." },
	{ "oomrisk_task_adj_points", "The oom_score_adj term of the badness, in pages." },
	{ "oomrisk_task_share_ratio", "rss + swap + page tables as a ratio of totalpages." },
	{ "oomrisk_task_memory_bytes", "The memory the OOM killer counts for the task, by kind." },
};

static void
task_sample(struct buf *o, const struct ranking *r, size_t i, size_t fam)
{
	static const char *kinds[] = { "rss_anon", "rss_file", "rss_shmem", "swap", "pagetables" };
	const struct rank_entry *e = &r->entries[i];
	const struct task *t = rank_task(r, e);
	const char *name = task_families[fam].name;
	const uint64_t mem[] = { t->rss_anon_kb, t->rss_file_kb, t->rss_shmem_kb, t->swap_kb,
	    t->pgtables_kb };
	char pid[16];
	int k;

	snprintf(pid, sizeof(pid), "%d", t->pid);
	{
		struct prom_label l[] = { L("pid", pid), { "comm", t->comm, t->comm_len },
		    L("kind", "") };

		switch (fam) {
		case 0: prom_sample_u64(o, name, l, 2, i + 1); break;
		case 1: prom_sample_i64(o, name, l, 2, e->score.points); break;
		case 2: prom_sample_i64(o, name, l, 2, e->score.proc_score); break;
		case 3: prom_sample_i64(o, name, l, 2, t->adj); break;
		case 4: prom_sample_i64(o, name, l, 2, e->score.adj_points); break;
		case 5: prom_sample_double(o, name, l, 2, rank_share_pct(r, e) / 100); break;
		default:
			for (k = 0; k < 5; k++) {
				if (k < 3 && !t->rss_split)
					continue;
				l[2].value = kinds[k];
				l[2].len = strlen(kinds[k]);
				prom_sample_u64(o, name, l, 3, mem[k] * 1024);
			}
		}
	}
}

static void
task_metrics(struct buf *o, const struct ranking *r, size_t count)
{
	size_t i, f, n = 0;

	prom_family(o, "oomrisk_oom_total_bytes", "gauge", "totalpages of a global OOM "
	    "(RAM + swap), the base of every score, in bytes.");
	prom_sample_u64(o, "oomrisk_oom_total_bytes", NULL, 0,
	    r->totalpages * (uint64_t)r->sys.page_size);
	while (n < r->n && n < count && r->entries[n].score.eligible)
		n++;
	for (f = 0; f < ARRAY_SIZE(task_families) && n > 0; f++) {
		prom_family(o, task_families[f].name, "gauge", task_families[f].help);
		for (i = 0; i < n; i++)
			task_sample(o, r, i, f);
	}
}

static void
cgroup_metrics(struct buf *o, const struct check_input *in)
{
	size_t i;

	if (in->ncgroups == 0)
		return;
	prom_family(o, "oomrisk_memcg_usage_bytes", "gauge", "A memory cgroup's usage "
	    "(memory.current, v1 memory.usage_in_bytes).");
	for (i = 0; i < in->ncgroups; i++) {
		struct prom_label l[] = { L("cgroup", in->cgroups[i].path) };

		prom_sample_u64(o, "oomrisk_memcg_usage_bytes", l, 1, in->cgroups[i].usage_bytes);
	}
	prom_family(o, "oomrisk_memcg_limit_bytes", "gauge", "A memory cgroup's limit "
	    "(memory.max, v1 memory.limit_in_bytes).");
	for (i = 0; i < in->ncgroups; i++) {
		struct prom_label l[] = { L("cgroup", in->cgroups[i].path) };

		prom_sample_u64(o, "oomrisk_memcg_limit_bytes", l, 1, in->cgroups[i].limit_bytes);
	}
	prom_family(o, "oomrisk_memcg_inactive_file_bytes", "gauge", "Inactive file cache of a "
	    "memory cgroup (memory.stat), reclaimable before an OOM.");
	for (i = 0; i < in->ncgroups; i++) {
		struct prom_label l[] = { L("cgroup", in->cgroups[i].path) };

		if (in->cgroups[i].have_inactive_file)
			prom_sample_u64(o, "oomrisk_memcg_inactive_file_bytes", l, 1,
			    in->cgroups[i].inactive_file_bytes);
	}
}

static void
check_metrics(struct buf *o, const struct check_input *in, const struct check_report *r)
{
	size_t i;

	prom_family(o, "oomrisk_check_status", "gauge", "Verdict of each check of oomrisk "
	    "check: 0 ok, 1 warning, 2 critical.");
	for (i = 0; i < r->n; i++) {
		const struct check_item *it = &r->items[i];
		const char *name = check_item_name(it);
		struct prom_label l[] = { L("check", name), L("item", it->label) };

		if (it->evaluated)
			prom_sample_u64(o, "oomrisk_check_status", l, 2, (uint64_t)it->status);
	}
	prom_family(o, "oomrisk_status", "gauge", "Overall verdict: 0 ok, 1 warning, 2 critical, "
	    "3 unknown (the exit status of oomrisk check).");
	prom_sample_u64(o, "oomrisk_status", NULL, 0, (uint64_t)r->status);
	if (in->snap->have_vmstat && in->snap->vm.have_oom_kill) {
		prom_family(o, "oomrisk_oom_kills_total", "counter", "OOM kills since boot, memory "
		    "cgroup kills included (/proc/vmstat oom_kill).");
		prom_sample_u64(o, "oomrisk_oom_kills_total", NULL, 0, in->snap->vm.oom_kill);
	}
	if (in->prev != NULL) {
		struct prom_label c[] = { L("outcome", "confirmed") }, m[] = { L("outcome", "missed") },
		    u[] = { L("outcome", "unpredicted") };

		prom_family(o, "oomrisk_predictions_total", "counter", "OOM kills seen by oomrisk "
		    "check: the predicted victim (confirmed), another task (missed), or no "
		    "prediction for that scope (unpredicted).");
		prom_sample_u64(o, "oomrisk_predictions_total", c, 1, in->prev->confirmed);
		prom_sample_u64(o, "oomrisk_predictions_total", m, 1, in->prev->missed);
		prom_sample_u64(o, "oomrisk_predictions_total", u, 1, in->prev->unpredicted);
	}
}

void
export_view(struct buf *out, const struct snapshot *snap, const struct ranking *r,
    size_t count, const struct check_input *in, const struct check_report *rep)
{
	meminfo_metrics(out, snap);
	zone_metrics(out, snap);
	psi_metrics(out, snap);
	task_metrics(out, r, count);
	cgroup_metrics(out, in);
	check_metrics(out, in, rep);
}
