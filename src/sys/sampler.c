/*
 * sampler.c: the live sampler.  The global scan lists /proc with getdents64
 * and reads each oom_score; for a cgroup's pids libproc2 reads oom_score
 * and oom_score_adj; status (for RssAnon/RssFile/RssShmem, VmSwap
 * and VmPTE, which libproc2 lacks) and cmdline are read here with one
 * open/read/close each.  A task that exits between readdir and read is
 * skipped, never reported as an error or as a zero row.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <libproc2/pids.h>

#include "lib/parse.h"
#include "lib/xalloc.h"
#include "sys/bpf-sampler.h"
#include "sys/fileio.h"
#include "sys/sampler.h"

/* The inode number of the initial pid namespace (PROC_PID_INIT_INO). */
#define PROC_PID_INIT_INO 0xEFFFFFFCU
#define CAP_SYS_PTRACE_BIT 19
#define CAP_SYS_ADMIN_BIT 21
/* procps_pids_select() takes at most this many pids per call. */
#define SELECT_CHUNK 200

struct sampler {
	struct pids_info *info;		/* pid, oom_score, oom_score_adj; live /proc only */
	int proc_fd;
	char root[PATH_MAX];		/* the proc root, "/proc" when live */
	char prefix[PATH_MAX];		/* what mount points from its mountinfo live under */
	bool live;
	char buf[8192];		/* status is ~1.5 KiB; cmdline is cut here */
	/* getdents64 records of /proc, reused by every scan. */
	char dents[32768] __attribute__((aligned(8)));
	enum proc_hidepid hidepid;	/* of the /proc mount, read once */
	bool restricted;
	bool subset_pid;		/* subset=pid: no meminfo */
	struct bpf_sampler *bpf;	/* the BPF task source, NULL for /proc */
};

enum { I_PID, I_SCORE, I_ADJ };

static int read_int(struct sampler *s, int pid, const char *file, int *out);
static int read_int_at(struct sampler *s, const char *path, int *out);
static enum pids_item scan_items[] = { PIDS_ID_PID, PIDS_OOM_SCORE, PIDS_OOM_ADJ };

/* Are we in the hidepid gid= group, whose members see every task? */
static bool
in_group(gid_t gid)
{
	gid_t groups[256];
	int i, n;

	if (getegid() == gid)
		return true;
	n = getgroups((int)ARRAY_SIZE(groups), groups);
	for (i = 0; i < n; i++)
		if (groups[i] == gid)
			return true;
	return false;
}

/*
 * How much of the task list this /proc shows us.  hidepid hides tasks we
 * may not ptrace; CAP_SYS_PTRACE or the mount's gid= group lift it
 * (fs/proc has_pid_permissions()).  Read once: mounts do not change
 * under a running sampler.
 */
static void
probe_visibility(struct sampler *s)
{
	struct buf mi = BUF_INIT;
	struct proc_mount pm;
	struct pid_status self;
	long n;

	n = read_file_buf(s->proc_fd, "self/mountinfo", &mi);
	if (n <= 0 || mountinfo_find_proc(mi.data, (size_t)n, "/proc", &pm) < 0) {
		buf_free(&mi);
		return;
	}
	s->subset_pid = pm.subset_pid;
	if (pm.hidepid != HIDEPID_OFF) {
		bool ptrace = false;

		n = read_file_at(s->proc_fd, "self/status", s->buf, sizeof(s->buf), NULL);
		if (n > 0 && status_parse(s->buf, (size_t)n, &self) == 0 && self.have_cap_eff)
			ptrace = self.cap_eff >> CAP_SYS_PTRACE_BIT & 1;
		s->hidepid = pm.hidepid;
		s->restricted = !ptrace && !(pm.have_gid && in_group((gid_t)pm.gid));
	}
	buf_free(&mi);
}

/* A saved tree's mount points live under its parent directory. */
static void
saved_prefix(struct sampler *s)
{
	char *slash;

	snprintf(s->prefix, sizeof(s->prefix), "%s", s->root);
	while ((slash = strrchr(s->prefix, '/')) != NULL && slash[1] == '\0' &&
	    slash != s->prefix)
		*slash = '\0';
	if ((slash = strrchr(s->prefix, '/')) != NULL)
		*slash = '\0';
	else
		snprintf(s->prefix, sizeof(s->prefix), ".");
}

int
sampler_reroot(struct sampler *s, const char *proc_root, const char **err)
{
	int fd;

	if (s->live) {
		*err = "the live /proc cannot be replaced";
		return -1;
	}
	if (strlen(proc_root) >= sizeof(s->root) - 1) {
		*err = "proc root: path too long";
		return -1;
	}
	if ((fd = open(proc_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		*err = "cannot open the proc root directory";
		return -1;
	}
	close(s->proc_fd);
	s->proc_fd = fd;
	snprintf(s->root, sizeof(s->root), "%s", proc_root);
	saved_prefix(s);
	s->hidepid = HIDEPID_OFF;
	s->restricted = s->subset_pid = false;
	probe_visibility(s);
	return 0;
}

struct sampler *
sampler_new(const char *proc_root, const char **err)
{
	struct sampler *s = xcalloc(1, sizeof(*s));
	struct stat a, b;

	if (proc_root == NULL)
		proc_root = "/proc";
	if (strlen(proc_root) >= sizeof(s->root) - 1) {
		*err = "proc root: path too long";
		free(s);
		return NULL;
	}
	snprintf(s->root, sizeof(s->root), "%s", proc_root);
	s->proc_fd = open(proc_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s->proc_fd < 0) {
		*err = proc_root == NULL || strcmp(s->root, "/proc") == 0 ? "cannot open /proc" :
		    "cannot open the proc root directory";
		free(s);
		return NULL;
	}
	/*
	 * The live /proc (by any name: a bind mount is the same directory)
	 * is read with libproc2 where it serves; a saved tree is a plain
	 * directory, and the mount points its mountinfo names live under its
	 * parent (a capture holds ROOT/proc and ROOT/sys/fs/cgroup).
	 */
	s->live = stat("/proc", &a) == 0 && fstat(s->proc_fd, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino;
	if (!s->live)
		saved_prefix(s);
	if (s->live && procps_pids_new(&s->info, scan_items, (int)ARRAY_SIZE(scan_items)) < 0) {
		procps_pids_unref(&s->info);
		*err = "libproc2 could not be initialised (is /proc mounted?)";
		close(s->proc_fd);
		free(s);
		return NULL;
	}
	probe_visibility(s);
	return s;
}

const char *
sampler_proc_root(const struct sampler *s)
{
	return s->root;
}

bool
sampler_is_live(const struct sampler *s)
{
	return s->live;
}

int
sampler_self_pid(const struct sampler *s)
{
	return s->live ? (int)getpid() : -1;
}

const char *
sampler_fs_prefix(const struct sampler *s)
{
	return s->prefix;
}

long
sampler_read(struct sampler *s, const char *path, struct buf *b)
{
	return read_file_buf(s->proc_fd, path, b);
}

long
sampler_read_regular(struct sampler *s, const char *path, size_t limit, struct buf *b)
{
	struct buf full = BUF_INIT, why = BUF_INIT;
	long n;

	buf_printf(&full, "%s/%s", s->root, path);
	n = file_read_regular(buf_str(&full), limit, 0, b, &why);
	buf_free(&full);
	buf_free(&why);
	return n;
}

void
sampler_set_bpf(struct sampler *s, struct bpf_sampler *b)
{
	bpf_sampler_free(s->bpf);
	s->bpf = b;
}

struct bpf_sampler *
sampler_bpf(const struct sampler *s)
{
	return s->bpf;
}

void
sampler_free(struct sampler *s)
{
	if (s == NULL)
		return;
	bpf_sampler_free(s->bpf);
	if (s->info != NULL)
		procps_pids_unref(&s->info);
	close(s->proc_fd);
	free(s);
}

int
sampler_system(struct sampler *s, struct system_mem *out, char *err, size_t errlen)
{
	struct utsname u;
	char link[64];
	unsigned lineno;
	long n;

	memset(out, 0, sizeof(*out));
	out->page_size = sysconf(_SC_PAGESIZE);
	if (out->page_size < 1024) {
		snprintf(err, errlen, "sysconf: cannot read the page size");
		return -1;
	}
	n = read_file_at(s->proc_fd, "meminfo", s->buf, sizeof(s->buf), NULL);
	if (n < 0) {
		snprintf(err, errlen, "/proc/meminfo: %s%s", strerror((int)-n),
		    s->subset_pid ? " (/proc is mounted subset=pid)" : "");
		return -1;
	}
	if (meminfo_parse(s->buf, (size_t)n, &out->mi, &lineno) < 0) {
		if (lineno)
			snprintf(err, errlen, "/proc/meminfo:%u: malformed value", lineno);
		else
			snprintf(err, errlen, "/proc/meminfo: no MemTotal line");
		return -1;
	}
	out->totalpages = (out->mi.mem_total + out->mi.swap_total) /
	    ((uint64_t)out->page_size / 1024);
	/* The proc root's kernel (a saved tree's), else the running one. */
	n = read_file_at(s->proc_fd, "sys/kernel/osrelease", out->release,
	    sizeof(out->release), NULL);
	while (n > 0 && (out->release[n - 1] == '\n' || out->release[n - 1] == ' '))
		out->release[--n] = '\0';
	if (n <= 0 && uname(&u) == 0)
		snprintf(out->release, sizeof(out->release), "%s", u.release);
	/*
	 * Only the host's pid 1 is exempt; a container's init is killable.
	 * The link reads "pid:[4026531836]"; unreadable: assume the host's.
	 */
	n = readlinkat(s->proc_fd, "self/ns/pid", link, sizeof(link) - 1);
	out->host_pid_ns = true;
	if (n > 0) {
		const char *p = link + 5;
		uint64_t ino;

		link[n] = '\0';
		if (strncmp(link, "pid:[", 5) == 0 && scan_u64(&p, link + n, &ino))
			out->host_pid_ns = ino == PROC_PID_INIT_INO;
	}
	out->proc_hidepid = s->hidepid;
	out->proc_restricted = s->restricted;
	return 0;
}

static void
add_stack(struct task_list *out, struct pids_stack *st)
{
	struct task *t = task_list_add(out);

	t->pid = PIDS_VAL(I_PID, s_int, st, NULL);
	t->kernel_score = PIDS_VAL(I_SCORE, s_int, st, NULL);
	t->adj = PIDS_VAL(I_ADJ, s_int, st, NULL);
	t->adj_known = true;
}

/* A /proc entry name that is a pid: digits only, no leading zero. */
static int
pid_of_name(const char *name)
{
	long v = 0;

	if (*name < '1' || *name > '9')
		return 0;
	for (; *name; name++) {
		if (*name < '0' || *name > '9' || v > 100000000)
			return 0;
		v = v * 10 + (*name - '0');
	}
	return (int)v;
}

/*
 * Read the oom_score of the pid directory the scan just listed as name
 * (digits only, at most 9: pid_of_name()): its path is the name as
 * listed, without formatting the pid back into text for every task.
 */
static int
score_of_entry(struct sampler *s, const char *name, int *out)
{
	static const char file[] = "/oom_score";
	char path[16 + sizeof(file)];
	size_t len = strlen(name);

	if (len > 16)
		return 0;
	memcpy(path, name, len);
	memcpy(path + len, file, sizeof(file));
	return read_int_at(s, path, out);
}

int
sampler_scan(struct sampler *s, struct task_refs *out, bool kernel_scores)
{
	/*
	 * getdents64 on the /proc directory we hold, into a buffer we keep:
	 * unlike a libproc2 reap (opendir, a PROCTAB and /proc/uptime per
	 * call, plus a stat() and an oom_score_adj read per task) this
	 * allocates nothing and reads one file per task at most, which keeps
	 * `top` cheap with thousands of tasks.  /proc lists thread groups only.
	 */
	if (lseek(s->proc_fd, 0, SEEK_SET) < 0)
		return -1;
	for (;;) {
		ssize_t n = getdents64(s->proc_fd, s->dents, sizeof(s->dents));
		ssize_t off;

		if (n < 0)
			return -1;
		if (n == 0)
			return 0;
		for (off = 0; off < n;) {
			const struct dirent64 *d = (const struct dirent64 *)(s->dents + off);
			int pid = pid_of_name(d->d_name);

			off += d->d_reclen;
			if (pid > 0) {
				struct task_ref *t = task_refs_add(out);

				t->pid = pid;
				if (kernel_scores && score_of_entry(s, d->d_name, &t->kernel_score) <= 0)
					t->kernel_score = -1;
			}
		}
	}
}

int
sampler_scan_pids(struct sampler *s, const int *pids, size_t n, struct task_list *out)
{
	unsigned chunk[SELECT_CHUNK];
	size_t i = 0;

	if (!s->live) {
		for (i = 0; i < n; i++) {
			struct task *t = task_list_add(out);

			t->pid = pids[i];
			sampler_kernel_score(s, t);
			if (read_int(s, t->pid, "oom_score_adj", &t->adj) > 0)
				t->adj_known = true;
		}
		return 0;
	}
	while (i < n) {
		struct pids_fetch *f;
		int k = 0, j;

		while (i < n && k < SELECT_CHUNK)
			chunk[k++] = (unsigned)pids[i++];
		f = procps_pids_select(s->info, chunk, k, PIDS_SELECT_PID);
		if (f == NULL)
			return -1;
		for (j = 0; j < f->counts->total; j++)
			add_stack(out, f->stacks[j]);
	}
	return 0;
}

/* A read refused by hidepid or an LSM, as opposed to a task that exited. */
static bool
denied(long rc)
{
	return rc == -EACCES || rc == -EPERM;
}

/*
 * Read a status file: 1, 0 if the task is gone or the text is not status,
 * -1 if reading it was denied.
 */
static int
read_status(struct sampler *s, const char *path, struct pid_status *st)
{
	long n = read_file_at(s->proc_fd, path, s->buf, sizeof(s->buf), NULL);

	if (denied(n))
		return -1;
	return n > 0 && status_parse(s->buf, (size_t)n, st) == 0;
}

/*
 * A zombie group leader has no mm of its own while its other threads still
 * run; the kernel then scores the mm of a live thread (find_lock_task_mm).
 */
static bool
status_from_live_thread(struct sampler *s, int pid, struct pid_status *st)
{
	/*
	 * getdents64 into the stack, not readdir(): fdopendir() allocates,
	 * and top must not allocate per refresh while such a task lives.
	 */
	char path[64], dents[2048];
	int fd;
	bool found = false;

	snprintf(path, sizeof(path), "%d/task", pid);
	fd = openat(s->proc_fd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return false;
	while (!found) {
		ssize_t n = getdents64(fd, dents, sizeof(dents)), off;

		if (n <= 0)
			break;
		for (off = 0; off < n && !found;) {
			const struct dirent64 *e = (const struct dirent64 *)(dents + off);
			int tid = pid_of_name(e->d_name);
			struct pid_status ts;
			char tpath[96];

			off += e->d_reclen;
			if (tid <= 0)
				continue;
			snprintf(tpath, sizeof(tpath), "%d/task/%d/status", pid, tid);
			if (read_status(s, tpath, &ts) > 0 && ts.has_mm) {
				*st = ts;
				found = true;
			}
		}
	}
	close(fd);
	return found;
}

/*
 * Read a small decimal /proc file: 1, 0 if the task is gone, -1 if
 * reading it was denied.
 */
static int
read_int_at(struct sampler *s, const char *path, int *out)
{
	char buf[32];
	const char *p = buf;
	int64_t v;
	long n;

	n = read_line_at(s->proc_fd, path, buf, sizeof(buf));
	if (denied(n))
		return -1;
	if (n <= 0 || !scan_i64(&p, buf + n, &v) || v < INT32_MIN || v > INT32_MAX)
		return 0;
	*out = (int)v;
	return 1;
}

static int
read_int(struct sampler *s, int pid, const char *file, int *out)
{
	char path[48];

	snprintf(path, sizeof(path), "%d/%s", pid, file);
	return read_int_at(s, path, out);
}

void
sampler_kernel_score(struct sampler *s, struct task *t)
{
	if (read_int(s, t->pid, "oom_score", &t->kernel_score) <= 0)
		t->kernel_score = -1;
}

bool
sampler_task_detail(struct sampler *s, const struct system_mem *sys, struct task *t)
{
	struct pid_status st;
	char path[32];
	int rc;

	snprintf(path, sizeof(path), "%d/status", t->pid);
	t->unreadable = false;
	if ((rc = read_status(s, path, &st)) <= 0) {
		t->unreadable = rc < 0;
		return false;
	}
	if (!t->adj_known) {
		if ((rc = read_int(s, t->pid, "oom_score_adj", &t->adj)) <= 0) {
			t->unreadable = rc < 0;
			return false;
		}
		t->adj_known = true;
	}
	if (!st.has_mm && !st.kthread && st.threads > 1)
		status_from_live_thread(s, t->pid, &st);
	memcpy(t->comm, st.name, st.name_len + 1);
	t->comm_len = st.name_len;
	t->ppid = st.ppid > 0 && st.ppid <= INT32_MAX ? (int)st.ppid : 0;
	t->uid = st.uid_eff;
	t->rss_split = st.have_rss_split;
	t->rss_anon_kb = st.rss_anon_kb;
	t->rss_file_kb = st.rss_file_kb;
	t->rss_shmem_kb = st.rss_shmem_kb;
	t->rss_kb = st.have_rss_split ?
	    st.rss_anon_kb + st.rss_file_kb + st.rss_shmem_kb : st.vm_rss_kb;
	t->swap_kb = st.vm_swap_kb;
	/* 4.0-4.14 print PMD pages apart; both count (nr_ptes + nr_pmds). */
	t->pgtables_kb = st.vm_pte_kb + st.vm_pmd_kb;
	t->vm_size_kb = st.vm_size_kb;
	t->cap_sys_admin = st.have_cap_eff && (st.cap_eff >> CAP_SYS_ADMIN_BIT & 1);
	memset(&t->facts, 0, sizeof(t->facts));
	/* Before the Kthread field (6.1), kthreadd and its children, without an mm. */
	t->facts.kthread = st.kthread || (!st.has_mm && (t->pid == 2 || st.ppid == 2));
	t->facts.global_init = t->pid == 1 && sys->host_pid_ns;
	t->facts.has_mm = st.has_mm;
	t->facts.adj = t->adj;
	t->ineligible = oom_task_eligible(&t->facts);
	t->detailed = true;
	return true;
}

void
sampler_cmdline(struct sampler *s, struct task_list *l, struct task *t)
{
	char path[32];
	long n, i;

	if (t->cmdline_off != TASK_NO_CMDLINE)
		return;
	snprintf(path, sizeof(path), "%d/cmdline", t->pid);
	n = read_file_at(s->proc_fd, path, s->buf, sizeof(s->buf), NULL);
	while (n > 0 && s->buf[n - 1] == '\0')
		n--;
	t->cmdline_off = l->strings.len;
	if (n <= 0) {
		/* Kernel threads and zombies have no command line. */
		buf_putc(&l->strings, '[');
		buf_add(&l->strings, t->comm, t->comm_len);
		buf_putc(&l->strings, ']');
	} else {
		for (i = 0; i < n; i++)
			if (s->buf[i] == '\0')
				s->buf[i] = ' ';
		buf_add(&l->strings, s->buf, (size_t)n);
	}
	t->cmdline_len = l->strings.len - t->cmdline_off;
	buf_putc(&l->strings, '\0');
}

/* This process's own status: from the live /proc whatever the proc root. */
static bool
read_self_status(struct sampler *s, struct pid_status *st)
{
	long n = read_file_at(AT_FDCWD, "/proc/self/status", s->buf, sizeof(s->buf), NULL);

	return n > 0 && status_parse(s->buf, (size_t)n, st) == 0;
}

uint64_t
sampler_self_rss_kb(struct sampler *s)
{
	struct pid_status st;

	return read_self_status(s, &st) ? st.vm_rss_kb : 0;
}

/* Is the pidfd's process still there (running or not yet reaped)? */
static bool
pidfd_alive(int pidfd)
{
	return syscall(SYS_pidfd_send_signal, pidfd, 0, NULL, 0) == 0;
}

int
sampler_pin(struct sampler *s, int pid, struct task_pin *pin)
{
	pin->pid = pid;
	/* First the pidfd, then the start time: both then describe one process. */
	pin->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (!sampler_starttime(s, pid, &pin->start) ||
	    (pin->pidfd >= 0 && !pidfd_alive(pin->pidfd))) {
		sampler_unpin(pin);
		return -ESRCH;
	}
	return 0;
}

void
sampler_unpin(struct task_pin *pin)
{
	if (pin->pidfd >= 0)
		close(pin->pidfd);
	pin->pidfd = -1;
}

/*
 * The pid may have been reused since the pin (the process exited, another
 * took its number).  An open /proc/PID directory stays bound to the
 * process that had the pid when it was opened (a reused pid is a new
 * struct pid), so the start time is read, and the value written, through
 * one directory descriptor; with a pidfd still alive after that
 * directory was opened, it is the pinned process itself.
 */
int
sampler_set_adj(struct sampler *s, const struct task_pin *pin, int adj)
{
	char dir[16], val[16], stat[1024];
	uint64_t start;
	long n;
	int dfd, fd, len, rc = 0;

	if (pin->pidfd >= 0 && !pidfd_alive(pin->pidfd))
		return -ESRCH;
	snprintf(dir, sizeof(dir), "%d", pin->pid);
	if ((dfd = openat(s->proc_fd, dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	if (pin->pidfd >= 0 && !pidfd_alive(pin->pidfd)) {
		close(dfd);
		return -ESRCH;
	}
	n = read_file_at(dfd, "stat", stat, sizeof(stat), NULL);
	if (n <= 0) {
		close(dfd);
		return -ESRCH;
	}
	if (pid_stat_starttime(stat, (size_t)n, &start) < 0 || start != pin->start) {
		close(dfd);
		return -ESTALE;
	}
	len = snprintf(val, sizeof(val), "%d\n", adj);
	fd = openat(dfd, "oom_score_adj", O_WRONLY | O_CLOEXEC);
	close(dfd);
	if (fd < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	if (write(fd, val, (size_t)len) != len)
		rc = -errno;
	close(fd);
	return rc;
}

bool
sampler_starttime(struct sampler *s, int pid, uint64_t *ticks)
{
	char path[32];
	long n;

	snprintf(path, sizeof(path), "%d/stat", pid);
	n = read_file_at(s->proc_fd, path, s->buf, sizeof(s->buf), NULL);
	return n > 0 && pid_stat_starttime(s->buf, (size_t)n, ticks) == 0;
}

bool
sampler_self_has_cap(struct sampler *s, int bit)
{
	struct pid_status st;

	return read_self_status(s, &st) && st.have_cap_eff &&
	    (st.cap_eff >> bit & 1);
}
