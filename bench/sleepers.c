/*
 * sleepers N PIDFILE: start N sleeping processes of varied size (0-196 KiB
 * of touched anonymous memory) and oom_score_adj (0-999, raised only),
 * write their pids to PIDFILE, and return.  The children sleep until
 * killed; bench/run.sh kills exactly the pids in PIDFILE.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	FILE *f;
	int i, n;

	if (argc != 3 || (n = atoi(argv[1])) <= 0) {
		fprintf(stderr, "usage: sleepers N PIDFILE\n");
		return 2;
	}
	if ((f = fopen(argv[2], "w")) == NULL) {
		perror(argv[2]);
		return 2;
	}
	for (i = 0; i < n; i++) {
		pid_t p = fork();

		if (p < 0) {
			perror("fork");
			break;
		}
		if (p == 0) {
			size_t sz = (size_t)(i % 50) * 4096, j;
			volatile char *b = malloc(sz + 1);
			FILE *a = fopen("/proc/self/oom_score_adj", "w");

			for (j = 0; j < sz; j += 4096)
				b[j] = 1;
			if (a != NULL) {
				fprintf(a, "%d\n", (i * 7) % 1000);
				fclose(a);
			}
			for (;;)
				pause();
		}
		fprintf(f, "%d\n", (int)p);
	}
	fclose(f);
	return i == n ? 0 : 1;
}
