/* users.c: resolve uids to user names (getpwuid_r), once per uid. */
#include "config.h"

#include <pwd.h>
#include <stdio.h>
#include <sys/types.h>

#include "sys/users.h"

void
users_resolve(struct user_table *t, int64_t uid)
{
	struct passwd pw, *res = NULL;
	char pwbuf[1024], name[USER_NAME_MAX + 1];

	if (user_table_find(t, uid) != NULL)
		return;
	if (uid >= 0 && getpwuid_r((uid_t)uid, &pw, pwbuf, sizeof(pwbuf), &res) == 0 &&
	    res != NULL)
		snprintf(name, sizeof(name), "%.*s", USER_NAME_MAX, res->pw_name);
	else if (uid >= 0)
		snprintf(name, sizeof(name), "%lld", (long long)uid);
	else
		snprintf(name, sizeof(name), "?");
	user_table_add(t, uid, name);
}
