/*
 * test-setadj: top's 'a' key writes oom_score_adj only to the process it
 * was pressed on (issue 11, finding 6).  Live: children of this test are
 * pinned, then replaced by a process with the same pid (clone3 with
 * set_tid, as root); the write must be refused and the newcomer's
 * oom_score_adj left alone.  On main, sampler_set_adj(pid) wrote to
 * whatever process had the pid.
 */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sys/fileio.h"
#include "sys/sampler.h"
#include "tap.h"

/* A child that waits to be killed; at the given pid when want > 0 (clone3 set_tid). */
static pid_t
spawn(pid_t want)
{
	pid_t pid;

	if (want > 0) {
		struct clone_args a;

		memset(&a, 0, sizeof(a));
		a.exit_signal = SIGCHLD;
		a.set_tid = (uint64_t)(uintptr_t)&want;
		a.set_tid_size = 1;
		pid = (pid_t)syscall(SYS_clone3, &a, sizeof(a));
	} else {
		pid = fork();
	}
	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

static int
adj_of(pid_t pid)
{
	char path[64], buf[32];

	snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", (int)pid);
	if (read_file_at(AT_FDCWD, path, buf, sizeof(buf), NULL) <= 0)
		return -9999;
	return atoi(buf);
}

static void
reap(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&ts, NULL);
}

int
main(void)
{
	const char *err;
	struct sampler *s = sampler_new(NULL, &err);
	struct task_pin pin, stale;
	pid_t a, b;

	if (s == NULL) {
		printf("1..0 # SKIP no sampler: %s\n", err);
		return 0;
	}
	a = spawn(0);
	is_int(sampler_pin(s, a, &pin), 0, "a child is pinned");
	ok(pin.start > 0, "with its start time");
	stale = pin;
	stale.pidfd = -1;
	stale.start = pin.start + 1;
	is_int(sampler_set_adj(s, &stale, 100), -ESTALE,
	    "another start time: refused as another process");
	is_int(adj_of(a), 0, "and its oom_score_adj is unchanged");
	is_int(sampler_set_adj(s, &pin, 100), 0, "the pinned process: set");
	is_int(adj_of(a), 100, "oom_score_adj 100");

	/* Replace it: same pid, new process (the start time moves by a tick or more). */
	reap(a);
	is_int(sampler_set_adj(s, &pin, 200), -ESRCH, "exited: refused");
	sleep_ms(30);
	b = spawn(a);
	if (b < 0) {
		ok(1, "# SKIP clone3 with set_tid: %s (needs root)", strerror(errno));
		ok(1, "# SKIP");
		ok(1, "# SKIP");
		ok(1, "# SKIP");
	} else {
		struct task_pin nopidfd = pin;

		is_int(b, a, "a new process has the old pid %d", (int)a);
		is_int(sampler_set_adj(s, &pin, 300), -ESRCH,
		    "the pin's pidfd says its process is gone: refused");
		nopidfd.pidfd = -1;	/* as on a kernel without pidfd_open */
		is_int(sampler_set_adj(s, &nopidfd, 300), -ESTALE,
		    "without the pidfd, the start time tells them apart: refused");
		is_int(adj_of(b), 0, "the newcomer's oom_score_adj is untouched");
		reap(b);
	}
	sampler_unpin(&pin);
	sampler_free(s);
	return tap_done();
}
