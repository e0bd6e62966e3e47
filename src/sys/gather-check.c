/* gather-check.c: gather the live input of check and export. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/parse.h"
#include "lib/xalloc.h"
#include "sys/cgroupfs.h"
#include "sys/fileio.h"
#include "sys/gather-check.h"
#include "sys/gather-rank.h"
#include "sys/logsource.h"
#include "sys/sampler.h"
#include "sys/snapshot-reader.h"

#define MAX_WALK_DEPTH 16

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

/* Add a watched cgroup; its victim is ranked within it. */
static int
add_cgroup(struct check_data *cr, const char *dir, const char *path, int version,
    const struct memcg_limits *l, struct buf *err)
{
	struct check_cgroup *cg;
	struct rank_request req = { 0 };
	struct ranking r = { 0 };
	struct buf rerr = BUF_INIT;

	cr->cgroups = xreallocarray(cr->cgroups, cr->ncgroups + 1, sizeof(*cr->cgroups));
	cr->cgroup_cmdlines = xreallocarray(cr->cgroup_cmdlines, cr->ncgroups + 1,
	    sizeof(char *));
	cg = &cr->cgroups[cr->ncgroups];
	memset(cg, 0, sizeof(*cg));
	cr->cgroup_cmdlines[cr->ncgroups++] = NULL;
	snprintf(cg->path, sizeof(cg->path), "%s", path);
	cg->usage_bytes = l->usage_bytes;
	cg->limit_bytes = l->limit_bytes;
	cg->have_inactive_file = read_inactive_file(dir, version, &cg->inactive_file_bytes);
	req.cgroup = dir;
	req.limit = 1;
	req.want_cmdline = true;
	if (gather_rank(cr->sampler, &req, &r, &rerr) == 0 && r.n > 0 &&
	    r.entries[0].score.eligible) {
		task_from_entry(&r, &r.entries[0], &cg->victim);
		if (cg->victim.cmdline != NULL) {
			cr->cgroup_cmdlines[cr->ncgroups - 1] =
			    xstrndup(cg->victim.cmdline, cg->victim.cmdline_len);
			cg->victim.cmdline = cr->cgroup_cmdlines[cr->ncgroups - 1];
		}
		cg->have_victim = true;
	}
	(void)err;
	buf_free(&rerr);
	ranking_free(&r);
	return 0;
}

/* Every cgroup with a memory limit under the controller's mount. */
static void
walk_limited(struct check_data *cr, const struct memcg_mount *m, char *dir, size_t dlen,
    int depth, struct buf *err)
{
	DIR *d;
	struct dirent *e;
	struct memcg_limits l;

	if (depth > MAX_WALK_DEPTH || cr->ncgroups >= MAX_AUTO_CGROUPS)
		return;
	if (depth > 0 && cgroupfs_read_limits(dir, m->version, &l) == 0 && l.limited) {
		char path[CGROUP_PATH_MAX];
		const char *rel = dir + strlen(m->dir);

		snprintf(path, sizeof(path), "%s%s", strcmp(m->root, "/") == 0 ? "" : m->root, rel);
		add_cgroup(cr, dir, path, m->version, &l, err);
	}
	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL && cr->ncgroups < MAX_AUTO_CGROUPS) {
		size_t n = strlen(e->d_name);

		if (e->d_type != DT_DIR || e->d_name[0] == '.' || dlen + 1 + n >= CGROUP_PATH_MAX)
			continue;
		dir[dlen] = '/';
		memcpy(dir + dlen + 1, e->d_name, n + 1);
		walk_limited(cr, m, dir, dlen + 1 + n, depth + 1, err);
		dir[dlen] = '\0';
	}
	closedir(d);
}

static int
gather_cgroups(struct check_data *cr, const struct conf *c, const struct check_request *req,
    struct buf *err)
{
	size_t i;

	if (req->ncgroups == 0) {
		struct memcg_mount m;
		struct buf mi = BUF_INIT;
		char dir[CGROUP_PATH_MAX];
		const struct thr *t = &c->check.t[M_CGROUP];

		if (t->warn.unit == THR_OFF && t->crit.unit == THR_OFF)
			return 0;
		if (read_file_buf(AT_FDCWD, "/proc/self/mountinfo", &mi) < 0 ||
		    mountinfo_find_memcg(mi.data, mi.len, &m) < 0) {
			buf_free(&mi);
			return 0;	/* no memory controller: nothing to watch */
		}
		buf_free(&mi);
		snprintf(dir, sizeof(dir), "%s", m.dir);
		walk_limited(cr, &m, dir, strlen(dir), 0, err);
		return 0;
	}
	for (i = 0; i < req->ncgroups; i++) {
		struct memcg_scope sc;
		int rc = cgroupfs_resolve(req->cgroups[i], &sc, err);

		if (rc < 0)
			return -1;
		if (!sc.limits.limited) {
			buf_printf(err, "%s: has no memory limit of its own", sc.path);
			return -1;
		}
		add_cgroup(cr, sc.dir, sc.path, sc.limits.version, &sc.limits, err);
	}
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

int
gather_check(struct check_data *cr, const struct conf *c, const struct check_request *req,
    struct buf *err)
{
	struct snapshot_reader sr;
	struct rank_request rq = { 0 };
	struct check_input *in = &cr->in;
	const char *serr;
	char boot[64];
	long n;
	size_t i;

	memset(cr, 0, sizeof(*cr));
	if (snapshot_reader_open(&sr, NULL, err) < 0)
		return -1;
	if (snapshot_reader_read(&sr, &cr->snap, err) < 0) {
		snapshot_reader_close(&sr);
		return -1;
	}
	snapshot_reader_close(&sr);
	n = read_file_at(AT_FDCWD, "/proc/sys/kernel/random/boot_id", boot, sizeof(boot), NULL);
	while (n > 0 && (boot[n - 1] == '\n' || boot[n - 1] == ' '))
		boot[--n] = '\0';
	snprintf(cr->boot_id, sizeof(cr->boot_id), "%.39s", n > 0 ? boot : "-");

	if ((cr->sampler = sampler_new(&serr)) == NULL) {
		buf_puts(err, serr);
		return -1;
	}
	rq.limit = req->top_n > GROWTH_TASKS ? req->top_n : GROWTH_TASKS;
	rq.want_cmdline = true;
	if (gather_rank(cr->sampler, &rq, &cr->rank, err) < 0)
		return -1;
	cr->tasks = xcalloc(GROWTH_TASKS, sizeof(*cr->tasks));
	for (i = 0; i < cr->rank.n && cr->ntasks < GROWTH_TASKS; i++) {
		const struct rank_entry *e = &cr->rank.entries[i];
		struct check_task *ct = &cr->tasks[cr->ntasks];

		if (!e->score.eligible)
			break;
		task_from_entry(&cr->rank, e, ct);
		if (!sampler_starttime(cr->sampler, ct->pid, &ct->start))
			continue;	/* exited meanwhile */
		cr->ntasks++;
	}
	if (gather_cgroups(cr, c, req, err) < 0)
		return -2;

	if (statefile_load(req->state_path, &cr->prev, &cr->prev_status, &cr->prev_why) < 0) {
		/* Not a state file to read, or unreadable: nothing to evaluate against. */
		buf_add(err, cr->prev_why.data, cr->prev_why.len);
		return -1;
	}
	memset(in, 0, sizeof(*in));
	in->snap = &cr->snap;
	in->conf = c;
	in->totalpages_kb = cr->rank.sys.totalpages * ((uint64_t)cr->rank.sys.page_size / 1024);
	if (cr->rank.n > 0 && cr->rank.entries[0].score.eligible) {
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

		in->kills_read = logsource_read_kills(from, &cr->kills, &in->window, &cr->kills_err) == 0;
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
