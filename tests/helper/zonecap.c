/*
 * zonecap: save what top reads of memory, as proc roots, many times a second.
 *
 *   zonecap DIR MS STOPFILE
 *
 * Every MS milliseconds, until STOPFILE exists: DIR/NNNN/ gets copies of
 * /proc/zoneinfo, meminfo, vmstat and pressure/memory (when readable), and
 * the sysctls top's header and `zones` read (vm.overcommit_memory,
 * vm.min_free_kbytes, vm.watermark_scale_factor, kernel.osrelease), each
 * as read at that moment: a proc root for --proc-root.  The shell can
 * copy a few frames a second under TCG, and free memory crosses the
 * distance from high to min in a fraction of one; this can copy fifty.
 * Used by the VM's zonefall experiment (tests/vm/guest/exp-zonefall.sh).
 */
#include <errno.h>
#include <stdlib.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const files[] = {
	"zoneinfo", "meminfo", "vmstat", "pressure/memory", "sys/vm/overcommit_memory",
	"sys/vm/min_free_kbytes", "sys/vm/watermark_scale_factor", "sys/kernel/osrelease",
};

/* Copy /proc/NAME to DIR/NAME; a file the kernel lacks is skipped. */
static int
copy(const char *dir, const char *name)
{
	char src[256], dst[4352], buf[65536];
	ssize_t n;
	size_t len = 0;
	int in, out;

	snprintf(src, sizeof(src), "/proc/%s", name);
	if ((in = open(src, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	/* One read per page the kernel formats; the whole file before writing. */
	while (len < sizeof(buf) && (n = read(in, buf + len, sizeof(buf) - len)) > 0)
		len += (size_t)n;
	close(in);
	snprintf(dst, sizeof(dst), "%s/%s", dir, name);
	if ((out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0 ||
	    write(out, buf, len) != (ssize_t)len) {
		fprintf(stderr, "zonecap: %s: %s\n", dst, strerror(errno));
		return -1;
	}
	close(out);
	return 0;
}

int
main(int argc, char **argv)
{
	struct timespec ts;
	char frame[4096], sub[4352];
	unsigned n = 0;
	size_t i;
	long ms;

	if (argc != 4 || (ms = strtol(argv[2], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: zonecap DIR MS STOPFILE\n");
		return 2;
	}
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000;
	while (access(argv[3], F_OK) != 0 && n < 9999) {
		snprintf(frame, sizeof(frame), "%s/%04u", argv[1], ++n);
		if (mkdir(frame, 0755) != 0)
			break;
		snprintf(sub, sizeof(sub), "%s/pressure", frame);
		mkdir(sub, 0755);
		snprintf(sub, sizeof(sub), "%s/sys", frame);
		mkdir(sub, 0755);
		snprintf(sub, sizeof(sub), "%s/sys/vm", frame);
		mkdir(sub, 0755);
		snprintf(sub, sizeof(sub), "%s/sys/kernel", frame);
		mkdir(sub, 0755);
		for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
			if (copy(frame, files[i]) < 0)
				return 1;
		nanosleep(&ts, NULL);
	}
	printf("%u\n", n);
	return 0;
}
