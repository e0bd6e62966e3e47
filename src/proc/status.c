/*
 * status.c: parse /proc/PID/status.
 *
 * Sample (6.18, trimmed):
 *   Name:	python3
 *   State:	S (sleeping)
 *   Tgid:	4857
 *   Uid:	0	0	0	0
 *   Kthread:	0
 *   VmSize:	   57876 kB
 *   VmRSS:	   54900 kB
 *   RssAnon:	   48128 kB
 *   RssFile:	    6772 kB
 *   RssShmem:	       0 kB
 *   VmPTE:	     160 kB
 *   VmSwap:	       0 kB
 *   Threads:	1
 *   CapEff:	000001fffeffffff
 *
 * The kernel prints Name with only '\\' and '\n' escaped (as "\\\\" and
 * "\\n"); everything else, escape sequences included, comes raw.  Tasks
 * without an mm (kernel threads, zombies) have no Vm* lines at all.
 */
#include "config.h"

#include <string.h>

#include "lib/parse.h"
#include "proc/status.h"

static void
parse_name(const char *p, const char *end, struct pid_status *st)
{
	size_t n = 0;

	/* The value starts after one tab; a name may itself start with blanks. */
	if (p < end && *p == '\t')
		p++;
	while (p < end && n < STATUS_NAME_MAX) {
		char c = *p++;

		if (c == '\\' && p < end && (*p == '\\' || *p == 'n')) {
			c = *p == 'n' ? '\n' : '\\';
			p++;
		}
		st->name[n++] = c;
	}
	st->name[n] = '\0';
	st->name_len = n;
}

static bool
kb(const char *line, size_t len, const char *key, uint64_t *out, bool *have)
{
	if (!kv_number(line, len, key, out))
		return false;
	if (have != NULL)
		*have = true;
	return true;
}

int
status_parse(const char *buf, size_t len, struct pid_status *st)
{
	struct lines it;
	const char *line;
	size_t n;
	bool have_name = false;

	memset(st, 0, sizeof(*st));
	st->uid_real = st->uid_eff = -1;
	st->tgid = st->pid = st->ppid = -1;
	lines_init(&it, buf, len);
	while (lines_next(&it, &line, &n)) {
		const char *end = line + n, *p;
		uint64_t v;

		switch (line[0]) {
		case 'N':
			if (starts_with(line, end, "Name:")) {
				parse_name(line + 5, end, st);
				have_name = true;
			}
			break;
		case 'S':
			if (starts_with(line, end, "State:")) {
				p = skip_blanks(line + 6, end);
				st->state = p < end ? *p : 0;
			}
			break;
		case 'T':
			if (kv_number(line, n, "Tgid", &v))
				st->tgid = (int64_t)(v & INT64_MAX);
			else if (kv_number(line, n, "Threads", &v))
				st->threads = (int64_t)(v & INT64_MAX);
			break;
		case 'P':
			if (kv_number(line, n, "Pid", &v))
				st->pid = (int64_t)(v & INT64_MAX);
			else if (kv_number(line, n, "PPid", &v))
				st->ppid = (int64_t)(v & INT64_MAX);
			break;
		case 'U':
			if (starts_with(line, end, "Uid:")) {
				uint64_t r, e;

				p = line + 4;
				if (scan_u64(&p, end, &r) && scan_u64(&p, end, &e) &&
				    r <= UINT32_MAX && e <= UINT32_MAX) {
					st->uid_real = (int64_t)r;
					st->uid_eff = (int64_t)e;
				}
			}
			break;
		case 'K':
			if (kv_number(line, n, "Kthread", &v))
				st->kthread = v != 0;
			break;
		case 'V':
			if (kb(line, n, "VmSize", &st->vm_size_kb, &st->has_mm) ||
			    kb(line, n, "VmRSS", &st->vm_rss_kb, NULL) ||
			    kb(line, n, "VmPTE", &st->vm_pte_kb, &st->have_pte) ||
			    kb(line, n, "VmPMD", &st->vm_pmd_kb, &st->have_pmd) ||
			    kb(line, n, "VmSwap", &st->vm_swap_kb, &st->have_swap))
				break;
			break;
		case 'R':
			if (kb(line, n, "RssAnon", &st->rss_anon_kb, &st->have_rss_split) ||
			    kb(line, n, "RssFile", &st->rss_file_kb, NULL) ||
			    kb(line, n, "RssShmem", &st->rss_shmem_kb, NULL))
				break;
			break;
		case 'C':
			if (starts_with(line, end, "CapEff:")) {
				p = line + 7;
				if (scan_hex(&p, end, &st->cap_eff))
					st->have_cap_eff = true;
			}
			break;
		default:
			break;
		}
	}
	return have_name ? 0 : -1;
}

int
pid_stat_starttime(const char *buf, size_t len, uint64_t *ticks)
{
	const char *end = buf + len, *p = NULL, *q;
	int field;

	for (q = buf; q < end; q++)
		if (*q == ')')
			p = q;
	if (p == NULL)
		return -1;
	/* After ") " comes field 3 (state); field 22 is 19 fields further. */
	p++;
	for (field = 3; field < 22; field++) {
		p = skip_blanks(p, end);
		while (p < end && *p != ' ' && *p != '\n')
			p++;
		if (p >= end)
			return -1;
	}
	return scan_u64(&p, end, ticks) ? 0 : -1;
}
