/* protect.c: compile and match protect patterns. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "protect.h"
#include "util.h"

int
protect_add(struct protect_list *l, const char *pattern, struct buf *err)
{
	struct protect_pattern *p;
	char msg[256];
	int rc;

	if (pattern[0] == '\0') {
		buf_puts(err, "an empty pattern would match every process");
		return -1;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 4;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	p = &l->v[l->n];
	if ((rc = regcomp(&p->re, pattern, REG_EXTENDED | REG_NOSUB)) != 0) {
		regerror(rc, &p->re, msg, sizeof(msg));
		buf_puts(err, "'");
		escape_text(err, pattern, strlen(pattern), 64);
		buf_printf(err, "': %s", msg);
		return -1;
	}
	p->text = xstrdup(pattern);
	l->n++;
	return 0;
}

const char *
protect_match(const struct protect_list *l, const char *cmdline)
{
	size_t i;

	for (i = 0; l != NULL && cmdline != NULL && i < l->n; i++)
		if (regexec(&l->v[i].re, cmdline, 0, NULL, 0) == 0)
			return l->v[i].text;
	return NULL;
}

void
protect_list_free(struct protect_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		regfree(&l->v[i].re);
		free(l->v[i].text);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
