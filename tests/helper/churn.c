/*
 * churn: a test helper that creates and reaps short-lived processes as fast
 * as it can, and logs when each one existed.
 *
 *   churn -n NAME -l LOG [-a ADJ] [-k CONCURRENT] [-t SECONDS] [-g CGROUP_DIR]
 *         [-r READY_FILE]
 *
 * It joins the cgroup, raises its oom_score_adj to ADJ and renames itself
 * NAME first, so that every child inherits name and adj atomically at
 * fork.  It then keeps up to CONCURRENT (default 64) children alive for
 * SECONDS (default 10): each touches 0-7 pages of its own and exits after
 * 0-3 ms (one in 64 after 100 ms).  READY_FILE gets the helper's pid once
 * churning has started.
 *
 * LOG gets one line per child, "PID FORK_NS REAP_NS" (CLOCK_REALTIME, as
 * `date +%s%N` prints it): the child's pid existed at most from FORK_NS
 * (taken before fork) to REAP_NS (taken after waitpid), zombie time
 * included.  The last line is "# N children in S s".  Once the last child
 * is reaped the helper renames itself "churn-done", so that any task
 * named NAME is the helper or a logged child.  SIGTERM stops early.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "helper.h"

#define MAX_CONCURRENT 1024

struct kid {
	pid_t pid;
	int64_t born;
};

struct record {
	pid_t pid;
	int64_t born, reaped;
};

struct lifelog {
	struct record *v;
	size_t n, cap;
};

static volatile sig_atomic_t stop;

static void
on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static int64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/*
 * The child: some memory of its own, a short life: 0-3 ms, and one in 64
 * lives 100 ms, long enough to be seen whole even when a sample of a busy
 * machine takes that long between listing a task and reading it.
 */
static void __attribute__((noreturn))
child(unsigned long i, volatile char *pages)
{
	struct timespec ts = { 0, (long)(i % 64 == 63 ? 100 : i % 4) * 1000000 };
	unsigned long p;

	for (p = 0; p < i % 8; p++)
		pages[p * 4096] = 1;
	if (ts.tv_nsec)
		nanosleep(&ts, NULL);
	_exit(0);
}

/* A child was reaped: log its lifetime and free its slot. */
static void
reaped(pid_t p, struct kid *kids, int *nkids, struct lifelog *log)
{
	int i;

	for (i = 0; i < *nkids; i++) {
		if (kids[i].pid != p)
			continue;
		if (log->n == log->cap) {
			log->cap = log->cap ? log->cap * 2 : 65536;
			log->v = realloc(log->v, log->cap * sizeof(*log->v));
			if (log->v == NULL) {
				fprintf(stderr, "churn: out of memory\n");
				exit(2);
			}
		}
		log->v[log->n].pid = p;
		log->v[log->n].born = kids[i].born;
		log->v[log->n].reaped = now_ns();
		log->n++;
		kids[i] = kids[--*nkids];
		return;
	}
}

int
main(int argc, char **argv)
{
	const char *name = NULL, *log = NULL, *cgroup = NULL, *ready = NULL, *adj = NULL;
	struct kid kids[MAX_CONCURRENT];
	struct lifelog life = { 0 };
	size_t i;
	unsigned long forks = 0;
	int k = 64, nkids = 0, c;
	double seconds = 10;
	int64_t start, end;
	char *pages;
	FILE *f;

	while ((c = getopt(argc, argv, "n:l:a:k:t:g:r:")) != -1) {
		switch (c) {
		case 'n': name = optarg; break;
		case 'l': log = optarg; break;
		case 'a': adj = optarg; break;
		case 'k': k = atoi(optarg); break;
		case 't': seconds = atof(optarg); break;
		case 'g': cgroup = optarg; break;
		case 'r': ready = optarg; break;
		default:
			goto usage;
		}
	}
	if (name == NULL || log == NULL || k < 1 || k > MAX_CONCURRENT || seconds <= 0)
		goto usage;
	signal(SIGTERM, on_term);
	if (cgroup != NULL)
		helper_join_cgroup("churn", cgroup);
	if (adj != NULL)
		helper_set_adj("churn", adj);
	prctl(PR_SET_NAME, name, 0, 0, 0);
	/* Untouched here; each child faults in a few pages of its own copy. */
	pages = malloc(8 * 4096);
	if (pages == NULL)
		return 2;

	start = now_ns();
	end = start + (int64_t)(seconds * 1e9);
	while (!stop && now_ns() < end) {
		pid_t p;

		while (nkids < k) {
			int64_t born = now_ns();

			p = fork();
			if (p < 0) {
				if (errno == EAGAIN && nkids > 0)
					break;	/* at the task limit: reap first */
				perror("churn: fork");
				stop = 1;
				break;
			}
			if (p == 0)
				child(forks, pages);
			kids[nkids].pid = p;
			kids[nkids].born = born;
			nkids++;
			forks++;
		}
		if (ready != NULL && forks >= (unsigned long)k) {
			f = fopen(ready, "w");
			if (f != NULL) {
				fprintf(f, "%ld\n", (long)getpid());
				fclose(f);
			}
			ready = NULL;
		}
		p = waitpid(-1, NULL, 0);
		if (p > 0)
			reaped(p, kids, &nkids, &life);
	}
	while (nkids > 0) {
		pid_t p = waitpid(-1, NULL, 0);

		if (p < 0 && errno == ECHILD)
			break;
		if (p > 0)
			reaped(p, kids, &nkids, &life);
	}
	/*
	 * Every child is reaped: from now on nothing may show under NAME.
	 * (Exit-time helpers such as LeakSanitizer's tracer are clones of
	 * this process and would inherit the name.)
	 */
	prctl(PR_SET_NAME, "churn-done", 0, 0, 0);
	if ((f = fopen(log, "w")) == NULL) {
		perror(log);
		return 2;
	}
	for (i = 0; i < life.n; i++)
		fprintf(f, "%ld %lld %lld\n", (long)life.v[i].pid, (long long)life.v[i].born,
		    (long long)life.v[i].reaped);
	fprintf(f, "# %zu children in %.2f s\n", life.n, (double)(now_ns() - start) / 1e9);
	fclose(f);
	free(life.v);
	free(pages);
	return 0;
usage:
	fprintf(stderr, "usage: churn -n NAME -l LOG [-a ADJ] [-k N] [-t SECONDS] "
	    "[-g CGROUP_DIR] [-r READY_FILE]\n");
	return 2;
}
