/*
 * test-check: every check of `oomrisk check` driven to OK, WARNING and
 * CRITICAL on real captures (tests/fixtures/check, see its README), by
 * choosing levels; the exact summary line and the exit status are
 * asserted.  Expected numbers were worked out by hand from the files:
 *
 * local-6.18-memcg-thrash (this machine while a throwaway 16 MiB memcg
 * re-read a 300 MiB file): MemTotal 24684084 kB, MemAvailable 21486372 kB
 * = 87.05% = 20.5 GiB; no swap; PSI some avg10 7.22 avg60 3.70, full
 * avg10 4.49 avg60 2.58; Committed_AS 4770608 / CommitLimit 12342040 kB =
 * 38.65%; vmstat oom_kill 35; overcommit_memory 0; zones DMA (free 3840
 * pages), DMA32 (772915... see zoneinfo), Normal free 108031 pages = 422M.
 *
 * The top candidate is the task of status-6.18-escape-name.txt (pid 16110,
 * a name with escape sequences): rss 8300 + 1484 kB and VmPTE 64 kB = 2075
 * + 371 + 16 = 2462 pages of totalpages 24684084 / 4 = 6171021: 0.04%.
 */
#include "config.h"

#include <fcntl.h>
#include <math.h>
#include <unistd.h>

#include "core/check.h"
#include "core/conf.h"
#include "core/snapshot.h"
#include "lib/escape.h"
#include "lib/prom.h"
#include "lib/xalloc.h"
#include "log/kills.h"
#include "proc/status.h"
#include "sys/snapshot-reader.h"
#include "tap.h"
#include "view/check-view.h"

static struct snapshot local;
static struct check_task victim;
static struct conf conf;

static void
load_snapshot(const char *dir, struct snapshot *s)
{
	struct snapshot_reader r;
	struct buf err = BUF_INIT;
	char path[4096];
	const char *srcdir = getenv("srcdir");

	snprintf(path, sizeof(path), "%s/tests/fixtures/check/%s", srcdir ? srcdir : ".", dir);
	if (snapshot_reader_open(&r, path, &err) < 0 || snapshot_reader_read(&r, s, &err) < 0) {
		printf("Bail out! %s\n", buf_str(&err));
		exit(1);
	}
	s->page_size = 4096;	/* the captures are from 4 KiB-page machines */
	snapshot_reader_close(&r);
	buf_free(&err);
}

static void
load_victim(void)
{
	struct pid_status st;
	size_t len;
	char *buf = fixture_load("fixtures/proc/status-6.18-escape-name.txt", &len);
	uint64_t pages;

	status_parse(buf, len, &st);
	memset(&victim, 0, sizeof(victim));
	victim.pid = (int)st.pid;
	memcpy(victim.comm, st.name, st.name_len);
	victim.comm_len = st.name_len;
	victim.cmdline = "/usr/local/bin/memhog -m 8 -a 300";
	victim.cmdline_len = strlen(victim.cmdline);
	victim.mem_kb = st.rss_anon_kb + st.rss_file_kb + st.rss_shmem_kb + st.vm_swap_kb;
	pages = st.rss_anon_kb / 4 + st.rss_file_kb / 4 + st.rss_shmem_kb / 4 + st.vm_pte_kb / 4;
	victim.points = (int64_t)pages;
	victim.share_pct = 100.0 * (double)pages / (24684084.0 / 4);
	free(buf);
}

/* Parse a configuration from text; bail out on error. */
static void
set_conf(const char *text)
{
	struct buf err = BUF_INIT;

	conf_free(&conf);
	conf_init(&conf);
	if (conf_parse(text, strlen(text), "test.conf", &conf, &err) < 0) {
		printf("Bail out! config: %s\n", buf_str(&err));
		exit(1);
	}
	buf_free(&err);
}

static void
base_input(struct check_input *in, const struct snapshot *s)
{
	memset(in, 0, sizeof(*in));
	in->snap = s;
	in->conf = &conf;
	in->totalpages_kb = s->mi.mem_total + s->mi.swap_total;
	in->have_victim = true;
	in->victim = victim;
	in->boot_id = "614f003b-fc82-4626-a298-82d3dc9044d8";
	in->uptime_ms = 3600000;
	in->wall = 1795314718;
}

/* Evaluate; compare the text before " | " and the exit status. */
static void
expect(const struct check_input *in, enum check_status want, const char *text, const char *what)
{
	struct check_report r;
	struct buf line = BUF_INIT;
	const char *bar;

	check_evaluate(in, &r);
	check_view_summary(in, &r, &line);
	bar = strstr(buf_str(&line), " | ");
	if (bar != NULL)
		line.data[bar - line.data] = '\0';
	is_int(r.status, want, "%s: exit status %d", what, (int)want);
	is_str(buf_str(&line), text, "%s: summary line", what);
	buf_free(&line);
	check_report_free(&r);
}

#define VICTIM "top candidate 16110 (\\x1b[31mX\\x07\\x5cn) 0.04% of RAM+swap"
/*
 * A configuration with every check off except what lines sets: the
 * [protect] lines first (so a pattern is on line 2), then [check] with
 * lines, then "off" for every other level.
 */
static void
only3(const char *lines, const char *protect, const char *after)
{
	struct buf b = BUF_INIT;
	int m, lvl;

	if (protect != NULL) {
		buf_puts(&b, "[protect]\n");
		buf_puts(&b, protect);
	}
	buf_puts(&b, "[check]\n");
	buf_puts(&b, lines);
	for (m = 0; m < M_NMEASURES; m++)
		for (lvl = 0; lvl < 2; lvl++) {
			char key[64];

			snprintf(key, sizeof(key), "%s_%s =", measure_table[m].name,
			    lvl ? "crit" : "warn");
			if (strstr(lines, key) == NULL)
				buf_printf(&b, "%s off\n", key);
		}
	if (after != NULL)
		buf_puts(&b, after);
	set_conf(buf_str(&b));
	buf_free(&b);
}

static void
only2(const char *lines, const char *protect)
{
	only3(lines, protect, NULL);
}

static void
only(const char *lines)
{
	only2(lines, NULL);
}

static void
test_defaults(void)
{
	struct check_input in;

	set_conf("");
	base_input(&in, &local);
	/* The memcg thrash shows in the system-wide PSI: full avg60 2.58% >= 2%. */
	expect(&in, CS_WARNING, "OOMRISK WARNING - psi_full_avg60 2.58% >= warn 2%; " VICTIM,
	    "built-in levels on the capture");
}

static void
test_mem_available(void)
{
	struct check_input in;

	base_input(&in, &local);
	only("mem_available_warn = 80%\nmem_available_crit = 50%\n");
	expect(&in, CS_OK, "OOMRISK OK - all checks passed; " VICTIM, "mem_available 87% vs 80%");
	only("mem_available_warn = 90%\nmem_available_crit = 50%\n");
	expect(&in, CS_WARNING, "OOMRISK WARNING - mem_available 87.0% (20G) <= warn 90%; "
	    VICTIM, "mem_available warning");
	only("mem_available_warn = 90%\nmem_available_crit = 88%\n");
	expect(&in, CS_CRITICAL, "OOMRISK CRITICAL - mem_available 87.0% (20G) <= crit 88%; "
	    VICTIM, "mem_available critical");
	/* 21486372 kB = 20.49 GiB: at or below 21G, above 20G. */
	only("mem_available_warn = 21G\nmem_available_crit = 20G\n");
	expect(&in, CS_WARNING, "OOMRISK WARNING - mem_available 87.0% (20G) <= warn 21G; "
	    VICTIM, "mem_available absolute warning");
	only("mem_available_warn = 95%\nmem_available_crit = 21G\n");
	expect(&in, CS_CRITICAL, "OOMRISK CRITICAL - mem_available 87.0% (20G) <= crit 21G; "
	    VICTIM, "mixed units: % warning, absolute critical");
	/* 10% of MemTotal is 2.4G: a 4G critical level is above it. */
	only("mem_available_warn = 10%\nmem_available_crit = 4G\n");
	expect(&in, CS_UNKNOWN, "OOMRISK UNKNOWN - test.conf:3: mem_available_crit: 4G is "
	    "higher than mem_available_warn 10% here (MemTotal = 24G): the critical level "
	    "must be the worse one", "mixed units in the wrong order: UNKNOWN");
}

static void
test_swap(void)
{
	struct snapshot s;
	struct check_input in;
	size_t len;
	char *buf = fixture_load("fixtures/check/meminfo-swap-24G.txt", &len);
	unsigned line;

	memset(&s, 0, sizeof(s));
	s.page_size = 4096;
	is_int(meminfo_parse(buf, len, &s.mi, &line), 0, "swap capture parses");
	free(buf);
	base_input(&in, &s);
	/* SwapFree 32120548 of SwapTotal 34996216 kB = 91.78%, 30.6 GiB. */
	only("swap_free_warn = 50%\nswap_free_crit = 10%\n");
	expect(&in, CS_OK, "OOMRISK OK - all checks passed; " VICTIM, "swap_free ok");
	only("swap_free_warn = 95%\nswap_free_crit = 10%\n");
	expect(&in, CS_WARNING, "OOMRISK WARNING - swap_free 91.8% (31G) <= warn 95%; " VICTIM,
	    "swap_free warning");
	only("swap_free_warn = 95%\nswap_free_crit = 92%\n");
	expect(&in, CS_CRITICAL, "OOMRISK CRITICAL - swap_free 91.8% (31G) <= crit 92%; " VICTIM,
	    "swap_free critical");
	{
		struct check_report r;
		struct buf perf = BUF_INIT;

		/*
		 * Free swap is bad when low: "N:" ranges.  32120548 kB =
		 * 32891441152 B; of SwapTotal 35836125184 B, 95% is
		 * 34044318924 and 92% 32969235169 (rounded down): the value is
		 * below both, in alert by both ranges, as check says.
		 */
		check_evaluate(&in, &r);
		check_view_perfdata(&in, &r, &perf);
		ok(strstr(buf_str(&perf), "'swap_free'=32891441152B;34044318924:;32969235169:;0;"
		    "35836125184") != NULL, "swap_free perfdata: N: ranges (%s)", buf_str(&perf));
		check_report_free(&r);
		buf_free(&perf);
	}
	base_input(&in, &local);
	expect(&in, CS_OK, "OOMRISK OK - all checks passed; " VICTIM,
	    "no swap on the 6.18 capture: skipped");
}

static void
test_zones(void)
{
	struct snapshot s = local;
	struct check_input in;
	size_t len;
	char *buf = fixture_load("fixtures/check/zoneinfo-normal-below-high.txt", &len);
	unsigned line;

	base_input(&in, &local);
	only("zone_warn = high\nzone_crit = min\n");
	expect(&in, CS_OK, "OOMRISK OK - all checks passed; " VICTIM, "6.18 zones above high");
	/* Normal: free 21328 pages, min 14896, low 18620, high 22344 (4 KiB). */
	is_int(zoneinfo_parse(buf, len, 4, &s.zi, &line), 0, "below-high capture parses");
	free(buf);
	base_input(&in, &s);
	only("zone_warn = low\nzone_crit = min\n");
	expect(&in, CS_OK, "OOMRISK OK - all checks passed; " VICTIM, "free above low: ok");
	only("zone_warn = high\nzone_crit = low\n");
	expect(&in, CS_WARNING, "OOMRISK WARNING - zone 0/Normal free 83M <= warn high 87M; "
	    VICTIM, "free below high: warning");
	only("zone_warn = high\nzone_crit = high\n");
	expect(&in, CS_CRITICAL, "OOMRISK CRITICAL - zone 0/Normal free 83M <= crit high 87M; "
	    VICTIM, "critical at high");
}

static void
test_psi(void)
{
	struct check_input in;
	static const struct {
		const char *name, *value;	/* as in the capture */
		const char *ok, *warn, *crit;
	} p[] = {
		{ "psi_some_avg10", "7.22%", "10%", "7%", "7.22%" },
		{ "psi_some_avg60", "3.70%", "4%", "3.7%", "3.5%" },
		{ "psi_full_avg10", "4.49%", "5%", "4%", "4.49%" },
		{ "psi_full_avg60", "2.58%", "2.59%", "2.5%", "2.58%" },
	};
	size_t i;

	base_input(&in, &local);
	for (i = 0; i < ARRAY_SIZE(p); i++) {
		char conf_text[256], want[256], what[64];

		snprintf(what, sizeof(what), "%s ok", p[i].name);
		snprintf(conf_text, sizeof(conf_text), "%s_warn = %s\n", p[i].name, p[i].ok);
		only(conf_text);
		expect(&in, CS_OK, "OOMRISK OK - all checks passed; " VICTIM, what);

		snprintf(what, sizeof(what), "%s warning", p[i].name);
		snprintf(conf_text, sizeof(conf_text), "%s_warn = %s\n%s_crit = 50%%\n", p[i].name,
		    p[i].warn, p[i].name);
		only(conf_text);
		snprintf(want, sizeof(want), "OOMRISK WARNING - %s %s >= warn %s; %s",
		    p[i].name, p[i].value, p[i].warn, VICTIM);
		expect(&in, CS_WARNING, want, what);

		snprintf(what, sizeof(what), "%s critical", p[i].name);
		snprintf(conf_text, sizeof(conf_text), "%s_warn = 1%%\n%s_crit = %s\n", p[i].name,
		    p[i].name, p[i].crit);
		only(conf_text);
		snprintf(want, sizeof(want), "OOMRISK CRITICAL - %s %s >= crit %s; %s",
		    p[i].name, p[i].value, p[i].crit, VICTIM);
		expect(&in, CS_CRITICAL, want, what);
	}
}

static void
test_commit(void)
{
	struct check_input in;
	struct check_report r;

	base_input(&in, &local);
	/* overcommit_memory 0 in the capture: skipped unless asked. */
	only("commit_warn = 10%\ncommit_crit = 20%\n");
	check_evaluate(&in, &r);
	is_int(r.status, CS_OK, "commit not checked in mode 0 (auto)");
	ok(r.n == 1 && !r.items[0].evaluated && strstr(buf_str(&r.items[0].msg),
	    "vm.overcommit_memory is 0: CommitLimit is enforced only in mode 2") != NULL,
	    "the skip says why");
	check_report_free(&r);
	only("commit_check = always\ncommit_warn = 40%\ncommit_crit = 90%\n");
	expect(&in, CS_OK, "OOMRISK OK - all checks passed; " VICTIM, "commit 38.65% < 40%");
	only("commit_check = always\ncommit_warn = 30%\ncommit_crit = 90%\n");
	expect(&in, CS_WARNING, "OOMRISK WARNING - commit 38.7% (Committed_AS 4.5G of "
	    "CommitLimit 12G) >= warn 30%; " VICTIM, "commit warning");
	only("commit_check = always\ncommit_warn = 30%\ncommit_crit = 38.5%\n");
	expect(&in, CS_CRITICAL, "OOMRISK CRITICAL - commit 38.7% (Committed_AS 4.5G of "
	    "CommitLimit 12G) >= crit 38.5%; " VICTIM, "commit critical");
}

static void
test_top_share(void)
{
	struct check_input in;

	base_input(&in, &local);
	only("top_share_warn = 0.05%\ntop_share_crit = 1%\n");
	expect(&in, CS_OK, "OOMRISK OK - all checks passed; " VICTIM, "share 0.0399% < 0.05%");
	only("top_share_warn = 0.03%\ntop_share_crit = 1%\n");
	expect(&in, CS_WARNING, "OOMRISK WARNING - top_share 0.04% >= warn 0.03%; " VICTIM,
	    "share warning");
	only("top_share_warn = 0.01%\ntop_share_crit = 0.03%\n");
	expect(&in, CS_CRITICAL, "OOMRISK CRITICAL - top_share 0.04% >= crit 0.03%; " VICTIM,
	    "share critical");
}

/*
 * New kills: the previous run saw oom_kill 33 and the log up to record
 * 4100; the capture's vmstat says 35 and the kmsg fixture holds two memcg
 * kills (9983 oomtestB in /oomrisk-test-9974, 11941 oomtestA in
 * /oomrisk-test-11933).
 */
static void
test_kills(void)
{
	struct check_input in;
	struct check_state prev;
	struct kill_list kills = { 0 };
	struct check_report r;
	size_t len;
	char *buf = fixture_load("fixtures/kmsg/kmsg-6.18-two-memcg-kills.txt", &len);

	memset(&prev, 0, sizeof(prev));
	snprintf(prev.boot_id, sizeof(prev.boot_id), "614f003b-fc82-4626-a298-82d3dc9044d8");
	prev.have_oom_kill = true;
	prev.oom_kill = 33;
	prev.have_kmsg_seq = true;
	prev.kmsg_seq = 4100;
	prev.confirmed = 4;
	prev.missed = 1;
	/* Predicted: oomtestA in its cgroup (right), 1234 in the other (wrong). */
	snprintf(prev.pred[0].scope, sizeof(prev.pred[0].scope), "/oomrisk-test-11933");
	prev.pred[0].pid = 11941;
	memcpy(prev.pred[0].comm, "oomtestA", 8);
	prev.pred[0].comm_len = 8;
	snprintf(prev.pred[1].scope, sizeof(prev.pred[1].scope), "/oomrisk-test-9974");
	prev.pred[1].pid = 1234;
	memcpy(prev.pred[1].comm, "java", 4);
	prev.pred[1].comm_len = 4;
	prev.npred = 2;
	base_input(&in, &local);
	in.prev = &prev;
	in.kills_read = true;
	kills_from_kmsg(buf, len, prev.kmsg_seq, &kills, &in.window);
	free(buf);
	in.kills = &kills;
	is_int(kills.n, 2, "two kills after record 4100");

	/* Both kills were at cgroup limits: the host-wide count stays 0 (issue 13). */
	only("oom_kills_warn = 1\noom_kills_crit = 2\n");
	expect(&in, CS_OK, "OOMRISK OK - all checks passed; " VICTIM,
	    "memcg kills leave oom_kills alone");
	only("oom_kills_warn = 1\noom_kills_crit = 2\ncgroup_oom_kills_warn = 1\n");
	expect(&in, CS_WARNING, "OOMRISK WARNING - cgroup_oom_kills /oomrisk-test-9974 1 new "
	    ">= warn 1: killed 9983 (oomtestB) in memcg /oomrisk-test-9974, predicted 1234 "
	    "(java); cgroup_oom_kills /oomrisk-test-11933 1 new >= warn 1: killed 11941 "
	    "(oomtestA) in memcg /oomrisk-test-11933, as predicted; " VICTIM,
	    "each cgroup's kills warn on their own");
	only3("oom_kills_warn = 1\noom_kills_crit = 2\ncgroup_oom_kills_warn = 1\n", NULL,
	    "[cgroup /oomrisk-test-9974]\noom_kills_warn = 2\n[cgroup /oomrisk-test-11933]\n"
	    "oom_kills_crit = 1\n");
	check_evaluate(&in, &r);
	is_int(r.status, CS_CRITICAL, "a section's crit 1 makes its cgroup's kill critical");
	{
		size_t i;
		int seen = 0;

		for (i = 0; i < r.n; i++) {
			if (strcmp(r.items[i].label, "cgroup_oom_kills /oomrisk-test-9974") == 0) {
				is_int(r.items[i].status, CS_OK, "its own warn 2: 1 kill is OK");
				seen++;
			} else if (strcmp(r.items[i].label,
			    "cgroup_oom_kills /oomrisk-test-11933") == 0) {
				is_int(r.items[i].status, CS_CRITICAL, "its own crit 1");
				seen++;
			} else if (strcmp(r.items[i].label, "oom_kills") == 0) {
				is_int(r.items[i].status, CS_OK, "host-wide: unaffected");
				is_int((int)r.items[i].value, 0, "host-wide: 0 system-wide kills");
				seen++;
			}
		}
		is_int(seen, 3, "an item per section and the host's");
	}
	is_int(r.new_kills, 2, "vmstat: 2 new kills");
	is_int(r.new_memcg_kills, 2, "both at cgroup limits");
	is_int(r.new_global_kills, 0, "none system-wide");
	check_report_free(&r);
	/* A section above both: every kill below it counts for it. */
	only3("cgroup_oom_kills_warn = 1\n", NULL, "[cgroup /]\noom_kills_warn = 3\n");
	expect(&in, CS_OK, "OOMRISK OK - all checks passed; " VICTIM,
	    "[cgroup /] covers every cgroup: 2 kills < its warn 3");
	/* One more kill than the log shows at cgroup limits: a system-wide one. */
	local.vm.oom_kill = 36;
	only("oom_kills_warn = 1\noom_kills_crit = 2\n");
	expect(&in, CS_WARNING, "OOMRISK WARNING - oom_kills 1 new system-wide >= warn 1 (2 "
	    "more at memory cgroup limits: cgroup_oom_kills) (no kill line found in the kernel "
	    "log); " VICTIM, "a kill the log does not place counts host-wide");
	local.vm.oom_kill = 35;
	/* Without the log, kills cannot be told apart: all count host-wide. */
	in.kills_read = false;
	in.kills_error = "/dev/kmsg: Operation not permitted";
	expect(&in, CS_CRITICAL, "OOMRISK CRITICAL - oom_kills 2 new >= crit 2 (system-wide "
	    "and memory cgroup kills together: the kernel log, which tells them apart, is "
	    "unreadable: /dev/kmsg: Operation not permitted); " VICTIM,
	    "log unreadable: the vmstat count");
	in.kills_read = true;
	in.kills_error = NULL;
	only("oom_kills_warn = 1\noom_kills_crit = 2\n");
	check_evaluate(&in, &r);
	is_int(r.next.confirmed, 5, "confirmed 4 + 1");
	is_int(r.next.missed, 2, "missed 1 + 1");
	is_int(r.next.unpredicted, 0, "no unpredicted kill");
	ok(r.next.have_kmsg_seq && r.next.kmsg_seq == 4281, "next run reads from record 4281");
	is_int(r.next.oom_kill, 35, "counter remembered");
	check_report_free(&r);

	/* A reboot: every kill of this boot is new; the old predictions do not apply. */
	snprintf(prev.boot_id, sizeof(prev.boot_id), "00000000-0000-0000-0000-000000000000");
	prev.oom_kill = 900;
	check_evaluate(&in, &r);
	is_int(r.new_kills, 35, "after a reboot the whole counter is new");
	check_report_free(&r);
	kills_free(&kills);

	/* No previous run: nothing to count from. */
	in.prev = NULL;
	in.kills = NULL;
	expect(&in, CS_OK, "OOMRISK OK - all checks passed; " VICTIM, "first run: kills skipped");
}

/* Growth: task 16110 had 4300 kB one hour ago; now 9784 kB. */
static void
test_growth(void)
{
	struct check_input in;
	struct check_state prev;

	memset(&prev, 0, sizeof(prev));
	snprintf(prev.boot_id, sizeof(prev.boot_id), "614f003b-fc82-4626-a298-82d3dc9044d8");
	prev.baseline_ms = 0 + 1000;
	prev.ntasks = 1;
	prev.tasks[0].pid = 16110;
	prev.tasks[0].start = 777;
	prev.tasks[0].mem_kb = 4300;
	base_input(&in, &local);
	in.prev = &prev;
	in.uptime_ms = 1000 + 3600 * 1000;	/* an hour later */
	victim.start = 777;
	in.victim.start = 777;
	in.tasks = &in.victim;
	in.ntasks = 1;
	/* +5484 kB/h = 5.4M/h; of RAM+swap 24684084 kB that is 0.022%/h. */
	only("growth_warn = 6M/h\ngrowth_crit = 1G/h\n");
	expect(&in, CS_OK, "OOMRISK OK - all checks passed; " VICTIM, "growth below 6M/h");
	only("growth_warn = 5M/h\ngrowth_crit = 1G/h\n");
	expect(&in, CS_WARNING, "OOMRISK WARNING - growth 16110 (\\x1b[31mX\\x07\\x5cn) +5.4M/h "
	    "(0.0% of RAM+swap/h) >= warn 5M/h; " VICTIM, "growth warning (size/h)");
	only("growth_warn = 0.01%/h\ngrowth_crit = 0.02%/h\n");
	expect(&in, CS_CRITICAL, "OOMRISK CRITICAL - growth 16110 (\\x1b[31mX\\x07\\x5cn) +5.4M/h "
	    "(0.0% of RAM+swap/h) >= crit 0.02%/h; " VICTIM, "growth critical (%/h)");
	/* The same pid with another start time is another process: no rate. */
	prev.tasks[0].start = 778;
	expect(&in, CS_OK, "OOMRISK OK - all checks passed; " VICTIM, "pid reused: no rate");
	prev.tasks[0].start = 777;
	in.uptime_ms = 1000 + 30 * 1000;	/* 30 s: below growth_min_interval */
	expect(&in, CS_OK, "OOMRISK OK - all checks passed; " VICTIM, "baseline too young");
	in.tasks = NULL;
	in.ntasks = 0;
}

/*
 * The memcg of oom-logs/040: "memory: usage 65536kB, limit 65536kB" and
 * memory.stat inactive_file 0: at its limit.
 */
static void
test_cgroup(void)
{
	struct check_input in;
	struct check_cgroup cg;

	memset(&cg, 0, sizeof(cg));
	snprintf(cg.path, sizeof(cg.path), "/corpus-oom-test");
	cg.usage_bytes = 65536 * 1024;
	cg.limit_bytes = 65536 * 1024;
	cg.have_inactive_file = true;
	cg.inactive_file_bytes = 0;
	base_input(&in, &local);
	in.cgroups = &cg;
	in.ncgroups = 1;
	only("cgroup_warn = off\ncgroup_crit = off\n");
	expect(&in, CS_OK, "OOMRISK OK - all checks passed; " VICTIM, "cgroup check off");
	only("cgroup_warn = 100%\ncgroup_crit = off\n");
	expect(&in, CS_WARNING, "OOMRISK WARNING - cgroup /corpus-oom-test 100.0% of 64M "
	    "(working set 64M, usage 64M) >= warn 100%; " VICTIM, "cgroup at its limit: warning");
	cg.inactive_file_bytes = 16384 * 1024;	/* a quarter of it reclaimable cache */
	only("cgroup_warn = 70%\ncgroup_crit = 80%\n");
	expect(&in, CS_WARNING, "OOMRISK WARNING - cgroup /corpus-oom-test 75.0% of 64M "
	    "(working set 48M, usage 64M) >= warn 70%; " VICTIM, "working set 75%: warning");
	only("cgroup_measure = usage\ncgroup_warn = 70%\ncgroup_crit = 80%\n");
	expect(&in, CS_CRITICAL, "OOMRISK CRITICAL - cgroup /corpus-oom-test 100.0% of 64M "
	    ">= crit 80%; " VICTIM, "raw usage 100%: critical");
}

static void
test_protect(void)
{
	struct check_input in;

	base_input(&in, &local);
	only2("", "pattern = ^/usr/local/bin/memhog \n");
	expect(&in, CS_WARNING, "OOMRISK WARNING - protect: 16110 (\\x1b[31mX\\x07\\x5cn) is the top "
	    "candidate (matches [protect] pattern on line 2); " VICTIM, "protected victim");
	only2("protect_severity = critical\n", "pattern = memhog -m 8\n");
	expect(&in, CS_CRITICAL, "OOMRISK CRITICAL - protect: 16110 (\\x1b[31mX\\x07\\x5cn) is the "
	    "top candidate (matches [protect] pattern on line 2); " VICTIM,
	    "protect_severity = critical");
	only2("", "pattern = ^memhog\n");
	expect(&in, CS_OK, "OOMRISK OK - all checks passed; " VICTIM,
	    "an anchored pattern must match at the start of the command line");
}

static void
test_perfdata(void)
{
	struct check_input in;
	struct check_report r;
	struct buf line = BUF_INIT;

	base_input(&in, &local);
	only("mem_available_warn = 90%\nmem_available_crit = 50%\npsi_full_avg10_warn = 5%\n"
	    "psi_full_avg10_crit = 20%\n");
	check_evaluate(&in, &r);
	check_view_perfdata(&in, &r, &line);
	/*
	 * 21486372 kB = 22002044928 B; MemTotal 24684084 kB = 25276502016 B,
	 * 90% of it 22748851814.4 and 50% 12638251008 (bytes, rounded down).
	 */
	/*
	 * MemAvailable is bad when low: its levels are ranges "N:" (alert
	 * below N); PSI's bare "N" (alert above N).
	 */
	is_str(buf_str(&line), "'mem_available'=22002044928B;22748851814:;12638251008:;0;"
	    "25276502016 'psi_full_avg10'=4.49%;5.00;20.00;0;100 'oom_kill'=35c",
	    "performance data");
	check_report_free(&r);
	buf_reset(&line);
	only("mem_available_warn = off\nmem_available_crit = 50%\nzone_warn = high\n"
	    "zone_crit = off\n");
	check_evaluate(&in, &r);
	check_view_perfdata(&in, &r, &line);
	ok(strncmp(buf_str(&line), "'mem_available'=22002044928B;;12638251008:;0;", 45) == 0,
	    "an off level is empty, not ':' (%.45s)", buf_str(&line));
	ok(strstr(buf_str(&line), "'zone 0/Normal'=") != NULL &&
	    strstr(buf_str(&line), "B;;0;") == NULL, "zones: a level with its ':'");
	{
		const char *z = strstr(buf_str(&line), "'zone 0/Normal'=");
		const char *semi = z ? strchr(z, ';') : NULL;

		ok(semi != NULL && strncmp(strchr(semi, ':') ? strchr(semi, ':') : "", ":;;0;", 5) == 0,
		    "a zone's free memory is bad when low: 'N:' (%.60s)", z ? z : "");
	}
	check_report_free(&r);
	buf_free(&line);
}

/* --notify-on-change: news is another status or another global top candidate. */
static void
test_changed(void)
{
	struct check_input in;
	struct check_report r;
	struct check_state prev;

	base_input(&in, &local);
	only("mem_available_warn = 90%\n");
	check_evaluate(&in, &r);
	is_int(r.status, CS_WARNING, "MemAvailable 87%% <= 90%%: WARNING");
	ok(r.next.have_status && r.next.status == CS_WARNING, "the next state keeps the status");
	ok(check_changed(NULL, &r), "no previous state: news");
	prev = r.next;
	ok(!check_changed(&prev, &r), "same status, same top candidate: no news");
	prev.have_status = false;
	ok(check_changed(&prev, &r), "a state without a status (older version): news");
	prev = r.next;
	prev.status = CS_OK;
	ok(check_changed(&prev, &r), "OK before, WARNING now: news");
	prev = r.next;
	prev.pred[0].pid++;
	ok(check_changed(&prev, &r), "another top candidate pid: news");
	prev = r.next;
	prev.pred[0].comm[0] ^= 1;
	ok(check_changed(&prev, &r), "the same pid with another name (pid reused): news");
	prev = r.next;
	prev.npred = 0;
	ok(check_changed(&prev, &r), "no top candidate before: news");
	/* A cgroup's prediction changing is not the global top candidate's. */
	prev = r.next;
	snprintf(prev.pred[prev.npred].scope, sizeof(prev.pred[0].scope), "/app");
	prev.pred[prev.npred++].pid = 77;
	ok(!check_changed(&prev, &r), "another scope's prediction is not news");
	check_report_free(&r);
	in.have_victim = false;
	check_evaluate(&in, &r);
	prev = r.next;
	ok(!check_changed(&prev, &r), "no killable task, twice: no news");
	check_report_free(&r);
	only("mem_available_warn = 10%\nmem_available_crit = 20G\n");
	check_evaluate(&in, &r);
	is_int(r.status, CS_UNKNOWN, "levels in the wrong order: UNKNOWN");
	ok(check_changed(&prev, &r), "UNKNOWN is always news");
	check_report_free(&r);
}

static void
test_prom_escape(void)
{
	struct buf b = BUF_INIT;

	prom_label_value(&b, "a\"b\\c\nd\033e", 9);
	is_str(buf_str(&b), "a\\\"b\\\\\\\\c\\\\nd\\\\ee", "label value: quote, backslash, "
	    "newline and ESC escaped");
	buf_free(&b);
}

int
main(void)
{
	escape_init();
	load_snapshot("local-6.18-memcg-thrash", &local);
	load_victim();
	conf_init(&conf);
	test_defaults();
	test_mem_available();
	test_swap();
	test_zones();
	test_psi();
	test_commit();
	test_top_share();
	test_kills();
	test_growth();
	test_cgroup();
	test_protect();
	test_perfdata();
	test_changed();
	test_prom_escape();
	conf_free(&conf);
	return tap_done();
}
