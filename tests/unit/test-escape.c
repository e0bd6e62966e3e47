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

/*
 * escape_plain_len(): escape_text() copies that many bytes as they are, and
 * the byte after them is one it would not; on generated strings of every
 * length around the 16-byte steps, a bad byte at every place.
 */
static void
test_plain_len(void)
{
	static const char bad[] = { '\\', '\n', 0x7f, '\x1b', (char)0xc3, (char)0x80, '\0' };
	bool same = true;
	size_t len, at, k;

	for (len = 0; len <= 40 && same; len++) {
		for (at = 0; at <= len && same; at++) {
			for (k = 0; k < sizeof(bad) && same; k++) {
				char s[48];
				struct buf b = BUF_INIT;
				size_t i, n, want = at < len ? at : len;

				for (i = 0; i < len; i++) {
					s[i] = (char)(' ' + (i * 7 + len) % 95);
					if (s[i] == '\\')
						s[i] = 'a';	/* printable ASCII but the backslash */
				}
				if (at < len)
					s[at] = bad[k];
				n = escape_plain_len(s, len);
				escape_text(&b, s, len, 0);
				same = n == want && b.len >= n && memcmp(b.data == NULL ? "" : b.data, s, n) == 0 &&
				    (n < len || (b.len == len && memcmp(b.data == NULL ? "" : b.data, s, len) == 0));
				if (!same)
					printf("# len %zu, bad byte %#x at %zu: %zu\n", len,
					    (unsigned char)bad[k], at, n);
				buf_free(&b);
			}
		}
	}
	ok(same, "escape_plain_len(): the bytes escape_text() copies as they are");
}

/*
 * The JSON writer's shortcuts give what the long way gives: json_strn()
 * copies a string with nothing to escape (escape_json_plain_len()) as
 * escape_json() would write it, and json_kv_*() write what json_key()
 * then the value write, pretty or not.
 */
static void
test_json_fast(void)
{
	static const char bad[] = { '"', '\\', '\n', 0x7f, '\x1b', (char)0xc3, (char)0x80 };
	bool same = true;
	size_t len, at, k;
	int pretty;

	for (len = 0; len <= 40 && same; len++) {
		for (at = 0; at <= len && same; at++) {
			for (k = 0; k < sizeof(bad) && same; k++) {
				char s[48];
				struct buf want = BUF_INIT;
				struct json j;
				size_t i, n;

				for (i = 0; i < len; i++) {
					s[i] = (char)(' ' + (i * 5 + len) % 95);
					if (s[i] == '\\' || s[i] == '"')
						s[i] = 'b';
				}
				if (at < len)
					s[at] = bad[k];
				n = escape_json_plain_len(s, len);
				buf_putc(&want, '"');
				escape_json(&want, s, len);
				buf_putc(&want, '"');
				json_init(&j, NULL, false);
				json_strn(&j, s, len);
				same = n == (at < len ? at : len) && strcmp(buf_str(&j.buf), buf_str(&want)) == 0;
				if (!same)
					printf("# len %zu, byte %#x at %zu: %s\n", len, (unsigned char)bad[k], at,
					    buf_str(&j.buf));
				buf_free(&j.buf);
				buf_free(&want);
			}
		}
	}
	ok(same, "json_strn(): a string with nothing to escape as escape_json() writes it");
	for (pretty = 0; pretty < 2; pretty++) {
		struct json a, b;

		json_init(&a, NULL, pretty);
		json_init(&b, NULL, pretty);
		json_object_begin(&a);
		json_object_begin(&b);
		json_kv_int(&a, "i", INT64_MIN);
		json_key(&b, "i");
		json_int(&b, INT64_MIN);
		json_kv_uint(&a, "a_longer_key_name", UINT64_MAX);
		json_key(&b, "a_longer_key_name");
		json_uint(&b, UINT64_MAX);
		json_kv_bool(&a, "t", true);
		json_key(&b, "t");
		json_bool(&b, true);
		json_kv_bool(&a, "f", false);
		json_key(&b, "f");
		json_bool(&b, false);
		json_kv_null(&a, "n");
		json_key(&b, "n");
		json_null(&b);
		json_kv_int_opt(&a, "o1", true, -7);
		json_key(&b, "o1");
		json_int(&b, -7);
		json_kv_int_opt(&a, "o2", false, 7);
		json_key(&b, "o2");
		json_null(&b);
		json_kv_bool_opt(&a, "b1", true, false);
		json_key(&b, "b1");
		json_bool(&b, false);
		json_kv_bool_opt(&a, "b2", false, true);
		json_key(&b, "b2");
		json_null(&b);
		json_object_end(&a);
		json_object_end(&b);
		is_str(buf_str(&a.buf), buf_str(&b.buf), "json_kv_*() as json_key() then the value (%s)",
		    pretty ? "pretty" : "compact");
		buf_free(&a.buf);
		buf_free(&b.buf);
	}
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
	/* Plain ASCII goes out in runs (16 bytes at a time): the cuts and the ends of runs. */
	is_str(text("abcdefghijklmnopqrstuvwxyz0123456789", 36, 20), "abcdefghijklmnopqrst",
	    "width cut inside a run of plain ASCII");
	is_str(text("abcdefghijklmnopqrst\\x", 22, 21), "abcdefghijklmnopqrst",
	    "a backslash (two columns) after a run does not fit the last column");
	is_str(text("abcdefghijklmnopqrst\\x", 22, 22), "abcdefghijklmnopqrst\\\\",
	    "it fits two");
	is_str(text("abcdefghijklmnopq\x01r", 19, 0), "abcdefghijklmnopq\\x01r",
	    "a control byte after the first 16");
	is_str(text("0123456789abcdef\x7f", 17, 0), "0123456789abcdef\\x7f",
	    "DEL at byte 16");
	is_str(text("0123456789abcdefg\xc3\xa9h\x9b", 21, 0), "0123456789abcdefg\xc3\xa9h\\x9b",
	    "UTF-8 and an invalid byte after a run");
	is_str(text("0123456789abcdefg\xe4\xb8\xad", 20, 18), "0123456789abcdefg",
	    "a wide char after a run does not fit one column");
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
	test_plain_len();
	test_json_fast();
	return tap_done();
}
