/* users.c: the uid -> user name table of a sample. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/users.h"
#include "lib/xalloc.h"

const struct user_entry *
user_table_find(const struct user_table *t, int64_t uid)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->v[i].uid == uid)
			return &t->v[i];
	return NULL;
}

const char *
user_table_name(const struct user_table *t, int64_t uid)
{
	const struct user_entry *e = user_table_find(t, uid);

	return e != NULL ? e->name : "?";
}

void
user_table_add(struct user_table *t, int64_t uid, const char *name)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
	}
	t->v[t->n].uid = uid;
	snprintf(t->v[t->n].name, sizeof(t->v[t->n].name), "%.*s", USER_NAME_MAX, name);
	t->n++;
}

void
user_table_free(struct user_table *t)
{
	free(t->v);
	memset(t, 0, sizeof(*t));
}
