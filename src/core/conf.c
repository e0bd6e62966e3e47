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

void
conf_free(struct conf *c)
{
	protect_list_free(&c->protect);
	free(c->path);
	free(c->state_file);
	memset(c, 0, sizeof(*c));
}
