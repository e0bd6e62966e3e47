/* json-meta-gather.h: read what json-meta.h's members say. */
#ifndef OOMRISK_SYS_JSON_META_GATHER_H
#define OOMRISK_SYS_JSON_META_GATHER_H

#include "view/json-meta.h"

/*
 * The host name of the system whose proc root is read (its
 * sys/kernel/hostname: a saved tree names the machine it was saved on, or
 * nothing) and the wall clock now.  proc_root NULL: the live /proc, and the
 * name uname(2) gives when /proc does not.
 */
void json_meta_gather(struct json_meta *m, const char *proc_root);

#endif
