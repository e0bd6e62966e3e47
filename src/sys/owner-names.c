/* owner-names.c: container and pod names from the runtimes' local files. */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "lib/buf.h"
#include "sys/fileio.h"
#include "sys/owner-names.h"

#define DOCKER_CONFIG_MAX (1 << 20)
#define PODMAN_STORE_MAX (16 << 20)

static bool
any(const struct cgroup_table *t, bool (*want)(const struct owner *))
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (want(&t->v[i].owner))
			return true;
	return false;
}

static bool
in_pod(const struct owner *o)
{
	return o->pod_uid[0] != '\0';
}

static bool
docker_outside_pod(const struct owner *o)
{
	return o->runtime == RUNTIME_DOCKER && !in_pod(o);
}

static bool
podman(const struct owner *o)
{
	return o->runtime == RUNTIME_PODMAN && !o->conmon;
}

/* /var/log/pods/<namespace>_<pod>_<uid>: namespace and name by pod uid. */
static void
pod_names(const char *root, struct cgroup_table *t)
{
	char dir[4200], ns[OWNER_NAME_MAX], name[OWNER_NAME_MAX], uid[OWNER_NAME_MAX];
	struct dirent *e;
	DIR *d;
	size_t i;

	snprintf(dir, sizeof(dir), "%s/var/log/pods", root);
	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (owner_pod_dir(e->d_name, ns, name, uid, sizeof(ns)) < 0)
			continue;
		for (i = 0; i < t->n; i++) {
			struct owner *o = &t->v[i].owner;

			if (strcmp(o->pod_uid, uid) != 0)
				continue;
			snprintf(o->pod_namespace, sizeof(o->pod_namespace), "%s", ns);
			snprintf(o->pod_name, sizeof(o->pod_name), "%s", name);
		}
	}
	closedir(d);
}

/* /var/log/containers/<pod>_<namespace>_<container>-<id>.log: names by id. */
static void
pod_container_names(const char *root, struct cgroup_table *t)
{
	char dir[4200], id[OWNER_ID_MAX], name[OWNER_NAME_MAX];
	struct dirent *e;
	DIR *d;
	size_t i;

	snprintf(dir, sizeof(dir), "%s/var/log/containers", root);
	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (owner_container_log(e->d_name, id, sizeof(id), name, sizeof(name)) < 0)
			continue;
		for (i = 0; i < t->n; i++) {
			struct owner *o = &t->v[i].owner;

			if (in_pod(o) && strcmp(o->container_id, id) == 0)
				snprintf(o->container_name, sizeof(o->container_name), "%s", name);
		}
	}
	closedir(d);
}

static void
docker_names(const char *root, struct cgroup_table *t)
{
	struct buf b = BUF_INIT, why = BUF_INIT;
	size_t i, j;

	for (i = 0; i < t->n; i++) {
		struct owner *o = &t->v[i].owner;
		char path[4300];
		long n;

		if (!docker_outside_pod(o) || o->container_name[0] != '\0')
			continue;
		snprintf(path, sizeof(path), "%s/var/lib/docker/containers/%s/config.v2.json",
		    root, o->container_id);
		n = file_read_regular(path, DOCKER_CONFIG_MAX, 0, &b, &why);
		if (n <= 0 || owner_docker_name(b.data, (size_t)n, o->container_name,
		    sizeof(o->container_name)) < 0)
			continue;
		/* Other cgroups of the same container (its subgroups) share the name. */
		for (j = i + 1; j < t->n; j++)
			if (strcmp(t->v[j].owner.container_id, o->container_id) == 0)
				memcpy(t->v[j].owner.container_name, o->container_name,
				    sizeof(o->container_name));
	}
	buf_free(&b);
	buf_free(&why);
}

static void
podman_names(const char *root, struct cgroup_table *t)
{
	struct buf b = BUF_INIT, why = BUF_INIT;
	char path[4200];
	long n;
	size_t i;

	snprintf(path, sizeof(path),
	    "%s/var/lib/containers/storage/overlay-containers/containers.json", root);
	n = file_read_regular(path, PODMAN_STORE_MAX, 0, &b, &why);
	for (i = 0; n > 0 && i < t->n; i++) {
		struct owner *o = &t->v[i].owner;

		if (o->runtime == RUNTIME_PODMAN && o->container_name[0] == '\0')
			owner_podman_name(b.data, (size_t)n, o->container_id, o->container_name,
			    sizeof(o->container_name));
	}
	buf_free(&b);
	buf_free(&why);
}

void
owner_names_resolve(const char *root, struct cgroup_table *t)
{
	if (any(t, in_pod)) {
		pod_names(root, t);
		pod_container_names(root, t);
	}
	if (any(t, docker_outside_pod))
		docker_names(root, t);
	if (any(t, podman))
		podman_names(root, t);
}
