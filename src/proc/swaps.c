/*
 * swaps.c: /proc/swaps.
 *
 * Sample (6.x; sizes in kB, the name escaped by seq_file_path for space,
 * tab, newline and backslash):
 *   Filename				Type		Size		Used		Priority
 *   /dev/zram0                              partition	8388604		7475912		100
 *   /swap/swapfile                          file		16224856	0		0
 */
#include "config.h"

#include <string.h>

#include "lib/parse.h"
#include "proc/swaps.h"

/* A whole field as a decimal number. */
static bool
field_i64(const char *f, const char *fend, int64_t *v)
{
	const char *p = f;

	return scan_i64(&p, fend, v) && p == fend;
}

int
swaps_parse(const char *buf, size_t len, struct swaps *out, unsigned *lineno)
{
	struct lines it;
	const char *line;
	size_t n;

	memset(out, 0, sizeof(*out));
	*lineno = 0;
	lines_init(&it, buf, len);
	while (lines_next(&it, &line, &n)) {
		const char *p = line, *end = line + n, *f[5], *fe[5];
		int64_t size, used, prio;
		size_t namelen;
		struct swap_dev *d;
		int i;

		if (it.lineno == 1 && starts_with(line, end, "Filename"))
			continue;
		for (i = 0; i < 5 && next_field(&p, end, &f[i], &fe[i]); i++)
			;
		if (i == 0)
			continue;	/* a blank line */
		if (i < 5 || !field_i64(f[2], fe[2], &size) || !field_i64(f[3], fe[3], &used) ||
		    !field_i64(f[4], fe[4], &prio) || size < 0 || used < 0 ||
		    prio < -32768 || prio > 32767) {
			*lineno = it.lineno;
			return -1;
		}
		if (out->n == SWAPS_MAX) {
			out->dropped++;
			continue;
		}
		d = &out->dev[out->n++];
		namelen = (size_t)(fe[0] - f[0]);
		if (namelen >= sizeof(d->name))
			namelen = sizeof(d->name) - 1;
		memcpy(d->name, f[0], namelen);
		d->name[namelen] = '\0';
		d->partition = fe[1] - f[1] == 9 && memcmp(f[1], "partition", 9) == 0;
		d->zram = starts_with(d->name, d->name + namelen, "/dev/zram");
		d->size_kb = (uint64_t)size;
		d->used_kb = (uint64_t)used;
		d->prio = (int)prio;
	}
	return 0;
}
