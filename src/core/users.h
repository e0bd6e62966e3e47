/*
 * users.h: user names of the uids in a sample, resolved by the gather step
 * (sys/users.h) so that views only look them up.  A few entries: the
 * distinct uids of the tasks shown.
 */
#ifndef OOMRISK_CORE_USERS_H
#define OOMRISK_CORE_USERS_H

#include <stddef.h>
#include <stdint.h>

#define USER_NAME_MAX 32

struct user_entry {
	int64_t uid;
	char name[USER_NAME_MAX + 1];	/* the name, or the uid as a number */
};

struct user_table {
	struct user_entry *v;
	size_t n, cap;
};

/* The entry for uid, or NULL. */
const struct user_entry *user_table_find(const struct user_table *t, int64_t uid);

/* The name to show for uid: the entry's, or "?" when it was never resolved. */
const char *user_table_name(const struct user_table *t, int64_t uid);

/* Add uid with its name (cut at USER_NAME_MAX bytes). */
void user_table_add(struct user_table *t, int64_t uid, const char *name);

void user_table_free(struct user_table *t);

#endif
