/* prom.c: Prometheus text exposition format. */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "lib/escape.h"
#include "lib/prom.h"

void
prom_family(struct buf *out, const char *name, const char *type, const char *help)
{
	buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

void
prom_label_value(struct buf *out, const char *s, size_t len)
{
	struct buf safe = BUF_INIT;
	size_t i;

	escape_text(&safe, s, len, 0);
	for (i = 0; i < safe.len; i++) {
		char c = safe.data[i];

		if (c == '\\' || c == '"')
			buf_putc(out, '\\');
		if (c == '\n') {
			buf_puts(out, "\\n");
			continue;
		}
		buf_putc(out, c);
	}
	buf_free(&safe);
}

void
prom_sample_start(struct buf *out, const char *name, const struct prom_label *l, size_t n)
{
	size_t i;

	buf_puts(out, name);
	if (n > 0) {
		buf_putc(out, '{');
		for (i = 0; i < n; i++) {
			if (i > 0)
				buf_putc(out, ',');
			buf_printf(out, "%s=\"", l[i].name);
			prom_label_value(out, l[i].value, l[i].len);
			buf_putc(out, '"');
		}
		buf_putc(out, '}');
	}
	buf_putc(out, ' ');
}

void
prom_sample_u64(struct buf *out, const char *name, const struct prom_label *l, size_t n,
    uint64_t v)
{
	prom_sample_start(out, name, l, n);
	buf_printf(out, "%" PRIu64 "\n", v);
}

void
prom_sample_i64(struct buf *out, const char *name, const struct prom_label *l, size_t n,
    int64_t v)
{
	prom_sample_start(out, name, l, n);
	buf_printf(out, "%" PRId64 "\n", v);
}

void
prom_sample_double(struct buf *out, const char *name, const struct prom_label *l, size_t n,
    double v)
{
	prom_sample_start(out, name, l, n);
	if (isnan(v))
		buf_puts(out, "NaN\n");
	else
		buf_printf(out, "%.6g\n", v);
}
