/* json-meta-gather.c: the host name and the time of a JSON document. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "lib/buf.h"
#include "sys/clock.h"
#include "sys/fileio.h"
#include "sys/json-meta-gather.h"

void
json_meta_gather(struct json_meta *m, const char *proc_root)
{
	char path[4096];
	long n;
	struct utsname u;

	memset(m, 0, sizeof(*m));
	m->time_usec = now_realtime_usec();
	snprintf(path, sizeof(path), "%s/sys/kernel/hostname", proc_root ? proc_root : "/proc");
	if (proc_root == NULL) {
		n = read_file_at(AT_FDCWD, path, m->host, sizeof(m->host), NULL);
	} else {
		/* A saved tree's file is anyone's: a bounded regular file only. */
		struct buf b = BUF_INIT, why = BUF_INIT;

		n = file_read_regular(path, sizeof(m->host) - 1, 0, &b, &why);
		if (n > 0)
			snprintf(m->host, sizeof(m->host), "%s", buf_str(&b));
		buf_free(&b);
		buf_free(&why);
	}
	/* One line; the kernel's name has no newline in it, a planted file might. */
	if (n > 0) {
		m->host[strcspn(m->host, "\n")] = '\0';
		m->have_host = m->host[0] != '\0';
	}
	if (!m->have_host && proc_root == NULL && uname(&u) == 0 && u.nodename[0] != '\0') {
		snprintf(m->host, sizeof(m->host), "%s", u.nodename);
		m->have_host = true;
	}
}
