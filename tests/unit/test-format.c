/* test-format: human sizes and CSV fields. */
#include "config.h"

#include "lib/format.h"
#include "tap.h"

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
	is_int(format_parse("json"), FORMAT_JSON, "json");
	is_int(format_parse("xml"), -1, "unknown format");
	csv_field(&o, "a,b", 3);
	buf_putc(&o, '|');
	csv_field(&o, "say \"hi\"", 8);
	buf_putc(&o, '|');
	csv_field(&o, "\033]0;x\a", 6);
	is_str(buf_str(&o), "\"a,b\"|\"say \"\"hi\"\"\"|\\e]0;x\\a", "CSV quoting and escaping");
	buf_free(&o);
	return tap_done();
}
