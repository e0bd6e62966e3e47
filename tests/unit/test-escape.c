/* test-escape: untrusted text never reaches a terminal raw; JSON is valid. */
#include "config.h"

#include <locale.h>

#include "lib/escape.h"
#include "lib/json.h"
#include "tap.h"

static const char *
text(const char *s, size_t len, size_t width)
{
	static struct buf b;

	buf_reset(&b);
	escape_text(&b, s, len, width);
	return buf_str(&b);
}

static const char *
jsn(const char *s, size_t len)
{
	static struct buf b;

	buf_reset(&b);
	escape_json(&b, s, len);
	return buf_str(&b);
}

int
main(void)
{
	static const char evil[] = "\033[31mX\a";
	struct buf b = BUF_INIT;
	struct json j;
	size_t i;
	unsigned cp;

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		tap_skip_all("no C.UTF-8 locale");
	escape_utf8 = true;
	is_str(text(evil, 7, 0), "\\e[31mX\\a", "ESC and BEL escaped for the terminal");
	is_str(text("a\\b", 3, 0), "a\\\\b", "backslash doubled (unambiguous)");
	is_str(text("\x9b" "1m", 3, 0), "\\x9b1m", "lone C1 byte (invalid UTF-8) escaped");
	is_str(text("\xc2\x9b" "1m", 4, 0), "\\x9b1m", "C1 CSI as UTF-8 escaped");
	is_str(text("x\xe2\x80\xaey", 5, 0), "x\\u{202e}y", "bidi override escaped");
	is_str(text("caf\xc3\xa9", 5, 0), "caf\xc3\xa9", "valid UTF-8 kept in a UTF-8 locale");
	is_str(text("\xe4\xb8\xad\xe6\x96\x87", 6, 3), "\xe4\xb8\xad", "width cut counts wide chars");
	is_str(text("\x7f", 1, 0), "\\x7f", "DEL escaped");
	is_str(text("abc\0def", 7, 0), "abc\\x00def", "NUL escaped");
	is_str(text("\xed\xa0\x80", 3, 0), "\\xed\\xa0\\x80", "surrogate rejected");
	is_str(text("\xc0\xaf", 2, 0), "\\xc0\\xaf", "overlong rejected");
	is_int(escape_text(NULL, "\033x\xff", 3, 0), 7, "escape_text(NULL): measures \\e x \\xff");
	is_int(escaped_width("caf\xc3\xa9", 5), 4, "escaped_width: a 2-byte character is one column");
	is_int(escaped_width("\xe4\xb8\xad\xe6\x96\x87", 6), 4, "escaped_width: wide characters count two");
	is_int(escaped_fit("\xe4\xb8\xad\xe6\x96\x87", 6, 3), 3, "escaped_fit: never half a wide character");
	is_int(escaped_fit("caf\xc3\xa9!", 6, 4), 5, "escaped_fit: whole characters by columns");
	is_int(escaped_fit("abc", 3, 0), 0, "escaped_fit: no room, nothing");
	escape_utf8 = false;
	is_str(text("caf\xc3\xa9", 5, 0), "caf\\xc3\\xa9", "non-UTF-8 locale: bytes shown");
	escape_utf8 = true;

	is_str(jsn(evil, 7), "\\u001b[31mX\\u0007", "JSON: controls as \\u");
	is_str(jsn("\"\\\n", 3), "\\\"\\\\\\n", "JSON: quote, backslash, newline");
	is_str(jsn("\xff", 1), "\\ufffd", "JSON: invalid byte becomes U+FFFD");
	is_str(jsn("\xe2\x80\xa8", 3), "\\u2028", "JSON: U+2028 escaped");

	/* Every byte value, alone and in pairs: JSON output must stay ASCII-safe. */
	for (i = 0; i < 256 * 256; i++) {
		char in[2] = { (char)(i >> 8), (char)i };
		const char *o = jsn(in, 2);
		const char *t = text(in, 2, 0);
		size_t k;

		for (k = 0; o[k]; k++)
			if ((unsigned char)o[k] < 0x20 || o[k] == 0x7f)
				break;
		for (; !o[k] && *t; t++)
			if ((unsigned char)*t < 0x20 || *t == 0x7f)
				break;
		if (o[k] || *t) {
			ok(0, "byte pair %02zx %02zx leaks a control", i >> 8, i & 0xff);
			break;
		}
	}
	ok(i == 256 * 256, "no byte pair leaks a control character");

	ok(utf8_decode((const unsigned char *)"\xf4\x90\x80\x80", 4, &cp) == 0,
	    "beyond U+10FFFF rejected");
	ok(utf8_decode((const unsigned char *)"\xe2\x82", 2, &cp) == 0, "truncated rejected");

	json_init(&j, NULL, false);
	json_object_begin(&j);
	json_kv_str(&j, "comm", evil);
	json_key(&j, "list");
	json_array_begin(&j);
	json_int(&j, -5);
	json_null(&j);
	json_bool(&j, true);
	json_array_end(&j);
	json_key(&j, "empty");
	json_object_begin(&j);
	json_object_end(&j);
	json_kv_str(&j, "n", NULL);
	json_object_end(&j);
	is_str(buf_str(&j.buf), "{\"comm\":\"\\u001b[31mX\\u0007\",\"list\":[-5,null,true],"
	    "\"empty\":{},\"n\":null}", "JSON writer: commas and nesting");
	json_finish(&j);
	buf_free(&j.buf);
	buf_free(&b);
	return tap_done();
}
