/*
 * test-logline: the prefixes of real logs (tests/oom-logs) and of the
 * formats journalctl and syslog daemons write, taken apart.
 */
#include "config.h"

#include <string.h>

#include "log/prefix.h"
#include "tap.h"

struct want {
	const char *line;
	enum logline_src src;
	const char *host, *time, *uptime, *msg;
	int kmsg;
};

static const struct want cases[] = {
	{ "[  128.496873] min_free_kbytes invoked oom-killer: x", LL_KERNEL, "", "", "128.496873",
	  "min_free_kbytes invoked oom-killer: x", 0 },
	{ "[Fri Jan 15 08:35:34 2021] influxd cpuset=6bb mems_allowed=0", LL_KERNEL, "",
	  "Fri Jan 15 08:35:34 2021", "", "influxd cpuset=6bb mems_allowed=0", 0 },
	{ "[ven. nov. 28 07:26:44 2025] Mem-Info:", LL_KERNEL, "", "ven. nov. 28 07:26:44 2025", "",
	  "Mem-Info:", 0 },
	{ "Jun  4 17:19:10 iZ23tpcto8eZ kernel: AliYunDun invoked oom-killer:", LL_KERNEL,
	  "iZ23tpcto8eZ", "Jun  4 17:19:10", "", "AliYunDun invoked oom-killer:", 0 },
	{ "Jun 20 12:47:02 new-db1 kernel: [15180285.537297] php-fpm invoked", LL_KERNEL, "new-db1",
	  "Jun 20 12:47:02", "15180285.537297", "php-fpm invoked", 0 },
	{ "Jan  5 15:19:27 kernel: [ 5864.708440] memorymonster invoked", LL_KERNEL, "",
	  "Jan  5 15:19:27", "5864.708440", "memorymonster invoked", 0 },
	{ "Apr 18 16:56:16 v125000100.bja kernel: : [22254383.898423] Out of memory: Kill",
	  LL_KERNEL, "v125000100.bja", "Apr 18 16:56:16", "22254383.898423", "Out of memory: Kill", 0 },
	{ "Feb 03 19:57:08 ** kernel: memory: usage 17024340kB", LL_KERNEL, "**", "Feb 03 19:57:08",
	  "", "memory: usage 17024340kB", 0 },
	{ "Oct 12 19:00:20 aks-1 containerd[2388]: time=\"x\" level=info", LL_OTHER, "aks-1",
	  "Oct 12 19:00:20", "", "time=\"x\" level=info", 0 },
	{ "Jan  5 15:20:01 /usr/bin/lock: called by /bin/bash", LL_OTHER, "", "Jan  5 15:20:01", "",
	  "called by /bin/bash", 0 },
	{ "Oct 12 19:00:20.347168 node kernel: oom-kill:constraint=X", LL_KERNEL, "node",
	  "Oct 12 19:00:20.347168", "", "oom-kill:constraint=X", 0 },
	{ "2023-10-12T19:00:20+0000 node kernel: Mem-Info:", LL_KERNEL, "node",
	  "2023-10-12T19:00:20+0000", "", "Mem-Info:", 0 },
	{ "2023-10-12T19:00:20.879932+00:00 node kernel: Mem-Info:", LL_KERNEL, "node",
	  "2023-10-12T19:00:20.879932+00:00", "", "Mem-Info:", 0 },
	{ "<4>1 2023-10-12T19:00:20.1Z node kernel - - - Mem-Info:", LL_KERNEL, "node",
	  "2023-10-12T19:00:20.1Z", "", "Mem-Info:", 0 },
	{ "[ 8523.347168] node kernel: Mem-Info:", LL_KERNEL, "node", "", "8523.347168", "Mem-Info:", 0 },
	{ "3,7002,192203018349,-;Out of memory: Kill process 14910", LL_KERNEL, "", "", "192203018349",
	  "Out of memory: Kill process 14910", 1 },
	{ "4,7005,192206114689,-,caller=T123;x invoked", LL_KERNEL, "", "", "192206114689",
	  "x invoked", 1 },
	{ "<4>[  128.1] x invoked", LL_KERNEL, "", "", "128.1", "x invoked", 0 },
	{ "<6>oom_reaper: reaped", LL_KERNEL, "", "", "", "oom_reaper: reaped", 0 },
	/* dmesg -x, -Tx in any locale, --time-format iso. */
	{ "kern  :warn  : [ 1986.531126] fxpush invoked oom-killer: x", LL_KERNEL, "", "",
	  "1986.531126", "fxpush invoked oom-killer: x", 0 },
	{ "kern  :err   : [Do Dez  3 07:40:19 2026] Memory cgroup out of memory", LL_KERNEL, "",
	  "Do Dez  3 07:40:19 2026", "", "Memory cgroup out of memory", 0 },
	{ "[\xe6\x9c\xa8 12\xe6\x9c\x88  3 07:40:19 2026] Call Trace:", LL_KERNEL, "",
	  "\xe6\x9c\xa8 12\xe6\x9c\x88  3 07:40:19 2026", "", "Call Trace:", 0 },
	{ "2026-12-03T07:40:19,531126+00:00 fxpush invoked", LL_KERNEL, "",
	  "2026-12-03T07:40:19,531126+00:00", "", "fxpush invoked", 0 },
	/* busybox syslogd: the facility.level between host and tag. */
	{ "Dec  3 07:40:19 router kern.warn kernel: [  12.5] x invoked", LL_KERNEL, "router",
	  "Dec  3 07:40:19", "12.5", "x invoked", 0 },
	{ "Dec  3 07:40:19 router daemon.info dnsmasq[12]: query", LL_OTHER, "router",
	  "Dec  3 07:40:19", "", "query", 0 },
	/* printk caller ids, Android logcat with vendor brackets. */
	{ "[   71.146532][ T9694] a.out invoked oom-killer: x", LL_KERNEL, "", "", "71.146532",
	  "a.out invoked oom-killer: x", 0 },
	{ "[   71.309149][   C54] oom_reaper: reaped", LL_KERNEL, "", "", "71.309149",
	  "oom_reaper: reaped", 0 },
	{ "07-13 08:41:51.341 <4>[309805.658142s][pid:1361,cpu5,sManagerService]Mem-Info:",
	  LL_KERNEL, "", "07-13 08:41:51.341", "309805.658142", "Mem-Info:", 0 },
	{ "[ 5.0] [x9:a/b c=d] [VND] Mem-Info:", LL_KERNEL, "", "", "5.0", "Mem-Info:", 0 },
	/* Elisions, mail quoting, RHEL 6's ": ". */
	{ "... kernel: [430837.193448] Xorg invoked oom-killer: x", LL_KERNEL, "", "",
	  "430837.193448", "Xorg invoked oom-killer: x", 0 },
	{ "> > [ 61.3] Out of memory: Kill process 1 (x)", LL_KERNEL, "", "", "61.3",
	  "Out of memory: Kill process 1 (x)", 0 },
	/* Kubernetes CRI container log, dmesg -d deltas. */
	{ "2023-10-12T19:00:20.123456789Z stdout F [ 8.25] Mem-Info:", LL_KERNEL, "",
	  "2023-10-12T19:00:20.123456789Z", "8.25", "Mem-Info:", 0 },
	{ "[ 8523.347168 <    0.000123>] Mem-Info:", LL_KERNEL, "", "", "8523.347168", "Mem-Info:", 0 },
	/* No prefix: the message itself, untouched. */
	{ "[  788]     0   788     2671        1   7     -17         -1000 udevd", LL_BARE, "", "", "",
	  "[  788]     0   788     2671        1   7     -17         -1000 udevd", 0 },
	{ "[<ffffffff81131420>] ? dump_header+0x90/0x1b0", LL_BARE, "", "", "",
	  "[<ffffffff81131420>] ? dump_header+0x90/0x1b0", 0 },
	{ "RIP: 0033:0x7f3fa8a9c43b", LL_BARE, "", "", "", "RIP: 0033:0x7f3fa8a9c43b", 0 },
	{ "docker0: port 2(veth380a1cd) entered disabled state", LL_BARE, "", "", "",
	  "docker0: port 2(veth380a1cd) entered disabled state", 0 },
	{ " active_file:304 inactive_file:144", LL_BARE, "", "", "", " active_file:304 inactive_file:144", 0 },
	{ "[1.]", LL_BARE, "", "", "", "[1.]", 0 },
	{ "Jun", LL_BARE, "", "", "", "Jun", 0 },
	{ "", LL_BARE, "", "", "", "", 0 },
};

static int
span_eq(const struct span *s, const char *want)
{
	return s->len == strlen(want) && (s->len == 0 || memcmp(s->p, want, s->len) == 0);
}

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct want *w = &cases[i];
		struct logline ll;

		prefix_parse(w->line, strlen(w->line), &ll);
		is_int(ll.src, w->src, "src: %s", w->line);
		ok(span_eq(&ll.host, w->host), "host '%s': %s", w->host, w->line);
		ok(span_eq(&ll.time, w->time), "time '%s': %s", w->time, w->line);
		ok(span_eq(&ll.uptime, w->uptime), "uptime '%s': %s", w->uptime, w->line);
		ok(span_eq(&ll.msg, w->msg), "msg: %s", w->line);
		is_int(ll.kmsg, w->kmsg, "kmsg flag: %s", w->line);
	}

	/*
	 * The shape (the key of a stream's learned prefix) is the line's own,
	 * whatever the struct held before: it once carried the last line's on.
	 */
	{
		struct logline a, b;
		const char *line = "Jun 20 12:47:02 db1 kernel: [15180285.537889] Mem-Info:";

		memset(&a, 0, sizeof(a));
		memset(&b, 0x5a, sizeof(b));
		prefix_parse(line, strlen(line), &a);
		prefix_parse(line, strlen(line), &b);
		is_int(a.nelem, 4, "four prefix elements: %s", line);
		ok(a.shape == b.shape, "the shape does not depend on what the struct held");
		prefix_parse(line, strlen(line), &b);
		ok(a.shape == b.shape, "nor on the line parsed before");
	}

	/*
	 * The memo of prefix_parse_memo() stands in for the lexer only where
	 * the lexer would do the same: lines that differ from the one before
	 * in a digit of the clock or uptime reuse it, others must not.
	 */
	{
		static const char *const seq[] = {
			"Jun 20 12:47:02 db1 kernel: [15180285.537889] Mem-Info:",
			"Jun 20 12:47:03 db1 kernel: [15180286.537890] Node 0 DMA free:15904kB",
			"Jun 20 12:47:0x db1 kernel: [15180286.537890] Node 0 DMA free:15904kB",
			"Jun 20 12:47:03 db1 kernel: [15180286.537890]  [ 788]     0   788",
			"Jun 20 12:47:03 db1 kernel: [15180286.537890] [pid:1361,cpu5,name] x",
			"Jun 20 12:47:03 db1 kernel: [15180286.53789x] Mem-Info:",
			"Jun 20 12:47:03 db1 kernel: [15180286.537890]",
			"Jun 20 12:47:03 db1 kernel: [15180286.537890] ",
			"Jun 20 12:47:03 db1 kernel:x[15180286.537890] Mem-Info:",
			"Jun 20 12:47:04 db2 kernel: [15180286.537890] Mem-Info:",
			"Jun 20 12:47:04 db2 kernel:  [15180286.537890] Mem-Info:",
			"Jun 20 12:47:04 db2 kernel: 12:47:04 Mem-Info:",
			"Jun 20 12:47:05 db2 kernel: 12:47:04 Mem-Info:",
			"Jun 20 12:47:05 db2 kernel:   Mem-Info:",
			"Jun 20 12:47:05 db2 CRON[1]: Mem-Info:",
			"[  128.496873] Mem-Info:",
			"[  128.496874] [  T460] Mem-Info:",
			"[  128.496875]   [ 788]     0   788",
			"[  128.496876]  ... Mem-Info:",
			"[  128.4968760] Mem-Info:",
			"[  128.496876]",
			"[ven. nov. 28 07:26:44 2025] Mem-Info:",
			"[ven. nov. 28 07:26:45 2025] Node 0 DMA free:15904kB",
			"[ven. nov. 28 07:26:4x 2025] Mem-Info:",
			"[ven. nov. 28 07:26:46 2025]  [ 788]     0   788",
			"[ven. nov. 28 07:2646 2025] Mem-Info:",
			"[ven. nov. 28 7:26:46 20256] Mem-Info:",
			"[ven. nov. 28 07:26:47 2025]",
			"[ven. nov. 28 07:26:47 2025] [  T460] Mem-Info:",
			"kern  :warn  : [Do Dez  7 10:11:12 2023] Mem-Info:",
			"kern  :warn  : [Do Dez  7 10:11:13 2023] [ 788]     0   788",
			"kern  :warn  : [Do Dez  7 1a:11:13 2023] Mem-Info:",
			"kern  :info  : [ 1234.567890] Mem-Info:",
			"kern  :info  : [ 1234.567891] Node 0 DMA free:15904kB",
			"kern  :info  : [ 1234.56789x] Node 0 DMA free:15904kB",
			"kern  :info  : [ 1235.567891]   kern  :info  : x",
		};
		static struct prefix_memo memo;
		size_t k;

		for (k = 0; k < sizeof(seq) / sizeof(seq[0]); k++) {
			struct logline a, b;
			size_t n = strlen(seq[k]);
			int e, same;

			prefix_parse(seq[k], n, &a);
			prefix_parse_memo(&memo, seq[k], n, &b);
			same = a.src == b.src && a.syslog == b.syslog && a.indent == b.indent &&
			    a.host.len == b.host.len && a.time.len == b.time.len &&
			    a.uptime.len == b.uptime.len && a.msg.p == b.msg.p &&
			    a.msg.len == b.msg.len && a.nelem == b.nelem && a.shape == b.shape &&
			    (a.uptime.len == 0 || a.uptime.p == b.uptime.p) &&
			    (a.host.len == 0 || a.host.p == b.host.p);
			for (e = 0; same && e < a.nelem; e++)
				same = a.elem[e].kind == b.elem[e].kind &&
				    a.elem[e].start == b.elem[e].start && a.elem[e].end == b.elem[e].end;
			ok(same, "the memo parses as prefix_parse(): %s", seq[k]);
		}
	}
	return tap_done();
}
