/*
 * memhog: a test helper that holds a known amount of anonymous memory.
 *
 *   memhog [-P PID] [-g CGROUP_DIR] [-a ADJ] [-n NAME] [-m MIB]
 *          [-s STEP_MIB -t MS] [-r READY_FILE] [-x]
 *
 * In this order: with -P, becomes a new process with that pid (clone3 with
 * set_tid, which needs root; the first process waits for it and exits
 * with it), so that a test can reuse the pid of a process it killed;
 * joins the cgroup (writes its pid to CGROUP_DIR/cgroup.procs),
 * raises its oom_score_adj, renames itself (prctl PR_SET_NAME, so a name may
 * hold escape sequences), touches MIB MiB (in STEP_MIB steps every MS
 * milliseconds when -s is given), writes READY_FILE, then sleeps until
 * killed (-x: exits instead).
 */
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "helper.h"

static void
touch(size_t mib)
{
	size_t len = mib << 20, i;
	/* volatile: the stores must happen although nothing reads them. */
	volatile char *p = malloc(len ? len : 1);

	if (p == NULL) {
		fprintf(stderr, "memhog: malloc %zu MiB failed\n", mib);
		exit(2);
	}
	for (i = 0; i < len; i += 4096)
		p[i] = (char)(i >> 12 | 1);
}

int
main(int argc, char **argv)
{
	const char *cgroup = NULL, *name = NULL, *ready = NULL, *adj = NULL;
	pid_t at_pid = 0;
	size_t mib = 0, step = 0, done;
	long ms = 0;
	int c, exit_after = 0;

	while ((c = getopt(argc, argv, "P:g:a:n:m:s:t:r:x")) != -1) {
		switch (c) {
		case 'P': at_pid = (pid_t)strtol(optarg, NULL, 10); break;
		case 'g': cgroup = optarg; break;
		case 'a': adj = optarg; break;
		case 'n': name = optarg; break;
		case 'm': mib = strtoul(optarg, NULL, 10); break;
		case 's': step = strtoul(optarg, NULL, 10); break;
		case 't': ms = strtol(optarg, NULL, 10); break;
		case 'r': ready = optarg; break;
		case 'x': exit_after = 1; break;
		default:
			fprintf(stderr, "usage: memhog [-P PID] [-g DIR] [-a ADJ] [-n NAME] [-m MIB] "
			    "[-s STEP -t MS] [-r FILE] [-x]\n");
			return 2;
		}
	}
	if (at_pid > 0) {
		struct clone_args ca;
		pid_t child;
		int status;

		memset(&ca, 0, sizeof(ca));
		ca.exit_signal = SIGCHLD;
		ca.set_tid = (uint64_t)(uintptr_t)&at_pid;
		ca.set_tid_size = 1;
		child = (pid_t)syscall(SYS_clone3, &ca, sizeof(ca));
		if (child < 0) {
			perror("memhog: clone3 with set_tid");
			return 2;
		}
		if (child > 0) {
			while (waitpid(child, &status, 0) < 0)
				;
			return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		}
	}
	if (cgroup != NULL)
		helper_join_cgroup("memhog", cgroup);
	if (adj != NULL)
		helper_set_adj("memhog", adj);
	if (name != NULL)
		prctl(PR_SET_NAME, name, 0, 0, 0);
	if (step == 0) {
		touch(mib);
	} else {
		struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

		for (done = 0; done < mib; done += step) {
			touch(step);
			nanosleep(&ts, NULL);
		}
	}
	if (ready != NULL) {
		FILE *f = fopen(ready, "w");

		if (f != NULL) {
			fprintf(f, "%ld\n", (long)getpid());
			fclose(f);
		}
	}
	if (exit_after)
		return 0;
	for (;;)
		pause();
}
