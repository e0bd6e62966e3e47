/*
 * floor: the least work that can rank tasks from /proc, the yardstick
 * `oomrisk rank` is measured against.  For every pid: read status and
 * oom_score_adj (one open/read/close each), compute the 5.9+ badness
 * (rss + swap + page tables + adj * totalpages/1000), keep the best.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long
field(const char *buf, const char *key)
{
	const char *p = strstr(buf, key);

	return p ? atol(p + strlen(key)) : 0;
}

static long
slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	long n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

int
main(void)
{
	char buf[4096], path[64];
	long pk = sysconf(_SC_PAGESIZE) / 1024, total, best = -1, bestpid = 0, n = 0;
	DIR *d;
	struct dirent *e;

	if (slurp("/proc/meminfo", buf, sizeof(buf)) < 0)
		return 1;
	total = (field(buf, "MemTotal:") + field(buf, "SwapTotal:")) / pk;
	d = opendir("/proc");
	while ((e = readdir(d)) != NULL) {
		long pts, adj;

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/status", e->d_name);
		if (slurp(path, buf, sizeof(buf)) <= 0 || strstr(buf, "VmSize:") == NULL)
			continue;
		pts = (field(buf, "RssAnon:") + field(buf, "RssFile:") +
		    field(buf, "RssShmem:") + field(buf, "VmSwap:") + field(buf, "VmPTE:")) / pk;
		snprintf(path, sizeof(path), "/proc/%s/oom_score_adj", e->d_name);
		if (slurp(path, buf, sizeof(buf)) <= 0)
			continue;
		adj = atol(buf);
		if (adj == -1000)
			continue;
		pts += adj * (total / 1000);
		n++;
		if (pts > best) {
			best = pts;
			bestpid = atol(e->d_name);
		}
	}
	closedir(d);
	printf("%ld tasks; top pid %ld points %ld\n", n, bestpid, best);
	return 0;
}
