/* snapshot-reader.c: read the system-wide memory state from a proc root. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "core/snapshot.h"
#include "lib/parse.h"
#include "sys/clock.h"
#include "sys/fileio.h"
#include "sys/snapshot-reader.h"

int
snapshot_reader_open(struct snapshot_reader *r, const char *root, struct buf *err)
{
	memset(r, 0, sizeof(*r));
	if (root == NULL)
		root = "/proc";
	r->rootfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (r->rootfd < 0) {
		buf_printf(err, "%s: %s", root, strerror(errno));
		return -1;
	}
	return 0;
}

int
snapshot_reader_reroot(struct snapshot_reader *r, const char *root, struct buf *err)
{
	int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0) {
		buf_printf(err, "%s: %s", root, strerror(errno));
		return -1;
	}
	if (r->rootfd >= 0)
		close(r->rootfd);
	r->rootfd = fd;
	return 0;
}

void
snapshot_reader_close(struct snapshot_reader *r)
{
	if (r->rootfd >= 0)
		close(r->rootfd);
	r->rootfd = -1;
	buf_free(&r->scratch);
}

/* A one-number sysctl file, or -1. */
static int64_t
sysctl_num(struct snapshot_reader *r, const char *path)
{
	char b[64];
	const char *p = b;
	int64_t v;
	long n = read_file_at(r->rootfd, path, b, sizeof(b), NULL);

	if (n <= 0 || !scan_i64(&p, b + n, &v))
		return -1;
	return v;
}

/*
 * Read an optional file into r->scratch: 1 read, 0 absent (or not
 * readable), -1 other error.
 */
static int
read_optional(struct snapshot_reader *r, const char *path)
{
	long n = read_file_buf(r->rootfd, path, &r->scratch);

	if (n >= 0)
		return 1;
	if (n == -ENOENT || n == -EACCES || n == -EPERM || n == -EOPNOTSUPP)
		return 0;
	return -1;
}

/* zoneinfo, when the root has one: -1 (with err) only when it is malformed. */
static int
read_zoneinfo(struct snapshot_reader *r, struct snapshot *s, struct buf *err)
{
	unsigned line;
	int rc;

	if ((rc = read_optional(r, "zoneinfo")) < 0) {
		buf_printf(err, "zoneinfo: %s", strerror(errno));
		return -1;
	}
	if (rc > 0) {
		if (zoneinfo_parse(r->scratch.data, r->scratch.len,
		    (unsigned)(s->page_size / 1024), &s->zi, &line) < 0) {
			buf_printf(err, "zoneinfo:%u: malformed", line);
			return -1;
		}
		s->have_zoneinfo = true;
	}
	return 0;
}

static void
read_sysctls(struct snapshot_reader *r, struct vm_sysctls *sc)
{
	sc->overcommit_memory = (int)sysctl_num(r, "sys/vm/overcommit_memory");
	sc->overcommit_ratio = (int)sysctl_num(r, "sys/vm/overcommit_ratio");
	sc->overcommit_kbytes = sysctl_num(r, "sys/vm/overcommit_kbytes");
	sc->min_free_kbytes = sysctl_num(r, "sys/vm/min_free_kbytes");
	sc->watermark_scale_factor = (int)sysctl_num(r, "sys/vm/watermark_scale_factor");
	sc->panic_on_oom = (int)sysctl_num(r, "sys/vm/panic_on_oom");
	sc->oom_kill_allocating_task = (int)sysctl_num(r, "sys/vm/oom_kill_allocating_task");
	sc->swappiness = (int)sysctl_num(r, "sys/vm/swappiness");
}

int
snapshot_reader_read(struct snapshot_reader *r, struct snapshot *s, struct buf *err)
{
	unsigned line;
	long n;
	int rc;

	memset(s, 0, sizeof(*s));
	s->taken = now_monotonic();
	s->wall = time(NULL);
	s->page_size = sysconf(_SC_PAGESIZE);
	n = read_file_buf(r->rootfd, "meminfo", &r->scratch);
	if (n < 0) {
		buf_printf(err, "meminfo: %s", strerror((int)-n));
		return -1;
	}
	if (meminfo_parse(r->scratch.data, (size_t)n, &s->mi, &line) < 0) {
		if (line)
			buf_printf(err, "meminfo:%u: malformed value", line);
		else
			buf_puts(err, "meminfo: no MemTotal line");
		return -1;
	}

	if (read_zoneinfo(r, s, err) < 0)
		return -1;
	if ((rc = read_optional(r, "pressure/memory")) > 0 && r->scratch.len > 0) {
		if (psi_parse(r->scratch.data, r->scratch.len, &s->psi, &line) < 0) {
			buf_printf(err, "pressure/memory:%u: malformed", line);
			return -1;
		}
		s->have_psi = true;
	}
	if ((rc = read_optional(r, "vmstat")) > 0) {
		if (vmstat_parse(r->scratch.data, r->scratch.len, &s->vm, &line) < 0) {
			buf_printf(err, "vmstat:%u: malformed", line);
			return -1;
		}
		s->have_vmstat = true;
	}
	read_sysctls(r, &s->sysctl);
	return 0;
}

int
snapshot_reader_read_zones(struct snapshot_reader *r, struct snapshot *s, struct buf *err)
{
	memset(s, 0, sizeof(*s));
	s->taken = now_monotonic();
	s->wall = time(NULL);
	s->page_size = sysconf(_SC_PAGESIZE);
	if (read_zoneinfo(r, s, err) < 0)
		return -1;
	read_sysctls(r, &s->sysctl);
	return 0;
}

