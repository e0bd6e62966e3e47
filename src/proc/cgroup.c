/*
 * cgroup.c: the text of cgroup files and of the /proc files that locate
 * cgroups, v1 and v2: buffer in, values out.
 *
 * mountinfo sample (hybrid v1 + v2 host):
 *   35 25 0:30 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
 *   36 25 0:31 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
 * /proc/PID/cgroup sample:
 *   4:memory:/app
 *   0::/user.slice/user-0.slice/session-1.scope
 */
#include "config.h"

#include <string.h>

#include "lib/parse.h"
#include "proc/cgroup.h"
#include "proc/mountinfo.h"

/* v1 prints PAGE_COUNTER_MAX pages in bytes (about 2^63) for "no limit". */
#define V1_UNLIMITED_FLOOR (UINT64_C(1) << 62)

int
mountinfo_find_memcg(const char *buf, size_t len, struct memcg_mount *out)
{
	struct memcg_mount v2 = { 0 };
	struct mountinfo_entry e;
	struct lines it;

	memset(out, 0, sizeof(*out));
	lines_init(&it, buf, len);
	while (mountinfo_next(&it, &e)) {
		if (field_is(e.type, e.type_end, "cgroup") &&
		    option_list_has(e.super, e.super_end, "memory")) {
			out->version = 1;
			mountinfo_unescape(out->root, sizeof(out->root), e.root, e.root_end);
			mountinfo_unescape(out->dir, sizeof(out->dir), e.point, e.point_end);
			return 0;
		}
		if (v2.version == 0 && field_is(e.type, e.type_end, "cgroup2")) {
			v2.version = 2;
			mountinfo_unescape(v2.root, sizeof(v2.root), e.root, e.root_end);
			mountinfo_unescape(v2.dir, sizeof(v2.dir), e.point, e.point_end);
		}
	}
	if (v2.version == 0)
		return -1;
	*out = v2;
	return 0;
}

int
cgroup_task_memcg_path(const char *buf, size_t len, int version, char *path, size_t pathlen)
{
	struct lines it;
	const char *line;
	size_t n;

	lines_init(&it, buf, len);
	while (lines_next(&it, &line, &n)) {
		const char *end = line + n;
		const char *c1 = memchr(line, ':', n), *c2;

		if (c1 == NULL || (c2 = memchr(c1 + 1, ':', (size_t)(end - c1 - 1))) == NULL)
			continue;
		if (version == 1 ? option_list_has(c1 + 1, c2, "memory") :
		    (c2 == c1 + 1 && c1 - line == 1 && line[0] == '0')) {
			size_t plen = (size_t)(end - c2 - 1);

			if (plen + 1 > pathlen)
				return -1;
			memcpy(path, c2 + 1, plen);
			path[plen] = '\0';
			return 0;
		}
	}
	return -1;
}

bool
cgroup_limit_kb_unlimited(uint64_t kb)
{
	return kb >= V1_UNLIMITED_FLOOR / 1024;
}

int
cgroup_parse_limit(const char *buf, size_t len, uint64_t *bytes, bool *unlimited)
{
	const char *p = buf, *end = buf + len;

	p = skip_blanks(p, end);
	if (end - p >= 3 && memcmp(p, "max", 3) == 0) {
		*bytes = UINT64_MAX;
		*unlimited = true;
		return 0;
	}
	if (!scan_u64(&p, end, bytes))
		return -1;
	while (p < end && (*p == '\n' || *p == ' '))
		p++;
	if (p != end)
		return -1;
	*unlimited = *bytes >= V1_UNLIMITED_FLOOR;
	return 0;
}

int
cgroup_stat_value(const char *buf, size_t len, const char *key, uint64_t *value)
{
	struct lines it;
	const char *line;
	size_t n, klen = strlen(key);

	lines_init(&it, buf, len);
	while (lines_next(&it, &line, &n)) {
		const char *p = line + klen;

		if (n <= klen || memcmp(line, key, klen) != 0 || line[klen] != ' ')
			continue;
		if (!scan_u64(&p, line + n, value) || skip_blanks(p, line + n) != line + n)
			return -1;
		return 0;
	}
	return -1;
}
