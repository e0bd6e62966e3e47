/*
 * fuzz-oomlog: kernel log text through everything `oomrisk explain` does
 * with it: line prefixes, journal and docker frames, report assembly (line
 * by line, and through the log feed that skips to anchors, in chunks, with
 * folding, and as /dev/kmsg records), the explanation (zones, replay,
 * cause, group kills) and both output formats.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/explain.h"
#include "lib/buf.h"
#include "lib/escape.h"
#include "lib/isotime.h"
#include "lib/json.h"
#include "log/feed.h"
#include "log/frame.h"
#include "log/gfp.h"
#include "log/prefix.h"
#include "log/reports.h"
#include "view/explain-view.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
on_report(const struct oom_report *r, void *arg)
{
	static struct explanation ex;
	struct buf *text = arg;
	struct json j;

	explain_report(r, NULL, &ex);
	{
	buf_reset(text);
	struct explain_where w = { "fuzz", r->source == SRC_KMSG ? 1700000000000000 : -1 };

	explain_view_text(text, &ex, 1, &w, 80);
	json_init(&j, NULL, false);
	explain_view_json(&j, &ex, &w);
	json_finish(&j);
	buf_free(&j.buf);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct buf text = BUF_INIT;
	struct logline ll;
	struct gfp_info g;
	uint64_t mask = 0;
	size_t i;

	/*
	 * One way in per input (the size picks it, so seeds and mutations
	 * take all three): line by line, through the feed, as kmsg records.
	 */
	if (size % 3 == 0) {
		reports_parse_buf(buf, size, on_report, &text);
	} else if (size % 3 == 1) {
		/* The feed, as explain reads a file: chunks whose size the input picks. */
		struct reports *ol = reports_new(on_report, &text);
		struct log_feed f;
		size_t off = 0, chunk = size > 0 ? 1 + data[0] % 97 : 1;

		reports_set_fold(ol, size > 1 && (data[1] & 1));
		log_feed_init(&f, ol, NULL);
		while (off < size) {
			size_t room, n;
			char *p = log_feed_space(&f, &room);

			n = size - off < room ? size - off : room;
			if (n > chunk)
				n = chunk;
			memcpy(p, buf + off, n);
			log_feed_commit(&f, n);
			off += n;
			if (off < size && (data[off] & 0x0f) == 0)
				reports_quiet(ol);	/* a followed log going quiet */
		}
		log_feed_end(&f);
		log_feed_free(&f);
		reports_finish(ol);
		reports_free(ol);
	} else {
		/* The same bytes as /dev/kmsg records. */
		struct reports *ol = reports_new(on_report, &text);

		reports_set_kmsg(ol, true);
		log_feed_kmsg(ol, buf, size, size > 2 ? data[2] : 0, NULL);
		reports_finish(ol);
		reports_free(ol);
	}
	{
		struct frame fr;

		memset(&fr, 0, sizeof(fr));
		frame_json(buf, size, &fr);
		frame_free(&fr);
	}
	prefix_parse(buf, size, &ll);
	{
		/* The prefix memo must parse each line as prefix_parse() does. */
		static struct prefix_memo memo;
		const char *p = buf, *end = buf + size;

		memset(&memo, 0, sizeof(memo));
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
			struct logline a, b, c;
			int e;

			prefix_parse(p, n, &a);
			prefix_parse_memo(&memo, p, n, &b);
			/* And prefix_parse() as without its shortcut. */
			prefix_parse_full(p, n, &c);
			if (a.src != c.src || a.syslog != c.syslog || a.indent != c.indent ||
			    a.msg.p != c.msg.p || a.msg.len != c.msg.len || a.nelem != c.nelem ||
			    a.shape != c.shape || a.host.len != c.host.len ||
			    a.time.len != c.time.len || a.uptime.len != c.uptime.len)
				abort();
			if (a.src != b.src || a.syslog != b.syslog || a.kmsg != b.kmsg ||
			    a.indent != b.indent || a.msg.p != b.msg.p || a.msg.len != b.msg.len ||
			    a.host.len != b.host.len || a.time.len != b.time.len ||
			    a.uptime.len != b.uptime.len || a.nelem != b.nelem || a.shape != b.shape)
				abort();
			for (e = 0; e < a.nelem; e++)
				if (a.elem[e].kind != b.elem[e].kind || a.elem[e].start != b.elem[e].start ||
				    a.elem[e].end != b.elem[e].end)
					abort();
			if (nl == NULL)
				break;
			p = nl + 1;
		}
	}
	{
		/* A printed time back to UTC (explain's JSON), on any bytes. */
		int64_t usec;
		bool frac;

		iso_parse_utc(buf, size, &usec, &frac);
	}
	for (i = 0; i < size && i < 8; i++)
		mask = mask << 8 | data[i];
	gfp_decode(mask, size > 8 ? (int)(data[8] * 30000) : -1, size > 9 && data[9] & 1, &g);
	gfp_from_names(mask, buf, size, &g);
	buf_free(&text);
	return 0;
}
