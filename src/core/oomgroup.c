/*
 * oomgroup.c: which cgroup an OOM kill would take down with its victim.
 *
 * The decision reads, from the victim's cgroup up, what sys/cgroupfs.c
 * found under the cgroup v2 mount, e.g. for a victim in
 * /user.slice/user-1000.slice/user@1000.service/app.slice/code.scope:
 *   .../code.scope/memory.oom.group          0
 *   .../app.slice/memory.oom.group           1   <- highest with 1 so far
 *   .../user@1000.service/memory.oom.group   0
 *   ... up to the OOM domain (the root, which has no such file).
 * A cgroup without memory.* files is not a memory cgroup of its own (the
 * controller is not enabled for it): its tasks belong to the nearest
 * ancestor that has them.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/oomgroup.h"
#include "lib/xalloc.h"

static const char *const unit_suffixes[] = {
	".service", ".scope", ".slice", ".socket", ".mount", ".swap",
};

bool
cgroup_unit_name(const char *path, char *unit, size_t len)
{
	const char *name = strrchr(path, '/');
	size_t i, n;

	name = name ? name + 1 : path;
	n = strlen(name);
	for (i = 0; i < ARRAY_SIZE(unit_suffixes); i++) {
		size_t sl = strlen(unit_suffixes[i]);

		if (n > sl && strcmp(name + n - sl, unit_suffixes[i]) == 0 && n < len) {
			memcpy(unit, name, n + 1);
			return true;
		}
	}
	if (len > 0)
		unit[0] = '\0';
	return false;
}

void
oom_group_decide(const struct memcg_mount *m, const struct oom_group_chain *c,
    const char *domain, struct oom_group *out)
{
	char dir[CGROUP_PATH_MAX], domdir[CGROUP_PATH_MAX], memcg[CGROUP_PATH_MAX] = "";
	bool any_flag = false, reached = false;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->version = m != NULL ? m->version : 0;
	if (out->version == 0) {
		snprintf(out->why, sizeof(out->why), "no memory cgroup controller is mounted, "
		    "so there is no memory.oom.group");
		return;
	}
	snprintf(out->victim_cgroup, sizeof(out->victim_cgroup), "%s", c->victim_cgroup);
	if (m->version == 1) {
		snprintf(out->why, sizeof(out->why), "memory.oom.group exists only in cgroup v2; "
		    "the memory controller here is cgroup v1, so the kernel kills the victim "
		    "alone (and any process sharing its memory)");
		return;
	}
	if (!c->v2_memory) {
		snprintf(out->why, sizeof(out->why), "cgroup v2 is mounted without the memory "
		    "controller, so there is no memory.oom.group");
		return;
	}
	if (out->victim_cgroup[0] == '\0' || c->n == 0) {
		snprintf(out->why, sizeof(out->why), "its cgroup could not be read "
		    "(the task may have exited)");
		return;
	}
	if (domain == NULL)
		snprintf(domdir, sizeof(domdir), "%s", m->dir);
	else if (memcg_dir_of(m, domain, domdir, sizeof(domdir)) < 0)
		domdir[0] = '\0';

	/* Up from the victim's cgroup; the mount root itself has no memory files. */
	for (i = 0; i < c->n; i++) {
		const struct oom_group_level *l = &c->level[i];

		snprintf(dir, sizeof(dir), "%.*s", (int)l->dirlen, c->dir);
		if (l->oom_group >= 0) {
			any_flag = true;
			if (memcg[0] == '\0')
				memcg_path_of(m, dir, memcg, sizeof(memcg));
			if (l->oom_group == 1) {
				snprintf(out->dir, sizeof(out->dir), "%s", dir);
				out->group_kill = true;
			}
		} else if (memcg[0] == '\0' && l->has_memory_max) {
			/* A memory cgroup on a kernel without oom.group. */
			memcg_path_of(m, dir, memcg, sizeof(memcg));
		}
		if (strcmp(dir, domdir) == 0) {
			reached = true;
			break;
		}
	}

	if (!reached) {
		out->group_kill = false;
		snprintf(out->why, sizeof(out->why), "its cgroup is outside the OOM domain "
		    "(it moved?), and the kernel then ignores memory.oom.group");
	} else if (out->group_kill) {
		memcg_path_of(m, out->dir, out->path, sizeof(out->path));
		cgroup_unit_name(out->path, out->unit, sizeof(out->unit));
	} else if (memcg[0] == '\0') {
		snprintf(out->why, sizeof(out->why), "it is in the root memory cgroup, "
		    "which never takes other tasks with it");
	} else if (!any_flag) {
		snprintf(out->why, sizeof(out->why), "this kernel has no memory.oom.group "
		    "(before 4.19)");
	} else {
		/* Paths are untrusted: the caller escapes why when it prints it. */
		snprintf(out->why, sizeof(out->why), "memory.oom.group is 0 from %.200s up to %.200s",
		    memcg, domain != NULL ? domain : "the root");
	}
}
