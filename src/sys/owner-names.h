/*
 * owner-names.h: the names container runtimes and the kubelet keep in
 * their own local files, for the cgroups of a ranking (core/owner.h).
 * Only what is cheap and reliable:
 *  - Kubernetes pods: the kubelet's log directories, /var/log/pods/
 *    <namespace>_<pod>_<uid> (one directory listing), and container names
 *    from the links in /var/log/containers/<pod>_<namespace>_<container>-
 *    <id>.log (one listing); no file is read;
 *  - docker: the top-level "Name" of /var/lib/docker/containers/<id>/
 *    config.v2.json (one bounded read per container);
 *  - podman (root): the "names" of containers/storage's
 *    /var/lib/containers/storage/overlay-containers/containers.json (one
 *    bounded read).
 * Rootless podman, standalone containerd and cri-o keep names in
 * databases or behind an API: their containers are shown by id.
 */
#ifndef OOMRISK_SYS_OWNER_NAMES_H
#define OOMRISK_SYS_OWNER_NAMES_H

#include "core/owner.h"

/*
 * Fill the names of every entry of t that has a container or pod.  root
 * is where those files are looked for: "" for the live system, a saved
 * tree's directory otherwise.  Entries whose files are missing or
 * unreadable keep empty names.
 */
void owner_names_resolve(const char *root, struct cgroup_table *t);

#endif
