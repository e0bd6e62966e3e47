/*
 * measure [-r RUNS] [-w WARMUP] [-o FILE] -- COMMAND [ARG]...: run COMMAND
 * (no shell, stdout to /dev/null, or to FILE with -o: GNU grep stops at the
 * first match when it sees its output is /dev/null) WARMUP times untimed,
 * then RUNS times, and print one line of medians over the timed runs:
 *
 *   WALL_MS USER_MS SYS_MS PEAK_RSS_KIB RUNS FAILED
 *
 * Wall time is CLOCK_MONOTONIC around fork..wait4; CPU time and peak RSS
 * come from wait4()'s rusage, which covers the command and the
 * descendants it waited for (a shell script's whole pipeline), at
 * microsecond resolution.  FAILED counts runs that did not exit 0.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct sample {
	double wall, user, sys, rss;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Where the command's standard output goes. */
static const char *out_path = "/dev/null";

/* One run; false when it could not start or did not exit 0. */
static int
run(char **argv, struct sample *s)
{
	struct rusage ru;
	double t0 = now();
	int st;
	pid_t p = fork();

	if (p < 0) {
		perror("measure: fork");
		exit(2);
	}
	if (p == 0) {
		int fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		if (fd >= 0)
			dup2(fd, STDOUT_FILENO);
		execvp(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	if (wait4(p, &st, 0, &ru) < 0) {
		perror("measure: wait4");
		exit(2);
	}
	s->wall = now() - t0;
	s->user = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6;
	s->sys = (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	s->rss = (double)ru.ru_maxrss;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Median of n values (sorts them). */
static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int
main(int argc, char **argv)
{
	int runs = 10, warmup = 1, c, i, failed = 0;
	struct sample s;
	double *wall, *user, *sys, *rss;

	while ((c = getopt(argc, argv, "+r:w:o:")) != -1) {
		switch (c) {
		case 'r': runs = atoi(optarg); break;
		case 'w': warmup = atoi(optarg); break;
		case 'o': out_path = optarg; break;
		default: goto usage;
		}
	}
	if (optind < argc && strcmp(argv[optind], "--") == 0)
		optind++;
	if (optind >= argc || runs < 1 || warmup < 0)
		goto usage;
	wall = calloc((size_t)runs, sizeof(double));
	user = calloc((size_t)runs, sizeof(double));
	sys = calloc((size_t)runs, sizeof(double));
	rss = calloc((size_t)runs, sizeof(double));
	if (wall == NULL || user == NULL || sys == NULL || rss == NULL)
		return 2;
	for (i = 0; i < warmup; i++)
		run(argv + optind, &s);
	for (i = 0; i < runs; i++) {
		failed += !run(argv + optind, &s);
		wall[i] = s.wall;
		user[i] = s.user;
		sys[i] = s.sys;
		rss[i] = s.rss;
	}
	printf("%.3f %.3f %.3f %.0f %d %d\n", median(wall, runs) * 1e3, median(user, runs) * 1e3,
	    median(sys, runs) * 1e3, median(rss, runs), runs, failed);
	free(wall);
	free(user);
	free(sys);
	free(rss);
	return 0;
usage:
	fprintf(stderr, "usage: measure [-r RUNS] [-w WARMUP] [-o FILE] -- COMMAND [ARG]...\n");
	return 2;
}
