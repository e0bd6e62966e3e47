/*
 * test-oomgroup: which cgroup dies with a victim (memory.oom.group), on a
 * cgroup v2 tree laid out in a temporary directory the way the kernel lays
 * out /sys/fs/cgroup (this machine's memory controller is v1, so the real
 * thing is tested by tests/rank-blast.sh on v2 hosts only), and the
 * members a group kill takes, read through the sampler.
 */
#include "config.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/oomgroup.h"
#include "sys/blast-reader.h"
#include "sys/cgroupfs.h"
#include "tap.h"

static char root[256];

static void
put(const char *rel, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "w");
	if (f == NULL || fputs(text, f) == EOF || fclose(f) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(1);
	}
}

static void
dir(const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	if (mkdir(path, 0755) != 0) {
		printf("Bail out! mkdir %s\n", path);
		exit(1);
	}
}

/* A memory cgroup (memory.* files present) with its oom.group flag. */
static void
memcg(const char *rel, const char *flag)
{
	char file[512];

	dir(rel);
	snprintf(file, sizeof(file), "%s/memory.max", rel);
	put(file, "max\n");
	if (flag != NULL) {
		snprintf(file, sizeof(file), "%s/memory.oom.group", rel);
		put(file, flag);
	}
	snprintf(file, sizeof(file), "%s/cgroup.procs", rel);
	put(file, "");
}

static void
find(const struct memcg_mount *m, const char *proc_cgroup, const char *domain,
    struct oom_group *g)
{
	cgroupfs_oom_group(m, proc_cgroup, proc_cgroup ? strlen(proc_cgroup) : 0, domain, g);
}

static void
test_walk(void)
{
	struct memcg_mount m = { 0 };
	struct oom_group g;

	m.version = 2;
	snprintf(m.dir, sizeof(m.dir), "%s", root);
	snprintf(m.root, sizeof(m.root), "/");
	put("cgroup.controllers", "cpuset cpu io memory pids\n");
	/*
	 * /app.slice (oom.group 1) > /app.slice/web.service (1) >
	 * .../web.service/payload (the memory controller not enabled for it:
	 * no memory files); /user.slice (0) > /user.slice/s.scope (0).
	 */
	memcg("app.slice", "1\n");
	memcg("app.slice/web.service", "1\n");
	dir("app.slice/web.service/payload");
	memcg("user.slice", "0\n");
	memcg("user.slice/s.scope", "0\n");

	find(&m, "0::/app.slice/web.service/payload\n", NULL, &g);
	ok(g.group_kill, "system-wide OOM: a group dies");
	is_str(g.path, "/app.slice", "the highest cgroup with oom.group 1, not the nearest");
	is_str(g.unit, "app.slice", "a systemd unit (a slice)");
	is_str(g.victim_cgroup, "/app.slice/web.service/payload", "the victim's cgroup");

	find(&m, "0::/app.slice/web.service/payload\n", "/app.slice/web.service", &g);
	ok(g.group_kill, "memcg OOM of web.service");
	is_str(g.path, "/app.slice/web.service", "the walk stops at the OOM domain");
	is_str(g.unit, "web.service", "unit web.service");

	find(&m, "0::/user.slice/s.scope\n", NULL, &g);
	ok(!g.group_kill, "oom.group 0 all the way up: the victim dies alone");
	is_str(g.why, "memory.oom.group is 0 from /user.slice/s.scope up to the root", "why");

	find(&m, "0::/user.slice/s.scope\n", "/user.slice", &g);
	is_str(g.why, "memory.oom.group is 0 from /user.slice/s.scope up to /user.slice",
	    "why, in a memcg OOM");

	find(&m, "0::/user.slice/s.scope\n", "/app.slice", &g);
	ok(!g.group_kill && strncmp(g.why, "its cgroup is outside the OOM domain", 36) == 0,
	    "a victim outside the domain: oom.group ignored");

	find(&m, "0::/\n", NULL, &g);
	is_str(g.why, "it is in the root memory cgroup, which never takes other tasks with it",
	    "root memory cgroup");
	find(&m, NULL, NULL, &g);
	is_str(g.why, "its cgroup could not be read (the task may have exited)", "exited");

	/* v1 lines in /proc/PID/cgroup are ignored on a v2 mount. */
	find(&m, "4:memory:/app.slice\n0::/app.slice/web.service\n", NULL, &g);
	is_str(g.path, "/app.slice", "the 0:: line is the v2 path");

	/* A kernel before 4.19: memory files, but no memory.oom.group. */
	memcg("old", NULL);
	find(&m, "0::/old\n", NULL, &g);
	is_str(g.why, "this kernel has no memory.oom.group (before 4.19)", "before 4.19");

	put("cgroup.controllers", "cpuset cpu io pids\n");
	find(&m, "0::/app.slice/web.service/payload\n", NULL, &g);
	is_str(g.why, "cgroup v2 is mounted without the memory controller, so there is no "
	    "memory.oom.group", "v2 without the memory controller");
	put("cgroup.controllers", "memory\n");

	m.version = 1;
	find(&m, "4:memory:/app.slice\n0::/\n", NULL, &g);
	ok(!g.group_kill, "cgroup v1: never a group kill");
	is_str(g.victim_cgroup, "/app.slice", "the v1 memory cgroup is named");
	is_str(g.why, "memory.oom.group exists only in cgroup v2; the memory controller here is "
	    "cgroup v1, so the kernel kills the victim alone (and any process sharing its "
	    "memory)", "why not on v1");
	m.version = 0;
	find(&m, "0::/\n", NULL, &g);
	ok(!g.group_kill && strstr(g.why, "no memory cgroup controller is mounted") != NULL,
	    "no memory controller at all");

	/* Inside a container the mount's root is a sub-cgroup of the paths. */
	m.version = 2;
	snprintf(m.root, sizeof(m.root), "/kubepods.slice/pod1");
	find(&m, "0::/kubepods.slice/pod1/app.slice/web.service\n", NULL, &g);
	is_str(g.path, "/kubepods.slice/pod1/app.slice", "container: paths keep the prefix");
}

static void
test_unit(void)
{
	char u[64];

	ok(cgroup_unit_name("/system.slice/nginx.service", u, sizeof(u)) &&
	    strcmp(u, "nginx.service") == 0, "a service");
	ok(cgroup_unit_name("/user.slice/user-1000.slice/session-2.scope", u, sizeof(u)) &&
	    strcmp(u, "session-2.scope") == 0, "a scope");
	ok(!cgroup_unit_name("/docker/2e088fe462e2", u, sizeof(u)) && u[0] == '\0',
	    "a docker cgroup is not a unit");
	ok(!cgroup_unit_name("/app/.service", u, sizeof(u)), "a bare suffix is not a unit");
	ok(!cgroup_unit_name("/a.service", u, 4), "too long for the buffer: not reported");
	ok(!cgroup_unit_name("/", u, sizeof(u)), "the root");
}

/* The members of a group: this process and a child, read through the sampler. */
static void
test_members(void)
{
	struct blast_reader c = { 0 };
	struct blast_members b = { 0 };
	struct ranking r = { 0 };
	struct whatif_list wl = { 0 };
	struct sampler *s;
	struct buf err = BUF_INIT;
	const char *serr;
	char procs[300], msg[128];
	size_t i, found = 0;
	pid_t child;

	if ((s = sampler_new(NULL, &serr)) == NULL || sampler_system(s, &r.sys, msg, sizeof(msg)) < 0) {
		printf("Bail out! sampler: %s\n", s ? msg : serr);
		exit(1);
	}
	child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	memcg("grp", "1\n");
	memcg("grp/sub", "0\n");
	snprintf(procs, sizeof(procs), "%d\n", (int)getpid());
	put("grp/cgroup.procs", procs);
	snprintf(procs, sizeof(procs), "%d\n", (int)child);
	put("grp/sub/cgroup.procs", procs);
	snprintf(procs, sizeof(procs), "%s/grp", root);

	/* The ranking's what-if (-1000 for the child) applies to members too. */
	whatif_add_adj(&wl, "1=-1000", &err);
	wl.v[0].pid = (int)child;
	wl.v[0].found = true;
	r.whatif = &wl;
	is_int(blast_reader_members(&c, s, &r, procs, &b, &err), 0, "members read");
	is_int(b.tasks.n, 2, "this process and the child in a sub-cgroup");
	for (i = 0; i < b.tasks.n; i++) {
		if (b.tasks.v[i].pid == getpid()) {
			found++;
			ok(blast_member_killed(&b.tasks.v[i]), "this process would be killed");
			ok(b.tasks.v[i].rss_kb > 0, "its rss is read");
		} else if (b.tasks.v[i].pid == child) {
			found++;
			ok(!blast_member_killed(&b.tasks.v[i]), "the child at -1000 (what-if) is spared");
		}
	}
	is_int(found, 2, "both found");
	is_int(b.nkilled, 1, "one killed");
	is_int(b.nspared, 1, "one spared");
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	task_list_free(&b.tasks);
	blast_reader_free(&c);
	whatif_list_free(&wl);
	sampler_free(s);
	buf_free(&err);
}

int
main(void)
{
	char cmd[300];

	snprintf(root, sizeof(root), "/tmp/oomrisk-oomgroup-XXXXXX");
	if (mkdtemp(root) == NULL) {
		printf("Bail out! mkdtemp\n");
		return 1;
	}
	test_walk();
	test_unit();
	test_members();
	/* Only the directory made above. */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", root);
	return tap_done();
}
