/*
 * conf.c: the configuration's built-in defaults;
 * the file is read by sys/conffile.c (inih), which only it links.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/conf.h"

void
conf_init(struct conf *c)
{
	memset(c, 0, sizeof(*c));
	thresholds_default(&c->check);
	thresholds_default(&c->top);
	c->commit_when = COMMIT_AUTO;
	c->cgroup_measure = CGROUP_WORKING_SET;
	c->growth_min_interval = 60;
	c->top_interval_ms = 1000;
	c->check_backend = BACKEND_AUTO;
	c->top_backend = BACKEND_AUTO;
}

static const char *const backend_names[] = { "auto", "proc", "bpf" };

const char *
backend_choice_name(enum backend_choice b)
{
	return (unsigned)b < sizeof(backend_names) / sizeof(backend_names[0]) ?
	    backend_names[b] : "?";
}

int
backend_choice_parse(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(backend_names) / sizeof(backend_names[0]); i++)
		if (strcmp(s, backend_names[i]) == 0)
			return (int)i;
	return -1;
}

const struct conf_cgroup *
conf_cgroup_for(const struct conf *c, const char *path, bool exact)
{
	const struct conf_cgroup *best = NULL;
	size_t i, bestlen = 0;

	for (i = 0; i < c->ncgroups; i++) {
		const char *p = c->cgroups[i].path;
		size_t n = strlen(p);

		if (strcmp(p, path) == 0)
			return &c->cgroups[i];
		if (exact)
			continue;
		/* "/" covers every cgroup; "/a" covers "/a/b", not "/ab". */
		if ((strcmp(p, "/") == 0 || (strncmp(path, p, n) == 0 && path[n] == '/')) &&
		    (best == NULL || n > bestlen)) {
			best = &c->cgroups[i];
			bestlen = n;
		}
	}
	return best;
}

const struct thr_value *
conf_cgroup_level(const struct conf *c, const struct conf_cgroup *cg, enum measure m, bool crit)
{
	const struct thr *own = cg == NULL ? NULL : m == M_CGROUP_KILLS ? &cg->kills :
	    m == M_CGROUP ? &cg->usage : NULL;

	if (own != NULL && (crit ? own->crit_line : own->warn_line) != 0)
		return crit ? &own->crit : &own->warn;
	return crit ? &c->check.t[m].crit : &c->check.t[m].warn;
}

void
conf_free(struct conf *c)
{
	size_t i;

	for (i = 0; i < c->ncgroups; i++)
		free(c->cgroups[i].path);
	free(c->cgroups);
	protect_list_free(&c->protect);
	free(c->path);
	free(c->state_file);
	memset(c, 0, sizeof(*c));
}
