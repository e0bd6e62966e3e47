/* json-meta.c: the members every JSON document starts with (json-meta.h). */
#include "config.h"

#include "lib/isotime.h"
#include "view/json-meta.h"

void
json_meta_write(struct json *j, const struct json_meta *m)
{
	char t[ISO_TIME_LEN];

	json_key(j, "host");
	json_str_or_null(j, m->have_host ? m->host : NULL);
	/* Seconds are enough to say when a document was made. */
	json_kv_str(j, "time", iso_utc(t, m->time_usec, false));
	json_kv_str(j, "version", PACKAGE_VERSION);
}
