/* gather-check.c: gather the live input of check and export. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/parse.h"
#include "lib/sort.h"
#include "lib/xalloc.h"
#include "sys/backend.h"
#include "sys/bpf-sampler.h"
#include "sys/cgroupfs.h"
#include "sys/fileio.h"
#include "sys/gather-check.h"
#include "sys/gather-rank.h"
#include "sys/logsource.h"
#include "sys/sampler.h"
#include "sys/snapshot-reader.h"


static void
task_from_entry(const struct ranking *r, const struct rank_entry *e, struct check_task *ct)
{
	const struct task *t = rank_task(r, e);
	const char *cmd = task_cmdline(&r->tasks, t);

	memset(ct, 0, sizeof(*ct));
	ct->pid = t->pid;
	memcpy(ct->comm, t->comm, t->comm_len);
	ct->comm_len = t->comm_len;
	ct->cmdline = cmd;
	ct->cmdline_len = cmd ? t->cmdline_len : 0;
	ct->mem_kb = t->rss_kb + t->swap_kb;
	ct->share_pct = rank_share_pct(r, e);
	ct->points = e->score.points;
}

/* memory.stat's inactive file cache: v2 inactive_file, v1 total_inactive_file. */
static bool
read_inactive_file(const char *dir, int version, uint64_t *bytes)
{
	char path[CGROUP_PATH_MAX + 32];
	struct buf b = BUF_INIT;
	long n;
	int rc = -1;

	snprintf(path, sizeof(path), "%s/memory.stat", dir);
	if ((n = read_file_buf(AT_FDCWD, path, &b)) > 0)
		rc = cgroup_stat_value(b.data, b.len, version == 2 ? "inactive_file" :
		    "total_inactive_file", bytes);
	buf_free(&b);
	return rc == 0;
}

/* Kills of a cgroup's tasks so far: v2 memory.events, v1 memory.oom_control. */
static void
read_kill_counter(const char *dir, int version, struct check_cgroup *cg)
{
	char path[CGROUP_PATH_MAX + 32], buf[1024];
	struct memcg_events ev;
	long n;

	memset(&ev, 0, sizeof(ev));
	snprintf(path, sizeof(path), "%s/%s", dir, version == 2 ? "memory.events" :
	    "memory.oom_control");
	if ((n = read_file_at(AT_FDCWD, path, buf, sizeof(buf), NULL)) <= 0)
		return;
	memcg_events_parse(buf, (size_t)n, version, &ev);
	cg->have_oom_kills = version == 2 ? ev.have : ev.have_v1_oom_kill;
	cg->oom_kills = ev.oom_kill;
}

/* A watched cgroup's numbers, without its victim (ranked later, for the chosen ones). */
static void
fill_cgroup(struct check_cgroup *cg, const char *dir, const char *path, int version,
    const struct memcg_limits *l)
{
	memset(cg, 0, sizeof(*cg));
	snprintf(cg->path, sizeof(cg->path), "%s", path);
	cg->usage_bytes = l->usage_bytes;
	cg->limit_bytes = l->limited ? l->limit_bytes : 0;
	cg->have_inactive_file = read_inactive_file(dir, version, &cg->inactive_file_bytes);
	read_kill_counter(dir, version, cg);
}

/* Rank within the cgroup for its own would-be victim. */
static void
rank_cgroup(struct check_data *cr, size_t i)
{
	struct check_cgroup *cg = &cr->cgroups[i];
	struct rank_request req = { 0 };
	struct ranking r = { 0 };
	struct buf rerr = BUF_INIT;
	int rc;

	req.cgroup = cg->path;
	req.limit = 1;
	req.want_cmdline = true;
	rc = gather_rank(cr->sampler, &req, &r, &rerr);
	/* The BPF backend read the kernel's page counters with the members. */
	if (rc == 0 && r.tasks.source == TASK_SOURCE_BPF) {
		cg->usage_bytes = r.memcg.limits.usage_bytes;
		cg->limit_bytes = r.memcg.limits.limit_bytes;
	}
	if (rc == 0 && r.n > 0 && rank_candidate(&r.entries[0])) {
		task_from_entry(&r, &r.entries[0], &cg->victim);
		if (cg->victim.cmdline != NULL) {
			cr->cgroup_cmdlines[i] = xstrndup(cg->victim.cmdline, cg->victim.cmdline_len);
			cg->victim.cmdline = cr->cgroup_cmdlines[i];
		}
		cg->have_victim = true;
	}
	buf_free(&rerr);
	ranking_free(&r);
}

static struct check_cgroup *
new_cgroup(struct check_data *cr)
{
	cr->cgroups = xreallocarray(cr->cgroups, cr->ncgroups + 1, sizeof(*cr->cgroups));
	return &cr->cgroups[cr->ncgroups++];
}

static bool
watched(const struct check_data *cr, const char *path)
{
	size_t i;

	for (i = 0; i < cr->ncgroups; i++)
		if (strcmp(cr->cgroups[i].path, path) == 0)
			return true;
	return false;
}

static int
risk_cmp(const void *pa, const void *pb, void *arg)
{
	double a = check_cgroup_risk(pa), b = check_cgroup_risk(pb);

	(void)arg;
	if (a != b)
		return a > b ? -1 : 1;
	return strcmp(((const struct check_cgroup *)pa)->path,
	    ((const struct check_cgroup *)pb)->path);
}

/*
 * The cgroups to watch: the named ones, or those with a limit closest to
 * it (at most max), and every [cgroup] section's that exists; then each
 * one's own would-be victim.
 */
static int
gather_cgroups(struct check_data *cr, const struct conf *c, const struct check_request *req,
    struct buf *err)
{
	size_t i, max = req->max_cgroups ? req->max_cgroups : MAX_AUTO_CGROUPS;
	struct memcg_mount m;
	bool have_mount = cgroupfs_find_mount(cr->sampler, &m) == 0;

	if (req->ncgroups == 0 && have_mount) {
		struct memcg_limited_list l = { 0 };
		struct buf gone = BUF_INIT;
		const struct thr *t = &c->check.t[M_CGROUP];
		uint64_t pk = (uint64_t)cr->rank.sys.page_size / 1024;

		if (t->warn.unit != THR_OFF || t->crit.unit != THR_OFF || req->max_cgroups) {
			cgroupfs_list_limited(&m, cr->rank.sys.mi.swap_total / (pk ? pk : 4),
			    cr->rank.sys.page_size, &l, &gone);
			for (i = 0; i < l.n; i++) {
				char dir[CGROUP_PATH_MAX];

				if (memcg_dir_of(&m, l.v[i].path, dir, sizeof(dir)) == 0)
					fill_cgroup(new_cgroup(cr), dir, l.v[i].path, m.version,
					    &l.v[i].limits);
			}
			cr->cgroups_limited = cr->ncgroups;
			/* The closest to their limits first; the cap keeps labels bounded. */
			sort_inplace(cr->cgroups, cr->ncgroups, sizeof(*cr->cgroups), risk_cmp, NULL);
			if (cr->ncgroups > max)
				cr->ncgroups = max;
		}
		memcg_limited_list_free(&l);
		buf_free(&gone);
	}
	for (i = 0; i < req->ncgroups; i++) {
		struct memcg_scope sc;
		int rc = cgroupfs_resolve(cr->sampler, req->cgroups[i], &sc, err);

		if (rc < 0)
			return -1;
		if (!sc.limits.limited) {
			buf_printf(err, "%s: has no memory limit of its own", sc.path);
			return -1;
		}
		fill_cgroup(new_cgroup(cr), sc.dir, sc.path, sc.limits.version, &sc.limits);
	}
	/* [cgroup] sections are watched whatever their limits (kills, levels). */
	for (i = 0; i < c->ncgroups && have_mount; i++) {
		struct memcg_scope sc;
		struct buf why = BUF_INIT;

		if (watched(cr, c->cgroups[i].path) ||
		    cgroupfs_resolve(cr->sampler, c->cgroups[i].path, &sc, &why) < 0) {
			buf_free(&why);
			continue;	/* a section for a cgroup not made yet */
		}
		fill_cgroup(new_cgroup(cr), sc.dir, sc.path, sc.limits.version, &sc.limits);
		buf_free(&why);
	}
	cr->cgroup_cmdlines = xcalloc(cr->ncgroups ? cr->ncgroups : 1, sizeof(char *));
	for (i = 0; i < cr->ncgroups; i++)
		rank_cgroup(cr, i);
	return 0;
}

static uint64_t
boottime_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_BOOTTIME, &ts) != 0)
		clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/*
 * The kills in the kernel log since record from: /dev/kmsg for the live
 * system; a saved tree's kmsg file (raw /dev/kmsg records, as
 * tests/fixtures/procroot/capture.sh saves them) for --proc-root.
 */
static int
read_kills(struct check_data *cr, uint64_t from, struct kmsg_window *w)
{
	struct buf b = BUF_INIT;
	long n;

	if (sampler_is_live(cr->sampler))
		return logsource_read_kills(from, &cr->kills, w, &cr->kills_err);
	memset(w, 0, sizeof(*w));
	if ((n = sampler_read_regular(cr->sampler, "kmsg", 64 << 20, &b)) < 0) {
		buf_printf(&cr->kills_err, "%s/kmsg: %s", sampler_proc_root(cr->sampler),
		    strerror((int)-n));
		buf_free(&b);
		return -1;
	}
	kills_from_kmsg(b.data, b.len, from, &cr->kills, w);
	buf_free(&b);
	return 0;
}

int
gather_check(struct check_data *cr, const struct conf *c, const struct check_request *req,
    struct buf *err)
{
	struct snapshot_reader sr;
	struct rank_request rq = { 0 };
	struct check_input *in = &cr->in;
	const char *serr;
	struct buf boot = BUF_INIT;
	long n;
	size_t i;

	memset(cr, 0, sizeof(*cr));
	if ((cr->sampler = sampler_new(req->proc_root, &serr)) == NULL) {
		buf_puts(err, serr);
		return -1;
	}
	backend_attach(cr->sampler, req->backend, false, &cr->backend_note);
	/* One task scan for the global ranking and every cgroup's. */
	if (sampler_bpf(cr->sampler) != NULL)
		bpf_sampler_hold(sampler_bpf(cr->sampler), true);
	if (snapshot_reader_open(&sr, sampler_proc_root(cr->sampler), err) < 0)
		return -1;
	if (snapshot_reader_read(&sr, &cr->snap, err) < 0) {
		snapshot_reader_close(&sr);
		return -1;
	}
	snapshot_reader_close(&sr);
	n = sampler_read(cr->sampler, "sys/kernel/random/boot_id", &boot);
	while (n > 0 && (boot.data[n - 1] == '\n' || boot.data[n - 1] == ' '))
		boot.data[--n] = '\0';
	snprintf(cr->boot_id, sizeof(cr->boot_id), "%.39s", n > 0 ? boot.data : "-");
	buf_free(&boot);

	rq.limit = req->top_n > GROWTH_TASKS ? req->top_n : GROWTH_TASKS;
	rq.want_cmdline = true;
	if (gather_rank(cr->sampler, &rq, &cr->rank, err) < 0)
		return -1;
	cr->tasks = xcalloc(GROWTH_TASKS, sizeof(*cr->tasks));
	for (i = 0; i < cr->rank.n && cr->ntasks < GROWTH_TASKS; i++) {
		const struct rank_entry *e = &cr->rank.entries[i];
		struct check_task *ct = &cr->tasks[cr->ntasks];

		if (!rank_candidate(e))
			break;
		task_from_entry(&cr->rank, e, ct);
		if (!sampler_starttime(cr->sampler, ct->pid, &ct->start))
			continue;	/* exited meanwhile */
		cr->ntasks++;
	}
	if (gather_cgroups(cr, c, req, err) < 0)
		return -2;
	if (sampler_bpf(cr->sampler) != NULL)
		bpf_sampler_hold(sampler_bpf(cr->sampler), false);

	if (statefile_load(req->state_path, &cr->prev, &cr->prev_status, &cr->prev_why) < 0) {
		/* Not a state file to read, or unreadable: nothing to evaluate against. */
		buf_add(err, cr->prev_why.data, cr->prev_why.len);
		return -1;
	}
	memset(in, 0, sizeof(*in));
	in->snap = &cr->snap;
	in->conf = c;
	in->totalpages_kb = cr->rank.sys.totalpages * ((uint64_t)cr->rank.sys.page_size / 1024);
	if (cr->rank.n > 0 && rank_candidate(&cr->rank.entries[0])) {
		in->have_victim = true;
		task_from_entry(&cr->rank, &cr->rank.entries[0], &in->victim);
		if (cr->ntasks > 0 && cr->tasks[0].pid == in->victim.pid)
			in->victim.start = cr->tasks[0].start;
	}
	in->tasks = cr->tasks;
	in->ntasks = cr->ntasks;
	in->cgroups = cr->cgroups;
	in->ncgroups = cr->ncgroups;
	in->prev = cr->prev_status == STATEFILE_OK ? &cr->prev : NULL;
	in->boot_id = cr->boot_id;
	in->uptime_ms = boottime_ms();
	in->wall = (int64_t)time(NULL);
	in->source = cr->rank.tasks.source;
	if (req->read_kernel_log) {
		bool same_boot = in->prev != NULL && strcmp(in->prev->boot_id, cr->boot_id) == 0;
		/*
		 * The first run only learns where the log ends (UINT64_MAX);
		 * after a reboot every record is new (0).  A previous run of
		 * this boot that could not read the log left no position:
		 * start afresh rather than report old kills as new.
		 */
		uint64_t from = in->prev == NULL ? UINT64_MAX : !same_boot ? 0 :
		    in->prev->have_kmsg_seq ? in->prev->kmsg_seq : UINT64_MAX;

		in->kills_read = read_kills(cr, from, &in->window) == 0;
		in->kills = &cr->kills;
		in->kills_error = buf_str(&cr->kills_err);
	}
	return 0;
}

void
gather_check_free(struct check_data *cr)
{
	size_t i;

	for (i = 0; i < cr->ncgroups; i++)
		free(cr->cgroup_cmdlines[i]);
	free(cr->cgroup_cmdlines);
	free(cr->cgroups);
	free(cr->tasks);
	ranking_free(&cr->rank);
	sampler_free(cr->sampler);
	kills_free(&cr->kills);
	buf_free(&cr->kills_err);
	buf_free(&cr->prev_why);
	buf_free(&cr->backend_note);
	memset(cr, 0, sizeof(*cr));
}

const char *
check_state_path(const char *option, const struct conf *c, char *buf, size_t size)
{
	if (option != NULL)
		return option;
	if (c->state_file != NULL)
		return c->state_file;
	return statefile_default_path(buf, size) == 0 ? buf : NULL;
}
