/*
 * test-killlog: the kill lines of every real OOM report in tests/oom-logs
 * (each era's format, syslog/dmesg/journal prefixes) and raw /dev/kmsg
 * records captured on this machine (tests/fixtures/kmsg).
 */
#include "config.h"

#include "lib/parse.h"
#include "log/kills.h"
#include "tap.h"

/* The last kill in each log, checked by hand against its .json "victim". */
static const struct {
	const char *log;
	int pid;
	const char *comm;
	bool memcg;
} last_kill[] = {
	{ "001-rhel6-2.6.32-phpfpm-global-swapfull", 40738, "mysqld", false },
	{ "002-rhel8-4.18-varnish-rsyslog-012", 3117813, "cache-main", false },
	{ "003-ubuntu-3.13-memcg-v1-nohostname", 13536, "memorymonster", false },
	{ "005-gentoo-4.8-docker-memcg-kmsg-bare", 1381, "gunpowder-memho", false },
	{ "007-ubuntu-5.8-kwin-filerss-swapfull-forum", 18006, "kwin_x11", false },
	{ "009-rhel9-5.14-postgres-shmem-dmesgT-fr", 3499662, "postmaster", false },
	{ "011-aks-5.15-cgroupv2-k8s-pod-interleaved", 183960, "stress-ng-vm", true },
	{ "015-arm64-5.4-slab-kmemleak-order1-nokillable-panic-mail", 541, "dbus-broker", false },
	{ "016-rhel7-3.10-tidb-syslog-elided", 21945, "tidb-server", false },
	{ "017-arm32-5.10-rockchip-64MB-nonuma-terminal", 726, "kprobelabs", false },
	{ "019-vbox-4.20-kylin-swapfull-multithread", 6435, "oom", false },
	{ "023-amzn2-4.14-docker-memcg-dmesgT-grep-filtered", 7030, "influxd", false },
	{ "024-nerves-kmsg-raw-records", 14910, "code", false },
	{ "025-ubuntu-4.15-azure-docker-memcg-thp-java", 27281, "java", false },
	{ "027-ubuntu-4.x-vagrant-cgexec-memcg-v1-nohead", 24387, "stress", false },
	{ "028-opensuse-5.8-cpuset-movable-pmem-node-notimestamp", 4100, "containerd", false },
	{ "029-arch-6.1-global-doxygen-bare-notimestamp", 473206, "doxygen", false },
	{ "035-ubuntu-6.x-cgroupv2-memcg-journalctl-f-tail", 10233, "mem_stress", true },
	{ "040-local-6.18-memcg-v1-single-python", 4410, "python3", true },
	{ "041-local-6.18-memcg-v1-two-procs-victim-not-invoker", 4857, "hog_a", true },
	{ "050-seed-3.10-rocketmq-java-global-noswap", 5424, "java", false },
	{ "051-seed-rhel6-2.6.32-slab-leak-numa-swap", 20557, "haproxy", false },
	{ "052-seed-mips-3.10-highmem-root-bonus", 118, "min_free_kbytes", false },
	{ "053-seed-ali-2.6.32-bigmm-fragment", 24894, "big_mm", false },
	{ "054-debian-6.1-cgroupv2-oom-group-kills-qemu", 903, "gdG2", false },
	{ "055-debian-6.1-cgroupv2-memcg-ties-scan-order-qemu", 565, "tiep1", true },
	{ "056-local-6.18-memcg-v1-dmesg-x-facility-level", 30120, "fxvictim", true },
	{ "057-local-6.18-memcg-v1-dmesg-Tx-german", 30120, "fxvictim", true },
	{ "058-local-6.18-memcg-v1-dmesg-T-japanese", 30120, "fxvictim", true },
	{ "059-local-6.18-memcg-v1-dmesg-time-format-iso", 30120, "fxvictim", true },
	{ "060-local-6.18-memcg-v1-journalctl-k-short", 30120, "fxvictim", true },
	{ "061-local-6.18-memcg-v1-journalctl-k-short-iso", 30120, "fxvictim", true },
	{ "062-local-6.18-memcg-v1-journalctl-k-short-precise", 30120, "fxvictim", true },
	{ "063-local-6.18-memcg-v1-journalctl-k-short-monotonic", 30120, "fxvictim", true },
	{ "064-local-6.18-memcg-v1-journalctl-k-json", 30120, "fxvictim", true },
	{ "065-local-6.18-memcg-v1-journalctl-k-export", 30120, "fxvictim", true },
	{ "068-rhel7-3.10-vendor-kill-line-fields-memcg-blog", 5021, "dd", false },
	{ "069-linux-mm-4.16-memcg-v1-sacrifice-child-indented-patch", 3876, "dd", false },
	{ "070-linux-mm-3.12-global-sacrifice-child-swapoff-mail", 27019, "sudo", false },
	{ "072-fedora-4.10-4.9-journal-kernel-tag-continuations-mail", 995, "named", false },
	{ "074-k8s-npd-oomkilling-event-json", 3504804, "kubectl", true },
};

static void
test_logs(void)
{
	size_t i;

	for (i = 0; i < sizeof(last_kill) / sizeof(last_kill[0]); i++) {
		char rel[256];
		size_t len, n;
		char *buf;
		struct lines it;
		const char *line;
		struct oom_kill_event ev, last;
		int found = 0;

		snprintf(rel, sizeof(rel), "oom-logs/%s.log", last_kill[i].log);
		buf = fixture_load(rel, &len);
		lines_init(&it, buf, len);
		while (lines_next(&it, &line, &n))
			if (kills_parse_line(line, n, &ev)) {
				last = ev;
				found++;
			}
		ok(found > 0 && last.pid == last_kill[i].pid && strcmp(last.comm,
		    last_kill[i].comm) == 0 && last.memcg == last_kill[i].memcg,
		    "%s: killed %d (%s)%s", last_kill[i].log, last_kill[i].pid, last_kill[i].comm,
		    last_kill[i].memcg ? " in a memcg" : "");
		free(buf);
	}
}

static void
test_kmsg(void)
{
	struct kill_list l = { 0 };
	struct kmsg_window w;
	size_t len;
	char *buf = fixture_load("fixtures/kmsg/kmsg-6.18-two-memcg-kills.txt", &len);
	static const char esc[] = "3,5,6,-;Memory cgroup out of memory: Killed process 7 "
	    "(a\\x1bb) total-vm:1kB, anon-rss:2kB, file-rss:3kB, shmem-rss:4kB\n";

	kills_from_kmsg(buf, len, 0, &l, &w);
	is_int(l.n, 2, "two kills in the capture");
	ok(w.any && w.first_seq == 4121 && w.last_seq == 4280, "records 4121-4280");
	is_int(l.v[0].pid, 9983, "first victim");
	is_str(l.v[0].comm, "oomtestB", "its name");
	ok(l.v[0].memcg && l.v[0].have_memcg_path, "a memcg kill with its path");
	is_str(l.v[0].memcg_path, "/oomrisk-test-9974", "oom_memcg from the summary line");
	is_int(l.v[0].seq, 4200, "its record");
	is_int(l.v[0].anon_rss_kb, 63944, "anon-rss");
	is_int(l.v[1].pid, 11941, "second victim");
	is_str(l.v[1].memcg_path, "/oomrisk-test-11933", "second memcg");
	kills_free(&l);
	kills_from_kmsg(buf, len, 4201, &l, &w);
	is_int(l.n, 1, "from record 4201 only the second kill");
	kills_free(&l);
	kills_from_kmsg(buf, len, UINT64_MAX, &l, &w);
	ok(l.n == 0 && w.last_seq == 4280, "UINT64_MAX: no kill, but the window");
	kills_free(&l);
	free(buf);
	kills_from_kmsg(esc, sizeof(esc) - 1, 0, &l, &w);
	ok(l.n == 1 && l.v[0].comm_len == 3 && memcmp(l.v[0].comm, "a\033b", 3) == 0,
	    "\\x1b in a record is the byte ESC");
	ok(l.v[0].memcg && !l.v[0].have_memcg_path, "memcg, path unknown without a summary");
	is_int(l.v[0].shmem_rss_kb, 4, "shmem-rss");
	kills_free(&l);
}

int
main(void)
{
	test_logs();
	test_kmsg();
	return tap_done();
}
