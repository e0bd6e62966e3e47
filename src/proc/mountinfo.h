/*
 * mountinfo.h: /proc/self/mountinfo lines split into fields, and what the
 * /proc mount's options say about which tasks we may see (hidepid).  The
 * memory cgroup lookup (proc/cgroup.c) and the sampler's visibility check both
 * read mountinfo through this.
 */
#ifndef OOMRISK_PROC_MOUNTINFO_H
#define OOMRISK_PROC_MOUNTINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/parse.h"

/*
 * One mountinfo line; the pointers are into the caller's buffer and the
 * fields keep the kernel's octal escapes (see mountinfo_unescape).
 */
struct mountinfo_entry {
	const char *root, *root_end;		/* the mount's root in its fs */
	const char *point, *point_end;		/* the mount point */
	const char *type, *type_end;		/* filesystem type, after " - " */
	const char *super, *super_end;		/* superblock options ("rw,hidepid=...") */
};

/* The next well-formed line; malformed ones are skipped.  False at the end. */
bool mountinfo_next(struct lines *it, struct mountinfo_entry *e);

/* Copy a field into dst (NUL-terminated, cut to fit), undoing "\040" escapes. */
void mountinfo_unescape(char *dst, size_t dstlen, const char *p, const char *end);

/* Is [p,end) exactly the string s? */
bool field_is(const char *p, const char *end, const char *s);

/* Does the comma-separated list [p,end) hold word? */
bool option_list_has(const char *p, const char *end, const char *word);

/* The value of "key=value" in a comma-separated list; false if absent. */
bool option_list_value(const char *p, const char *end, const char *key,
    const char **value, const char **value_end);

/* fs/proc: who may see /proc/PID (the kernel's enum proc_hidepid). */
enum proc_hidepid {
	HIDEPID_OFF = 0,
	HIDEPID_NOACCESS = 1,	/* others' /proc/PID listed but unreadable */
	HIDEPID_INVISIBLE = 2,	/* others' /proc/PID not even listed */
	HIDEPID_PTRACEABLE = 4,	/* only tasks we may ptrace are listed */
};

struct proc_mount {
	bool found;
	enum proc_hidepid hidepid;
	bool have_gid;		/* gid=N: members of N see every task */
	uint32_t gid;
	bool subset_pid;	/* subset=pid: no meminfo, zoneinfo, ... */
};

/*
 * The options of the proc filesystem mounted at point (normally "/proc";
 * the last such mount wins, as it hides earlier ones).  Linux 5.8+ prints
 * hidepid by name ("invisible"), earlier kernels by number ("2").  Returns
 * 0, or -1 when no proc mount is there (out->found false).
 */
int mountinfo_find_proc(const char *buf, size_t len, const char *point, struct proc_mount *out);

/* "invisible" etc., as Linux 5.8+ prints the option. */
const char *proc_hidepid_name(enum proc_hidepid h);

#endif
