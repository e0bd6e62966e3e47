/* test-format: human sizes, CSV fields, buf_printf() against snprintf(), buf_fill(). */
#include "config.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/format.h"
#include "lib/json.h"
#include "tap.h"

/* fmt_kb() as it was written with snprintf: the integer rounding must match it. */
static const char *
fmt_kb_printf(char *buf, uint64_t kb)
{
	static const char units[] = "KMGTPEZ";
	double v = (double)kb;
	int u = 0;

	if (kb == 0) {
		snprintf(buf, FMT_KB_LEN, "0");
		return buf;
	}
	while (v >= 1024 && u < 6) {
		v /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(buf, FMT_KB_LEN, "%" PRIu64 "K", kb);
	else if (v < 9.95)
		snprintf(buf, FMT_KB_LEN, "%.1f%c", v, units[u]);
	else
		snprintf(buf, FMT_KB_LEN, "%.0f%c", v, units[u]);
	return buf;
}

/*
 * Does fmt_kb() print what printf would, at kb, and fmt_kb_len() the same
 * with its length? (Prints the first miss.)
 */
static bool
same_as_printf(uint64_t kb)
{
	char a[FMT_KB_LEN], b[FMT_KB_LEN], c[FMT_KB_LEN];
	size_t n = fmt_kb_len(c, kb);

	fmt_kb(a, kb);
	fmt_kb_printf(b, kb);
	if (strcmp(a, b) == 0 && strcmp(c, b) == 0 && n == strlen(b))
		return true;
	printf("# %" PRIu64 ": fmt_kb \"%s\", printf \"%s\"\n", kb, a, b);
	return false;
}

/*
 * buf_printf() formats the plain conversions itself (lib/buf.c) and hands
 * the rest to vsnprintf(): both must give snprintf()'s bytes.
 */
#define SAME(...) do {							\
	char want_[512];						\
	struct buf got_ = BUF_INIT;					\
									\
	buf_puts(&got_, "x");						\
	snprintf(want_, sizeof(want_), "x" __VA_ARGS__);		\
	buf_printf(&got_, __VA_ARGS__);					\
	is_str(buf_str(&got_), want_, "%s", "buf_printf(" #__VA_ARGS__ ")"); \
	ok(got_.len == strlen(want_), "  and its length");		\
	buf_free(&got_);						\
	SAME_CUT(__VA_ARGS__);						\
} while (0)

/*
 * buf_snprintf() against snprintf() into arrays of every size up to the
 * text's and one more: the same bytes, cut alike, and nothing written past
 * the size (the bytes after it keep their fill).
 */
#define SAME_CUT(...) do {						\
	char want_[512], got_[512];					\
	size_t size_, full_ = (size_t)snprintf(want_, sizeof(want_), __VA_ARGS__) + 2; \
	bool same_ = true;						\
									\
	for (size_ = 0; size_ <= full_ && size_ < sizeof(want_); size_++) { \
		memset(want_, '#', sizeof(want_));			\
		memset(got_, '#', sizeof(got_));			\
		snprintf(want_, size_, __VA_ARGS__);			\
		buf_snprintf(got_, size_, __VA_ARGS__);			\
		same_ = same_ && memcmp(want_, got_, sizeof(want_)) == 0; \
	}								\
	ok(same_, "  buf_snprintf() at every size");			\
} while (0)

static void
test_buf_printf(void)
{
	SAME("%s", "plain");
	SAME("a%sb%sc", "", "-");
	SAME("%d %d %d %d", 0, -1, 2147483647, -2147483647 - 1);
	SAME("%i|%u|%u", -42, 0u, 4294967295u);
	SAME("%ld %lu", (long)INT64_MIN, (unsigned long)UINT64_MAX);
	SAME("%lld %llu", (long long)INT64_MIN, 18446744073709551615ull);
	SAME("%" PRId64 " %" PRIu64, (int64_t)-9000000000, (uint64_t)9000000000);
	SAME("%zu %zd", (size_t)123456789, (ssize_t)-5);
	SAME("100%% of %s", "it");
	SAME("%%%%%c%c", 'a', 'Z');
	SAME("[%-10s][%10s][%3s][%-3s]", "left", "right", "toolong", "toolong");
	SAME("[%*s][%-*s][%*s]", 6, "ab", 6, "cd", -6, "neg");
	SAME("[%7d][%-7d][%*d][%7" PRId64 "][%-5u]", -42, 42, 4, 7, (int64_t)-1, 3u);
	SAME("[%3c][%-3c]", 'x', 'y');
	/* Handed to vsnprintf, all of it, even after plain conversions. */
	SAME("%s %05d", "zero flag", 42);
	SAME("%d %x %#" PRIx64, 1, 255u, (uint64_t)0x280da);
	SAME("[%x][%#x][%#x][%lx][%#llx][%zx]", 0u, 0u, 0xdeadu, (unsigned long)UINT64_MAX,
	    0x1ull, (size_t)4096);
	SAME("[%8x][%-#8x][%#*x][%#3x]", 0xabcu, 0x10u, 9, 0xffu, 0x12345u);
	/* '#' with another conversion: vsnprintf's business. */
	SAME("%#o %s", 8u, "after");
	SAME("%s %.1f%%", "float", 99.95);
	SAME("%-4s %.3s|%+d|% d", "pre", "cision", 5, 6);
	SAME("%hd %hhu", (short)-3, (unsigned char)200);
	SAME("%s", "a long string that is longer than sixty-four bytes, the first reservation");
}

/* buf_put_int(), buf_put_uint() and buf_put_padded() give printf's "%*lld", "%*llu", "%*s". */
static void
test_put(void)
{
	static const int64_t vals[] = { 0, 1, -1, 9, 10, -10, 99999, 1234567, -1234567,
	    INT64_MAX, INT64_MIN, INT64_MIN + 1, 4096, -1000 };
	static const int widths[] = { 0, 1, 4, 5, 7, 8, 25, -1, -4, -7, -25 };
	bool same = true;
	size_t i, k;

	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		for (k = 0; k < sizeof(widths) / sizeof(widths[0]); k++) {
			char want[128], t[32];
			struct buf got = BUF_INIT;
			int w = widths[k];

			buf_puts(&got, "x");
			buf_put_int(&got, vals[i], w);
			buf_put_uint(&got, (uint64_t)vals[i], w);
			snprintf(t, sizeof(t), "%lld", (long long)vals[i]);
			buf_put_padded(&got, t, strlen(t), w);
			snprintf(want, sizeof(want), "x%*lld%*llu%*s", w, (long long)vals[i], w,
			    (unsigned long long)vals[i], w, t);
			if (strcmp(buf_str(&got), want) != 0 || got.len != strlen(want)) {
				printf("# got \"%s\", want \"%s\"\n", buf_str(&got), want);
				same = false;
			}
			buf_free(&got);
		}
	}
	ok(same, "buf_put_int/uint/padded print what printf prints, every width");
}

/*
 * buf_dec() and buf_dec_len(), and json_put_int() on them, against printf:
 * every value below 200,000, each power of ten and its neighbours, the
 * extremes, and pseudo-random values of every bit length.
 */
static bool
dec_same(uint64_t u)
{
	char want[32], got[64], neg[64];
	size_t n;

	memset(got, '#', sizeof(got));
	n = (size_t)(buf_dec(got, u) - got);
	snprintf(want, sizeof(want), "%" PRIu64, u);
	if (n != strlen(want) || n != buf_dec_len(u) || memcmp(got, want, n) != 0 ||
	    got[n] != '#') {
		printf("# %s: buf_dec wrote %zu bytes, buf_dec_len %zu\n", want, n, buf_dec_len(u));
		return false;
	}
	n = (size_t)(json_put_int(neg, -(int64_t)(u >> 1)) - neg);
	snprintf(want, sizeof(want), "%" PRId64, -(int64_t)(u >> 1));
	if (n != strlen(want) || memcmp(neg, want, n) != 0) {
		printf("# json_put_int(%s)\n", want);
		return false;
	}
	return true;
}

static void
test_dec(void)
{
	uint64_t u, p, x = 0x9e3779b97f4a7c15ull;
	bool same = true;
	int bits, i;

	for (u = 0; u < 200000; u++)
		same = same && dec_same(u);
	for (p = 1; ; p *= 10) {
		same = same && dec_same(p - 1) && dec_same(p) && dec_same(p + 1);
		if (p > UINT64_MAX / 10)
			break;
	}
	same = same && dec_same(UINT64_MAX) && dec_same(UINT64_MAX - 1) &&
	    dec_same((uint64_t)INT64_MAX) && dec_same((uint64_t)INT64_MAX + 1);
	for (bits = 1; bits <= 64; bits++) {
		for (i = 0; i < 2000; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			u = bits == 64 ? x : x & ((1ull << bits) - 1);
			same = same && dec_same(u) && dec_same(u | (1ull << (bits - 1)));
		}
	}
	ok(same, "buf_dec(), buf_dec_len(), json_put_int() print what printf prints");
}

int
main(void)
{
	char b[FMT_KB_LEN];
	struct buf o = BUF_INIT;

	is_str(fmt_kb(b, 0), "0", "0");
	is_str(fmt_kb(b, 512), "512K", "512K");
	is_str(fmt_kb(b, 1023), "1023K", "1023K");
	is_str(fmt_kb(b, 1024), "1.0M", "1.0M");
	is_str(fmt_kb(b, 1536), "1.5M", "1.5M");
	is_str(fmt_kb(b, 20480), "20M", "20M");
	is_str(fmt_kb(b, 24684084), "24G", "MemTotal of the test machine: 24G");
	is_str(fmt_kb(b, UINT64_MAX), "16Z", "largest value fits");
	{
		char r[FMT_REAL_LEN];

		is_str(fmt_real(r, 0.0893), "0.0893", "fmt_real: shortest text");
		is_str(fmt_real(r, 100), "100", "fmt_real: an integer");
		is_str(fmt_real(r, 0.1 + 0.2), "0.30000000000000004", "fmt_real: 17 digits when needed");
		is_str(fmt_real(r, 1.0 / 0.0), "", "fmt_real: not finite is empty");
	}
	{
		char c[FMT_COUNT_LEN];

		is_str(fmt_count(c, 0), "0", "count 0");
		is_str(fmt_count(c, 987), "987", "three digits: no comma");
		is_str(fmt_count(c, 1000), "1,000", "1,000");
		is_str(fmt_count(c, 9861), "9,861", "9,861 (the issue's count)");
		is_str(fmt_count(c, 123456), "123,456", "six digits: one comma");
		is_str(fmt_count(c, 1234567), "1,234,567", "two commas");
		is_str(fmt_count(c, UINT64_MAX), "18,446,744,073,709,551,615",
		    "the largest count fits");
	}
	{
		/*
		 * Every value below 2^18; around every unit boundary; the exact
		 * ties of the rounding (quarters for "%.1f", halves for "%.0f")
		 * and their neighbours; pseudo-random values of every size.
		 */
		uint64_t kb, x = 88172645463325252ull;
		bool same = true;
		int u, i;

		for (kb = 0; kb < (1u << 18) && same; kb++)
			same = same_as_printf(kb);
		for (u = 1; u <= 6 && same; u++) {
			uint64_t unit = (uint64_t)1 << (10 * u), t;

			for (t = 0; t < 2000 && same; t++)
				same = same_as_printf(unit - 1000 + t) && same_as_printf(unit * 10 - 1000 + t);
			for (t = 1; t < 2000 && same && unit <= (uint64_t)1 << 50; t += 2)
				same = same_as_printf(t * (unit / 4)) && same_as_printf(t * (unit / 2)) &&
				    same_as_printf(t * (unit / 4) + 1) && same_as_printf(t * (unit / 4) - 1);
		}
		for (i = 0; i < 200000 && same; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			same = same_as_printf(x >> (x & 63));
		}
		ok(same, "fmt_kb() prints what printf prints, ties and unit boundaries included");
	}
	test_buf_printf();
	test_put();
	test_dec();
	is_int(format_parse("json"), FORMAT_JSON, "json");
	is_int(format_parse("xml"), -1, "unknown format");
	csv_field(&o, "a,b", 3);
	buf_putc(&o, '|');
	csv_field(&o, "say \"hi\"", 8);
	buf_putc(&o, '|');
	csv_field(&o, "\033]0;x\a", 6);
	is_str(buf_str(&o), "\"a,b\"|\"say \"\"hi\"\"\"|\\e]0;x\\a", "CSV quoting and escaping");
	buf_free(&o);
	/* buf_fill: n copies, past the initial capacity, and none. */
	{
		struct buf f = BUF_INIT;

		buf_puts(&f, "a");
		buf_fill(&f, ' ', 100);
		buf_fill(&f, '-', 0);
		buf_putc(&f, 'b');
		ok(f.len == 102 && f.data[0] == 'a' && f.data[100] == ' ' && f.data[101] == 'b' &&
		    f.data[102] == '\0' && strspn(f.data + 1, " ") == 100, "buf_fill: 100 blanks between a and b");
		buf_free(&f);
	}
	return tap_done();
}
