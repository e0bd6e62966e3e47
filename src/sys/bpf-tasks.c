/*
 * bpf-tasks.c: load the iterators (light skeletons), read them per scan.
 *
 * The skeletons are generated at build time from src/bpf/tasks.bpf.c and memcgs.bpf.c
 * (bpftool gen skeleton -L): each embeds its program and a loader
 * program that the kernel runs to relocate it against its own BTF, so
 * nothing is read from disk.  One link per iterator lives as long as
 * struct bpf_tasks; a scan is BPF_ITER_CREATE on that link, read() to
 * EOF into b->buf, close().  The kernel hands out at most one seq_file
 * buffer (8 pages) per read(), so a scan of 10,000 tasks (136-byte
 * records) is about 40 reads.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <linux/capability.h>

/* Generated code: compiled with the project's warnings, which it was not written for. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wpointer-arith"
#include "bpf/memcgs.lskel.h"
#include "bpf/tasks.lskel.h"
#pragma GCC diagnostic pop

#include "lib/xalloc.h"
#include "sys/bpf-tasks.h"

/* Capability numbers (linux/capability.h has CAP_BPF only from 5.8's headers). */
enum { CAPNO_SYS_ADMIN = 21, CAPNO_PERFMON = 38, CAPNO_BPF = 39 };

/* Big enough for a whole seq_file buffer (8 pages) plus a partial record. */
#define READ_BUF_SIZE (64 * 1024)
/* The verifier's log, when OOMRISK_BPF_DEBUG asks for it. */
#define LOG_BUF_SIZE (1 << 20)

struct bpf_tasks {
	struct oomrisk_tasks *skel;
	int task_link;
	struct oomrisk_memcgs *mskel;	/* loaded on first use */
	bool memcgs_tried;
	enum bpf_rss_layout layout;
	char *buf;
};

static void
say_why(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
say_why(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(err, errlen, "BPF backend unavailable: ");
	if (n < 0 || (size_t)n >= errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
	va_end(ap);
}

/* Are the effective capabilities enough to load a tracing iterator? */
static bool
have_bpf_privileges(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	memset(d, 0, sizeof(d));
	if (syscall(SYS_capget, &h, d) != 0)
		return false;
#define HAS(n) ((d[(n) / 32].effective >> ((n) % 32)) & 1u)
	return HAS(CAPNO_SYS_ADMIN) || (HAS(CAPNO_BPF) && HAS(CAPNO_PERFMON));
#undef HAS
}

/*
 * With OOMRISK_BPF_DEBUG set, a failed load prints the verifier's log
 * (the loader passes the level and buffer on to each program's load).
 */
static char *
debug_log(struct bpf_loader_ctx *ctx)
{
	char *log;

	if (getenv("OOMRISK_BPF_DEBUG") == NULL)
		return NULL;
	log = xcalloc(1, LOG_BUF_SIZE);
	ctx->log_level = 1;
	ctx->log_size = LOG_BUF_SIZE;
	ctx->log_buf = (uintptr_t)log;
	return log;
}

static void
debug_log_print(char *log, int rc)
{
	if (log == NULL)
		return;
	if (rc < 0)
		fprintf(stderr, "oomrisk: BPF load failed (%s); the kernel's log:\n%s\n",
		    strerror(-rc), log);
	free(log);
}

/* An iterator link, with parameters (NULL: none); the fd or -errno. */
static int
iter_link_create(int prog_fd, union bpf_iter_link_info *info)
{
	union bpf_attr a;
	int fd;

	memset(&a, 0, sizeof(a));
	a.link_create.prog_fd = (uint32_t)prog_fd;
	a.link_create.attach_type = BPF_TRACE_ITER;
	if (info != NULL) {
		a.link_create.iter_info = (uint64_t)(uintptr_t)info;
		a.link_create.iter_info_len = sizeof(*info);
	}
	fd = (int)syscall(SYS_bpf, BPF_LINK_CREATE, &a, sizeof(a));
	return fd < 0 ? -errno : fd;
}

static int
iter_create(int link_fd)
{
	union bpf_attr a;
	int fd;

	memset(&a, 0, sizeof(a));
	a.iter_create.link_fd = (uint32_t)link_fd;
	fd = (int)syscall(SYS_bpf, BPF_ITER_CREATE, &a, sizeof(a));
	return fd < 0 ? -errno : fd;
}

/* What a consumer returns besides the bytes it took (0: "need more"). */
enum { CONSUME_GARBAGE = -1, CONSUME_STOPPED = -2 };

/*
 * Read an iterator fd to EOF, handing complete records to consume().
 * Returns 0, 1 when the consumer stopped the scan, or -errno.
 */
static int
iter_read(struct bpf_tasks *b, int fd, long (*consume)(const char *, size_t, void *), void *ctx)
{
	size_t have = 0, off;
	ssize_t n;
	long used;

	for (;;) {
		n = read(fd, b->buf + have, READ_BUF_SIZE - have);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			return have == 0 ? 0 : -EPROTO;	/* a record cut short */
		have += (size_t)n;
		off = 0;
		while ((used = consume(b->buf + off, have - off, ctx)) > 0)
			off += (size_t)used;
		if (used == CONSUME_GARBAGE)
			return -EPROTO;
		if (used == CONSUME_STOPPED)
			return 1;
		memmove(b->buf, b->buf + off, have - off);
		have -= off;
	}
}

struct task_sink {
	bpf_task_fn fn;
	void *ctx;
	int rc;		/* what fn stopped the scan with */
};

static long
consume_task(const char *p, size_t len, void *ctx)
{
	struct task_sink *sink = ctx;
	struct bpf_task t;
	long n = bpf_task_decode(p, len, &t);
	int rc;

	if (n <= 0)
		return n;
	if ((rc = sink->fn(&t, sink->ctx)) < 0) {
		sink->rc = rc;
		return CONSUME_STOPPED;
	}
	return n;
}

struct memcg_sink {
	bpf_memcg_fn fn;
	void *ctx;
	int rc;
};

static long
consume_memcg(const char *p, size_t len, void *ctx)
{
	struct memcg_sink *sink = ctx;
	struct bpf_memcg m;
	long n = bpf_memcg_decode(p, len, &m);
	int rc;

	if (n <= 0)
		return n;
	if ((rc = sink->fn(&m, sink->ctx)) < 0) {
		sink->rc = rc;
		return CONSUME_STOPPED;
	}
	return n;
}

/* One pass of a link's task iterator. */
static int
scan_link(struct bpf_tasks *b, int link, bool memcg_ids, bpf_task_fn fn, void *ctx)
{
	struct task_sink sink = { fn, ctx, 0 };
	int fd, rc;

	b->skel->bss->want_memcg = memcg_ids;
	if ((fd = iter_create(link)) < 0)
		return fd;
	rc = iter_read(b, fd, consume_task, &sink);
	close(fd);
	return rc == 1 ? sink.rc : rc;
}

struct self_find {
	int pid;
	bool found;
	struct bpf_task t;
};

static int
find_self(const struct bpf_task *t, void *ctx)
{
	struct self_find *f = ctx;

	if (t->ns_pid == f->pid) {
		f->t = *t;
		f->found = true;
	}
	return 0;
}

/*
 * How far the resident and swap counters may run ahead of the truth.  On
 * 6.2+ the iterator reads each percpu_counter's .count without the per-CPU
 * deltas, and each CPU holds back less than percpu_counter_batch
 * (max(32, 2 * CPUs)) pages per counter, of either sign.  A process that
 * has faulted in nearly all it maps (top locks itself in memory) then
 * shows more resident than mapped pages by up to that much.
 */
static uint64_t
percpu_slack_pages(int layout)
{
	long cpus = sysconf(_SC_NPROCESSORS_CONF);
	uint64_t batch;

	if (layout != BPF_RSS_PERCPU)
		return 0;
	if (cpus < 1)
		cpus = 1;
	if (cpus > 65536)
		cpus = 65536;
	batch = (uint64_t)(2 * cpus > 32 ? 2 * cpus : 32);
	return 4 * batch * (uint64_t)cpus;	/* four counters: anon, file, swap, shmem */
}

/*
 * Run the iterator over our own process and check what it says against
 * what we know: our pid and comm, an mm with resident pages, no more
 * resident and swapped pages than mapped ones give or take the per-CPU
 * slack (a counter read at a wrong offset is a pointer or garbage), a
 * counter layout the program knew.  A CO-RE relocation gone wrong shows
 * here, before any caller trusts a number.
 */
static int
self_check(struct bpf_tasks *b, char *err, size_t errlen)
{
	union bpf_iter_link_info li;
	struct self_find f;
	const struct bpf_task *me = &f.t;
	char comm[17] = "";
	int self_link, rc;

	memset(&f, 0, sizeof(f));
	f.pid = getpid();
	memset(&li, 0, sizeof(li));
	li.task.tid = (uint32_t)f.pid;
	/* Task iterator parameters are 6.1+; before, the whole list, once. */
	self_link = iter_link_create(b->skel->progs.oomrisk_tasks.prog_fd, &li);
	rc = scan_link(b, self_link >= 0 ? self_link : b->task_link, false, find_self, &f);
	if (self_link >= 0)
		close(self_link);
	if (rc < 0) {
		say_why(err, errlen, "reading the task iterator: %s", strerror(-rc));
		return -1;
	}
	(void)prctl(PR_GET_NAME, comm, 0, 0, 0);
	if (!f.found) {
		say_why(err, errlen, "the task iterator did not list this process (pid %d)", f.pid);
		return -1;
	}
	if (me->layout == BPF_RSS_UNKNOWN) {
		say_why(err, errlen, "this kernel keeps mm rss counters in a layout the "
		    "iterator does not know");
		return -1;
	}
	if (!me->has_mm || me->rss_anon + me->rss_file == 0 || me->total_vm == 0 ||
	    me->rss_anon + me->rss_file + me->rss_shmem + me->swap >
	    me->total_vm + percpu_slack_pages(me->layout) ||
	    strcmp(me->comm, comm) != 0) {
		say_why(err, errlen, "the task iterator's record of this process does not "
		    "match it (kernel types not as expected)");
		return -1;
	}
	b->layout = me->layout;
	return 0;
}

struct bpf_tasks *
bpf_tasks_open(const char *btf_path, char *err, size_t errlen)
{
	struct bpf_tasks *b;
	char *log;
	int rc;

	if (btf_path == NULL)
		btf_path = BPF_TASKS_BTF_DEFAULT;
	if (!have_bpf_privileges()) {
		say_why(err, errlen, "needs CAP_BPF and CAP_PERFMON (or root)");
		return NULL;
	}
	/* The kernel relocates the program with its BTF: without it, nothing can load. */
	if (access(btf_path, R_OK) != 0) {
		say_why(err, errlen, "no kernel BTF at %s (%s)", btf_path, strerror(errno));
		return NULL;
	}

	b = xcalloc(1, sizeof(*b));
	b->task_link = -1;
	if ((b->skel = oomrisk_tasks__open()) == NULL) {
		say_why(err, errlen, "cannot set up the task iterator (%s)", strerror(errno));
		free(b);
		return NULL;
	}
	log = debug_log(&b->skel->ctx);
	rc = oomrisk_tasks__load(b->skel);
	debug_log_print(log, rc);
	b->skel->ctx.log_buf = 0;
	if (rc < 0) {
		if (rc == -EPERM || rc == -EACCES)
			say_why(err, errlen, "loading the task iterator was refused (%s; needs "
			    "CAP_BPF and CAP_PERFMON, and no kernel lockdown)", strerror(-rc));
		else
			say_why(err, errlen, "cannot load the task iterator (%s; needs Linux "
			    "5.17+ with BTF)", strerror(-rc));
		bpf_tasks_close(b);
		return NULL;
	}
	if ((b->task_link = iter_link_create(b->skel->progs.oomrisk_tasks.prog_fd, NULL)) < 0) {
		say_why(err, errlen, "cannot attach the task iterator (%s)",
		    strerror(-b->task_link));
		bpf_tasks_close(b);
		return NULL;
	}
	b->buf = xmalloc(READ_BUF_SIZE);
	if (self_check(b, err, errlen) < 0) {
		bpf_tasks_close(b);
		return NULL;
	}
	return b;
}

void
bpf_tasks_close(struct bpf_tasks *b)
{
	if (b == NULL)
		return;
	if (b->task_link >= 0)
		close(b->task_link);
	oomrisk_memcgs__destroy(b->mskel);
	oomrisk_tasks__destroy(b->skel);
	free(b->buf);
	free(b);
}

int
bpf_tasks_scan(struct bpf_tasks *b, bool memcg_ids, bpf_task_fn fn, void *ctx)
{
	return scan_link(b, b->task_link, memcg_ids, fn, ctx);
}

/* Load the cgroup iterator the first time it is needed; false when this kernel has none. */
static bool
memcgs_load(struct bpf_tasks *b)
{
	char *log;
	int rc;

	if (b->memcgs_tried)
		return b->mskel != NULL;
	b->memcgs_tried = true;
	if ((b->mskel = oomrisk_memcgs__open()) == NULL)
		return false;
	log = debug_log(&b->mskel->ctx);
	rc = oomrisk_memcgs__load(b->mskel);
	debug_log_print(log, rc);
	b->mskel->ctx.log_buf = 0;
	if (rc < 0) {
		oomrisk_memcgs__destroy(b->mskel);
		b->mskel = NULL;
	}
	return b->mskel != NULL;
}

int
bpf_memcgs_scan(struct bpf_tasks *b, int cgroup_dirfd, bpf_memcg_fn fn, void *ctx)
{
	struct memcg_sink sink = { fn, ctx, 0 };
	union bpf_iter_link_info li;
	int link, fd, rc;

	if (!memcgs_load(b))
		return -EOPNOTSUPP;
	/* A link is bound to one cgroup: one per scan (a few microseconds). */
	memset(&li, 0, sizeof(li));
	li.cgroup.cgroup_fd = (uint32_t)cgroup_dirfd;
	li.cgroup.order = BPF_CGROUP_ITER_DESCENDANTS_PRE;
	if ((link = iter_link_create(b->mskel->progs.oomrisk_memcgs.prog_fd, &li)) < 0)
		return link;
	fd = iter_create(link);
	close(link);
	if (fd < 0)
		return fd;
	rc = iter_read(b, fd, consume_memcg, &sink);
	close(fd);
	if (rc == 1)
		return sink.rc;
	/*
	 * The cgroup iterator cannot resume after the first seq_file buffer
	 * (it drops cgroup_mutex between reads): the kernel says EOPNOTSUPP.
	 */
	return rc == -EOPNOTSUPP ? -E2BIG : rc;
}

enum bpf_rss_layout
bpf_tasks_layout(const struct bpf_tasks *b)
{
	return b->layout;
}
