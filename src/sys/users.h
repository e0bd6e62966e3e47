/* users.h: resolve the uids of a sample into core/users.h's table. */
#ifndef OOMRISK_SYS_USERS_H
#define OOMRISK_SYS_USERS_H

#include <stdint.h>

#include "core/users.h"

/* Add uid's user name (or the number, when it has none) unless it is there. */
void users_resolve(struct user_table *t, int64_t uid);

#endif
