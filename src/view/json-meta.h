/*
 * json-meta.h: what opens every JSON document of oomrisk, whatever the
 * command: the host the data describes, when it was read, and the version
 * of oomrisk that wrote it (man/oomrisk.1, JSON OUTPUT).
 */
#ifndef OOMRISK_VIEW_JSON_META_H
#define OOMRISK_VIEW_JSON_META_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/json.h"

/* A host name is at most 64 bytes on Linux (HOST_NAME_MAX); more is cut. */
#define JSON_META_HOST_MAX 256

struct json_meta {
	char host[JSON_META_HOST_MAX];
	bool have_host;
	int64_t time_usec;		/* wall clock, microseconds since the epoch */
};

/* The members "host" (or null), "time" (ISO 8601 UTC) and "version". */
void json_meta_write(struct json *j, const struct json_meta *m);

#endif
