/*
 * owner.c: the unit, container and pod a cgroup path names, and the
 * table of a ranking's cgroups.  Component by component, left to right,
 * each component matched whole; nothing is guessed from a substring.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/owner.h"
#include "lib/xalloc.h"

static bool
ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

static bool
starts_with(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && memcmp(s, prefix, k) == 0;
}

/* Exactly 64 lowercase hex digits: a container id. */
static bool
is_id(const char *s, size_t n)
{
	size_t i;

	if (n != 64)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* A systemd unit name: a known suffix after at least one character. */
static bool
is_unit(const char *s, size_t n)
{
	static const char *const suffixes[] = { ".service", ".scope", ".socket", ".mount",
	    ".swap" };
	size_t i;

	for (i = 0; i < sizeof(suffixes) / sizeof(*suffixes); i++)
		if (n > strlen(suffixes[i]) && ends_with(s, n, suffixes[i]))
			return true;
	return false;
}

static void
copy_n(char *dst, size_t size, const char *s, size_t n)
{
	if (n >= size)
		n = size - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

/* "<prefix><64 hex><suffix>" as a whole component: the id, or false. */
static bool
id_between(const char *s, size_t n, const char *prefix, const char *suffix, char *id)
{
	size_t p = strlen(prefix), q = strlen(suffix);

	if (n != p + 64 + q || !starts_with(s, n, prefix) || !ends_with(s, n, suffix) ||
	    !is_id(s + p, 64))
		return false;
	copy_n(id, OWNER_ID_MAX, s + p, 64);
	return true;
}

/* A pod uid as a slice writes it (with '_'), given back with dashes. */
static bool
pod_uid(const char *s, size_t n, char *uid)
{
	size_t i;

	if (n != 36)
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-' || c == '_'))
			return false;
		uid[i] = c == '_' ? '-' : c;
	}
	uid[n] = '\0';
	return true;
}

/* The kubepods components: slices (systemd driver) and directories (cgroupfs). */
static void
kube_component(const char *s, size_t n, struct owner *o, size_t end)
{
	static const struct { const char *name; enum owner_qos qos; } qos[] = {
		{ "burstable", QOS_BURSTABLE }, { "besteffort", QOS_BESTEFFORT },
	};
	size_t i;

	/* /kubepods/burstable, /kubepods.slice/kubepods-burstable.slice */
	for (i = 0; i < 2; i++) {
		char slice[64];

		snprintf(slice, sizeof(slice), "kubepods-%s.slice", qos[i].name);
		if ((n == strlen(qos[i].name) && memcmp(s, qos[i].name, n) == 0) ||
		    (n == strlen(slice) && memcmp(s, slice, n) == 0)) {
			o->qos = qos[i].qos;
			return;
		}
	}
	/* pod<uid> (cgroupfs), kubepods[-QOS]-pod<uid_>.slice (systemd) */
	if (starts_with(s, n, "pod") && pod_uid(s + 3, n - 3, o->pod_uid)) {
		o->pod_len = end;
	} else if (ends_with(s, n, ".slice")) {
		const char *p = memchr(s, '-', n);
		const char *pod;

		for (pod = s; pod + 4 < s + n; pod++)
			if (memcmp(pod, "-pod", 4) == 0)
				break;
		if (p != NULL && pod + 4 < s + n && starts_with(s, n, "kubepods-") &&
		    pod_uid(pod + 4, (size_t)(s + n - 6 - (pod + 4)), o->pod_uid))
			o->pod_len = end;
	}
	if (o->pod_uid[0] != '\0' && o->qos == QOS_NONE)
		o->qos = QOS_GUARANTEED;
}

/* A container's cgroup: the runtime and id, or false. */
static bool
container_component(const char *s, size_t n, const char *prev, size_t prevn, struct owner *o)
{
	static const struct { const char *prefix, *suffix; enum owner_runtime rt; bool conmon; }
	    forms[] = {
		{ "docker-", ".scope", RUNTIME_DOCKER, false },
		{ "libpod-conmon-", ".scope", RUNTIME_PODMAN, true },
		{ "libpod-", ".scope", RUNTIME_PODMAN, false },
		{ "libpod-conmon-", "", RUNTIME_PODMAN, true },
		{ "libpod-", "", RUNTIME_PODMAN, false },
		{ "cri-containerd-", ".scope", RUNTIME_CONTAINERD, false },
		{ "crio-conmon-", ".scope", RUNTIME_CRIO, true },
		{ "crio-", ".scope", RUNTIME_CRIO, false },
	};
	size_t i;

	for (i = 0; i < sizeof(forms) / sizeof(*forms); i++) {
		if (id_between(s, n, forms[i].prefix, forms[i].suffix, o->container_id)) {
			o->runtime = forms[i].rt;
			o->conmon = forms[i].conmon;
			return true;
		}
	}
	/* Bare ids: /docker/<id>, and a pod's containers with the cgroupfs driver. */
	if (is_id(s, n) && (o->pod_uid[0] != '\0' ||
	    (prevn == 6 && memcmp(prev, "docker", 6) == 0))) {
		copy_n(o->container_id, sizeof(o->container_id), s, n);
		o->runtime = o->pod_uid[0] != '\0' ? RUNTIME_UNKNOWN : RUNTIME_DOCKER;
		return true;
	}
	return false;
}

void
owner_parse(const char *path, struct owner *o)
{
	const char *p = path, *prev = "";
	size_t prevn = 0;
	bool in_user = false;

	memset(o, 0, sizeof(*o));
	while (*p != '\0') {
		const char *s;
		size_t n;

		while (*p == '/')
			p++;
		s = p;
		while (*p != '\0' && *p != '/')
			p++;
		n = (size_t)(p - s);
		if (n == 0)
			break;
		if ((n == 8 && memcmp(s, "kubepods", 8) == 0) ||
		    (n == 14 && memcmp(s, "kubepods.slice", 14) == 0))
			o->kubepods = true;
		else if (o->kubepods && o->container_id[0] == '\0')
			kube_component(s, n, o, (size_t)(p - path));
		if (o->container_id[0] == '\0' && container_component(s, n, prev, prevn, o))
			o->container_len = (size_t)(p - path);
		if (is_unit(s, n)) {
			if (o->unit[0] == '\0') {
				copy_n(o->unit, sizeof(o->unit), s, n);
				o->unit_len = (size_t)(p - path);
				in_user = starts_with(s, n, "user@") && ends_with(s, n, ".service");
			} else if (in_user && o->user_unit[0] == '\0') {
				copy_n(o->user_unit, sizeof(o->user_unit), s, n);
				o->user_unit_len = (size_t)(p - path);
			}
		}
		prev = s;
		prevn = n;
	}
}

const char *
owner_runtime_name(enum owner_runtime r)
{
	switch (r) {
	case RUNTIME_NONE: return NULL;
	case RUNTIME_DOCKER: return "docker";
	case RUNTIME_PODMAN: return "podman";
	case RUNTIME_CONTAINERD: return "containerd";
	case RUNTIME_CRIO: return "cri-o";
	case RUNTIME_UNKNOWN: return "container";
	}
	return NULL;
}

const char *
owner_qos_name(enum owner_qos q)
{
	switch (q) {
	case QOS_NONE: return NULL;
	case QOS_GUARANTEED: return "guaranteed";
	case QOS_BURSTABLE: return "burstable";
	case QOS_BESTEFFORT: return "besteffort";
	}
	return NULL;
}

size_t
owner_short(char *dst, size_t size, const char *path, const struct owner *o)
{
	const char *last;
	int n;

	if (o->pod_uid[0] != '\0') {
		char pod[2 * OWNER_NAME_MAX + 2], ctr[OWNER_NAME_MAX + 2] = "";

		if (o->pod_name[0] != '\0')
			snprintf(pod, sizeof(pod), "%s/%s", o->pod_namespace, o->pod_name);
		else
			snprintf(pod, sizeof(pod), "pod %.8s", o->pod_uid);
		if (o->conmon)
			snprintf(ctr, sizeof(ctr), "/conmon");
		else if (o->container_name[0] != '\0')
			snprintf(ctr, sizeof(ctr), "/%s", o->container_name);
		else if (o->container_id[0] != '\0')
			snprintf(ctr, sizeof(ctr), "/%.8s", o->container_id);
		n = snprintf(dst, size, "k8s:%s%s", pod, ctr);
	} else if (o->container_id[0] != '\0') {
		if (o->container_name[0] != '\0')
			n = snprintf(dst, size, "%s:%s%s", owner_runtime_name(o->runtime),
			    o->container_name, o->conmon ? " conmon" : "");
		else
			n = snprintf(dst, size, "%s:%.12s%s", owner_runtime_name(o->runtime),
			    o->container_id, o->conmon ? " conmon" : "");
	} else if (o->user_unit[0] != '\0') {
		n = snprintf(dst, size, "%s", o->user_unit);
	} else if (o->unit[0] != '\0') {
		n = snprintf(dst, size, "%s", o->unit);
	} else {
		/* A plain path: whole when short, else its last component. */
		last = strrchr(path, '/');
		if (last == NULL || last == path || strlen(path) <= OWNER_SHORT_PATH)
			n = snprintf(dst, size, "%s", path[0] != '\0' ? path : "/");
		else
			n = snprintf(dst, size, "...%s", last);
	}
	if (n < 0)
		n = 0;
	return (size_t)n < size ? (size_t)n : size ? size - 1 : 0;
}

/* ---- the table ---------------------------------------------------------- */

void
cgroup_table_clear(struct cgroup_table *t)
{
	buf_reset(&t->text);
	t->n = 0;
	if (t->slots != NULL)
		memset(t->slots, 0, t->nslots * sizeof(*t->slots));
}

void
cgroup_table_free(struct cgroup_table *t)
{
	buf_free(&t->text);
	free(t->v);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

static uint64_t
hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;	/* FNV-1a */
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

/* Keep the slots at most half full. */
static void
grow_slots(struct cgroup_table *t)
{
	size_t i;

	if (t->nslots >= 2 * (t->n + 1))
		return;
	t->nslots = t->nslots ? t->nslots * 2 : 64;
	t->slots = xreallocarray(t->slots, t->nslots, sizeof(*t->slots));
	memset(t->slots, 0, t->nslots * sizeof(*t->slots));
	for (i = 0; i < t->n; i++) {
		const char *p = cgroup_table_path(t, (uint32_t)i);
		size_t k = hash(p, strlen(p)) & (t->nslots - 1);

		while (t->slots[k] != 0)
			k = (k + 1) & (t->nslots - 1);
		t->slots[k] = (uint32_t)i + 1;
	}
}

uint32_t
cgroup_table_intern(struct cgroup_table *t, const char *path, size_t len)
{
	size_t k;
	struct cgroup_entry *e;

	grow_slots(t);
	for (k = hash(path, len) & (t->nslots - 1); t->slots[k] != 0;
	    k = (k + 1) & (t->nslots - 1)) {
		const char *p = cgroup_table_path(t, t->slots[k] - 1);

		if (strlen(p) == len && memcmp(p, path, len) == 0)
			return t->slots[k] - 1;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
	}
	e = &t->v[t->n];
	memset(e, 0, sizeof(*e));
	e->path = t->text.len;
	buf_add(&t->text, path, len);
	buf_putc(&t->text, '\0');
	owner_parse(t->text.data + e->path, &e->owner);
	t->slots[k] = (uint32_t)t->n + 1;
	return (uint32_t)t->n++;
}

/* ---- the runtimes' names ------------------------------------------------ */

/* A JSON string's raw bytes after an opening quote at p; its end, or NULL. */
static const char *
json_string_end(const char *p, const char *end)
{
	while (p < end && *p != '"') {
		if (*p == '\\')
			p++;
		p++;
	}
	return p < end ? p : NULL;
}

/* Copy a JSON string without its escapes' backslashes (names have none). */
static int
copy_json_string(const char *p, const char *end, char *out, size_t size)
{
	const char *e = json_string_end(p, end);

	if (e == NULL || memchr(p, '\\', (size_t)(e - p)) != NULL || e == p)
		return -1;
	copy_n(out, size, p, (size_t)(e - p));
	return 0;
}

int
owner_docker_name(const char *buf, size_t len, char *name, size_t size)
{
	static const char key[] = "\"Name\":\"/";
	const char *p = buf, *end = buf + len;
	int depth = 0;

	/* Only the top level's key: labels and mounts have "Name" keys too. */
	while (p < end) {
		if (*p == '"') {
			const char *e;

			if (depth == 1 && (size_t)(end - p) >= sizeof(key) - 1 &&
			    memcmp(p, key, sizeof(key) - 1) == 0)
				return copy_json_string(p + sizeof(key) - 1, end, name, size);
			if ((e = json_string_end(p + 1, end)) == NULL)
				return -1;
			p = e + 1;
			continue;
		}
		if (*p == '{' || *p == '[')
			depth++;
		else if (*p == '}' || *p == ']')
			depth--;
		p++;
	}
	return -1;
}

int
owner_podman_name(const char *buf, size_t len, const char *id, char *name, size_t size)
{
	const char *p = buf, *end = buf + len;
	char want[OWNER_ID_MAX + 16];
	size_t wl = (size_t)snprintf(want, sizeof(want), "\"id\":\"%s\"", id);

	/* {"id":"<id>","names":["web"],...}: the names follow the id in its object. */
	for (; (size_t)(end - p) >= wl; p++) {
		const char *q, *obj_end;

		if (memcmp(p, want, wl) != 0)
			continue;
		for (obj_end = p + wl; obj_end < end && *obj_end != '}'; obj_end++)
			;
		for (q = p + wl; q + 10 < obj_end; q++)
			if (memcmp(q, "\"names\":[\"", 10) == 0)
				return copy_json_string(q + 10, obj_end, name, size);
		return -1;
	}
	return -1;
}

int
owner_pod_dir(const char *dirname, char *ns, char *name, char *uid, size_t size)
{
	const char *a = strchr(dirname, '_'), *b;
	size_t n = strlen(dirname);

	/* Namespaces and pod names hold no '_' (DNS labels); the uid is last. */
	if (a == NULL || n < 38 || dirname[n - 37] != '_' || (b = strchr(a + 1, '_')) == NULL ||
	    b != dirname + n - 37 || !pod_uid(dirname + n - 36, 36, uid))
		return -1;
	copy_n(ns, size, dirname, (size_t)(a - dirname));
	copy_n(name, size, a + 1, (size_t)(b - a - 1));
	return ns[0] != '\0' && name[0] != '\0' ? 0 : -1;
}

int
owner_container_log(const char *filename, char *id, size_t idsize, char *name, size_t namesize)
{
	size_t n = strlen(filename);
	const char *dash, *us;

	/* "<pod>_<namespace>_<container>-<64 hex>.log" */
	if (n < 4 + 65 + 5 || strcmp(filename + n - 4, ".log") != 0)
		return -1;
	dash = filename + n - 4 - 65;
	if (*dash != '-' || !is_id(dash + 1, 64) || (us = strrchr(filename, '_')) == NULL ||
	    us > dash)
		return -1;
	copy_n(id, idsize, dash + 1, 64);
	copy_n(name, namesize, us + 1, (size_t)(dash - us - 1));
	return name[0] != '\0' ? 0 : -1;
}
