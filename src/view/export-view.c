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
	{
		struct prom_label b[] = { L("backend", task_source_name(r->tasks.source)) };

		prom_family(o, "oomrisk_backend_info", "gauge", "Where the task numbers came "
		    "from: /proc (proc) or the BPF task iterator, the OOM killer's own "
		    "counters (bpf).");
		prom_sample_u64(o, "oomrisk_backend_info", b, 1, 1);
	}
	while (n < r->n && n < count && rank_candidate(&r->entries[n]))
		n++;
	for (f = 0; f < ARRAY_SIZE(task_families) && n > 0; f++) {
		prom_family(o, task_families[f].name, "gauge", task_families[f].help);
		for (i = 0; i < n; i++)
			task_sample(o, r, i, f);
	}
}

/* One gauge per watched cgroup; have() says whether a cgroup has the value. */
static void
cgroup_family(struct buf *o, const struct check_input *in, const char *name, const char *help,
    const char *type, bool (*have)(const struct check_cgroup *),
    uint64_t (*value)(const struct check_cgroup *))
{
	size_t i;
	bool any = false;

	for (i = 0; i < in->ncgroups; i++)
		any = any || have(&in->cgroups[i]);
	if (!any)
		return;
	prom_family(o, name, type, help);
	for (i = 0; i < in->ncgroups; i++) {
		struct prom_label l[] = { L("cgroup", in->cgroups[i].path) };

		if (have(&in->cgroups[i]))
			prom_sample_u64(o, name, l, 1, value(&in->cgroups[i]));
	}
}

static bool cg_any(const struct check_cgroup *c) { (void)c; return true; }
static bool cg_limited(const struct check_cgroup *c) { return c->limit_bytes > 0; }
static bool cg_inactive(const struct check_cgroup *c) { return c->have_inactive_file; }
static bool cg_kills(const struct check_cgroup *c) { return c->have_oom_kills; }
static uint64_t cg_usage(const struct check_cgroup *c) { return c->usage_bytes; }
static uint64_t cg_limit(const struct check_cgroup *c) { return c->limit_bytes; }
static uint64_t cg_inactive_v(const struct check_cgroup *c) { return c->inactive_file_bytes; }
static uint64_t cg_kills_v(const struct check_cgroup *c) { return c->oom_kills; }

/* What the kernel may still charge before reclaim and the OOM killer: limit - usage. */
static uint64_t
cg_headroom(const struct check_cgroup *c)
{
	return c->limit_bytes > c->usage_bytes ? c->limit_bytes - c->usage_bytes : 0;
}

static void
cgroup_metrics(struct buf *o, const struct check_input *in, size_t limited)
{
	size_t i;

	if (in->ncgroups == 0)
		return;
	prom_family(o, "oomrisk_memcg_watched", "gauge", "Memory cgroups with a limit found "
	    "(kind=\"limited\") and exported (kind=\"exported\"): at most the cap of "
	    "export --max-cgroups, the closest to their limits first.");
	{
		struct prom_label a[] = { L("kind", "limited") }, b[] = { L("kind", "exported") };

		prom_sample_u64(o, "oomrisk_memcg_watched", a, 1, limited);
		prom_sample_u64(o, "oomrisk_memcg_watched", b, 1, in->ncgroups);
	}
	cgroup_family(o, in, "oomrisk_memcg_usage_bytes", "A memory cgroup's usage "
	    "(memory.current, v1 memory.usage_in_bytes).", "gauge", cg_any, cg_usage);
	cgroup_family(o, in, "oomrisk_memcg_limit_bytes", "A memory cgroup's limit "
	    "(memory.max, v1 memory.limit_in_bytes).", "gauge", cg_limited, cg_limit);
	cgroup_family(o, in, "oomrisk_memcg_headroom_bytes", "A memory cgroup's limit minus "
	    "its usage: what it may still charge before reclaim and, failing that, an OOM "
	    "kill.", "gauge", cg_limited, cg_headroom);
	cgroup_family(o, in, "oomrisk_memcg_inactive_file_bytes", "Inactive file cache of a "
	    "memory cgroup (memory.stat), reclaimable before an OOM.", "gauge", cg_inactive,
	    cg_inactive_v);
	cgroup_family(o, in, "oomrisk_memcg_oom_kills_total", "Tasks of a memory cgroup and "
	    "its descendants killed by the OOM killer since the cgroup was made (memory.events "
	    "oom_kill; v1 memory.oom_control oom_kill, this cgroup only).", "counter", cg_kills,
	    cg_kills_v);
	for (i = 0; i < in->ncgroups && !in->cgroups[i].have_victim; i++)
		;
	if (i == in->ncgroups)
		return;
	prom_family(o, "oomrisk_memcg_victim_share_ratio", "gauge", "The task an OOM at this "
	    "memory cgroup's limit would kill now (labels pid, comm): its rss + swap + page "
	    "tables as a ratio of the cgroup's totalpages.");
	for (i = 0; i < in->ncgroups; i++) {
		const struct check_cgroup *c = &in->cgroups[i];
		char pid[16];

		if (!c->have_victim)
			continue;
		snprintf(pid, sizeof(pid), "%d", c->victim.pid);
		{
			struct prom_label l[] = { L("cgroup", c->path), L("pid", pid),
			    { "comm", c->victim.comm, c->victim.comm_len } };

			prom_sample_double(o, "oomrisk_memcg_victim_share_ratio", l, 3,
			    c->victim.share_pct / 100);
		}
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
    size_t count, const struct check_input *in, const struct check_report *rep,
    size_t cgroups_limited)
{
	meminfo_metrics(out, snap);
	zone_metrics(out, snap);
	psi_metrics(out, snap);
	task_metrics(out, r, count);
	cgroup_metrics(out, in, cgroups_limited);
	check_metrics(out, in, rep);
}
