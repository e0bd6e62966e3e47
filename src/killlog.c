/*
 * killlog.c: OOM kills from the kernel log.
 *
 * /dev/kmsg records (6.18), one per read():
 *   6,10233,206328911,-;oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),
 *       cpuset=/,mems_allowed=0,oom_memcg=/t,task_memcg=/t,task=python3,pid=4410,uid=0
 *   3,10234,206328930,-;Memory cgroup out of memory: Killed process 4410 (python3)
 *       total-vm:75160kB, anon-rss:65280kB, file-rss:6584kB, shmem-rss:0kB, UID:0 ...
 * (each on one line).  The kernel escapes unprintable bytes of the text as
 * \xNN; we undo that so a name compares equal to /proc/PID/status's.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "killlog.h"
#include "parse.h"
#include "util.h"

#define RECORD_MAX 8192

void
kill_list_free(struct kill_list *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static struct oom_kill_event *
kill_list_add(struct kill_list *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	return memset(&l->v[l->n++], 0, sizeof(*l->v));
}

/* The last occurrence of needle in [p, end), or NULL. */
static const char *
find_last(const char *p, const char *end, const char *needle)
{
	const char *last = NULL, *q;

	while ((q = find_str(p, end, needle)) != NULL) {
		last = q;
		p = q + 1;
	}
	return last;
}

/* "key:NkB" after p, e.g. "anon-rss:" */
static void
rss_field(const char *p, const char *end, const char *key, uint64_t *out)
{
	const char *q = find_str(p, end, key);

	if (q != NULL) {
		q += strlen(key);
		if (!scan_u64(&q, end, out))
			*out = 0;
	}
}

bool
kill_line_parse(const char *line, size_t len, struct oom_kill_event *ev)
{
	const char *end = line + len, *p = find_str(line, end, "Killed process ");
	const char *open, *close, *vm;
	uint64_t pid;
	size_t n;

	if (p == NULL)
		return false;
	p += strlen("Killed process ");
	if (!scan_u64(&p, end, &pid) || pid == 0 || pid > INT32_MAX)
		return false;
	/* RHEL 6/7: "Killed process 40738, UID 27, (mysqld) ..." */
	open = memchr(p, '(', (size_t)(end - p));
	if (open == NULL || open - p > 24)
		return false;
	vm = find_str(open, end, " total-vm:");
	close = find_last(open, vm ? vm : end, ")");
	if (close == NULL)
		return false;
	n = (size_t)(close - open - 1);
	if (n >= sizeof(ev->comm))
		n = sizeof(ev->comm) - 1;
	memset(ev, 0, sizeof(*ev));
	ev->pid = (int)pid;
	memcpy(ev->comm, open + 1, n);
	ev->comm[n] = '\0';
	ev->comm_len = n;
	ev->memcg = find_str(line, p, "Memory cgroup out of memory") != NULL;
	if (vm != NULL) {
		ev->have_total_vm = true;
		rss_field(vm, end, "anon-rss:", &ev->anon_rss_kb);
		rss_field(vm, end, "file-rss:", &ev->file_rss_kb);
		rss_field(vm, end, "shmem-rss:", &ev->shmem_rss_kb);
	}
	return true;
}

/* Summary line (5.0+): which memcg (or global_oom) and the victim's pid. */
struct summary {
	bool valid, memcg;
	int pid;
	char path[KILL_MEMCG_MAX];
	bool have_path;
};

static bool
summary_parse(const char *line, size_t len, struct summary *s)
{
	const char *end = line + len, *p = find_str(line, end, "oom-kill:constraint=");
	const char *pid, *m, *mend;
	uint64_t v;

	if (p == NULL)
		return false;
	memset(s, 0, sizeof(*s));
	s->memcg = find_str(p, end, "constraint=CONSTRAINT_MEMCG") != NULL;
	/* task= may hold anything; the pid follows the last ",pid=". */
	if ((pid = find_last(p, end, ",pid=")) == NULL)
		return false;
	pid += 5;
	if (!scan_u64(&pid, end, &v) || v == 0 || v > INT32_MAX)
		return false;
	s->pid = (int)v;
	/* A cgroup path may hold commas: it ends where ",task_memcg=" starts. */
	if ((m = find_str(p, end, ",oom_memcg=")) != NULL &&
	    (mend = find_str(m, end, ",task_memcg=")) != NULL) {
		size_t n = (size_t)(mend - m - 11);

		if (n < sizeof(s->path)) {
			memcpy(s->path, m + 11, n);
			s->path[n] = '\0';
			s->have_path = true;
		}
	}
	s->valid = true;
	return true;
}

static int
hexdigit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Undo the kernel's \xNN escapes of a record's text, in place; new length. */
static size_t
kmsg_unescape(char *s, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		int hi, lo;

		if (s[i] == '\\' && i + 3 < n && s[i + 1] == 'x' &&
		    (hi = hexdigit(s[i + 2])) >= 0 && (lo = hexdigit(s[i + 3])) >= 0) {
			s[o++] = (char)(hi << 4 | lo);
			i += 3;
		} else {
			s[o++] = s[i];
		}
	}
	return o;
}

void
kmsg_parse_kills(const char *buf, size_t len, uint64_t from_seq, struct kill_list *out,
    struct kmsg_window *w)
{
	struct lines it;
	const char *line;
	size_t n;
	struct summary last = { 0 };
	char text[RECORD_MAX];

	memset(w, 0, sizeof(*w));
	lines_init(&it, buf, len);
	while (lines_next(&it, &line, &n)) {
		const char *p = line, *end = line + n, *semi;
		uint64_t pri, seq, usec;
		struct oom_kill_event ev;
		struct summary s;
		size_t tn;

		if (n == 0 || line[0] == ' ')
			continue;	/* continuation: " SUBSYSTEM=..." */
		if (!scan_u64(&p, end, &pri) || p >= end || *p++ != ',' ||
		    !scan_u64(&p, end, &seq) || p >= end || *p++ != ',' ||
		    !scan_u64(&p, end, &usec) || (semi = memchr(p, ';', (size_t)(end - p))) == NULL)
			continue;
		if (!w->any || seq < w->first_seq)
			w->first_seq = seq;
		if (!w->any || seq > w->last_seq)
			w->last_seq = seq;
		w->any = true;
		if (seq < from_seq)
			continue;
		tn = (size_t)(end - semi - 1);
		if (tn >= sizeof(text))
			tn = sizeof(text) - 1;
		memcpy(text, semi + 1, tn);
		tn = kmsg_unescape(text, tn);
		if (summary_parse(text, tn, &s)) {
			last = s;
			continue;
		}
		if (!kill_line_parse(text, tn, &ev))
			continue;
		ev.seq = seq;
		ev.usec = usec;
		if (last.valid && last.pid == ev.pid) {
			ev.memcg = ev.memcg || last.memcg;
			ev.have_memcg_path = last.have_path && last.memcg;
			memcpy(ev.memcg_path, last.path, sizeof(ev.memcg_path));
		}
		last.valid = false;
		*kill_list_add(out) = ev;
	}
}

int
killlog_read(uint64_t from_seq, struct kill_list *out, struct kmsg_window *w, struct buf *err)
{
	struct buf all = BUF_INIT;
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	memset(w, 0, sizeof(*w));
	if (fd < 0) {
		buf_printf(err, "/dev/kmsg: %s", strerror(errno));
		return -1;
	}
	for (;;) {
		ssize_t n;

		buf_reserve(&all, RECORD_MAX + 2);
		n = read(fd, all.data + all.len, RECORD_MAX);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EPIPE)	/* overwritten while we read: go on */
				continue;
			if (errno == EAGAIN)
				break;
			buf_printf(err, "/dev/kmsg: %s", strerror(errno));
			close(fd);
			buf_free(&all);
			return -1;
		}
		if (n == 0)
			break;
		all.len += (size_t)n;
		if (all.data[all.len - 1] != '\n')
			all.data[all.len++] = '\n';
		all.data[all.len] = '\0';
	}
	close(fd);
	kmsg_parse_kills(all.data, all.len, from_seq, out, w);
	buf_free(&all);
	return 0;
}
