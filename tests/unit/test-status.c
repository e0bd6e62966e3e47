/* test-status: /proc/PID/status parsing on real files and hostile bytes. */
#include "config.h"

#include "proc/status.h"
#include "tap.h"

static void
test_escape_name(void)
{
	struct pid_status st;
	size_t len;
	char *buf = fixture_load("fixtures/proc/status-6.18-escape-name.txt", &len);

	/* memhog -m 8 -a 300 -n "\e[31mX\a\\n" on 6.18 */
	is_int(status_parse(buf, len, &st), 0, "6.18 status parses");
	is_int(st.name_len, 9, "name: 9 raw bytes");
	ok(memcmp(st.name, "\033[31mX\a\\n", 9) == 0, "name: kernel's \\\\ escape undone, ESC raw");
	ok(st.has_mm, "has an mm");
	ok(!st.kthread, "not a kernel thread");
	ok(st.have_rss_split && st.have_pte && st.have_swap, "RssAnon/VmPTE/VmSwap present");
	ok(st.rss_anon_kb >= 8192, "RssAnon holds the 8 MiB touched (%llu kB)",
	    (unsigned long long)st.rss_anon_kb);
	is_int(st.vm_rss_kb, st.rss_anon_kb + st.rss_file_kb + st.rss_shmem_kb,
	    "VmRSS = RssAnon + RssFile + RssShmem");
	is_int(st.uid_eff, 0, "uid 0");
	ok(st.have_cap_eff && (st.cap_eff >> 21 & 1), "CapEff has CAP_SYS_ADMIN");
	ok(!(st.cap_eff >> 24 & 1), "CapEff lacks CAP_SYS_RESOURCE on this machine");
	is_int(st.threads, 1, "one thread");
	free(buf);
}

static void
test_kthread(void)
{
	struct pid_status st;
	size_t len;
	char *buf = fixture_load("fixtures/proc/status-6.18-kthreadd.txt", &len);

	is_int(status_parse(buf, len, &st), 0, "kthreadd status parses");
	is_str(st.name, "kthreadd", "name");
	ok(st.kthread, "Kthread: 1");
	ok(!st.has_mm, "no VmSize: no mm");
	is_int(st.pid, 2, "pid 2");
	free(buf);
}

static void
test_hostile(void)
{
	static const char *const inputs[] = {
		"", "Name:", "Name:\t", "Name:\tx\nVmRSS:", "Name:\tx\nVmRSS:\t 99999999999999999999999 kB\n",
		"Name:\tx\nUid:\t-1\t-1\n", "Name:\tx\nCapEff:\tzz\n", "VmRSS: 5 kB\n",
		"Name:\t\\", "Name:\tab\\",
	};
	struct pid_status st;
	size_t i;
	char big[300];

	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
		status_parse(inputs[i], strlen(inputs[i]), &st);
	ok(1, "hostile inputs do not crash");
	is_int(status_parse("VmRSS: 5 kB\n", 12, &st), -1, "no Name line: not a status file");
	status_parse("Name:\tx\nVmRSS:\t 99999999999999999999999 kB\n", 44, &st);
	is_int(st.vm_rss_kb, 0, "overflowing number is rejected");
	memset(big, 'a', sizeof(big));
	memcpy(big, "Name:\t", 6);
	is_int(status_parse(big, sizeof(big), &st), 0, "over-long name parses");
	is_int(st.name_len, STATUS_NAME_MAX, "name cut at %d bytes", STATUS_NAME_MAX);
	/* Not NUL-terminated: the parser must stop at len. */
	is_int(status_parse("Name:\tabcdef", 8, &st), 0, "bounded by len");
	is_str(st.name, "ab", "name stops at len");
}

int
main(void)
{
	test_escape_name();
	test_kthread();
	test_hostile();
	return tap_done();
}
