/*
 * oddtask: a process in one of the states where the OOM killer's view of
 * a task is not the obvious one.
 *
 *   oddtask zombie-leader MIB READY_FILE
 *	the main thread exits (pthread_exit) while a second thread holds MIB
 *	MiB: the leader is a zombie without an mm, and find_lock_task_mm()
 *	scores the process by the live thread's mm.
 *   oddtask vfork MIB READY_FILE
 *	holds MIB MiB, then vfork()s a child that sleeps without exec: the
 *	child shares the parent's mm and in_vfork() makes it unkillable
 *	(find it in /proc/PID/task/PID/children).
 *
 * Both sleep until killed.  READY_FILE gets our pid once the state is set
 * up (for vfork: just before the vfork, which follows at once).
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static size_t mib;
static const char *ready;

static void
touch(void)
{
	size_t len = mib << 20, i;
	volatile char *p = malloc(len ? len : 1);

	if (p == NULL) {
		fprintf(stderr, "oddtask: malloc %zu MiB failed\n", mib);
		exit(2);
	}
	for (i = 0; i < len; i += 4096)
		p[i] = 1;
}

static void
write_ready(long value)
{
	char tmp[4200];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", ready);
	if ((f = fopen(tmp, "w")) == NULL || fprintf(f, "%ld\n", value) < 0 ||
	    fclose(f) != 0 || rename(tmp, ready) != 0) {
		perror(ready);
		exit(2);
	}
}

static void *
holder(void *arg)
{
	(void)arg;
	touch();
	/* Wait until the leader is a zombie before saying we are ready. */
	for (;;) {
		char path[64], buf[512];
		FILE *f;
		int zombie = 0;

		snprintf(path, sizeof(path), "/proc/%d/stat", (int)getpid());
		if ((f = fopen(path, "r")) != NULL) {
			if (fgets(buf, sizeof(buf), f) != NULL) {
				char *rp = strrchr(buf, ')');

				zombie = rp != NULL && rp[1] == ' ' && rp[2] == 'Z';
			}
			fclose(f);
		}
		if (zombie)
			break;
		usleep(10000);
	}
	write_ready((long)getpid());
	for (;;)
		pause();
	return NULL;
}

int
main(int argc, char **argv)
{
	pthread_t t;

	if (argc != 4) {
		fprintf(stderr, "usage: oddtask zombie-leader|vfork MIB READY_FILE\n");
		return 2;
	}
	mib = strtoul(argv[2], NULL, 10);
	ready = argv[3];
	if (strcmp(argv[1], "zombie-leader") == 0) {
		if (pthread_create(&t, NULL, holder, NULL) != 0)
			return 2;
		pthread_exit(NULL);
	}
	if (strcmp(argv[1], "vfork") == 0) {
		pid_t child;

		touch();
		write_ready((long)getpid());
		child = vfork();
		if (child == 0) {
			/*
			 * The vfork child may only call async-signal-safe functions
			 * and must not return; it parks in pause() until killed, and
			 * the parent stays suspended until then.
			 */
			for (;;)
				pause();
		}
		return 2;	/* not reached while the child lives */
	}
	fprintf(stderr, "oddtask: unknown mode %s\n", argv[1]);
	return 2;
}
