/* test-whatif: parsing --adj/--grow and sizes, and applying a what-if to a sample. */
#include "config.h"

#include "core/whatif.h"
#include "lib/parse.h"
#include "sys/sampler.h"
#include "tap.h"

static int
size_of(const char *s, uint64_t *v)
{
	return parse_size(s, s + strlen(s), v);
}

static void
test_size(void)
{
	uint64_t v = 0;

	ok(size_of("4096", &v) && v == 4096, "bare number: bytes");
	ok(size_of("512K", &v) && v == 512 * 1024, "512K");
	ok(size_of("512k", &v) && v == 512 * 1024, "512k (lower case)");
	ok(size_of("300M", &v) && v == 300ULL << 20, "300M");
	ok(size_of("300MB", &v) && v == 300ULL << 20, "300MB is binary too");
	ok(size_of("2GiB", &v) && v == 2ULL << 30, "2GiB");
	ok(size_of("1T", &v) && v == 1ULL << 40, "1T");
	ok(size_of("1.5G", &v) && v == 3ULL << 29, "1.5G");
	ok(size_of("0.25M", &v) && v == 262144, "0.25M");
	ok(size_of("100B", &v) && v == 100, "100B");
	ok(!size_of("", &v), "empty");
	ok(!size_of("G", &v), "unit alone");
	ok(!size_of("1.5", &v), "a fraction needs a unit");
	ok(!size_of("1.G", &v), "no digits after the point");
	ok(!size_of("-1G", &v), "negative");
	ok(!size_of(" 1G", &v), "leading blank");
	ok(!size_of("1G ", &v), "trailing junk");
	ok(!size_of("1Q", &v), "unknown unit");
	ok(!size_of("99999999999999999999", &v), "overflow");
	ok(!size_of("17179869184T", &v), "overflow after the unit (2^34 T)");
	ok(size_of("16777215T", &v) && v == 16777215ULL << 40, "largest T that fits");
}

static void
test_parse(void)
{
	struct whatif_list l = { 0 };
	struct buf err = BUF_INIT;
	struct whatif *w;

	is_int(whatif_add_adj(&l, "1234=500", &err), 0, "--adj 1234=500");
	is_int(whatif_add_grow(&l, "1234=1G", &err), 0, "--grow on the same pid");
	is_int(l.n, 1, "one entry per pid");
	w = whatif_find(&l, 1234);
	ok(w != NULL && w->set_adj && w->adj == 500 && w->set_grow &&
	    w->grow_bytes == 1ULL << 30, "adj and growth recorded");
	is_int(whatif_add_adj(&l, "99=-1000", &err), 0, "-1000 accepted");
	is_int(whatif_add_adj(&l, "98=+7", &err), 0, "+7 accepted");
	is_int(whatif_find(&l, 98)->adj, 7, "+7 is 7");
	ok(whatif_find(&l, 5) == NULL, "unknown pid: none");

	buf_reset(&err);
	is_int(whatif_add_adj(&l, "1234=600", &err), -1, "same pid twice");
	is_str(buf_str(&err), "--adj: pid 1234 given twice", "says so");
	buf_reset(&err);
	is_int(whatif_add_adj(&l, "7=1001", &err), -1, "1001 out of range");
	is_str(buf_str(&err), "--adj: oom_score_adj is a whole number from -1000 to 1000, got '1001'",
	    "range message");
	buf_reset(&err);
	is_int(whatif_add_adj(&l, "7= 5", &err), -1, "blank before the value");
	buf_reset(&err);
	is_int(whatif_add_adj(&l, "7=5x", &err), -1, "junk after the value");
	buf_reset(&err);
	is_int(whatif_add_adj(&l, "x=5", &err), -1, "pid not a number");
	is_str(buf_str(&err), "--adj: expected PID=VALUE, got 'x=5'", "shape message");
	buf_reset(&err);
	is_int(whatif_add_adj(&l, "0=5", &err), -1, "pid 0");
	buf_reset(&err);
	is_int(whatif_add_adj(&l, "4194305=5", &err), -1, "pid above PID_MAX_LIMIT");
	buf_reset(&err);
	is_int(whatif_add_adj(&l, "5=", &err), -1, "no value");
	buf_reset(&err);
	is_int(whatif_add_grow(&l, "5=2P", &err), -1, "more than a petabyte");
	buf_reset(&err);
	is_int(whatif_add_grow(&l, "\033[31m=1G", &err), -1, "escape in the pid");
	is_str(buf_str(&err), "--grow: expected PID=SIZE, got '\\e[31m=1G'",
	    "the argument is escaped in the message");
	buf_free(&err);
	whatif_list_free(&l);
}

static void
test_apply(void)
{
	struct whatif w = { 0 };
	struct task t = { 0 };

	t.pid = 10;
	t.adj = -1000;
	t.facts.has_mm = true;
	t.facts.adj = -1000;
	t.ineligible = OOM_ADJ_MIN;
	t.rss_anon_kb = 100;
	t.rss_kb = 150;
	w.set_adj = true;
	w.adj = 0;
	w.grow_kb = 8;
	whatif_apply(&w, &t);
	is_int(t.adj, 0, "adj applied");
	is_int(t.ineligible, OOM_ELIGIBLE, "leaving -1000 makes the task killable");
	is_int(t.rss_anon_kb, 108, "growth is anonymous memory");
	is_int(t.rss_kb, 158, "and resident");
	w.adj = -1000;
	w.grow_kb = 0;
	whatif_apply(&w, &t);
	is_int(t.ineligible, OOM_ADJ_MIN, "-1000 makes it unkillable");
	t.facts.kthread = true;
	t.ineligible = OOM_KTHREAD;
	w.adj = 500;
	whatif_apply(&w, &t);
	is_int(t.ineligible, OOM_KTHREAD, "a kernel thread stays unkillable");
}

int
main(void)
{
	test_size();
	test_parse();
	test_apply();
	return tap_done();
}
