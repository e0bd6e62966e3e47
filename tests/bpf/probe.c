/*
 * probe: what the BPF backend loads, reads and costs, below the commands.
 *
 *   probe [--load-only] [--scans N] [--show PID]... [--ppids] [--memcg-root DIR]
 *
 * Loads the task iterator (sys/bpf-tasks.h; the BTF path from
 * $OOMRISK_BTF like the commands) and prints "key: value" lines:
 *   load: CPU and wall time of loading, RSS before, peak and after
 *   layout: the rss counter layout the kernel has
 *   tasks: how many thread groups one scan lists
 *   task PID: ... (--show) one record, raw
 *   ppid PID PPID: (--ppids) every task's parent, as our namespace numbers both
 *   bpf scan / proc status scan / proc oom_score scan (--scans N): CPU
 *     per scan, averaged over N, of the iterator (records decoded), of
 *     the /proc scan `rank --all` does (getdents, status, oom_score_adj)
 *     and of the one top's prefilter does (getdents, oom_score)
 *   memcg ...: (--memcg-root) the cgroup iterator over the subtree at DIR
 *     against its cgroupfs files: every memory cgroup's max must equal
 *     its file's
 * Exit 0; 1 when a memory cgroup disagrees; 3 when the backend cannot be
 * opened (the message on stderr, as the commands print it).  Used by
 * tests/bpf-live.sh and bench/bpf.sh.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/task.h"
#include "sys/backend.h"
#include "sys/bpf-tasks.h"
#include "sys/fileio.h"
#include "sys/sampler.h"

#define MAX_SHOW 8

/* User and system CPU time in ms. */
static void
cpu_split(double *user, double *sys)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	*user = (double)ru.ru_utime.tv_sec * 1e3 + (double)ru.ru_utime.tv_usec / 1e3;
	*sys = (double)ru.ru_stime.tv_sec * 1e3 + (double)ru.ru_stime.tv_usec / 1e3;
}

static double
wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* A "Vm...:" line of /proc/self/status in kB, or 0. */
static long
self_status_kb(const char *key)
{
	char line[256];
	long v = 0;
	size_t klen = strlen(key);
	FILE *f = fopen("/proc/self/status", "r");

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, key, klen) == 0 && line[klen] == ':')
			v = strtol(line + klen + 1, NULL, 10);
	fclose(f);
	return v;
}

struct shown {
	int pid[MAX_SHOW];
	int n;
	bool ppids;
	size_t tasks;
};

static int
show_task(const struct bpf_task *t, void *ctx)
{
	struct shown *s = ctx;
	int i;

	s->tasks++;
	if (s->ppids && t->ns_pid > 0)
		printf("ppid %d %d\n", t->ns_pid, t->ns_ppid);
	for (i = 0; i < s->n; i++)
		if (t->ns_pid == s->pid[i])
			printf("task %d: pid=%d ppid=%d mm_tid=%d comm=%s adj=%d has_mm=%d "
			    "mm_from_thread=%d in_vfork=%d oom_skip=%d kthread=%d "
			    "walk_truncated=%d anon=%" PRIu64 " file=%" PRIu64 " shmem=%" PRIu64
			    " swap=%" PRIu64 " pgtables_bytes=%" PRIu64 " memcg_id=%" PRIu64 "\n",
			    t->ns_pid, t->pid, t->ns_ppid, t->mm_tid, t->comm, t->adj, t->has_mm,
			    t->mm_from_thread, t->in_vfork, t->oom_skip, t->kthread,
			    t->walk_truncated, t->rss_anon, t->rss_file, t->rss_shmem, t->swap,
			    t->pgtables_bytes, t->memcg_id);
	return 0;
}

static int
count_task(const struct bpf_task *t, void *ctx)
{
	(void)t;
	(*(size_t *)ctx)++;
	return 0;
}

/* One timing line: CPU (user, sys) and wall per scan since u0/s0/w0. */
static void
time_line(const char *what, size_t tasks, int n, double u0, double s0, double w0)
{
	double u, sy;

	cpu_split(&u, &sy);
	printf("%s: %zu tasks, %.2f ms CPU (user %.2f, sys %.2f), %.2f ms wall per scan "
	    "(%d scans)\n", what, tasks, (u - u0 + sy - s0) / n, (u - u0) / n, (sy - s0) / n,
	    (wall_ms() - w0) / n, n);
}

static void
time_scans(struct bpf_tasks *b, int n)
{
	struct task_list tl = { 0 };
	struct task_refs refs = { 0 };
	struct system_mem sys;
	struct sampler *s;
	const char *why;
	char err[256];
	double u0, s0, w0;
	size_t i, count = 0;
	int k;

	cpu_split(&u0, &s0);
	w0 = wall_ms();
	for (k = 0; k < n; k++) {
		count = 0;
		(void)bpf_tasks_scan(b, false, count_task, &count);
	}
	time_line("bpf scan", count, n, u0, s0, w0);
	if ((s = sampler_new(NULL, &why)) == NULL || sampler_system(s, &sys, err, sizeof(err)) < 0)
		return;
	cpu_split(&u0, &s0);
	w0 = wall_ms();
	for (k = 0; k < n; k++) {
		task_list_clear(&tl);
		refs.n = 0;
		(void)sampler_scan(s, &refs, false);
		for (i = 0; i < refs.n; i++) {
			struct task *t = task_list_add(&tl);

			t->pid = refs.v[i].pid;
			(void)sampler_task_detail(s, &sys, t);
		}
	}
	time_line("proc status scan", tl.n, n, u0, s0, w0);
	cpu_split(&u0, &s0);
	w0 = wall_ms();
	for (k = 0; k < n; k++) {
		refs.n = 0;
		(void)sampler_scan(s, &refs, true);
	}
	time_line("proc oom_score scan", refs.n, n, u0, s0, w0);
	task_list_free(&tl);
	task_refs_free(&refs);
	sampler_free(s);
}

/* Find the directory with inode ino under dir (depth-first); path into out. */
static bool
find_ino(const char *dir, ino_t ino, char *out, size_t outlen, int depth)
{
	DIR *d;
	struct dirent *e;
	struct stat st;
	char path[4096];
	bool found = false;

	if (stat(dir, &st) == 0 && st.st_ino == ino) {
		snprintf(out, outlen, "%s", dir);
		return true;
	}
	if (depth > 32 || (d = opendir(dir)) == NULL)
		return false;
	while (!found && (e = readdir(d)) != NULL) {
		if (e->d_type != DT_DIR || e->d_name[0] == '.')
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >= (int)sizeof(path))
			continue;
		found = find_ino(path, ino, out, outlen, depth + 1);
	}
	closedir(d);
	return found;
}

/* A number from a cgroupfs file ("max" reads as UINT64_MAX). */
static bool
read_u64_file(const char *dir, const char *name, uint64_t *v)
{
	char path[4200], buf[64];
	long n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((n = read_file_at(AT_FDCWD, path, buf, sizeof(buf), NULL)) <= 0)
		return false;
	if (strncmp(buf, "max", 3) == 0) {
		*v = UINT64_MAX;
		return true;
	}
	*v = strtoull(buf, NULL, 10);
	return true;
}

struct memcg_check {
	const char *root;
	bool v2;
	uint64_t page_size;
	size_t n, found, max_ok;
};

static int
check_memcg(const struct bpf_memcg *m, void *ctx)
{
	struct memcg_check *c = ctx;
	uint64_t counter_max = (uint64_t)LONG_MAX / c->page_size, fmax, want;
	char dir[4096];

	c->n++;
	if (!find_ino(c->root, (ino_t)m->cgroup_id, dir, sizeof(dir), 0))
		return 0;	/* removed since the scan */
	c->found++;
	if (m->root) {
		c->max_ok++;	/* the hierarchy's root has no limit file */
		return 0;
	}
	if (!read_u64_file(dir, c->v2 ? "memory.max" : "memory.limit_in_bytes", &fmax))
		return 0;
	want = m->max >= counter_max ? (c->v2 ? UINT64_MAX : counter_max * c->page_size) :
	    m->max * c->page_size;
	if (fmax == want)
		c->max_ok++;
	else
		printf("# memcg %s: max %" PRIu64 " pages, file says %" PRIu64 "\n", dir, m->max,
		    fmax);
	return 0;
}

static int
check_memcgs(struct bpf_tasks *b, const char *root)
{
	struct memcg_check c = { root, false, (uint64_t)sysconf(_SC_PAGESIZE), 0, 0, 0 };
	char probe[4200];
	int fd, rc;

	snprintf(probe, sizeof(probe), "%s/memory.max", root);
	c.v2 = access(probe, F_OK) == 0 || access("/sys/fs/cgroup/cgroup.controllers", F_OK) == 0;
	snprintf(probe, sizeof(probe), "%s/memory.limit_in_bytes", root);
	if (access(probe, F_OK) == 0)
		c.v2 = false;
	if ((fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		printf("memcg: %s: %s\n", root, strerror(errno));
		return 1;
	}
	rc = bpf_memcgs_scan(b, fd, check_memcg, &c);
	close(fd);
	if (rc < 0) {
		printf("memcg iterator: %s\n", strerror(-rc));
		return rc == -EOPNOTSUPP || rc == -E2BIG ? 0 : 1;
	}
	printf("memcg iterator: yes\n");
	printf("memcg cgroups: %zu (found in cgroupfs %zu, max equal %zu)\n", c.n, c.found,
	    c.max_ok);
	return c.found == c.max_ok && c.n > 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	const char *memcg_root = NULL;
	struct shown sh = { { 0 }, 0, false, 0 };
	int scans = 0, rc = 0, i;
	bool load_only = false;
	struct bpf_tasks *b;
	char err[512];
	long rss0, hwm;
	double u0, s0, u1, s1, w0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--scans") == 0 && i + 1 < argc)
			scans = atoi(argv[++i]);
		else if (strcmp(argv[i], "--load-only") == 0)
			load_only = true;
		else if (strcmp(argv[i], "--memcg-root") == 0 && i + 1 < argc)
			memcg_root = argv[++i];
		else if (strcmp(argv[i], "--show") == 0 && i + 1 < argc && sh.n < MAX_SHOW)
			sh.pid[sh.n++] = atoi(argv[++i]);
		else if (strcmp(argv[i], "--ppids") == 0)
			sh.ppids = true;
		else {
			fprintf(stderr, "usage: probe [--load-only] [--scans N] [--show PID]... "
			    "[--ppids] [--memcg-root DIR]\n");
			return 2;
		}
	}

	/* Load first, so VmHWM shows what loading costs. */
	rss0 = self_status_kb("VmRSS");
	cpu_split(&u0, &s0);
	w0 = wall_ms();
	b = bpf_tasks_open(getenv(BACKEND_BTF_ENV), err, sizeof(err));
	if (b == NULL) {
		fprintf(stderr, "probe: %s\n", err);
		return 3;
	}
	cpu_split(&u1, &s1);
	hwm = self_status_kb("VmHWM");
	printf("load: %.1f ms CPU (user %.1f, sys %.1f), %.1f ms wall, RSS %ld kB before, "
	    "peak %ld kB (+%ld), %ld kB after\n", u1 - u0 + s1 - s0, u1 - u0, s1 - s0,
	    wall_ms() - w0, rss0, hwm, hwm - rss0, self_status_kb("VmRSS"));
	printf("layout: %s\n", bpf_rss_layout_name(bpf_tasks_layout(b)));
	if (!load_only) {
		if (bpf_tasks_scan(b, true, show_task, &sh) < 0)
			rc = 1;
		printf("tasks: %zu\n", sh.tasks);
		if (memcg_root != NULL && check_memcgs(b, memcg_root) != 0)
			rc = 1;
		if (scans > 0)
			time_scans(b, scans);
	}
	bpf_tasks_close(b);
	return rc;
}
