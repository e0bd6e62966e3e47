/* protect.c: compile and match protect patterns. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/protect.h"
#include "lib/escape.h"
#include "lib/xalloc.h"

int
protect_add(struct protect_list *l, const char *pattern, unsigned line, struct buf *err)
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
	p->line = line;
	l->n++;
	return 0;
}

const struct protect_pattern *
protect_match(const struct protect_list *l, const char *cmdline, size_t len)
{
	const struct protect_pattern *hit = NULL;
	char *s;
	size_t i;

	if (l == NULL || cmdline == NULL || l->n == 0)
		return NULL;
	s = xstrndup(cmdline, len);
	for (i = 0; hit == NULL && i < l->n; i++)
		if (regexec(&l->v[i].re, s, 0, NULL, 0) == 0)
			hit = &l->v[i];
	free(s);
	return hit;
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
