/*
 * fuzz-oomlog: kernel log text through everything `oomrisk explain` does
 * with it: line prefixes, report assembly, the explanation (zones, replay,
 * cause) and both output formats.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/explain.h"
#include "lib/buf.h"
#include "lib/escape.h"
#include "lib/json.h"
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

	explain_report(r, &ex);
	{
	buf_reset(text);
	struct explain_where w = { "fuzz", r->source == SRC_KMSG ? 1700000000000000 : -1 };

	explain_view_text(text, &ex, 1, &w);
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

	reports_parse_buf(buf, size, on_report, &text);
	prefix_parse(buf, size, &ll);
	for (i = 0; i < size && i < 8; i++)
		mask = mask << 8 | data[i];
	gfp_decode(mask, size > 8 ? (int)(data[8] * 30000) : -1, size > 9 && data[9] & 1, &g);
	gfp_from_names(mask, buf, size, &g);
	buf_free(&text);
	return 0;
}
