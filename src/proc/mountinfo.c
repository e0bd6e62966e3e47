/*
 * mountinfo.c: split /proc/self/mountinfo lines; read the /proc mount's
 * hidepid options.
 *
 * Sample (6.18; the second /proc mounted with -o hidepid=2 in a private
 * mount namespace):
 *   22 27 0:21 / /proc rw,relatime - proc proc rw
 *   63 45 0:39 / /proc rw,relatime - proc proc rw,hidepid=invisible
 *   35 25 0:30 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
 *
 * Fields: id parent maj:min root mount-point mount-options [optional...]
 * "-" fstype source super-options.  Spaces, tabs, newlines and backslashes
 * in paths are printed as octal escapes ("\040").
 */
#include "config.h"

#include <string.h>

#include "lib/parse.h"
#include "proc/mountinfo.h"

bool
mountinfo_next(struct lines *it, struct mountinfo_entry *e)
{
	const char *line;
	size_t n;

	while (lines_next(it, &line, &n)) {
		const char *p = line, *end = line + n, *f[6], *fe[6], *sep, *src, *src_end;
		int i;

		for (i = 0; i < 6; i++)
			if (!next_field(&p, end, &f[i], &fe[i]))
				break;
		if (i < 6 || (sep = find_str(fe[5], end, " - ")) == NULL)
			continue;
		p = sep + 3;
		if (!next_field(&p, end, &e->type, &e->type_end) ||
		    !next_field(&p, end, &src, &src_end))
			continue;
		if (!next_field(&p, end, &e->super, &e->super_end))
			e->super = e->super_end = end;
		e->root = f[3];
		e->root_end = fe[3];
		e->point = f[4];
		e->point_end = fe[4];
		return true;
	}
	return false;
}

void
mountinfo_unescape(char *dst, size_t dstlen, const char *p, const char *end)
{
	size_t n = 0;

	if (dstlen == 0)
		return;
	while (p < end && n + 1 < dstlen) {
		if (*p == '\\' && end - p >= 4 && p[1] >= '0' && p[1] <= '3' &&
		    p[2] >= '0' && p[2] <= '7' && p[3] >= '0' && p[3] <= '7') {
			dst[n++] = (char)((p[1] - '0') << 6 | (p[2] - '0') << 3 | (p[3] - '0'));
			p += 4;
		} else {
			dst[n++] = *p++;
		}
	}
	dst[n] = '\0';
}

bool
field_is(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);

	return (size_t)(end - p) == n && memcmp(p, s, n) == 0;
}

bool
option_list_has(const char *p, const char *end, const char *word)
{
	while (p < end) {
		const char *c = memchr(p, ',', (size_t)(end - p));
		const char *e = c ? c : end;

		if (field_is(p, e, word))
			return true;
		p = e + 1;
	}
	return false;
}

bool
option_list_value(const char *p, const char *end, const char *key, const char **value,
    const char **value_end)
{
	size_t kl = strlen(key);

	while (p < end) {
		const char *c = memchr(p, ',', (size_t)(end - p));
		const char *e = c ? c : end;

		if ((size_t)(e - p) > kl && memcmp(p, key, kl) == 0 && p[kl] == '=') {
			*value = p + kl + 1;
			*value_end = e;
			return true;
		}
		p = e + 1;
	}
	return false;
}

static const char *const hidepid_names[] = {
	[HIDEPID_OFF] = "off",
	[HIDEPID_NOACCESS] = "noaccess",
	[HIDEPID_INVISIBLE] = "invisible",
	[HIDEPID_PTRACEABLE] = "ptraceable",
};

const char *
proc_hidepid_name(enum proc_hidepid h)
{
	if ((size_t)h < sizeof(hidepid_names) / sizeof(hidepid_names[0]) &&
	    hidepid_names[h] != NULL)
		return hidepid_names[h];
	return "unknown";
}

/* "invisible" (5.8+) or "2" (older kernels); an unknown value hides the most. */
static enum proc_hidepid
parse_hidepid(const char *p, const char *end)
{
	size_t i;

	for (i = 0; i < sizeof(hidepid_names) / sizeof(hidepid_names[0]); i++) {
		char num[2] = { (char)('0' + i), '\0' };

		if (hidepid_names[i] != NULL &&
		    (field_is(p, end, hidepid_names[i]) || field_is(p, end, num)))
			return (enum proc_hidepid)i;
	}
	return HIDEPID_INVISIBLE;
}

int
mountinfo_find_proc(const char *buf, size_t len, const char *point, struct proc_mount *out)
{
	struct mountinfo_entry e;
	struct lines it;
	char dir[256];

	memset(out, 0, sizeof(*out));
	lines_init(&it, buf, len);
	while (mountinfo_next(&it, &e)) {
		const char *v, *ve;
		uint64_t gid;

		mountinfo_unescape(dir, sizeof(dir), e.point, e.point_end);
		if (strcmp(dir, point) != 0)
			continue;
		/* A later mount on the same point covers the earlier one. */
		memset(out, 0, sizeof(*out));
		if (!field_is(e.type, e.type_end, "proc"))
			continue;
		out->found = true;
		if (option_list_value(e.super, e.super_end, "hidepid", &v, &ve))
			out->hidepid = parse_hidepid(v, ve);
		if (option_list_value(e.super, e.super_end, "gid", &v, &ve) &&
		    scan_u64(&v, ve, &gid) && v == ve && gid <= UINT32_MAX) {
			out->have_gid = true;
			out->gid = (uint32_t)gid;
		}
		if (option_list_value(e.super, e.super_end, "subset", &v, &ve))
			out->subset_pid = true;
	}
	return out->found ? 0 : -1;
}
