/*
 * psi.c: parse /proc/pressure/memory (4.20+, CONFIG_PSI) or a cgroup's
 * memory.pressure.
 *
 * Sample:
 *   some avg10=0.00 avg60=0.12 avg300=0.05 total=123456
 *   full avg10=0.00 avg60=0.00 avg300=0.00 total=6789
 *
 * avgN are percentages of wall time over the last N seconds; total is in
 * microseconds.  A kernel without PSI has no such file (the caller notes it).
 */
#include "config.h"

#include <string.h>

#include "lib/parse.h"
#include "proc/psi.h"

static bool
kv(const char **p, const char *end, const char *key, bool centi, uint64_t *out)
{
	size_t k = strlen(key);

	*p = skip_blanks(*p, end);
	if ((size_t)(end - *p) <= k || memcmp(*p, key, k) != 0)
		return false;
	*p += k;
	return centi ? scan_centi(p, end, out) : scan_u64(p, end, out);
}

int
psi_parse(const char *buf, size_t len, struct psi *psi, unsigned *lineno)
{
	struct lines it;
	const char *line;
	size_t n;

	memset(psi, 0, sizeof(*psi));
	*lineno = 0;
	lines_init(&it, buf, len);
	while (lines_next(&it, &line, &n)) {
		const char *p = line, *end = line + n;
		struct psi_line *l;

		if (n == 0)
			continue;
		if (starts_with(p, end, "some "))
			l = &psi->some;
		else if (starts_with(p, end, "full "))
			l = &psi->full;
		else
			continue;
		p += 5;
		if (!kv(&p, end, "avg10=", true, &l->avg10) ||
		    !kv(&p, end, "avg60=", true, &l->avg60) ||
		    !kv(&p, end, "avg300=", true, &l->avg300) ||
		    !kv(&p, end, "total=", false, &l->total_us)) {
			*lineno = it.lineno;
			return -1;
		}
		l->present = true;
	}
	return psi->some.present ? 0 : -1;
}
