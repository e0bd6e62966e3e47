/*
 * owner.h: who owns a task, read from its cgroup path: the systemd unit,
 * and the container or Kubernetes pod when the path shows one.  Pure: a
 * path in, names out; the names a runtime keeps in its own files (a
 * docker container's name, a pod's namespace and name) are looked up by
 * sys/owner-names.c and kept here.
 *
 * Paths the parser knows (cgroup v1 memory controller or v2):
 *   /system.slice/nginx.service                         unit nginx.service
 *   /user.slice/user-1000.slice/user@1000.service/app.slice/foo.service
 *                                  unit user@1000.service, user unit foo.service
 *   /system.slice/docker-<64 hex>.scope                 docker (systemd driver)
 *   /docker/<64 hex>                                    docker (cgroupfs driver)
 *   /machine.slice/libpod-<64 hex>.scope                podman; libpod-conmon-: its monitor
 *   /libpod_parent/libpod-<64 hex>                      podman (cgroupfs)
 *   /kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod<uid>.slice/
 *       cri-containerd-<64 hex>.scope                   kubepods, QoS burstable, containerd
 *   /kubepods.slice/kubepods-pod<uid>.slice/crio-<64 hex>.scope
 *                                                       QoS guaranteed, cri-o
 *   /kubepods/besteffort/pod<uid>/<64 hex>              kubepods (cgroupfs driver)
 * In systemd slice names the pod uid has '_' for '-'; it is given back
 * with dashes, as the API server shows it.
 */
#ifndef OOMRISK_CORE_OWNER_H
#define OOMRISK_CORE_OWNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/memcg.h"
#include "lib/buf.h"

#define OWNER_NAME_MAX 128	/* a unit, slice or resolved name */
#define OWNER_ID_MAX 65		/* a container id: 64 hex digits */
#define OWNER_UID_MAX 37	/* a pod uid: 36 characters */

enum owner_runtime {
	RUNTIME_NONE,
	RUNTIME_DOCKER,
	RUNTIME_PODMAN,
	RUNTIME_CONTAINERD,
	RUNTIME_CRIO,
	RUNTIME_UNKNOWN,	/* a container id under a pod, runtime not in the name */
};

enum owner_qos { QOS_NONE, QOS_GUARANTEED, QOS_BURSTABLE, QOS_BESTEFFORT };

struct owner {
	char unit[OWNER_NAME_MAX];	/* "" when the path names none */
	char user_unit[OWNER_NAME_MAX];	/* a unit below user@UID.service */
	enum owner_runtime runtime;
	bool conmon;			/* podman's or cri-o's monitor, not the container */
	char container_id[OWNER_ID_MAX];
	bool kubepods;			/* under kubepods(.slice) */
	enum owner_qos qos;
	char pod_uid[OWNER_UID_MAX];
	/* How many bytes of the path lead to the container's, the units' and the pod's cgroup. */
	size_t container_len, unit_len, user_unit_len, pod_len;
	/* Names looked up in the runtimes' files (sys/owner-names.c); "" unknown. */
	char container_name[OWNER_NAME_MAX];
	char pod_namespace[OWNER_NAME_MAX];
	char pod_name[OWNER_NAME_MAX];
};

/* Read a cgroup path (NUL-terminated, as in /proc/PID/cgroup). */
void owner_parse(const char *path, struct owner *o);

const char *owner_runtime_name(enum owner_runtime r);	/* "docker", ... ; NULL for none */
const char *owner_qos_name(enum owner_qos q);		/* "burstable", ... ; NULL for none */

/*
 * The short form the CGROUP column shows (raw bytes; the view escapes
 * them): the container ("docker:web", "docker:3f2a9c1d7b4e", "k8s:ns/pod",
 * "k8s:pod 0c5e2a9b"), else the innermost systemd unit, else the path,
 * whole when it has at most OWNER_SHORT_PATH bytes, else ".../" and its
 * last component.
 */
#define OWNER_SHORT_PATH 20
#define OWNER_SHORT_MAX (3 * OWNER_NAME_MAX + 16)
/* Into dst (NUL-terminated, cut to size); its length.  No allocation (top draws it). */
size_t owner_short(char *dst, size_t size, const char *path, const struct owner *o);

/* ---- the cgroups of a ranking's tasks -------------------------------------- */

struct cgroup_entry {
	size_t path;			/* offset into cgroup_table.text */
	struct owner owner;
	struct cgroup_room room;
};

/*
 * The distinct cgroups of a ranking's tasks, each parsed once.  Reused
 * across refreshes (cgroup_table_clear keeps the memory).
 */
struct cgroup_table {
	struct buf text;		/* paths, NUL-separated */
	struct cgroup_entry *v;
	size_t n, cap;
	uint32_t *slots;		/* open addressing: entry index + 1, 0 empty */
	size_t nslots;
};

void cgroup_table_clear(struct cgroup_table *t);
void cgroup_table_free(struct cgroup_table *t);
/* The entry of a path, added (and parsed) when new; its index. */
uint32_t cgroup_table_intern(struct cgroup_table *t, const char *path, size_t len);

static inline const char *
cgroup_table_path(const struct cgroup_table *t, uint32_t i)
{
	return t->text.data + t->v[i].path;
}

/* ---- the names the runtimes keep ------------------------------------------ */

/*
 * A docker container's name from its config.v2.json text: the top-level
 * "Name", which docker writes with a leading '/' ("/web" -> "web").
 * 0, or -1 when there is none.
 */
int owner_docker_name(const char *buf, size_t len, char *name, size_t size);

/*
 * A podman container's first name from containers/storage's
 * containers.json text (an array of {"id": ..., "names": [...]}).
 * 0, or -1 when the id is not there.
 */
int owner_podman_name(const char *buf, size_t len, const char *id, char *name, size_t size);

/*
 * A kubelet pod log directory name, "<namespace>_<name>_<uid>"
 * (/var/log/pods): its parts, each cut to size.  0, or -1 when it is not
 * one.
 */
int owner_pod_dir(const char *dirname, char *ns, char *name, char *uid, size_t size);

/*
 * A kubelet container log link name, "<pod>_<namespace>_<container>-<64
 * hex id>.log" (/var/log/containers): the container's id and name.
 * 0, or -1 when it is not one.
 */
int owner_container_log(const char *filename, char *id, size_t idsize, char *name,
    size_t namesize);

#endif
