/*
 * test-explain: the classic cases, checked by hand against the logs.
 *   050  3.10 RocketMQ: AliYunDun asked, java 5424 killed, 0x201da decoded,
 *        Normal/DMA32/DMA refused with lowmem_reserve (reference §5.4),
 *        score 800 reproduced: (1537770 + 66407) * 1000 / (2097151 - 94167).
 *   051  RHEL 6: slab_unreclaimable 3898229 pages; haproxy killed for swap
 *        the dump (no swap column) cannot show.
 *   052  3.10.14 MIPS: score 922 only with the root bonus:
 *        (120139 - 30 * (126070 / 1000)) * 1000 / 126070 = 922 (952 without).
 *   039  hugetlb pool exhausted, 24 GB free, panic_on_oom.
 *   005, 025, 027  the root bonus and memcg totalpages tried both ways.
 *   076  6.1 cgroup v2 with swap (the test VM): memory.max + min(swap.max,
 *        total swap).  Event 1, swap.max 32M: 8192 + 8192 = 16384, swB.
 *        Event 2, swap.max max: 8192 + 16383 (SwapTotal 65532 kB) = 24575,
 *        swC (9419 points: 158 + 2050 + 11 + 300 * 24); memory.max alone
 *        would pick swA.  The report does not print SwapTotal: the
 *        cgroup's swap usage (all of it here) is its floor, and the
 *        machine's SwapTotal now stands in when the log is its own.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/explain.h"
#include "log/reports.h"
#include "tap.h"

static struct explanation ex;
static int nreports;
static int64_t want_report = 1;
static const struct explain_host *host;	/* explain_report()'s, for the next load() */

/* Explain the report we want while its tasks are still valid. */
static void
on_report(const struct oom_report *r, void *arg)
{
	struct oom_report *copy = arg;

	if (++nreports != want_report)
		return;
	*copy = *r;
	copy->tasks = malloc(r->ntasks * sizeof(*r->tasks) + 1);
	if (r->ntasks > 0)
		memcpy(copy->tasks, r->tasks, r->ntasks * sizeof(*r->tasks));
	explain_report(copy, host, &ex);
}

static struct oom_report *
load(const char *name, int which)
{
	static struct oom_report r;
	size_t len;
	char *buf = fixture_load(name, &len);

	free(r.tasks);
	memset(&r, 0, sizeof(r));
	nreports = 0;
	want_report = which;
	reports_parse_buf(buf, len, on_report, &r);
	free(buf);
	return &r;
}

static const struct ex_zone *
zone(const char *name, int node)
{
	int i;

	for (i = 0; i < ex.nzones; i++)
		if (strcmp(ex.zones[i].z->name, name) == 0 && ex.zones[i].z->node == node)
			return &ex.zones[i];
	return NULL;
}

static int
has_finding(const char *needle)
{
	int i;

	for (i = 0; i < ex.nfindings; i++)
		if (strstr(ex.findings[i], needle) != NULL)
			return 1;
	return 0;
}

int
main(void)
{
	const struct ex_zone *z;
	struct oom_report *r;

	r = load("oom-logs/050-seed-3.10-rocketmq-java-global-noswap.log", 1);
	is_str(r->invoker, "AliYunDun", "050: the asker");
	is_int(r->kill.pid, 5424, "050: the victim");
	ok(has_finding("often a bystander"), "050: the asker is called a bystander");
	is_str(ex.gfp.names, "GFP_HIGHUSER_MOVABLE|__GFP_COLD", "050: 0x201da decoded (3.x table)");
	is_int(ex.classzone, 2, "050: classzone Normal (Movable is empty, pre-5.8)");
	z = zone("Normal", 0);
	ok(z != NULL && strcmp(z->verdict, "below min") == 0, "050: Normal 36200 <= min 43192");
	is_int(z ? z->reserve_kb : -1, 0, "050: Normal's own column is 0");
	z = zone("DMA32", 0);
	is_int(z ? z->reserve_kb : -1, 4990 * 4, "050: DMA32 reserve 4990 pages = 19960 kB");
	is_int(z ? z->need_min_kb : -1, 24252 + 19960, "050: DMA32 needs > 44212 kB, has 43500");
	ok(z && strcmp(z->verdict, "below min") == 0, "050: DMA32 refused by lowmem_reserve");
	z = zone("DMA", 0);
	is_int(z ? z->need_min_kb : -1, 132 + 7792 * 4, "050: DMA needs > 31300 kB, has 15900");
	ok(z && strcmp(z->verdict, "below min") == 0, "050: DMA refused");
	ok(has_finding("could not be served anywhere"), "050: every zone failed");
	ok(ex.replay.done && ex.replay.agrees, "050: replay agrees");
	is_int(ex.replay.totalpages, 2097151 - 94167, "050: totalpages = RAM - reserved (no swap)");
	is_int(ex.replay.victim_pid, 5424, "050: replay picks java 5424");
	is_int(ex.replay.victim_points, 1537770 + 66407, "050: rss + nr_ptes");
	is_int(ex.replay.victim_score, 800, "050: score 800 reproduced");
	ok(ex.replay.score_checked && ex.replay.score_matches, "050: printed score checked");
	is_str(ex.cause, "application-anon", "050: cause");
	ok(strstr(ex.cause_summary, "no swap") != NULL, "050: no swap said");

	r = load("oom-logs/051-seed-rhel6-2.6.32-slab-leak-numa-swap.log", 1);
	is_str(ex.cause, "kernel-slab", "051: cause kernel slab");
	ok(strstr(ex.cause_summary, "95%") != NULL, "051: 3898229 of 4079041 pages = 95%%");
	ok(has_finding("often a bystander"), "051: haproxy is a bystander");
	ok(!ex.replay.done, "051: no replay");
	ok(strstr(ex.replay.reason, "no swap") != NULL, "051: because the dump has no swap column");
	is_int(ex.replay.implied_base_lo, 1632049, "051: score 133 needs >= 133*12271039/1000 pages");
	ok(has_finding("was swap or page tables"), "051: the victim was chosen for its swap");
	is_int(zone("Normal", 1) ? 1 : 0, 1, "051: node 1 zones kept apart");

	r = load("oom-logs/052-seed-mips-3.10-highmem-root-bonus.log", 1);
	ok(ex.replay.agrees, "052: replay agrees");
	ok(ex.replay.root_bonus, "052: with the root bonus");
	is_int(ex.replay.victim_score, 922, "052: score 922 reproduced");
	is_int(ex.replay.victim_points, 120139 - 30 * 126, "052: 120139 - 30 * (126070/1000)");
	is_int(ex.classzone, 1, "052: HighMem is index 1 on this MIPS board");

	r = load("oom-logs/039-euleros-3.10-hugetlb-exhausted-oom-24G-free-panic.log", 1);
	is_str(ex.cause, "hugetlb-reservation", "039: hugetlb pool exhausted");
	is_int(ex.mem.hugetlb_kb, 1024 * 2048, "039: 1024 x 2 MB");
	is_int(ex.mem.free_kb, 6464114 * 4, "039: 24 GB free");
	ok(r->panic_on_oom, "039: panic_on_oom");
	ok(!ex.replay.agrees_known, "039: no victim to compare with");
	is_int(r->kill.pid, OOM_NONE, "039: nobody killed");

	r = load("oom-logs/005-gentoo-4.8-docker-memcg-kmsg-bare.log", 1);
	ok(ex.replay.agrees && ex.replay.score_checked, "005: 1046 reproduced");
	ok(!ex.replay.root_bonus, "005: root in a container has no CAP_SYS_ADMIN");
	is_int(ex.replay.totalpages, 40960 / 4, "005: totalpages = memory+swap limit");
	r = load("oom-logs/025-ubuntu-4.15-azure-docker-memcg-thp-java.log", 1);
	is_int(ex.replay.victim_score, 1027, "025: 1027 without the root bonus");
	r = load("oom-logs/027-ubuntu-4.x-vagrant-cgexec-memcg-v1-nohead.log", 1);
	ok(ex.replay.root_bonus, "027: cgexec as root keeps CAP_SYS_ADMIN");
	is_int(ex.replay.victim_score, 972, "027: 972 with the 3%% root bonus");
	r = load("oom-logs/003-ubuntu-3.13-memcg-v1-nohostname.log", 1);
	ok(ex.replay.agrees && !ex.replay.score_checked, "003: victim right, score not checkable");
	ok(ex.replay.implied_T_lo > 245, "003: score 996 implies swap counted in totalpages");

	r = load("oom-logs/041-local-6.18-memcg-v1-two-procs-victim-not-invoker.log", 1);
	ok(ex.replay.agrees, "041: hog_a (13725 pages) chosen over the invoker");
	is_str(ex.cause, "memcg-limit", "041: memcg limit");
	r = load("oom-logs/033-rhel7-3.10-k8s-allocfail-order5-numa2-rsyslog-interleaved.log", 1);
	is_str(ex.cause, "fragmentation", "033: order 5 with free memory: fragmentation");
	is_str(ex.gfp.names, "GFP_KERNEL_ACCOUNT|__GFP_COMP|__GFP_ZERO", "033: RHEL 7 table");
	r = load("oom-logs/020-riscv-7.2rc1-allocfail-order2-dma32-nokill.log", 1);
	is_str(ex.cause, "zone-constraint", "020: DMA32 request, no DMA32 memory");
	r = load("oom-logs/028-opensuse-5.8-cpuset-movable-pmem-node-notimestamp.log", 1);
	is_str(ex.cause, "cpuset-constraint", "028: node 4 has only Movable memory");
	r = load("oom-logs/015-arm64-5.4-slab-kmemleak-order1-nokillable-panic-mail.log", 2);
	is_str(ex.cause, "kernel-slab", "015: slab");
	z = zone("Movable", 0);
	ok(z && !z->allowed, "015: GFP_KERNEL may not use Movable");

	{
		static const char *const log076 =
		    "oom-logs/076-debian-6.1-cgroupv2-memcg-swap-max-qemu.log";
		struct explain_host h = { 65532 };

		r = load(log076, 1);
		ok(ex.replay.agrees, "076/1: swB reproduced");
		is_int(ex.replay.totalpages, 16384, "076/1: memory.max + swap.max");
		r = load(log076, 2);
		ok(ex.replay.agrees, "076/2: swC reproduced from the log alone");
		is_int(ex.replay.totalpages, 24575, "076/2: memory.max + the cgroup's swap usage");
		is_int(ex.replay.victim_points, 9419, "076/2: swC's points by hand");
		ok(strstr(ex.replay.totalpages_basis, "swap usage") != NULL,
		    "076/2: the basis says the swap usage stood in");
		host = &h;
		r = load(log076, 2);
		ok(ex.replay.agrees, "076/2: swC reproduced with this machine's SwapTotal");
		is_int(ex.replay.totalpages, 24575, "076/2: memory.max + min(max, 16383 pages)");
		ok(strstr(ex.replay.totalpages_basis, "SwapTotal now") != NULL,
		    "076/2: the basis names SwapTotal, read now");
		r = load(log076, 1);
		is_int(ex.replay.totalpages, 16384, "076/1: min(swap.max, SwapTotal) is swap.max");
		ok(ex.replay.agrees, "076/1: swB with SwapTotal too");
		h.swap_total_kb = 0;	/* swap turned off since: the floor still reproduces */
		r = load(log076, 2);
		ok(ex.replay.agrees, "076/2: swC when SwapTotal is 0 now");
		is_int(ex.replay.totalpages, 24575, "076/2: the swap usage, not today's 0");
		h.swap_total_kb = 4096;	/* less swap now than then */
		r = load(log076, 2);
		ok(ex.replay.agrees && ex.replay.totalpages == 24575,
		    "076/2: a smaller SwapTotal now does not hide the floor");
		host = NULL;
	}
	free(r->tasks);
	r->tasks = NULL;
	return tap_done();
}
