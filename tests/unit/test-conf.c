/*
 * test-conf: oomrisk.conf parsing (inih through our line reader), value
 * syntax, and errors that name the file, the line and the key.
 */
#include "config.h"

#include "core/conf.h"
#include "core/threshold.h"
#include "core/watermark.h"
#include "tap.h"

/* Parse text; return the error ("" when none). */
static const char *
parse(const char *text, size_t len, struct conf *c)
{
	static struct buf err = BUF_INIT;

	buf_reset(&err);
	conf_free(c);
	conf_init(c);
	if (conf_parse(text, len, "/etc/oomrisk.conf", c, &err) == 0)
		return "";
	return buf_str(&err);
}

#define P(text, c) parse(text, sizeof(text) - 1, c)

static void
test_values(void)
{
	struct thr_value v;
	struct buf err = BUF_INIT, f = BUF_INIT;

	is_int(thr_parse(M_MEM_AVAILABLE, "15%", &v, &err), 0, "15%%");
	ok(v.unit == THR_PCT && v.v == 1500, "15%% = 1500 hundredths");
	is_int(thr_parse(M_MEM_AVAILABLE, "12.5%", &v, &err), 0, "12.5%%");
	is_int(v.v, 1250, "12.5%% = 1250");
	is_int(thr_parse(M_MEM_AVAILABLE, "512M", &v, &err), 0, "512M");
	ok(v.unit == THR_BYTES && v.v == 512ull << 20, "512M in bytes");
	is_int(thr_parse(M_MEM_AVAILABLE, "1.5G", &v, &err), 0, "1.5G");
	is_int(v.v, 3ull << 29, "1.5G = 1610612736");
	is_int(thr_parse(M_MEM_AVAILABLE, "2GiB", &v, &err), 0, "2GiB");
	is_int(v.v, 2ull << 30, "GiB suffix");
	is_int(thr_parse(M_MEM_AVAILABLE, "4096", &v, &err), 0, "bare number: bytes");
	is_int(v.v, 4096, "4096 bytes");
	is_int(thr_parse(M_MEM_AVAILABLE, "101%", &v, &err), -1, "101%% is an error");
	is_int(thr_parse(M_MEM_AVAILABLE, "1.234%", &v, &err), -1, "3 decimals is an error");
	is_int(thr_parse(M_MEM_AVAILABLE, "0.5", &v, &err), -1, "half a byte is an error");
	is_int(thr_parse(M_MEM_AVAILABLE, "99999999999999999999G", &v, &err), -1, "overflow");
	is_int(thr_parse(M_PSI_SOME_AVG10, "512M", &v, &err), -1, "PSI takes no size");
	is_int(thr_parse(M_COMMIT, "150%", &v, &err), 0, "commit may exceed 100%%");
	is_int(thr_parse(M_ZONE, "low", &v, &err), 0, "zone mark");
	ok(v.unit == THR_MARK && v.v == WM_LOW, "low");
	is_int(thr_parse(M_ZONE, "10%", &v, &err), -1, "zone takes a mark only");
	is_int(thr_parse(M_OOM_KILLS, "3", &v, &err), 0, "a count");
	is_int(thr_parse(M_OOM_KILLS, "-1", &v, &err), -1, "negative count");
	is_int(thr_parse(M_GROWTH, "1G/h", &v, &err), 0, "rate 1G/h");
	ok(v.unit == THR_BYTES && v.v == 1ull << 30 && v.per_s == 3600, "1G per 3600 s");
	is_int(thr_parse(M_GROWTH, "10%/min", &v, &err), 0, "rate 10%%/min");
	is_int(v.per_s, 60, "per minute");
	is_int(thr_parse(M_GROWTH, "1G", &v, &err), -1, "a rate needs /time");
	is_int(thr_parse(M_MEM_AVAILABLE, "off", &v, &err), 0, "off");
	is_int(v.unit, THR_OFF, "off disables the level");
	thr_parse(M_GROWTH, "1536M/h", &v, &err);
	thr_format(&f, &v);
	is_str(buf_str(&f), "1536M/h", "format keeps the unit that divides");
	buf_free(&err);
	buf_free(&f);
}

static void
test_file(void)
{
	struct conf c = { 0 };
	static const char good[] =
	    "# comment\n"
	    "; another\n"
	    "[check]\n"
	    "mem_available_warn = 15%\n"
	    "mem_available_crit = 512M\n"
	    "zone_warn = high\n"
	    "state_file = /var/tmp/oomrisk.state\n"
	    "commit_check = always\n"
	    "growth_min_interval = 5min\n"
	    "\n"
	    "[top]\n"
	    "interval = 0.5\n"
	    "psi_some_avg10_warn = 1%\n"
	    "[protect]\n"
	    "pattern = ^/usr/lib/postgresql/[0-9]+/bin/postgres \n"
	    "pattern = ^sshd: \n";

	is_str(P(good, &c), "", "a full file parses");
	is_int(c.check.t[M_MEM_AVAILABLE].warn.v, 1500, "warn 15%%");
	is_int(c.check.t[M_MEM_AVAILABLE].warn_line, 4, "its line");
	is_int(c.check.t[M_MEM_AVAILABLE].crit.unit, THR_BYTES, "crit is a size");
	is_int(c.check.t[M_ZONE].warn.v, WM_HIGH, "zone_warn = high");
	is_int(c.check.t[M_ZONE].crit.v, WM_MIN, "zone_crit default min");
	is_str(c.state_file, "/var/tmp/oomrisk.state", "state_file");
	is_int(c.commit_when, COMMIT_ALWAYS, "commit_check");
	is_int(c.growth_min_interval, 300, "5min = 300 s");
	is_int(c.top_interval_ms, 500, "[top] interval 0.5 s");
	is_int(c.top.t[M_PSI_SOME_AVG10].warn.v, 100, "[top] has its own levels");
	is_int(c.check.t[M_PSI_SOME_AVG10].warn.v, 1000, "[check] keeps the default 10%%");
	is_int(c.protect.n, 2, "two patterns");
	ok(protect_match(&c.protect, "/usr/lib/postgresql/15/bin/postgres -D /srv", 42) ==
	    &c.protect.v[0], "postgres matches the first");
	is_int(c.protect.v[0].line, 15, "the pattern knows its line");
	ok(protect_match(&c.protect, "sshd: root@pts/0", 16) == &c.protect.v[1], "sshd matches");
	ok(protect_match(&c.protect, "/usr/bin/postgres", 17) == NULL,
	    "anchored patterns match where they say");
	ok(protect_match(&c.protect, "sshd: root@pts/0 trailing", 16) == &c.protect.v[1],
	    "only len bytes are matched (no NUL needed)");

	is_str(P("[protect]\npattern = postgres(\n", &c),
	    "/etc/oomrisk.conf:2: pattern: 'postgres(': Unmatched ( or \\(",
	    "a bad regular expression names file:line");
	is_str(P("[check]\nmem_available_warn = 15 %\n", &c),
	    "/etc/oomrisk.conf:2: mem_available_warn: malformed value '15 %': expected a "
	    "percentage like 15% or a size like 512M, or off", "malformed value: file:line: key");
	is_str(P("[check]\n\nbogus_warn = 1%\n", &c),
	    "/etc/oomrisk.conf:3: bogus_warn: unknown key in [check]", "unknown key");
	is_str(P("[top]\nstate_file = /x\n", &c),
	    "/etc/oomrisk.conf:2: state_file: unknown key in [top]", "a [check] key in [top]");
	is_str(P("[chekc]\nmem_available_warn = 1%\n", &c),
	    "/etc/oomrisk.conf:2: mem_available_warn: unknown section [chekc] (expected "
	    "[check], [top], [protect] or [cgroup PATH])", "unknown section");
	is_str(P("mem_available_warn = 1%\n", &c),
	    "/etc/oomrisk.conf:1: mem_available_warn: key outside a section ([check], [top], "
	    "[protect] or [cgroup PATH])", "key before a section");
	is_str(P("[check]\npsi_full_avg10_warn = 30%\npsi_full_avg10_crit = 20%\n", &c),
	    "/etc/oomrisk.conf:3: psi_full_avg10_crit: [check] psi_full_avg10_warn 30% and "
	    "psi_full_avg10_crit 20% are in the wrong order: the critical level must be the "
	    "higher one", "warn/crit in the wrong order");
	is_str(P("[check]\nmem_available_crit = 20%\n", &c),
	    "/etc/oomrisk.conf:2: mem_available_crit: [check] mem_available_warn 10% (default) "
	    "and mem_available_crit 20% are in the wrong order: the critical level must be "
	    "the lower one", "against a default");
	is_str(P("[check]\nzone_warn = min\nzone_crit = low\n", &c),
	    "/etc/oomrisk.conf:3: zone_crit: [check] zone_warn min and zone_crit low are in "
	    "the wrong order: the critical level must be the same or a lower watermark",
	    "zone marks in the wrong order");
	is_str(P("[check]\nmem_available_warn = 15%\nmem_available_warn = 20%\n", &c),
	    "/etc/oomrisk.conf:3: mem_available_warn: set twice (first on line 2)", "set twice");
	is_str(P("[check]\nmem_available_warn\n", &c),
	    "/etc/oomrisk.conf:2: syntax error: expected '[section]', 'key = value' or a comment",
	    "no '='");
	is_str(P("[check\n", &c),
	    "/etc/oomrisk.conf:1: syntax error: expected '[section]', 'key = value' or a comment",
	    "unclosed section");
	is_str(P("[check]\nstate_file = rel/path\n", &c),
	    "/etc/oomrisk.conf:2: state_file: 'rel/path' is not an absolute path", "relative state");
	is_str(P("[check]\nmem_available_warn = 1%\0\n", &c),
	    "/etc/oomrisk.conf:2: NUL byte in the line", "NUL byte");
	{
		char longline[400];

		memset(longline, 'x', sizeof(longline));
		memcpy(longline, "[protect]\npattern = ", 20);
		longline[sizeof(longline) - 1] = '\n';
		is_str(parse(longline, sizeof(longline), &c),
		    "/etc/oomrisk.conf:2: line longer than 197 bytes", "over-long line");
	}
	is_str(P("[check]\r\nmem_available_warn = 20%\r\n", &c), "", "CRLF line ends");
	is_str(P("\xef\xbb\xbf[check]\nmem_available_warn = 20%", &c), "",
	    "UTF-8 BOM and no final newline");
	/* What inih accepts silently but oomrisk.conf(5) calls an error (issue 11, 7). */
	is_str(P("[check] mem_available_warn = bogus\n", &c),
	    "/etc/oomrisk.conf:1: text after the section header '[check]'",
	    "text after ']' is an error, not dropped");
	is_str(P("[check] ; why\n", &c),
	    "/etc/oomrisk.conf:1: text after the section header '[check]'",
	    "so is a comment after ']'");
	is_str(P("[check]\rmem_available_warn = 20%\rmem_available_crit = 30%\r", &c),
	    "/etc/oomrisk.conf:1: carriage return inside the line (CR-only line ends? lines "
	    "end with LF or CR LF)", "CR-only line ends: an error, not one line read as [check]");
	is_str(P("[check]\nmem_available_warn = 20%\rmem_available_crit = 30%\n", &c),
	    "/etc/oomrisk.conf:2: carriage return inside the line (CR-only line ends? lines "
	    "end with LF or CR LF)", "a CR inside a line");
	is_str(P("[check]\nmem_available_warn = 20% ; was 10%\n", &c),
	    "/etc/oomrisk.conf:2: ';' after a blank: inih would cut the line there as a "
	    "comment; comments take a line of their own", "an inline comment");
	is_str(P("[protect]\npattern = a ;b\n", &c),
	    "/etc/oomrisk.conf:2: ';' after a blank: inih would cut the line there as a "
	    "comment; comments take a line of their own", "a pattern that inih would cut");
	is_str(P("[protect]\npattern = a;b\n", &c), "", "';' without a blank before it is text");
	is_int(c.protect.n, 1, "one pattern");
	is_str(P("[check]\nmem_available_warn: 20%\n", &c),
	    "/etc/oomrisk.conf:2: expected 'key = value' (with '=')", "'key: value'");
	is_str(P("[protect]\npattern = sshd: x\n", &c), "", "':' in a value is text");
	is_str(P("[protect]\npattern = postgres\n  mysqld\n", &c),
	    "/etc/oomrisk.conf:3: indented line: inih would read it as the continuation of "
	    "the previous value; remove the indentation",
	    "an indented line is an error, not a second pattern");
	is_str(P("[check]\n  mem_available_warn = 20%\n", &c),
	    "/etc/oomrisk.conf:2: indented line: inih would read it as the continuation of "
	    "the previous value; remove the indentation", "an indented key");
	is_str(P("[check]\n  # indented comment\n\t; and another\n   \n", &c), "",
	    "indented comments and blank lines are fine");
	is_str(P("[]\n", &c), "/etc/oomrisk.conf:1: empty section name", "'[]'");
	is_str(P("[check]\nmem_available_warn = 20%\r", &c), "", "a final CR without LF");
	is_str(P("[top]\ninterval = 0.01\n", &c),
	    "/etc/oomrisk.conf:2: interval: malformed value '0.01': expected seconds between "
	    "0.1 and 3600", "top interval bounds");
	conf_free(&c);
}

/* [cgroup PATH] sections (issue 13): levels per watched cgroup. */
static void
test_cgroup_sections(void)
{
	struct conf c = { 0 };
	const struct conf_cgroup *cg;
	static const char good[] =
	    "[check]\n"
	    "cgroup_oom_kills_warn = 2\n"
	    "[cgroup /kubepods.slice]\n"
	    "oom_kills_warn = 10\n"
	    "oom_kills_crit = off\n"
	    "[cgroup  /kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod0c5e2a9b_1d3f_4a6b_8c7d_9e0f1a2b3c4d.slice/ ]\n"
	    "cgroup_warn = 80%\n"
	    "[cgroup /]\n"
	    "cgroup_oom_kills_crit = 50\n";

	is_str(P(good, &c), "", "sections parse");
	is_int(c.ncgroups, 3, "three sections");
	is_str(c.cgroups[1].path, "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-"
	    "pod0c5e2a9b_1d3f_4a6b_8c7d_9e0f1a2b3c4d.slice",
	    "a path longer than inih's 49-byte section names, blanks and trailing '/' trimmed");
	is_int(c.cgroups[0].line, 3, "a section knows its header's line");
	cg = conf_cgroup_for(&c, "/kubepods.slice/kubepods-besteffort.slice/x", false);
	ok(cg == &c.cgroups[0], "a cgroup below a section falls under it");
	is_int(conf_cgroup_level(&c, cg, M_CGROUP_KILLS, false)->v, 10, "its own warn");
	is_int(conf_cgroup_level(&c, cg, M_CGROUP_KILLS, true)->unit, THR_OFF, "its own crit off");
	ok(conf_cgroup_for(&c, "/kubepods.slice/kubepods-besteffort.slice/x", true) == NULL,
	    "exact: no section for that cgroup itself");
	cg = conf_cgroup_for(&c, c.cgroups[1].path, true);
	is_int(conf_cgroup_level(&c, cg, M_CGROUP, false)->v, 8000, "usage warn 80%%");
	is_int(conf_cgroup_level(&c, cg, M_CGROUP, true)->v, 9800, "usage crit: [check]'s 98%%");
	is_int(conf_cgroup_level(&c, cg, M_CGROUP_KILLS, false)->v, 2,
	    "a level the section does not set is [check]'s");
	ok(conf_cgroup_for(&c, "/kubepods.slicex", false) == &c.cgroups[2],
	    "a name that only starts like a section's falls to [cgroup /]");
	is_int(conf_cgroup_level(&c, &c.cgroups[2], M_CGROUP_KILLS, true)->v, 50,
	    "cgroup_oom_kills_* works in a section too");
	is_str(P("[cgroup kubepods]\noom_kills_warn = 1\n", &c),
	    "/etc/oomrisk.conf:2: oom_kills_warn: [cgroup kubepods]: expected a cgroup path "
	    "starting with '/', as in /proc/PID/cgroup", "a relative path");
	is_str(P("[cgroup /a/../b]\noom_kills_warn = 1\n", &c),
	    "/etc/oomrisk.conf:2: oom_kills_warn: [cgroup /a/../b]: '..' and blanks are not "
	    "allowed in the path", "'..'");
	is_str(P("[cgroup /a]\nmem_available_warn = 1%\n", &c),
	    "/etc/oomrisk.conf:2: mem_available_warn: unknown key in [cgroup /a] (expected "
	    "oom_kills_warn, oom_kills_crit, cgroup_warn or cgroup_crit)", "other keys");
	is_str(P("[cgroup /a]\noom_kills_warn = 1\noom_kills_warn = 2\n", &c),
	    "/etc/oomrisk.conf:3: oom_kills_warn: set twice in [cgroup /a] (first on line 2)",
	    "set twice");
	is_str(P("[cgroup /a]\noom_kills_warn = 5\noom_kills_crit = 2\n", &c),
	    "/etc/oomrisk.conf:3: [cgroup /a]: the oom_kills levels are in the wrong order: the "
	    "critical level must be the higher one", "order");
	is_str(P("[cgroups /a]\noom_kills_warn = 5\n", &c),
	    "/etc/oomrisk.conf:2: oom_kills_warn: unknown section [cgroups /a] (expected "
	    "[check], [top], [protect] or [cgroup PATH])", "a misspelt section");
	conf_free(&c);
}

static void
test_load(void)
{
	struct conf c;
	struct buf err = BUF_INIT;

	conf_init(&c);
	is_int(conf_load("/nonexistent/oomrisk.conf", &c, &err), -1, "-c FILE must exist");
	is_str(buf_str(&err), "/nonexistent/oomrisk.conf: No such file or directory",
	    "the error names the file");
	conf_free(&c);
	buf_free(&err);
}

int
main(void)
{
	test_values();
	test_file();
	test_cgroup_sections();
	test_load();
	return tap_done();
}
