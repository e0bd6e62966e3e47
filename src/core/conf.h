/*
 * conf.h: oomrisk.conf, the configuration shared by the commands: [check]
 * (check and export), [top] (top's colours and refresh) and [protect]
 * (command-line patterns of tasks that should never be the OOM killer's
 * choice; check warns when one is, audit lists them).  INI read with inih;
 * see etc/oomrisk.conf and oomrisk.conf(5).
 *
 * Every error names the file, the line and the key:
 *   /etc/oomrisk.conf:12: mem_available_warn: malformed value '15 %': ...
 */
#ifndef OOMRISK_CORE_CONF_H
#define OOMRISK_CORE_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/protect.h"
#include "core/threshold.h"
#include "lib/buf.h"

/* When to evaluate Committed_AS/CommitLimit. */
enum commit_when {
	COMMIT_AUTO,		/* only with vm.overcommit_memory = 2, where it is enforced */
	COMMIT_ALWAYS,
	COMMIT_NEVER,
};

/*
 * Where the task numbers come from (--backend and the backend keys):
 * auto lets each command choose (sys/backend.h), proc is /proc, bpf the
 * BPF task iterator.
 */
enum backend_choice {
	BACKEND_AUTO,
	BACKEND_PROC,
	BACKEND_BPF,
};

/* What a cgroup's use is: the kubelet's working set, or raw usage. */
enum cgroup_measure {
	CGROUP_WORKING_SET,	/* usage - inactive file cache */
	CGROUP_USAGE,		/* memory.current / memory.usage_in_bytes */
};

/*
 * A [cgroup PATH] section: levels for one memory cgroup (and, for kills,
 * the cgroups below it).  Keys: oom_kills_warn/crit (its memcg OOM kills
 * since the last run) and cgroup_warn/crit (its use of its limit).  A
 * level not set here is [check]'s (cgroup_oom_kills_*, cgroup_*).
 */
struct conf_cgroup {
	char *path;		/* a cgroup path as in /proc/PID/cgroup, no trailing '/' */
	unsigned line;		/* of the section header */
	struct thr kills, usage;	/* a level counts where its *_line is non-zero */
};

struct conf {
	char *path;		/* the file read, or NULL for built-in defaults */
	/* [check] */
	struct thresholds check;
	char *state_file;	/* NULL: the default (see statefile.h) */
	enum commit_when commit_when;
	enum cgroup_measure cgroup_measure;
	uint64_t growth_min_interval;	/* seconds */
	bool protect_critical;	/* a protected top candidate is CRITICAL, not WARNING */
	enum backend_choice check_backend;	/* [check] backend: check and export */
	/* [top] */
	struct thresholds top;
	uint64_t top_interval_ms;
	enum backend_choice top_backend;
	/* [protect]: extended regular expressions, see protect.h */
	struct protect_list protect;
	/* [cgroup PATH] sections */
	struct conf_cgroup *cgroups;
	size_t ncgroups;
};

/*
 * The section for a cgroup path: the exact one (exact), else the one of
 * its nearest ancestor with a section; NULL when none.
 */
const struct conf_cgroup *conf_cgroup_for(const struct conf *c, const char *path, bool exact);

/* A level of a section, or [check]'s when the section does not set it. */
const struct thr_value *conf_cgroup_level(const struct conf *c, const struct conf_cgroup *cg,
    enum measure m, bool crit);

/* Built-in defaults (no file). */
void conf_init(struct conf *c);
void conf_free(struct conf *c);

/*
 * Parse INI text [buf, buf+len) (any bytes; need not be NUL-terminated)
 * into c, which conf_init() prepared.  name is the file name for messages.
 * Returns 0, or -1 with "NAME:LINE: KEY: reason" in err.
 */
int conf_parse(const char *buf, size_t len, const char *name, struct conf *c, struct buf *err);

/*
 * Load the configuration: path when given (it must exist), else
 * $OOMRISK_CONFIG when set, else SYSCONFDIR/oomrisk.conf when it exists,
 * else the built-in defaults.  Returns 0 or -1 with err.
 */
int conf_load(const char *path, struct conf *c, struct buf *err);

/* "auto", "proc", "bpf"; and back (-1: none of them). */
const char *backend_choice_name(enum backend_choice b);
int backend_choice_parse(const char *s);

/* The default file (SYSCONFDIR/oomrisk.conf). */
const char *conf_default_path(void);

#endif
