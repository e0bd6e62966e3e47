/*
 * test-audit: every finding, present and absent.  Settings come from
 * snapshot fixture directories (tests/fixtures/audit/, see the README);
 * task lists are built here from the task dumps of real OOM reports
 * (009: RHEL 9 host, 011: AKS pod, 005 and 003: docker/v1 memcgs), with
 * oom_score_adj changed only where a test says so.  Expected numbers are
 * worked out in the comments.
 */
#include "config.h"

#include "core/audit.h"
#include "core/rank.h"
#include "core/snapshot.h"
#include "sys/fileio.h"
#include "sys/snapshot-reader.h"
#include "tap.h"
#include "view/audit-view.h"

/*
 * 009: "4194056 pages RAM", "176424 pages reserved", "Total swap =
 * 2097148kB" (524287 pages): T = 4017632 + 524287 = 4541919, so one adj
 * point is 4541 pages and "large" (1%) is 45420 pages or more.
 */
#define T009 4541919

static struct ranking r;

static void
world_init(uint64_t T)
{
	ranking_free(&r);
	r.model = oom_model_by_name("5.9");
	r.model_auto = true;
	r.sys.page_size = 4096;
	r.sys.totalpages = T;
	r.sys.mi.mem_total = T * 4;
	r.totalpages = T;
	r.scope = SCOPE_GLOBAL;
}

/* A task from a dump row: rss and swapents in pages, pgtables_bytes in bytes. */
static void
world_add(int pid, const char *comm, const char *cmdline, uint64_t rss, uint64_t pgt_bytes,
    uint64_t swap, int adj)
{
	struct task *t;

	if (r.tasks.n == r.tasks.cap) {
		r.tasks.cap = r.tasks.cap ? r.tasks.cap * 2 : 16;
		r.tasks.v = realloc(r.tasks.v, r.tasks.cap * sizeof(*r.tasks.v));
	}
	t = &r.tasks.v[r.tasks.n++];
	memset(t, 0, sizeof(*t));
	t->pid = pid;
	t->kernel_score = -1;
	t->comm_len = strlen(comm);
	memcpy(t->comm, comm, t->comm_len + 1);
	t->rss_split = true;
	t->rss_anon_kb = rss * 4;
	t->rss_kb = rss * 4;
	t->pgtables_kb = pgt_bytes / 1024;
	t->swap_kb = swap * 4;
	t->adj = adj;
	t->ineligible = adj <= -1000 ? OOM_ADJ_MIN : OOM_ELIGIBLE;
	t->cmdline_off = TASK_NO_CMDLINE;
	if (cmdline != NULL) {
		t->cmdline_off = r.tasks.strings.len;
		t->cmdline_len = strlen(cmdline);
		buf_add(&r.tasks.strings, cmdline, t->cmdline_len + 1);
	}
}

/* Score and sort as gather_rank() does. */
static void
world_rank(void)
{
	size_t i;

	r.entries = realloc(r.entries, (r.tasks.n ? r.tasks.n : 1) * sizeof(*r.entries));
	r.n = r.nkillable = 0;
	for (i = 0; i < r.tasks.n; i++) {
		struct oom_task_mem m;

		task_oom_mem(&r.tasks.v[i], 4096, &m);
		r.entries[r.n].task = i;
		r.entries[r.n].self = false;
		oom_score_compute(r.model, &m, r.totalpages, r.sys.totalpages, &r.entries[r.n].score);
		r.nkillable += r.entries[r.n].score.eligible;
		r.n++;
	}
	rank_sort(r.entries, r.n, r.tasks.v, true);
}

/* The 009 host's largest tasks, as its dump prints them. */
static void
world_009(int adj_3240780, int adj_3856217, int adj_3756344)
{
	world_init(T009);
	world_add(1014, "sshd", "/usr/sbin/sshd -D", 330, 73728, 0, -1000);
	world_add(2366118, "postmaster", "/usr/bin/postmaster -D /var/lib/pgsql/data",
	    19282, 294912, 0, -1000);
	world_add(3101963, "postmaster", "postgres: app app [local] idle", 815862, 6684672, 0, 0);
	world_add(3240780, "postmaster", "postgres: app app [local] SELECT", 920354, 9089024, 0,
	    adj_3240780);
	world_add(3499662, "postmaster", "postgres: app app [local] SELECT", 1075110, 9220096,
	    0, 0);
	world_add(3756344, "php-fpm", "php-fpm: pool www", 11098, 339968, 0, adj_3756344);
	world_add(3856217, "php-fpm", "php-fpm: pool www", 4360, 282624, 0, adj_3856217);
	world_rank();
}

static struct audit_report rep;

static void
run(const struct audit_input *in)
{
	audit_report_free(&rep);
	audit_run(in, &rep);
}

static void
run_plain(void)
{
	struct audit_input in = { 0 };

	in.rank = &r;
	run(&in);
}

static int
sev(const struct audit_finding *f)
{
	return f != NULL ? (int)f->severity : -1;
}

static int
pid_at(const struct audit_finding *f, size_t i)
{
	return f != NULL && i < f->npids ? f->pids[i] : -1;
}

static void
test_adj_min(void)
{
	const struct audit_finding *f;

	/* As printed: the -1000 tasks are sshd (348 pages) and a 19354-page postmaster. */
	world_009(0, 0, 0);
	run_plain();
	ok(audit_find(&rep, "adj-min-large") == NULL,
	    "absent: 19282 + 72 pages at -1000 is under 1%% of T");
	ok(audit_find(&rep, "adj-victim") == NULL, "absent: no positive adj on the victim");
	ok(audit_find(&rep, "adj-outranks") == NULL, "absent: nobody has a positive adj");

	/* 3240780 at -1000: 920354 + 2219 = 922573 pages = 20.3%% of T. */
	world_009(-1000, 0, 0);
	run_plain();
	f = audit_find(&rep, "adj-min-large");
	ok(f != NULL, "present: a 3.5G postmaster at -1000");
	is_int(sev(f), AUDIT_WARNING, "20%% of memory out of reach: warning");
	is_int(f ? f->npids : 0, 1, "one task");
	is_int(pid_at(f, 0), 3240780, "the postmaster");
	is_str(f ? f->summary : NULL, "1 task at oom_score_adj -1000 holds 3.5G (20.3% of RAM + "
	    "swap), which no OOM kill can free: 3240780 (postmaster) 3.5G.", "summary");

	/* Three postmasters: 922573 + 1077361 + 817494 = 2817428 pages = 62.0%%. */
	world_init(T009);
	world_add(3101963, "postmaster", NULL, 815862, 6684672, 0, -1000);
	world_add(3240780, "postmaster", NULL, 920354, 9089024, 0, -1000);
	world_add(3499662, "postmaster", NULL, 1075110, 9220096, 0, -1000);
	world_add(3856217, "php-fpm", NULL, 4360, 282624, 0, 0);
	world_rank();
	run_plain();
	f = audit_find(&rep, "adj-min-large");
	is_int(sev(f), AUDIT_CRITICAL, "62%% out of reach: critical");
	is_int(pid_at(f, 0), 3499662, "largest first");
	is_int(pid_at(f, 2), 3101963, "smallest last");
	is_int(sev(rep.n > 0 ? &rep.v[0] : NULL), AUDIT_CRITICAL, "critical findings come first");
}

static void
test_adj_victim(void)
{
	const struct audit_finding *f;

	/*
	 * php-fpm 3856217 at adj 300: 4429 + 300 x 4541 = 1366729 points,
	 * ahead of postmaster 3499662 (1075110 + 2251 = 1077361).  Without
	 * the adj it has 4429: the postmaster would be first, and must grow
	 * by 1366729 - 1077361 + 1 = 289369 pages (1.1G) to be chosen.
	 */
	world_009(0, 300, 0);
	is_int(rank_task(&r, &r.entries[0])->pid, 3856217, "the 17M php-fpm is first");
	run_plain();
	f = audit_find(&rep, "adj-victim");
	ok(f != NULL, "present: first only because of adj");
	is_int(sev(f), AUDIT_WARNING, "warning");
	is_int(pid_at(f, 0), 3856217, "the small victim");
	is_int(pid_at(f, 1), 3499662, "the large task it outranks");
	is_str(f ? f->summary : NULL, "3856217 (php-fpm) is the would-be victim of a system-wide "
	    "OOM with only 17M, because of its oom_score_adj 300 (worth 5.2G there); without it "
	    "3499662 (postmaster), 4.1G, would be, and it would have to grow by 1.1G to be chosen "
	    "instead.", "summary: what the adj is worth and the growth needed");
	ok(audit_find(&rep, "adj-outranks") == NULL, "no other small task with adj");

	/*
	 * Both php-fpms at 300: 3756344 (11098 + 83 = 11181, +1362300) first,
	 * 3856217 second.  Without its adj the first would trail the second,
	 * which is not much larger: no adj-victim, but both outrank the 4.1G
	 * postmaster only through adj.
	 */
	world_009(0, 300, 300);
	run_plain();
	ok(audit_find(&rep, "adj-victim") == NULL, "absent: the runner-up is small too");
	f = audit_find(&rep, "adj-outranks");
	ok(f != NULL, "present: small tasks with adj above a much larger one");
	is_int(sev(f), AUDIT_INFO, "info");
	is_int(f ? f->npids : 0, 2, "both php-fpms");
	is_int(pid_at(f, 0), 3756344, "the higher-ranked first");
	is_str(f ? f->summary : NULL, "2 small tasks with a positive oom_score_adj rank above much "
	    "larger ones that would outrank them without it, e.g. 3756344 (php-fpm) with 44M at "
	    "adj 300 above 3499662 (postmaster) with 4.1G.", "summary");
}

/*
 * 011 (AKS pod, limit 102400 kB = 25600 pages, no swap: T/1000 = 25).
 * Dump rows: rss, pgtables_bytes, swapents 0, adj.
 */
static void
world_011(void)
{
	world_init(1835008);	/* a 7 GiB node; the report does not print the host's RAM */
	world_add(181505, "pause", "/pause", 1, 28672, 0, -998);
	world_add(181537, "nginx", "nginx: master process nginx -g daemon off;", 1835, 57344, 0, 988);
	world_add(181574, "nginx", "nginx: worker process", 718, 53248, 0, 988);
	world_add(181575, "nginx", "nginx: worker process", 718, 53248, 0, 988);
	world_add(183424, "bash", "bash", 883, 53248, 0, 988);
	world_add(183957, "stress-ng", "stress-ng --vm 1 --vm-bytes 150M", 1804, 86016, 0, 988);
	world_add(183958, "sleep", "sleep 5", 229, 45056, 0, 988);
	world_add(183959, "stress-ng-vm", "stress-ng --vm 1 --vm-bytes 150M", 283, 81920, 0, 988);
	world_add(183960, "stress-ng-vm", "stress-ng --vm 1 --vm-bytes 150M", 23376, 487424, 0,
	    1000);
	world_rank();
}

static const char pod[] = "/kubepods.slice/kubepods-burstable.slice/"
    "kubepods-burstable-pod5931aa75_4603_4e65_b552_7c71cf55cfb5.slice";

/* Audit the ranking with one limited memory cgroup holding pids. */
static void
run_memcg(const char *path, uint64_t limit_bytes, uint64_t T, int *pids, size_t n)
{
	struct memcg_limited c = { 0 };
	struct audit_input in = { 0 };

	c.path = (char *)path;
	c.limits.limited = true;
	c.limits.limit_bytes = limit_bytes;
	c.totalpages = T;
	c.pids = pids;
	c.npids = n;
	in.rank = &r;
	in.memcgs = &c;
	in.nmemcgs = 1;
	run(&in);
}

static void
test_memcg_scopes(void)
{
	static int pids011[] = { 181505, 181537, 181574, 181575, 183424, 183957, 183958, 183959,
	    183960 };
	struct memcg_limited c = { 0 };
	struct audit_input in = { 0 };
	struct protect_list p = { 0 };
	struct buf err = BUF_INIT;
	const struct audit_finding *f;
	size_t i, nprot = 0;

	world_011();
	c.path = (char *)pod;
	c.limits.version = 2;
	c.limits.limited = true;
	c.limits.limit_bytes = 104857600;
	c.totalpages = 25600;
	c.pids = pids011;
	c.npids = 9;
	in.rank = &r;
	in.memcgs = &c;
	in.nmemcgs = 1;
	run(&in);
	ok(audit_find(&rep, "memcg-adj-step") == NULL, "absent: 25 pages per adj point");
	/*
	 * In the pod: stress-ng-vm 23495 + 25000 = 48495; without adj 23495
	 * trails nginx (1849 + 24700 = 26549), but nginx is not larger.
	 */
	ok(audit_find(&rep, "adj-victim") == NULL, "absent: the victim is the largest task");

	/* protect: matched against the full command line, in every scope. */
	ok(protect_add(&p, "vm-bytes [0-9]+M", 0, &err) == 0, "a pattern compiles");
	in.protect = &p;
	run(&in);
	for (i = 0; i < rep.n; i++)
		if (strcmp(rep.v[i].id, "protected-victim") == 0) {
			nprot++;
			ok(pid_at(&rep.v[i], 0) == 183960, "protected victim is stress-ng-vm");
		}
	is_int(nprot, 2, "the victim of a system-wide OOM and of the pod's");
	f = audit_find(&rep, "protected-victim");
	is_int(sev(f), AUDIT_CRITICAL, "critical");
	is_str(rep.v[1].summary, "183960 (stress-ng --vm 1 --vm-bytes 150M) matches protect "
	    "pattern 'vm-bytes [0-9]+M' but is the would-be victim of an OOM of memory cgroup "
	    "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod5931aa75_4603_4e65_"
	    "b552_7c71cf55cfb5.slice (oom_score_adj 1000).", "the pod scope is named");
	protect_list_free(&p);
	ok(protect_add(&p, "^nginx", 0, &err) == 0, "another pattern");
	in.protect = &p;
	run(&in);
	ok(audit_find(&rep, "protected-victim") == NULL,
	    "absent: nginx matches but is not the victim");
	buf_reset(&err);
	is_int(protect_add(&p, "(", 0, &err), -1, "a bad pattern is refused");
	ok(strncmp(buf_str(&err), "'(': ", 5) == 0, "with the regex error (%s)", buf_str(&err));
	is_int(protect_add(&p, "", 0, &err), -1, "an empty pattern is refused");
	protect_list_free(&p);
	buf_free(&err);

	/*
	 * 005: docker memcg, limit 20480 kB with 20480 kB more of memsw:
	 * T = 5120 + 5120 = 10240 (the kill line's score 1046 = 10718 x 1000 /
	 * 10240 confirms it), so one adj point is 10 pages.
	 */
	{
		static int pids005[] = { 1381 };

		world_init(1835008);
		world_add(1381, "gunpowder-memho", NULL, 5191, 38 * 4096, 5489, 0);
		world_rank();
		run_memcg("/docker/2e088fe462e25e60be1dafafe2c05c47bda1a97978648d10ad2b7484fc0b8f50",
		    20971520, 10240, pids005, 1);
		f = audit_find(&rep, "memcg-adj-step");
		ok(f != NULL, "present: 10 pages per adj point");
		is_int(sev(f), AUDIT_INFO, "info: nobody there sets adj");
		is_int(f ? f->npids : 99, 0, "no task concerned");
		is_str(f ? f->summary : NULL, "Memory cgroup /docker/2e088fe462e25e60be1dafafe2c05c4"
		    "7bda1a97978648d10ad2b7484fc0b8f50 has a 20M limit (totalpages 10240): one "
		    "oom_score_adj point weighs only totalpages/1000 = 10 pages (40K), rounded down "
		    "from 10.24.", "summary");
	}

	/*
	 * 003: /mem2 with a 980 kB limit (245 pages).  The report counts 32G
	 * of swap in T; with no swap (or swappiness 0) T = 245 and
	 * T/1000 = 0.  A second task at adj 500 (ours) has its adj ignored.
	 */
	{
		static int pids003[] = { 13536, 13600 };

		world_init(1835008);
		world_add(13536, "memorymonster", NULL, 343, 16267 * 4096ULL, 0, 0);
		world_add(13600, "helper", NULL, 10, 4096, 0, 500);
		world_rank();
		run_memcg("/mem2", 1003520, 245, pids003, 2);
		f = audit_find(&rep, "memcg-adj-step");
		is_int(sev(f), AUDIT_WARNING, "step 0 and a task with adj: warning");
		is_int(pid_at(f, 0), 13600, "the adj-500 task");
		is_str(f ? f->summary : NULL, "Memory cgroup /mem2 has a 980K limit (totalpages 245): "
		    "totalpages/1000 rounds to 0, so oom_score_adj has no effect on which of its "
		    "tasks an OOM there kills; 1 of its tasks set a non-zero adj.", "summary");
	}
}

static void
test_oom_group(void)
{
	struct oom_group g = { 0 };
	struct blast_members mb = { 0 };
	struct audit_input in = { 0 };
	const struct audit_finding *f;
	size_t i;

	world_011();
	in.rank = &r;
	g.group_kill = true;
	g.version = 2;
	snprintf(g.path, sizeof(g.path), "%s", pod);
	snprintf(g.unit, sizeof(g.unit), "%s", pod + strlen("/kubepods.slice/kubepods-burstable.slice/"));
	/* Every task of the pod dies with the victim; pause is at -998, not -1000. */
	mb.tasks = r.tasks;
	mb.nkilled = r.tasks.n;
	for (i = 0; i < r.tasks.n; i++)
		mb.killed_rss_kb += r.tasks.v[i].rss_kb;
	in.victim_group = &g;
	in.victim_members = &mb;
	run(&in);
	f = audit_find(&rep, "oom-group");
	ok(f != NULL, "present: the pod goes with its victim");
	is_int(f ? f->npids : 0, 9, "all nine tasks");
	/* 1 + 1835 + 718 + 718 + 883 + 1804 + 229 + 283 + 23376 = 29847 pages = 116.6M. */
	is_int(mb.killed_rss_kb, 29847 * 4, "29847 pages resident");
	ok(f != NULL && strstr(f->summary, "takes down all 9 tasks of /kubepods.slice/") != NULL &&
	    strstr(f->summary, "(systemd unit kubepods-burstable-pod5931aa75") != NULL &&
	    strstr(f->summary, "117M resident") != NULL, "summary names the cgroup, unit and size");
	g.group_kill = false;
	run(&in);
	ok(audit_find(&rep, "oom-group") == NULL, "absent without a group kill");
	mb.tasks.n = 0;	/* borrowed from the ranking */
}

/* The snapshot (and /proc/swaps) of a fixture directory, with an empty task list. */
static void
run_dir(const char *dir)
{
	static struct snapshot snap;
	static struct swaps sw;
	struct snapshot_reader sr;
	struct buf err = BUF_INIT;
	struct audit_input in = { 0 };
	char path[4096];
	unsigned line;
	long n;

	snprintf(path, sizeof(path), "%s/tests/fixtures/audit/%s",
	    getenv("srcdir") ? getenv("srcdir") : ".", dir);
	if (snapshot_reader_open(&sr, path, &err) < 0 || snapshot_reader_read(&sr, &snap, &err) < 0) {
		printf("Bail out! %s: %s\n", dir, buf_str(&err));
		exit(1);
	}
	n = read_file_buf(sr.rootfd, "swaps", &sr.scratch);
	if (n < 0 || swaps_parse(sr.scratch.data, (size_t)n, &sw, &line) < 0) {
		printf("Bail out! %s/swaps\n", dir);
		exit(1);
	}
	snapshot_reader_close(&sr);
	world_init((snap.mi.mem_total + snap.mi.swap_total) / 4);
	world_rank();
	in.rank = &r;
	in.snap = &snap;
	in.swaps = &sw;
	run(&in);
	buf_free(&err);
}

static const char *const knob_ids[] = {
	"panic-on-oom", "oom-kill-allocating-task", "overcommit-never", "overcommit-always",
	"min-free-kbytes-high", "watermark-scale-factor", "no-swap", "zram-swap", "swap-full",
	"swappiness-zero",
};

/* Exactly the listed knob findings are present. */
static void
expect_knobs(const char *dir, const char *const *want)
{
	size_t i, j;

	for (i = 0; i < sizeof(knob_ids) / sizeof(knob_ids[0]); i++) {
		bool wanted = false;

		for (j = 0; want[j] != NULL; j++)
			wanted |= strcmp(want[j], knob_ids[i]) == 0;
		ok((audit_find(&rep, knob_ids[i]) != NULL) == wanted, "%s: %s %s", dir,
		    knob_ids[i], wanted ? "present" : "absent");
	}
}

static void
test_settings(void)
{
	const struct audit_finding *f;

	/* This machine: defaults, no swap. */
	run_dir("host-6.18");
	expect_knobs("host-6.18", (const char *const[]){ "no-swap", NULL });

	run_dir("knobs-strict");
	expect_knobs("knobs-strict", (const char *const[]){ "panic-on-oom",
	    "oom-kill-allocating-task", "overcommit-never", "min-free-kbytes-high",
	    "watermark-scale-factor", "no-swap", NULL });
	f = audit_find(&rep, "panic-on-oom");
	is_int(sev(f), AUDIT_CRITICAL, "panic_on_oom: critical");
	ok(f && strstr(f->summary, "= 1: a system-wide OOM panics") != NULL, "mode 1 explained");
	f = audit_find(&rep, "overcommit-never");
	/* CommitLimit 12342040 kB, Committed_AS 579360 kB: 4.7%. */
	is_str(f ? f->summary : NULL, "vm.overcommit_memory = 2 (never overcommit): allocations "
	    "fail with ENOMEM once committed memory reaches CommitLimit 12G (overcommit_ratio 50% "
	    "of RAM + swap), 5% committed now (566M); a shortage shows as failed allocations more "
	    "often than as OOM kills.", "overcommit 2 with the limit and use");
	is_int(sev(f), AUDIT_INFO, "far from the limit: info");
	f = audit_find(&rep, "min-free-kbytes-high");
	/* 2097152 / 24684084 kB = 8.5%. */
	ok(f && strstr(f->summary, "= 2097152 (8.5% of RAM") != NULL, "min_free_kbytes share");
	f = audit_find(&rep, "watermark-scale-factor");
	ok(f && strstr(f->summary, "= 200 (default 10): the gaps between each zone's min, low "
	    "and high watermarks are at least 2.00% of the zone") != NULL &&
	    strstr(f->summary, "wakes earlier") != NULL, "wsf 200 explained");

	run_dir("knobs-loose");
	expect_knobs("knobs-loose", (const char *const[]){ "panic-on-oom", "overcommit-always",
	    "watermark-scale-factor", "no-swap", NULL });
	f = audit_find(&rep, "panic-on-oom");
	ok(f && strstr(f->summary, "= 2: every OOM panics") != NULL, "mode 2 explained");
	f = audit_find(&rep, "watermark-scale-factor");
	ok(f && strstr(f->summary, "wakes later") != NULL, "wsf 5: later");

	/* Real captures without sys/vm: unreadable sysctls say nothing. */
	run_dir("swap-disk-3.x");
	expect_knobs("swap-disk-3.x", (const char *const[]){ NULL });
	run_dir("swap-dm-5.x");
	expect_knobs("swap-dm-5.x", (const char *const[]){ NULL });

	/* zram 7475912 of 8388604 kB used: 89%. */
	run_dir("zram-full");
	expect_knobs("zram-full", (const char *const[]){ "zram-swap", "swap-full", NULL });
	f = audit_find(&rep, "zram-swap");
	ok(f && strncmp(f->summary, "Swap on zram: /dev/zram0 (8.0G, 7.1G used) is compressed RAM",
	    60) == 0, "zram device named (%s)", f ? f->summary : "");
	f = audit_find(&rep, "swap-full");
	is_str(f ? f->summary : NULL, "Swap is 89% used (7.1G of 8.0G): little room is left to "
	    "absorb a shortage before the OOM killer has to run.", "swap use");
	is_int(sev(f), AUDIT_WARNING, "warning");

	run_dir("knobs-swap0");
	expect_knobs("knobs-swap0", (const char *const[]){ "swappiness-zero", NULL });
}

static void
test_format(void)
{
	struct buf out = BUF_INIT;
	struct json j;
	FILE *f = tmpfile();
	char text[4096];
	size_t n, i, maxw = 0, w = 0;

	world_009(0, 300, 0);
	/* An escape sequence in a name must not reach the terminal. */
	memcpy(r.tasks.v[6].comm, "\033]0;x\a", 7);
	r.tasks.v[6].comm_len = 6;
	run_plain();
	audit_view_text(&out, &rep, 80, false);
	ok(strstr(buf_str(&out), "\033") == NULL && strstr(buf_str(&out), "\\e]0;x\\a") != NULL,
	    "text: the name is escaped");
	for (i = 0; i < out.len; i++, w++) {
		if (out.data[i] == '\n')
			w = (size_t)-1;
		else if (w + 1 > maxw)
			maxw = w + 1;
	}
	ok(maxw <= 80, "text fits 80 columns (widest line %zu)", maxw);
	ok(strncmp(buf_str(&out), "1 finding: 0 critical, 1 warning, 0 info\n\nWARNING  adj-victim\n"
	    "    3856217 (", 70) == 0, "text layout");
	json_init(&j, f, false);
	audit_view_json(&j, &rep);
	json_finish(&j);
	rewind(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	ok(strncmp(text, "{\"findings\":[{\"id\":\"adj-victim\",\"severity\":\"warning\",\"summary\":"
	    "\"3856217 (\\u001b]0;x\\u0007) is", 90) == 0, "JSON: escaped, schema keys (%.90s)", text);
	ok(strstr(text, "\"pids\":[3856217,3499662]}]}") != NULL, "JSON pids");
	buf_reset(&out);
	audit_view_csv(&out, &rep);
	ok(strncmp(buf_str(&out), "severity,id,summary,pids\nwarning,adj-victim,\"3856217 (\\e]0;x\\a)",
	    62) == 0, "CSV escaped and quoted");
	ok(strstr(buf_str(&out), ",\"3856217 3499662\"\n") != NULL, "CSV pids");
	buf_reset(&out);
	audit_report_free(&rep);
	audit_view_text(&out, &rep, 80, false);
	is_str(buf_str(&out), "no findings\n", "no findings");
	buf_free(&out);
}

int
main(void)
{
	test_adj_min();
	test_adj_victim();
	test_memcg_scopes();
	test_oom_group();
	test_settings();
	test_format();
	audit_report_free(&rep);
	ranking_free(&r);
	return tap_done();
}
