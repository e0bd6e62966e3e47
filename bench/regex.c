/*
 * bench/regex.c: how long glibc's regexec() takes on hostile extended
 * regular expressions against an 8 KiB command line (the most oomrisk
 * reads), searched as written (unanchored) and as protect patterns are
 * matched, "^.*(PATTERN)" (src/core/protect.c), with the compile time and
 * the peak RSS of regcomp() for the expanded repetitions.
 *
 *   cc -O2 -o regex bench/regex.c && ./regex [-t SECONDS] [-n BYTES] [PATTERN...]
 *
 * Each measurement runs in a child that is killed after SECONDS (default
 * 60; shown as ">60 s"), with its address space capped at 4 GiB.  With
 * PATTERNs, only those, against "aaa...a!".
 */
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ARRAY_N(a) (sizeof(a) / sizeof((a)[0]))

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The text: "aaa...a!" (no match for patterns ending in $), or words. */
static char *
make_text(const char *kind, size_t n)
{
	char *s = malloc(n + 1);
	size_t i;

	for (i = 0; i < n; i++)
		s[i] = strcmp(kind, "words") == 0 ? (i % 8 == 7 ? ' ' : 'a') :
		    strcmp(kind, "x=") == 0 ? (i % 2 ? '=' : 'x') : 'a';
	if (strcmp(kind, "a!") == 0)
		s[n - 1] = '!';
	s[n] = '\0';
	return s;
}

/* In a child: compile, match once; print "comp_s exec_s maxrss_kB result". */
static void
measure(const char *pattern, const char *text, int limit_s)
{
	int fd[2], status;
	pid_t pid;
	char line[128] = "";
	double t0 = now();
	ssize_t n;

	if (pipe(fd) < 0)
		exit(1);
	if ((pid = fork()) == 0) {
		struct rlimit as = { 4UL << 30, 4UL << 30 };
		struct rusage ru;
		regex_t re;
		double a, b, c;
		int rc;

		close(fd[0]);
		setrlimit(RLIMIT_AS, &as);
		alarm((unsigned)limit_s);
		a = now();
		if ((rc = regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB)) != 0) {
			char msg[64];

			regerror(rc, &re, msg, sizeof(msg));
			getrusage(RUSAGE_SELF, &ru);
			dprintf(fd[1], "%.3f - %ld regcomp: %s", now() - a, ru.ru_maxrss, msg);
			_exit(0);
		}
		b = now();
		rc = regexec(&re, text, 0, NULL, 0);
		c = now();
		getrusage(RUSAGE_SELF, &ru);
		dprintf(fd[1], "%.4f %.4f %ld %s", b - a, c - b, ru.ru_maxrss,
		    rc == 0 ? "match" : "no match");
		_exit(0);
	}
	close(fd[1]);
	n = read(fd[0], line, sizeof(line) - 1);
	close(fd[0]);
	waitpid(pid, &status, 0);
	if (n > 0) {
		line[n] = '\0';
		printf(" %s\n", line);
	} else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM) {
		printf(" >%d s (killed after %.0f s)\n", limit_s, now() - t0);
	} else {
		printf(" died (status %d)\n", status);
	}
	fflush(stdout);
}

int
main(int argc, char **argv)
{
	static const struct { const char *pattern, *text; } cases[] = {
		/* Backreferences: glibc backtracks. */
		{ "(a*)*\\1b", "a!" }, { "(.*)\\1b", "a!" }, { "^(a+)+\\1$", "a!" },
		/* No backreference, unanchored: the search restarts at every offset. */
		{ "(a+)+b", "a!" }, { "(a|aa)+$", "a!" }, { "((a|aa)+)+$", "a!" },
		{ "([a-z]+ ?)+$", "a!" }, { "(a|aa){1,200}$", "a!" }, { "(.*a){1,100}$", "a!" },
		{ "((a|aa)+){1,20}$", "a!" }, { "([a-z]+ ?){1,100}$", "a!" },
		{ "([a-z]+ ?){1,1000}$", "a!" }, { "(x|=)*x(x|=){500}!", "x=" },
		/* Within protect's limit of 4096 parts, for the worst case kept. */
		{ "(a{1,60}){1,60}$", "a!" }, { "([a-z]+ ?){1,1000}$", "words" },
		/* Compile cost of expanded repetitions (refused by protect). */
		{ "(a{1,255}){1,255}", "a!" }, { "(a{1,1000}){1,1000}", "a!" },
		/* Compile cost behind the ^ of ^.*(P) (refused by protect). */
		{ "(a*)*(a*)*(a*)*(a*)*(a*)*(a*)*(a*)*(a*)*(a*)*(a*)*(a*)*(a*)*(a*)*(a*)*(a*)*"
		  "(a*)*(a*)*(a*)*(a*)*(a*)*", "a!" },
		{ "x*****************************************************************************"
		  "**************n", "a!" },
		{ "(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?"
		  "(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?"
		  "(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?"
		  "(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?"
		  "(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?"
		  "(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?"
		  "(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?(a?)?", "a!" },
	};
	size_t len = 8192, i;
	int limit = 60, c;

	while ((c = getopt(argc, argv, "t:n:")) != -1) {
		if (c == 't')
			limit = atoi(optarg);
		else if (c == 'n')
			len = strtoul(optarg, NULL, 10);
		else
			return 2;
	}
	printf("# glibc regexec, REG_EXTENDED|REG_NOSUB, %zu-byte text; columns: "
	    "compile s, exec s, peak RSS kB, result\n", len);
	for (i = 0; i < (optind < argc ? (size_t)(argc - optind) : ARRAY_N(cases)); i++) {
		const char *pattern = optind < argc ? argv[optind + i] : cases[i].pattern;
		const char *kind = optind < argc ? "a!" : cases[i].text;
		char *text = make_text(kind, len);
		size_t plen = strlen(pattern);
		char *wrapped = malloc(plen + 6);

		snprintf(wrapped, plen + 6, "^.*(%s)", pattern);
		printf("%-24.60s %-5s as written:", pattern, kind);
		measure(pattern, text, limit);
		printf("%-24s %-5s ^.*(P):     ", "", "");
		measure(wrapped, text, limit);
		free(wrapped);
		free(text);
	}
	return 0;
}
