/*
 * vmstat.c: parse /proc/vmstat ("name value" per line).
 *
 * Sample:
 *   nr_free_pages 1561538
 *   pgscan_kswapd 0
 *   allocstall_normal 0
 *   oom_kill 19
 *
 * allocstall was one counter before 4.10 and is per zone since
 * (allocstall_dma, _dma32, _normal, _movable, _device); both are summed.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "lib/parse.h"
#include "proc/vmstat.h"

static const struct {
	const char *key;
	size_t off;
} counters[] = {
#define C(k, m) { k, offsetof(struct vmstat, m) }
	C("oom_kill", oom_kill),
	C("pgscan_kswapd", pgscan_kswapd),
	C("pgscan_direct", pgscan_direct),
	C("pgsteal_kswapd", pgsteal_kswapd),
	C("pgsteal_direct", pgsteal_direct),
	C("pswpin", pswpin),
	C("pswpout", pswpout),
	C("pgmajfault", pgmajfault),
	C("workingset_refault_anon", workingset_refault_anon),
	C("workingset_refault_file", workingset_refault_file),
	C("compact_stall", compact_stall),
	C("compact_fail", compact_fail),
	C("nr_free_pages", nr_free_pages),
#undef C
};

int
vmstat_parse(const char *buf, size_t len, struct vmstat *v, unsigned *lineno)
{
	struct lines it;
	const char *line;
	size_t n, i;

	memset(v, 0, sizeof(*v));
	*lineno = 0;
	lines_init(&it, buf, len);
	while (lines_next(&it, &line, &n)) {
		const char *sp = memchr(line, ' ', n), *p;
		size_t klen;
		uint64_t val;

		if (sp == NULL)
			continue;
		klen = (size_t)(sp - line);
		p = sp;
		if (klen > 11 && memcmp(line, "allocstall_", 11) == 0) {
			if (!scan_u64(&p, line + n, &val))
				goto bad;
			v->allocstall = sat_add(v->allocstall, val);
			continue;
		}
		if (klen == 10 && memcmp(line, "allocstall", 10) == 0) {
			if (!scan_u64(&p, line + n, &val))
				goto bad;
			v->allocstall = sat_add(v->allocstall, val);
			continue;
		}
		for (i = 0; i < sizeof(counters) / sizeof(counters[0]); i++) {
			if (strlen(counters[i].key) != klen ||
			    memcmp(line, counters[i].key, klen) != 0)
				continue;
			if (!scan_u64(&p, line + n, &val))
				goto bad;
			memcpy((char *)v + counters[i].off, &val, sizeof(val));
			if (i == 0)
				v->have_oom_kill = true;
			break;
		}
		continue;
bad:
		*lineno = it.lineno;
		return -1;
	}
	return 0;
}
