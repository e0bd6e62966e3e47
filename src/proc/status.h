/*
 * status.h: parse /proc/PID/status text (the memory breakdown the OOM
 * killer uses: RssAnon/RssFile/RssShmem, VmSwap, VmPTE; plus identity).
 */
#ifndef OOMRISK_PROC_STATUS_H
#define OOMRISK_PROC_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STATUS_NAME_MAX 64	/* kernel threads' full names reach 64 bytes */

struct pid_status {
	char name[STATUS_NAME_MAX + 1];	/* raw bytes, kernel escaping undone */
	size_t name_len;
	char state;			/* 'R', 'S', 'Z', ... or 0 */
	int64_t tgid;
	int64_t pid;
	int64_t ppid;
	int64_t uid_real, uid_eff;	/* -1 when absent */
	int64_t threads;
	uint64_t cap_eff;
	bool has_mm;		/* VmSize present: the task has an mm */
	bool kthread;		/* "Kthread: 1" (6.x) */
	bool have_rss_split;	/* RssAnon/RssFile/RssShmem (4.5+) */
	bool have_pte, have_pmd, have_swap, have_cap_eff;
	uint64_t vm_size_kb, vm_rss_kb;
	uint64_t rss_anon_kb, rss_file_kb, rss_shmem_kb;
	uint64_t vm_pte_kb, vm_pmd_kb, vm_swap_kb;
};

/*
 * Parse status text.  Returns 0, or -1 when the text has no Name line (not
 * a status file).  Unknown lines are ignored; a malformed number leaves the
 * field at zero and its have_ flag false.
 */
int status_parse(const char *buf, size_t len, struct pid_status *st);

/*
 * The start time (field 22, clock ticks after boot) from /proc/PID/stat
 * text, "4410 (python3) S 1 ... 20612 ...": with the pid, it names one
 * process for good (a reused pid has a later start).  The name may hold
 * spaces and parentheses, so fields are counted after the last ')'.
 * Returns 0, or -1 when the text is not stat.
 */
int pid_stat_starttime(const char *buf, size_t len, uint64_t *ticks);

#endif
