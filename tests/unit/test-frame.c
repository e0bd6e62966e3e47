/*
 * test-frame: frame_json() and export_line() (src/log/frame.c) against the
 * reader they replaced (tests/unit/frame-ref.c), on every line of the real
 * logs in tests/oom-logs and on generated journal JSON, docker json-file
 * and journal export lines: keys in random order, escapes in keys and
 * values, byte-array messages, nested values, blanks, binary export
 * fields, and each cut short or with a byte changed.  Whatever one says
 * about a line (accepted or not, kind, message, host, time, uptime,
 * other program; an export record's state line by line) the other must.
 */
#include "config.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "log/frame.h"
#include "tap.h"
#include "unit/frame-ref.h"

static long json_lines, json_accepted, json_differ;
static long export_lines, export_records, export_differ;

static bool
same_frame(const struct frame *a, const struct frame *b)
{
	return a->kind == b->kind && a->other == b->other && a->text.len == b->text.len &&
	    (a->text.len == 0 || memcmp(a->text.data, b->text.data, a->text.len) == 0) &&
	    strcmp(a->host, b->host) == 0 && strcmp(a->time, b->time) == 0 &&
	    strcmp(a->uptime, b->uptime) == 0;
}

static void
show(const char *what, const char *line, size_t len)
{
	printf("# %s differs on: %.*s\n", what, (int)(len > 400 ? 400 : len), line);
}

/* One line through both JSON readers. */
static void
json_check(const char *line, size_t len)
{
	static struct frame a, b;
	bool ra, rb;

	ra = frame_json(line, len, &a);
	rb = ref_frame_json(line, len, &b);
	json_lines++;
	json_accepted += ra;
	if (ra != rb || a.kind != b.kind || (ra && !same_frame(&a, &b))) {
		if (json_differ++ < 5)
			show("frame_json", line, len);
	}
}

/* Two export readers fed the same lines. */
struct export_pair {
	struct export_rec a, b;
};

static void
export_check(struct export_pair *x, const char *line, size_t len)
{
	enum export_res ra = export_line(&x->a, line, len);
	enum export_res rb = ref_export_line(&x->b, line, len);

	export_lines++;
	export_records += ra == EX_DONE;
	if (ra != rb || x->a.active != x->b.active || x->a.has_message != x->b.has_message ||
	    x->a.binary != x->b.binary || x->a.kernel_seen != x->b.kernel_seen ||
	    x->a.other_seen != x->b.other_seen || !same_frame(&x->a.f, &x->b.f)) {
		if (export_differ++ < 5)
			show("export_line", line, len);
		/* Go on from the same state. */
		export_free(&x->a);
		ref_export_free(&x->b);
		memset(x, 0, sizeof(*x));
	}
}

/* Every line of a text through both readers, as the feed splits it. */
static void
text_check(struct export_pair *x, const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl != NULL ? nl : end;

		json_check(p, (size_t)(e - p));
		export_check(x, p, (size_t)(e - p));
		p = e + 1;
	}
}

/* ---- generated lines --------------------------------------------------- */

static unsigned
pick(unsigned n)
{
	return (unsigned)(tap_rand() % n);
}

static void
blank(struct buf *b)
{
	static const char *const bl[] = { " ", "\t", "\r\n", "  " };

	if (pick(8) == 0)
		buf_puts(b, bl[pick(4)]);
}

/* s as a JSON string, with escapes now and then (some of them needless or wrong). */
static void
put_jstring(struct buf *b, const char *s, size_t n)
{
	size_t i;

	buf_putc(b, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			buf_putc(b, '\\');
		if (pick(40) == 0) {
			static const char *const esc[] = { "\\n", "\\t", "\\/", "\\u00e9", "\\u20ac",
			    "\\ud83d\\ude00", "\\ud83d", "\\u12", "\\x", "\\\"", "\\\\", "\\r", "\\b",
			    "\\f", "\\u0041" };

			buf_puts(b, esc[pick(sizeof(esc) / sizeof(esc[0]))]);
		}
		if (c < 0x20)
			buf_printf(b, "\\u%04x", c);
		else
			buf_putc(b, (char)c);
	}
	buf_putc(b, '"');
}

static void
put_member(struct buf *b, const char *key, const char *v, size_t vn, bool *first)
{
	if (!*first)
		buf_putc(b, ',');
	*first = false;
	blank(b);
	if (pick(60) == 0)
		buf_puts(b, "\"MESS\\u0041GE\"");	/* an escaped key: no key that is read */
	else
		put_jstring(b, key, strlen(key));
	blank(b);
	buf_putc(b, ':');
	blank(b);
	put_jstring(b, v, vn);
	blank(b);
}

/* A journal -o json object (or docker's json-file) around message m. */
static void
gen_json(struct buf *b, const char *m, size_t mn, uint64_t usec)
{
	char us[32], mono[32];
	const char *keys[12];
	size_t nk = 0, i;
	bool first = true, docker = pick(4) == 0;

	buf_reset(b);
	snprintf(us, sizeof(us), "%llu", (unsigned long long)usec);
	snprintf(mono, sizeof(mono), "%llu", (unsigned long long)(usec % 100000000000ULL / (1 + pick(3))));
	if (docker) {
		keys[nk++] = "log";
		keys[nk++] = "stream";
		keys[nk++] = "time";
	} else {
		keys[nk++] = "__CURSOR";
		keys[nk++] = "_HOSTNAME";
		keys[nk++] = "MESSAGE";
		keys[nk++] = "__REALTIME_TIMESTAMP";
		keys[nk++] = "_MACHINE_ID";
		keys[nk++] = "_TRANSPORT";
		keys[nk++] = "SYSLOG_IDENTIFIER";
		keys[nk++] = "_SOURCE_MONOTONIC_TIMESTAMP";
		keys[nk++] = "PRIORITY";
		keys[nk++] = "__MONOTONIC_TIMESTAMP";
		if (pick(3) == 0)
			keys[nk++] = "time";
		if (pick(3) == 0)
			keys[nk++] = "MESSAGE";	/* twice: the last one counts */
	}
	for (i = nk; i > 1; i--) {
		size_t j = pick((unsigned)i);
		const char *t = keys[i - 1];

		keys[i - 1] = keys[j];
		keys[j] = t;
	}
	blank(b);
	buf_putc(b, '{');
	for (i = 0; i < nk; i++) {
		const char *k = keys[i];

		if (pick(50) == 0)
			continue;	/* a key left out */
		if (strcmp(k, "MESSAGE") == 0 && pick(10) == 0) {
			/* Not valid UTF-8: an array of byte values. */
			size_t j;

			buf_puts(b, first ? "\"MESSAGE\":[" : ",\"MESSAGE\":[");
			first = false;
			for (j = 0; j < mn; j++)
				buf_printf(b, j > 0 ? (pick(5) == 0 ? ", %u" : ",%u") : "%u",
				    (unsigned char)m[j] + (pick(200) == 0 ? 200u : 0u));
			buf_putc(b, ']');
		} else if (strcmp(k, "MESSAGE") == 0 || strcmp(k, "log") == 0) {
			struct buf t = BUF_INIT;

			buf_add(&t, m, mn);
			if (docker)
				buf_puts(&t, pick(2) ? "\n" : "\r\n");
			put_member(b, k, t.data, t.len, &first);
			buf_free(&t);
		} else if (strcmp(k, "__REALTIME_TIMESTAMP") == 0 && pick(8) == 0) {
			/* Stamps at the edges of the number reader. */
			static const char *const odd[] = { " 1796283619903218", "\t1796283619903218",
			    "999999999999999999", "1000000000000000000", "9223372036854775807",
			    "9223372036854775808", "18446744073709551616", "1796283619903218 ",
			    "17962836x9903218", "", "0", "000000000000000000001796283619903218", "-1" };
			const char *v = odd[pick(sizeof(odd) / sizeof(odd[0]))];

			put_member(b, k, v, strlen(v), &first);
		} else if (strcmp(k, "__REALTIME_TIMESTAMP") == 0) {
			put_member(b, k, us, strlen(us), &first);
		} else if (strcmp(k, "_SOURCE_MONOTONIC_TIMESTAMP") == 0) {
			put_member(b, k, mono, strlen(mono), &first);
		} else if (strcmp(k, "_HOSTNAME") == 0) {
			static const char *const hosts[] = { "vm", "web-01.example.org", "h\"x", "",
			    "a-very-long-host-name-that-goes-on-and-on-and-on-beyond-what-fits-in-the-"
			    "frame-host-field-of-one-hundred-and-twenty-eight-bytes-xxxxxxxxxxxxxxxx" };
			const char *h = hosts[pick(5)];

			put_member(b, k, h, strlen(h), &first);
		} else if (strcmp(k, "_TRANSPORT") == 0 || strcmp(k, "SYSLOG_IDENTIFIER") == 0) {
			const char *v = pick(4) == 0 ? (pick(2) ? "systemd" : "kerne") : "kernel";

			put_member(b, k, v, strlen(v), &first);
		} else if (strcmp(k, "time") == 0) {
			const char *v = "2023-10-12T19:00:20.123456789Z";

			put_member(b, k, v, strlen(v), &first);
		} else if (strcmp(k, "PRIORITY") == 0 && pick(3) == 0) {
			/* Values that are no strings. */
			static const char *const other[] = { "4", "-1.5e3", "true", "null",
			    "{\"a\":[1,{\"b\":\"}\"}]}", "[[],[\"]\"]]" };

			buf_puts(b, first ? "\"PRIORITY\":" : ",\"PRIORITY\":");
			first = false;
			buf_puts(b, other[pick(6)]);
		} else {
			const char *v = "s=23550187c1894e65b2b8eb5feec9a352;i=9f7;b=2d278ef8581e447c840e";

			put_member(b, k, v, strlen(v) - pick(40), &first);
		}
	}
	buf_putc(b, '}');
	blank(b);
}

/* A journal -o export record around m, its lines one by one into x. */
static void
gen_export(struct export_pair *x, struct buf *b, const char *m, size_t mn, uint64_t usec)
{
	static const char *const fields[] = { "__CURSOR=s=2355;i=9f7", "__REALTIME_TIMESTAMP=",
	    "__MONOTONIC_TIMESTAMP=1986556055", "_BOOT_ID=2d278ef8581e447c840e660ae97228cf",
	    "_HOSTNAME=vm", "_TRANSPORT=kernel", "SYSLOG_IDENTIFIER=kernel", "PRIORITY=4",
	    "_SOURCE_MONOTONIC_TIMESTAMP=", "MESSAGE=", "_SYSTEMD_UNIT=x.service",
	    "SYSLOG_IDENTIFIER=systemd", "_HOSTNAME=a-rather-long-host-name.example.org",
	    "_A_FIELD_NAME_LONGER_THAN_SIXTEEN_BYTES=1", "_LONGER_THAN_SIXTEEN_BYTES_x=1",
	    "_LONGER_THAN_SIXTEEN_BYTES", "lowercase=1", "_TRANSPORT=journal" };
	size_t n = 4 + pick(12), i;

	for (i = 0; i < n; i++) {
		const char *f = i == 0 ? fields[pick(2)] : fields[pick(sizeof(fields) / sizeof(fields[0]))];

		buf_reset(b);
		buf_puts(b, f);
		if (strcmp(f, "__REALTIME_TIMESTAMP=") == 0)
			buf_printf(b, "%llu", (unsigned long long)usec);
		else if (strcmp(f, "_SOURCE_MONOTONIC_TIMESTAMP=") == 0 && pick(8) == 0)
			buf_puts(b, pick(2) ? "123" : "123456789012345678901234");
		else if (strcmp(f, "_SOURCE_MONOTONIC_TIMESTAMP=") == 0)
			buf_printf(b, "%llu", (unsigned long long)(usec % 10000000000ULL));
		if (strcmp(f, "MESSAGE=") == 0 && pick(4) == 0) {
			/* A binary field: "MESSAGE\n", the length, the bytes, "\n"; cut at its newlines. */
			unsigned char le[8];
			uint64_t len = mn + (pick(10) == 0 ? pick(5) : 0);
			int k;
			const char *p, *e;

			buf_reset(b);
			for (k = 0; k < 8; k++)
				le[k] = (unsigned char)(len >> (8 * k));
			buf_add(b, le, 8);
			buf_add(b, m, mn);
			if (mn > 4)
				b->data[8 + pick((unsigned)mn)] = '\n';
			export_check(x, "MESSAGE", 7);
			for (p = b->data, e = b->data + b->len; ; ) {
				const char *nl = memchr(p, '\n', (size_t)(e - p));

				export_check(x, p, (size_t)((nl != NULL ? nl : e) - p));
				if (nl == NULL)
					break;
				p = nl + 1;
			}
			continue;
		}
		if (strcmp(f, "MESSAGE=") == 0)
			buf_add(b, m, mn);
		if (pick(30) == 0 && b->len > 0)
			b->len = pick((unsigned)b->len);	/* cut short */
		if (pick(30) == 0 && b->len > 0)
			b->data[pick((unsigned)b->len)] = "=_ aZ\t"[pick(6)];
		export_check(x, b->data, b->len);
	}
	if (pick(10) != 0)
		export_check(x, "", 0);
}

#define ROUNDS 16

/* ---- the logs ---------------------------------------------------------- */

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;

	if (fp == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&b, chunk, n);
	fclose(fp);
	if (b.data == NULL)
		buf_add(&b, "", 0);
	*len = b.len;
	return b.data;
}

int
main(void)
{
	const char *srcdir = getenv("srcdir");
	char dir[4096], path[8192];
	struct export_pair x;
	struct buf line = BUF_INIT, mut = BUF_INIT;
	struct dirent *de;
	DIR *d;
	long files = 0, generated = 0;
	int round;
	uint64_t usec = 1796283619903218ULL;

	memset(&x, 0, sizeof(x));
	snprintf(dir, sizeof(dir), "%s/tests/oom-logs", srcdir ? srcdir : ".");
	d = opendir(dir);
	if (d == NULL)
		tap_skip_all("no tests/oom-logs");
	while ((de = readdir(d)) != NULL) {
		size_t nl = strlen(de->d_name), len;
		char *text;
		const char *p, *end;

		if (nl < 5 || strcmp(de->d_name + nl - 4, ".log") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if ((text = slurp(path, &len)) == NULL)
			continue;
		files++;
		/* The real lines, as they are. */
		text_check(&x, text, len);
		/* Each line wrapped, then cut or changed, in ROUNDS different ways. */
		for (round = 0; round < ROUNDS; round++) {
			for (p = text, end = text + len; p < end; ) {
				const char *e = memchr(p, '\n', (size_t)(end - p));
				size_t n;

				if (e == NULL)
					e = end;
				n = (size_t)(e - p);
				usec += pick(3) == 0 ? 1000000 + pick(5000000) : pick(900);
				gen_json(&line, p, n, pick(100) == 0 ? 253402300800000000ULL + usec : usec);
				json_check(line.data, line.len);
				generated++;
				buf_reset(&mut);
				buf_add(&mut, line.data, line.len);
				if (pick(2) == 0)
					mut.len = pick((unsigned)mut.len + 1);
				else
					mut.data[pick((unsigned)mut.len)] = "\"\\{}[],: 0aM"[pick(12)];
				json_check(mut.data, mut.len);
				gen_export(&x, &line, p, n, usec);
				p = e + 1;
			}
		}
		free(text);
	}
	closedir(d);
	buf_free(&line);
	buf_free(&mut);
	export_free(&x.a);
	ref_export_free(&x.b);

	ok(files >= 50, "%ld logs of tests/oom-logs read", files);
	ok(generated > 50000, "%ld generated lines", generated);
	ok(json_accepted > 5000, "%ld of %ld lines read as JSON frames", json_accepted, json_lines);
	is_int(json_differ, 0, "frame_json() as the reference on all %ld lines", json_lines);
	ok(export_records > 50000, "%ld export records ended", export_records);
	is_int(export_differ, 0, "export_line() as the reference on all %ld lines", export_lines);
	return tap_done();
}
