/* test-mountinfo: mountinfo splitting and the /proc mount's hidepid options. */
#include "config.h"

#include "proc/mountinfo.h"
#include "tap.h"

static void
find(const char *text, struct proc_mount *pm, int want_rc, const char *what)
{
	is_int(mountinfo_find_proc(text, strlen(text), "/proc", pm), want_rc, "%s", what);
}

/* The real capture: /proc mounted again with -o hidepid=2,gid=4 (6.18). */
static void
test_capture(void)
{
	struct proc_mount pm;
	size_t len;
	char *buf = fixture_load("fixtures/proc/mountinfo-6.18-hidepid.txt", &len);

	is_int(mountinfo_find_proc(buf, len, "/proc", &pm), 0, "capture: /proc found");
	is_int(pm.hidepid, HIDEPID_INVISIBLE, "capture: the later mount's hidepid=invisible wins");
	ok(pm.have_gid, "capture: gid= present");
	is_int(pm.gid, 4, "capture: gid=4");
	ok(!pm.subset_pid, "capture: no subset=pid");
	is_int(mountinfo_find_proc(buf, len, "/nowhere", &pm), -1, "no proc at /nowhere");
	ok(!pm.found, "not found");
	free(buf);

	buf = fixture_load("fixtures/proc/mountinfo-6.18-hybrid.txt", &len);
	is_int(mountinfo_find_proc(buf, len, "/proc", &pm), 0, "hybrid host: /proc found");
	is_int(pm.hidepid, HIDEPID_OFF, "hybrid host: no hidepid");
	ok(!pm.have_gid, "hybrid host: no gid");
	free(buf);
}

static void
test_forms(void)
{
	struct proc_mount pm;

	/* Before 5.8 the kernel printed ",hidepid=%u" (fs/proc/inode.c). */
	find("23 22 0:22 / /proc rw - proc proc rw,hidepid=2\n", &pm, 0, "numeric form");
	is_int(pm.hidepid, HIDEPID_INVISIBLE, "hidepid=2 is invisible");
	find("23 22 0:22 / /proc rw - proc proc rw,hidepid=1\n", &pm, 0, "numeric 1");
	is_int(pm.hidepid, HIDEPID_NOACCESS, "hidepid=1 is noaccess");
	find("23 22 0:22 / /proc rw - proc proc rw,hidepid=noaccess\n", &pm, 0, "named");
	is_int(pm.hidepid, HIDEPID_NOACCESS, "hidepid=noaccess");
	find("23 22 0:22 / /proc rw - proc proc rw,hidepid=ptraceable\n", &pm, 0, "ptraceable");
	is_int(pm.hidepid, HIDEPID_PTRACEABLE, "hidepid=ptraceable");
	find("23 22 0:22 / /proc rw - proc proc rw,hidepid=4\n", &pm, 0, "numeric 4");
	is_int(pm.hidepid, HIDEPID_PTRACEABLE, "hidepid=4 is ptraceable");
	find("23 22 0:22 / /proc rw - proc proc rw,hidepid=future\n", &pm, 0, "unknown mode");
	is_int(pm.hidepid, HIDEPID_INVISIBLE, "an unknown mode is taken as hiding");
	find("23 22 0:22 / /proc rw - proc proc rw,subset=pid\n", &pm, 0, "subset");
	ok(pm.subset_pid, "subset=pid seen");
	find("23 22 0:22 / /proc rw - proc proc rw,gid=abc\n", &pm, 0, "bad gid");
	ok(!pm.have_gid, "a non-numeric gid is ignored");
	/* hidepid in the per-mount options (left of " - ") is not the superblock's. */
	find("23 22 0:22 / /proc rw,hidepid=2 - proc proc rw\n", &pm, 0, "per-mount options");
	is_int(pm.hidepid, HIDEPID_OFF, "only super options count");
	find("23 22 0:22 / /proc rw - proc proc rw,hidepid=2\n"
	    "24 23 0:40 / /proc rw - tmpfs none rw\n", &pm, -1, "tmpfs over /proc");
	find("23 22 0:22 / /proc rw - proc proc rw,hidepid=2\n"
	    "24 23 0:40 / /proc rw - proc proc rw\n", &pm, 0, "remounted without hidepid");
	is_int(pm.hidepid, HIDEPID_OFF, "the later mount wins");
	find("23 22 0:22 / /proc\\040x rw - proc proc rw,hidepid=2\n", &pm, -1,
	    "escaped mount point /proc x is not /proc");
	find("23 22 0:22 / /proc rw - proc", &pm, -1, "truncated line skipped");
	find("", &pm, -1, "empty text");
	is_str(proc_hidepid_name(HIDEPID_INVISIBLE), "invisible", "name of 2");
	is_str(proc_hidepid_name((enum proc_hidepid)3), "unknown", "name of 3");
}

static void
test_lists(void)
{
	static const char opts[] = "rw,gid=10,hidepid=2";
	const char *v, *ve, *end = opts + sizeof(opts) - 1;

	ok(option_list_has(opts, end, "rw"), "has rw");
	ok(!option_list_has(opts, end, "gid"), "gid=10 is not the word gid");
	ok(option_list_value(opts, end, "hidepid", &v, &ve) && field_is(v, ve, "2"),
	    "value of hidepid");
	ok(!option_list_value(opts, end, "hide", &v, &ve), "a key prefix does not match");
	ok(!option_list_value(opts, opts, "rw", &v, &ve), "empty list");
}

int
main(void)
{
	test_capture();
	test_forms();
	test_lists();
	return tap_done();
}
