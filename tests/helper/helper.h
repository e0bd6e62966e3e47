/*
 * helper.h: what the test helpers (memhog, churn) do to themselves before
 * their work: join a cgroup and raise their oom_score_adj.  Any failure
 * ends the helper with status 2 and a message naming the file.
 */
#ifndef OOMRISK_TEST_HELPER_H
#define OOMRISK_TEST_HELPER_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static inline void
helper_write_file(const char *prog, const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0 || write(fd, text, strlen(text)) < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		exit(2);
	}
	close(fd);
}

/* Move the calling process into the cgroup directory dir (v1 or v2). */
static inline void
helper_join_cgroup(const char *prog, const char *dir)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	helper_write_file(prog, path, "0\n");
}

/* Set our oom_score_adj (only raising works without CAP_SYS_RESOURCE). */
static inline void
helper_set_adj(const char *prog, const char *adj)
{
	char text[32];

	snprintf(text, sizeof(text), "%s\n", adj);
	helper_write_file(prog, "/proc/self/oom_score_adj", text);
}

#endif
