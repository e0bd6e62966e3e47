/*
 * test-oomlog: the report parser on the real logs of tests/oom-logs (values
 * checked by hand against the text, line numbers given) and on damage a
 * real log has: interleaved hosts, terminal wraps, rsyslog #012, /dev/kmsg
 * \x0a escapes, CRLF, cut and overlong lines, huge task dumps.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "log/reports.h"
#include "tap.h"

#define MAXR 8

/* Copies of what the callback saw (tasks are only valid during it). */
struct seen {
	int n;
	struct oom_report r[MAXR];
	size_t ntasks[MAXR];
	struct oom_task first_task[MAXR], victim_task[MAXR];
};

static void
collect(const struct oom_report *r, void *arg)
{
	struct seen *s = arg;
	size_t i;

	if (s->n >= MAXR)
		return;
	s->r[s->n] = *r;
	s->r[s->n].tasks = NULL;
	s->ntasks[s->n] = r->ntasks;
	if (r->ntasks > 0)
		s->first_task[s->n] = r->tasks[0];
	for (i = 0; i < r->ntasks; i++)
		if (r->tasks[i].pid == r->kill.pid)
			s->victim_task[s->n] = r->tasks[i];
	s->n++;
}

static void
parse_fixture(const char *name, struct seen *s)
{
	size_t len;
	char *buf = fixture_load(name, &len);

	memset(s, 0, sizeof(*s));
	reports_parse_buf(buf, len, collect, s);
	free(buf);
}

static void
parse_text(const char *text, struct seen *s)
{
	memset(s, 0, sizeof(*s));
	reports_parse_buf(text, strlen(text), collect, s);
}

int
main(void)
{
	static struct seen s;
	const struct oom_report *r;
	struct buf b = BUF_INIT;
	int i;

	/* 001 (RHEL 6, syslog + uptime): lines 3-882 */
	parse_fixture("oom-logs/001-rhel6-2.6.32-phpfpm-global-swapfull.log", &s);
	is_int(s.n, 1, "001: one report");
	r = &s.r[0];
	is_int(r->line, 3, "001: starts at line 3 (after two rsyslogd lines)");
	is_str(r->host, "new-db1", "001: host");
	is_str(r->uptime, "15180285.537297", "001: uptime");
	is_int(r->gfp_mask, 0x280da, "001: gfp_mask");
	is_int(r->oom_adj, 0, "001: oom_adj (2.6.36-3.7 header)");
	is_int(r->invoker_pid, 23212, "001: Pid: 23212, comm: php-fpm");
	is_str(r->kernel, "2.6.32-642.11.1.el6.x86_64", "001: release");
	is_int(r->counters[OC_ACTIVE_ANON], 7343961, "001: active_anon");
	is_int(r->counters[OC_PAGETABLES], 124334, "001: pagetables");
	is_int(r->nzones, 3, "001: DMA, DMA32, Normal");
	is_int(r->zones[1].lowmem_reserve[2], 29037, "001: DMA32 lowmem_reserve[2]");
	is_int(r->zones[2].buddy[0], 15426, "001: Normal 15426*4kB");
	is_int(r->free_swap_kb, 0, "001: Free swap  = 0kB");
	is_int(r->ram_pages, 8388607, "001: pages RAM");
	is_int(r->layout, TL_2636, "001: cpu oom_adj oom_score_adj layout");
	is_int(s.victim_task[0].rss, 3287, "001: mysqld row rss 3287");
	is_int(s.victim_task[0].oom_adj, 0, "001: mysqld oom_adj");
	is_int(s.first_task[0].oom_score_adj, -1000, "001: udevd -1000");
	is_int(r->kill.uid, 27, "001: RHEL 6 'Killed process 40738, UID 27, (mysqld)'");
	is_str(r->kill.comm, "mysqld", "001: victim comm");

	/* 002: rsyslog #012 inside the Mem-Info line; 7-digit pids */
	parse_fixture("oom-logs/002-rhel8-4.18-varnish-rsyslog-012.log", &s);
	r = &s.r[0];
	is_int(r->counters[OC_ACTIVE_FILE], 43, "002: active_file after #012");
	is_int(r->counters[OC_FREE_PCP], 1055, "002: free_pcp on the last #012 piece");
	is_str(r->invoker, "in:imjournal", "002: comm with a colon");
	is_int(r->kill.pid, 3117813, "002: 7-digit pid");
	is_int(s.victim_task[0].pgtables, 22183936, "002: pgtables_bytes");
	is_int(r->node_kernel_stack_kb, 6544, "002: node line kernel_stack");
	is_str(r->task_memcg, "/system.slice/varnish.service", "002: task_memcg");
	ok(r->global_oom, "002: global_oom");

	/* 009: dmesg -T in French; continuation lines without a prefix */
	parse_fixture("oom-logs/009-rhel9-5.14-postgres-shmem-dmesgT-fr.log", &s);
	r = &s.r[0];
	is_str(r->time, "ven. nov. 28 07:26:44 2025", "009: localized dmesg -T time");
	is_int(r->counters[OC_SHMEM], 1127599, "009: shmem on an indented continuation line");
	is_int(r->counters[OC_FREE], 33077, "009: free");
	is_int(r->kill.shmem_rss_kb, 3445804, "009: shmem-rss");

	/* 011: the node-problem-detector line quotes a kill line; a 2nd report starts */
	parse_fixture("oom-logs/011-aks-5.15-cgroupv2-k8s-pod-interleaved.log", &s);
	is_int(s.n, 2, "011: the quoted kill line is not a report; the last line begins one");
	r = &s.r[0];
	is_int(r->kind, OOM_KIND_MEMCG, "011: memcg");
	ok(r->memcg_v2, "011: swap: line means cgroup v2");
	is_int(r->ms_anon, 98742272, "011: memory.stat anon (bytes)");
	is_int(s.ntasks[0], 9, "011: nine tasks");
	is_int(s.r[1].line, 90, "011: second report at line 90");
	ok(!(s.r[1].seen & OP_KILLED), "011: second report has no kill");

	/* 014: header spliced into a panic; kernel from an earlier CPU line */
	parse_fixture("oom-logs/014-syzbot-4.20-oom-header-interleaved-panic.log", &s);
	r = &s.r[0];
	is_int(s.n, 1, "014: one report");
	is_str(r->kernel, "4.20.0+", "014: release from the panic's CPU line before it");
	ok(r->kernel_from_earlier, "014: marked as taken from an earlier line");
	is_str(r->cpuset, "syz4", "014: cpuset");
	is_str(r->nodemask, "(null)", "014: nodemask in the header");
	ok(!r->kind_known, "014: kind cannot be known");

	/* 015: a tail (summary, kill, reaper) then a report ending in a panic */
	parse_fixture("oom-logs/015-arm64-5.4-slab-kmemleak-order1-nokillable-panic-mail.log", &s);
	is_int(s.n, 2, "015: two reports");
	is_str(s.r[0].constraint, "CONSTRAINT_NONE", "015: tail keeps its summary line");
	is_int(s.r[0].kill.oom_score_adj, -900, "015: Killed ... oom_score_adj:-900");
	is_int(s.r[0].nreaped, 1, "015: reaper line attached");
	r = &s.r[1];
	ok(r->no_killable, "015: no killable processes");
	is_str(r->panic, "System is deadlocked on memory", "015: panic text");
	is_int(r->nslabs, OOM_MAX_SLABS, "015: slab table kept (largest few)");
	is_str(r->slabs[0].name, "kmemleak_object", "015: largest slab");
	is_int(r->slabs[0].used_kb, 2449340, "015: kmemleak_object KB");
	is_int(r->zones[1].nreserve, 3, "015: 3 lowmem_reserve columns");
	is_int(s.ntasks[1], 55, "015: 55 rows (whitespace collapsed by the mail client)");

	/* 017: terminal padding and a hard-wrapped Killed line; no Node prefix */
	parse_fixture("oom-logs/017-arm32-5.10-rockchip-64MB-nonuma-terminal.log", &s);
	r = &s.r[0];
	is_int(r->kill.oom_score_adj, 0, "017: 'oom' + '_score_adj:0' joined");
	is_int(r->kill.pgtables_kb, 24, "017: pgtables before the wrap");
	is_int(r->zones[0].node, -1, "017: 'Normal free:' without Node");
	is_int(r->zones[0].nbuddy, 9, "017: buddy stops at 1024kB");
	is_str(r->summary_task, "kprobelabs", "017: short summary line");

	/* 023: grep-filtered; rows without header */
	parse_fixture("oom-logs/023-amzn2-4.14-docker-memcg-dmesgT-grep-filtered.log", &s);
	is_int(s.n, 2, "023: two kills");
	is_int(s.r[1].layout, TL_PMDS, "023: 8 columns after pid = nr_ptes nr_pmds");
	ok(s.r[1].layout_guessed, "023: layout guessed");
	is_int(s.victim_task[1].pgtables, 114042 + 282, "023: nr_ptes + nr_pmds");
	is_int(s.r[0].nreaped, 1, "023: reaper of the first kill, 4 s later");

	/* 024: raw /dev/kmsg records */
	parse_fixture("oom-logs/024-nerves-kmsg-raw-records.log", &s);
	is_int(s.n, 2, "024: tail + header");
	is_str(s.r[0].uptime, "192203.018349", "024: usec shown as dmesg seconds");
	is_int(s.r[0].kill.score, 300, "024: score");

	/* 027: starts at "Task in" */
	parse_fixture("oom-logs/027-ubuntu-4.x-vagrant-cgexec-memcg-v1-nohead.log", &s);
	is_int(s.r[0].line, 2, "027: report begins at the Task in line");
	is_str(s.r[0].memcg, "/memory-limit", "027: memcg path");
	is_int(s.r[0].mem_failcnt, 11008165, "027: failcnt");

	/* 028: five reaper lines for earlier victims */
	parse_fixture("oom-logs/028-opensuse-5.8-cpuset-movable-pmem-node-notimestamp.log", &s);
	is_int(s.r[0].nreaped, 5, "028: five oom_reaper lines");
	is_str(s.r[0].reaped[4].comm, "runc:[2:INIT]", "028: comm with brackets");
	is_int(s.r[0].kind, OOM_KIND_CPUSET, "028: CONSTRAINT_CPUSET");

	/* 035: journalctl -f tail, every memory.stat line prefixed */
	parse_fixture("oom-logs/035-ubuntu-6.x-cgroupv2-memcg-journalctl-f-tail.log", &s);
	is_int(s.n, 1, "035: one report, the sudo line ignored");
	is_int(s.r[0].layout, TL_SPLIT, "035: 6.8+ rss split layout");
	is_int(s.victim_task[0].rss_anon, 12608, "035: rss_anon");

	/* 052: terminal-wrapped zone and buddy lines */
	parse_fixture("oom-logs/052-seed-mips-3.10-highmem-root-bonus.log", &s);
	r = &s.r[0];
	is_int(r->zones[0].kernel_stack_kb, 320, "052: key after a wrap inside 'active_file'");
	is_int(r->zones[0].pagetables_kb, 600, "052: 'pagetab' + 'les:600kB'");
	is_int(r->zones[0].nbuddy, 15, "052: 15 orders across two wrapped lines");
	is_int(r->zones[0].buddy[11], 2, "052: 2*8192kB");
	is_int(r->zones[1].buddy_total_kb, 224, "052: HighMem = 224kB");
	is_int(r->highmem_pages, 131072, "052: pages HighMem");

	/* 050: an author's break inside a zone line */
	parse_fixture("oom-logs/050-seed-3.10-rocketmq-java-global-noswap.log", &s);
	is_int(s.r[0].zones[1].high_kb, 36376, "050: high before the break");
	is_int(s.r[0].zones[1].managed_kb, 2869240, "050: managed after the break");

	/* Two hosts interleaved in one file stay apart. */
	buf_puts(&b,
	    "Jan  1 00:00:01 a kernel: x invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n"
	    "Jan  1 00:00:01 b kernel: y invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n"
	    "Jan  1 00:00:01 a kernel: CPU: 1 PID: 11 Comm: x Not tainted 6.1.0 #1\n"
	    "Jan  1 00:00:01 b kernel: CPU: 2 PID: 22 Comm: y Not tainted 5.10.0 #1\n"
	    "Jan  1 00:00:01 b kernel: Out of memory: Killed process 222 (yy) total-vm:8kB, anon-rss:4kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0\n"
	    "Jan  1 00:00:01 a kernel: Out of memory: Killed process 111 (xx) total-vm:8kB, anon-rss:4kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0\n");
	parse_text(buf_str(&b), &s);
	is_int(s.n, 2, "hosts: two reports");
	for (i = 0; i < s.n; i++) {
		if (strcmp(s.r[i].host, "a") == 0) {
			is_int(s.r[i].invoker_pid, 11, "host a: its own CPU line");
			is_int(s.r[i].kill.pid, 111, "host a: its own victim");
			is_str(s.r[i].kernel, "6.1.0", "host a: its kernel");
		} else {
			is_int(s.r[i].invoker_pid, 22, "host b: its own CPU line");
			is_int(s.r[i].kill.pid, 222, "host b: its own victim");
		}
	}

	/* /dev/kmsg escapes newlines inside a record as \x0a; CRLF line ends. */
	parse_text("4,1,100,-;x invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=1, oom_score_adj=5\r\n"
	    "4,2,101,-;Mem-Info:\\x0aactive_anon:7 inactive_anon:8 isolated_anon:0\\x0a free:9 free_pcp:0\r\n"
	    " SUBSYSTEM=x\r\n", &s);
	is_int(s.n, 1, "kmsg: one report");
	is_int(s.r[0].order, 1, "kmsg: order (CRLF stripped)");
	is_int(s.r[0].oom_score_adj, 5, "kmsg: oom_score_adj");
	is_int(s.r[0].counters[OC_INACTIVE_ANON], 8, "kmsg: counters after \\x0a");
	is_int(s.r[0].counters[OC_FREE], 9, "kmsg: continuation after \\x0a");

	/* An overlong line is cut, counted, and parsing goes on. */
	buf_reset(&b);
	buf_puts(&b, "[ 1.0] x invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n[ 1.0] ");
	for (i = 0; i < OOM_LINE_MAX / 8 + 10; i++)
		buf_puts(&b, "zzzzzzzz");
	buf_puts(&b, "\n[ 1.0] Out of memory: Killed process 5 (q) total-vm:1kB, anon-rss:1kB, file-rss:0kB\n");
	parse_text(buf_str(&b), &s);
	is_int(s.n, 1, "long line: one report");
	is_int(s.r[0].kill.pid, 5, "long line: the kill after it is parsed");

	/* A huge task dump is kept up to OOM_TASKS_MAX rows and the rest counted. */
	buf_reset(&b);
	buf_puts(&b, "x invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n"
	    "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n");
	for (i = 1; i <= OOM_TASKS_MAX + 100; i++)
		buf_printf(&b, "[%7d]     0 %5d     1000      %d    4096        0             0 t%d\n",
		    i, i, i, i);
	parse_text(buf_str(&b), &s);
	is_int(s.ntasks[0], OOM_TASKS_MAX, "big dump: rows kept");
	is_int(s.r[0].tasks_cut, 100, "big dump: the rest counted as cut");

	/* 054 (6.1, test VM): memory.oom.group kills are one event each. */
	parse_fixture("oom-logs/054-debian-6.1-cgroupv2-oom-group-kills-qemu.log", &s);
	is_int(s.n, 4, "054: four events, not one per kill line");
	r = &s.r[0];
	ok(r->oom_group && strcmp(r->oom_group_path, "/ga") == 0, "054 1: group /ga (line 69)");
	is_int(r->nkilled, 3, "054 1: gaA, gaA again, gaB (lines 68, 70, 71)");
	ok(r->killed[0].pid == 627 && r->killed[0].role == KR_VICTIM && r->killed[1].pid == 627 &&
	    r->killed[1].role == KR_GROUP && r->killed[2].pid == 629 &&
	    strcmp(r->killed[2].comm, "gaB") == 0, "054 1: victim, then the group in scan order");
	is_int(r->killed[2].anon_rss_kb, 40864, "054 1: gaB's anon-rss");
	is_int(r->kill.pid, 627, "054 1: the victim stays gaA");
	ok(!s.r[2].oom_group && s.r[2].nkilled == 1, "054 3: a plain kill");
	r = &s.r[3];
	ok(r->oom_group && r->nkilled == 3 && r->killed[1].pid == 901 && r->killed[1].exiting &&
	    !r->killed[2].exiting && r->killed[2].pid == 903,
	    "054 4: 'OOM victim 901 (gdG1) is already exiting' is a skipped member of event 4");
	ok(!r->already_exiting, "054 4: the victim itself was killed");

	/* An exiting victim in place of the kill line. */
	parse_text("[ 1.0] x invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n"
	    "[ 1.1] Out of memory: OOM victim 77 (y) is already exiting. Skip killing the task\n", &s);
	ok(s.n == 1 && s.r[0].already_exiting && s.r[0].kill.pid == 77 && s.r[0].nkilled == 1 &&
	    s.r[0].killed[0].exiting, "exiting victim: the event's only task, skipped");

	/* 069 (4.16): the selected task and the child killed in its place. */
	parse_fixture("oom-logs/069-linux-mm-4.16-memcg-v1-sacrifice-child-indented-patch.log", &s);
	ok(s.n == 1 && s.r[0].kill.chosen_pid == 3861 && s.r[0].kill.score == 88 &&
	    strcmp(s.r[0].kill.chosen_comm, "bash") == 0,
	    "069: selected bash 3861, score 88 (line 20)");
	ok(s.r[0].kill.pid == 3876 && strcmp(s.r[0].kill.comm, "dd") == 0,
	    "069: killed dd 3876 (line 21)");

	/* 068 (RHEL 7 blog): vendor fields in the kill line are skipped, and said. */
	parse_fixture("oom-logs/068-rhel7-3.10-vendor-kill-line-fields-memcg-blog.log", &s);
	ok(s.n == 1 && s.r[0].kill.chosen_pid == 5021 && s.r[0].kill.score == 977,
	    "068: score 977 read around [State: 0 Flags: 4202752]");
	is_str(s.r[0].vendor_fields, "[State: 0 Flags: 4202752]", "068: the fields noted");

	/* 067 (5.0 next): printk caller ids. */
	parse_fixture("oom-logs/067-next-5.0rc1-printk-caller-id-snipped-memcg-mail.log", &s);
	ok(s.n == 4 && s.r[0].invoker_pid == 9694 && s.r[0].kill.chosen_pid == 9692 &&
	    s.r[0].kill.score == 904 && strcmp(s.r[0].oom_memcg, "/test1") == 0,
	    "067: four reports under [ T9694] caller ids, the first selecting 9692");

	/* A line printed in pieces, each piece with no prefix or its own. */
	parse_text("python invoked oom-killer: \n"
	    "gfp_mask=0x14201ca(GFP_HIGHUSER_MOVABLE|__GFP_COLD), nodemask=0, \n"
	    "order=0, oom_score_adj=0\n"
	    "Out of memory: Kill process 11968 (clamscan) score 170 or\n"
	    "sacrifice child\n"
	    "Killed process 11968 (clamscan) total-vm:538120kB, \n"
	    "anon-rss:182220kB, file-rss:464kB, shmem-rss:0kB\n", &s);
	ok(s.n == 1 && s.r[0].gfp_mask == 0x14201ca && s.r[0].order == 0 &&
	    s.r[0].oom_score_adj == 0, "pieces: the header's fields from the lines after it");
	ok(s.r[0].kill.score == 170 && s.r[0].kill.anon_rss_kb == 182220 &&
	    s.r[0].kill.shmem_rss_kb == 0, "pieces: score, and the kill's sizes");
	parse_text("{\"MESSAGE\":\"x invoked oom-killer: \",\"_TRANSPORT\":\"kernel\"}\n"
	    "{\"MESSAGE\":\"gfp_mask=0xcc0(GFP_KERNEL), order=2, oom_score_adj=0\","
	    "\"_TRANSPORT\":\"kernel\"}\n", &s);
	ok(s.n == 1 && s.r[0].gfp_mask == 0xcc0 && s.r[0].order == 2,
	    "pieces: in two journal records");

	/* Lines that lost their prefix: on their own, or a wrapped tail, by content. */
	parse_text("[ 1.0] x invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n"
	    "[ 1.0] Node 0 DMA32 free:43500kB min:24252kB low:30312kB high:36376kB\n"
	    "active_anon:2643608kB inactive_anon:61560kB present:3129152kB managed:2869020kB\n"
	    "[ 1.0] Free swap  = 84kB\n"
	    "Total swap = 25165820kB\n", &s);
	ok(s.n == 1 && s.r[0].free_swap_kb == 84 && s.r[0].total_swap_kb == 25165820,
	    "no prefix: \"Total swap\" stands on its own");
	ok(s.r[0].nzones == 1 && s.r[0].zones[0].managed_kb == 2869020 &&
	    s.r[0].counters[OC_ACTIVE_ANON] == OOM_NONE,
	    "no prefix: a zone line's key:value tail is the zone's, not Mem-Info's");

	/* A journal object cut after a key (found by fuzz-oomlog): not a frame. */
	parse_text("{\"MESSAGE\":\"x invoked oom-killer: gfp_mask=0xcc0\",\"_TRANSPORT\":", &s);
	is_int(s.n, 1, "cut JSON: read as text, no read past the line");

	/* Nothing but noise: no report. */
	parse_text("hello\nworld\n[ 1.0] usb 1-1: new device\n", &s);
	is_int(s.n, 0, "noise: no report");
	buf_free(&b);
	return tap_done();
}
