/*
 * test-owner: who owns a task from its cgroup path (systemd units, docker,
 * podman, containerd, cri-o, kubepods with both cgroup drivers), the
 * short form, the runtimes' name files, the cgroup table and the groups.
 */
#include "config.h"

#include "core/groups.h"
#include "core/owner.h"
#include "tap.h"

#define ID "3f2a9c1d7b4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4"
#define UID "0c5e2a9b-1d3f-4a6b-8c7d-9e0f1a2b3c4d"
#define UID_ "0c5e2a9b_1d3f_4a6b_8c7d_9e0f1a2b3c4d"

static void
short_is(const char *path, const struct owner *o, const char *want, const char *what)
{
	char b[OWNER_SHORT_MAX];

	owner_short(b, sizeof(b), path, o);
	is_str(b, want, "%s: short form", what);
}

static void
test_parse(void)
{
	struct owner o;
	const char *p;

	owner_parse("/system.slice/nginx.service", &o);
	is_str(o.unit, "nginx.service", "systemd service");
	ok(o.container_id[0] == '\0' && !o.kubepods, "no container, no pod");
	short_is("/system.slice/nginx.service", &o, "nginx.service", "service");

	p = "/user.slice/user-1000.slice/user@1000.service/app.slice/foo.service";
	owner_parse(p, &o);
	is_str(o.unit, "user@1000.service", "user manager is the unit");
	is_str(o.user_unit, "foo.service", "the user's own unit");
	is_int(o.user_unit_len, strlen(p), "user unit's cgroup is the whole path");
	short_is(p, &o, "foo.service", "user unit");

	p = "/system.slice/docker-" ID ".scope";
	owner_parse(p, &o);
	is_int(o.runtime, RUNTIME_DOCKER, "docker, systemd driver");
	is_str(o.container_id, ID, "docker id");
	is_int(o.container_len, strlen(p), "container cgroup = the scope");
	short_is(p, &o, "docker:3f2a9c1d7b4e", "docker by id");
	snprintf(o.container_name, sizeof(o.container_name), "web");
	short_is(p, &o, "docker:web", "docker by name");

	owner_parse("/docker/" ID, &o);
	is_int(o.runtime, RUNTIME_DOCKER, "docker, cgroupfs driver");
	owner_parse("/other/" ID, &o);
	is_int(o.runtime, RUNTIME_NONE, "a bare id elsewhere is not a container");

	p = "/machine.slice/libpod-" ID ".scope/container";
	owner_parse(p, &o);
	is_int(o.runtime, RUNTIME_PODMAN, "podman");
	ok(!o.conmon, "podman: the container");
	is_int(o.container_len, strlen("/machine.slice/libpod-" ID ".scope"),
	    "podman: the container's cgroup is the scope, not its subgroup");
	owner_parse("/machine.slice/libpod-conmon-" ID ".scope", &o);
	ok(o.runtime == RUNTIME_PODMAN && o.conmon, "podman's conmon");
	owner_parse("/libpod_parent/libpod-" ID, &o);
	is_int(o.runtime, RUNTIME_PODMAN, "podman, cgroupfs manager");

	p = "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" UID_
	    ".slice/cri-containerd-" ID ".scope";
	owner_parse(p, &o);
	ok(o.kubepods, "kubepods");
	is_int(o.qos, QOS_BURSTABLE, "burstable");
	is_str(o.pod_uid, UID, "pod uid with dashes again");
	is_int(o.runtime, RUNTIME_CONTAINERD, "containerd");
	is_str(o.container_id, ID, "container id");
	short_is(p, &o, "k8s:pod 0c5e2a9b/3f2a9c1d", "pod by uid");
	snprintf(o.pod_namespace, sizeof(o.pod_namespace), "shop");
	snprintf(o.pod_name, sizeof(o.pod_name), "cart-7d9f");
	snprintf(o.container_name, sizeof(o.container_name), "app");
	short_is(p, &o, "k8s:shop/cart-7d9f/app", "pod by name");

	owner_parse("/kubepods.slice/kubepods-pod" UID_ ".slice/crio-" ID ".scope", &o);
	is_int(o.qos, QOS_GUARANTEED, "a pod directly under kubepods is guaranteed");
	is_int(o.runtime, RUNTIME_CRIO, "cri-o");
	owner_parse("/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod" UID_
	    ".slice/crio-conmon-" ID ".scope", &o);
	ok(o.qos == QOS_BESTEFFORT && o.conmon, "besteffort, cri-o's conmon");

	owner_parse("/kubepods/besteffort/pod" UID "/" ID, &o);
	ok(o.kubepods && o.qos == QOS_BESTEFFORT, "cgroupfs driver: besteffort");
	is_str(o.pod_uid, UID, "cgroupfs driver: pod uid");
	is_int(o.runtime, RUNTIME_UNKNOWN, "cgroupfs driver: the runtime is not in the name");
	owner_parse("/kubepods/pod" UID, &o);
	ok(o.qos == QOS_GUARANTEED && o.container_id[0] == '\0', "pod cgroup itself");

	owner_parse("/oomrisk-cap/child", &o);
	short_is("/oomrisk-cap/child", &o, "/oomrisk-cap/child", "short plain path");
	short_is("/process_api/a4862bde5e9e22dd8bc6873e2999a111", &o,
	    ".../a4862bde5e9e22dd8bc6873e2999a111", "long plain path: its last part");
	owner_parse("/", &o);
	short_is("/", &o, "/", "root");
	/* Look-alikes are not taken. */
	owner_parse("/system.slice/docker-" ID "x.scope", &o);
	is_int(o.runtime, RUNTIME_NONE, "65 characters are not an id");
	owner_parse("/kubepods.slice/kubepods-podnotauid.slice", &o);
	ok(o.pod_uid[0] == '\0', "not a uid");
	owner_parse("/system.slice/.service", &o);
	ok(o.unit[0] == '\0', "a bare suffix is no unit");
}

static void
test_names(void)
{
	static const char docker[] = "{\"StreamConfig\":{},\"Config\":{\"Labels\":"
	    "{\"Name\":\"/label\"}},\"MountPoints\":{\"/d\":{\"Name\":\"vol\"}},"
	    "\"Name\":\"/web-1\",\"Driver\":\"overlay2\"}";
	static const char podman[] = "[{\"id\":\"aaa\",\"names\":[\"db\"]},{\"id\":\"" ID
	    "\",\"names\":[\"web\",\"alias\"],\"image\":\"x\"}]";
	char name[OWNER_NAME_MAX], ns[OWNER_NAME_MAX], uid[OWNER_NAME_MAX], id[OWNER_ID_MAX];

	ok(owner_docker_name(docker, sizeof(docker) - 1, name, sizeof(name)) == 0 &&
	    strcmp(name, "web-1") == 0, "docker: the top-level Name, not a label's (%s)", name);
	ok(owner_docker_name("{\"Config\":{\"Name\":\"/x\"}}", 24, name, sizeof(name)) < 0,
	    "docker: no top-level Name");
	ok(owner_docker_name("{\"Name\":\"/unterminated", 22, name, sizeof(name)) < 0,
	    "docker: cut text");
	ok(owner_podman_name(podman, sizeof(podman) - 1, ID, name, sizeof(name)) == 0 &&
	    strcmp(name, "web") == 0, "podman: the first name of that id");
	ok(owner_podman_name(podman, sizeof(podman) - 1, "bbb", name, sizeof(name)) < 0,
	    "podman: unknown id");
	ok(owner_pod_dir("shop_cart-7d9f_" UID, ns, name, uid, sizeof(ns)) == 0 &&
	    strcmp(ns, "shop") == 0 && strcmp(name, "cart-7d9f") == 0 && strcmp(uid, UID) == 0,
	    "kubelet pod log directory");
	ok(owner_pod_dir("a_b_c", ns, name, uid, sizeof(ns)) < 0, "not a pod directory");
	ok(owner_container_log("cart-7d9f_shop_app-" ID ".log", id, sizeof(id), name,
	    sizeof(name)) == 0 && strcmp(id, ID) == 0 && strcmp(name, "app") == 0,
	    "kubelet container log link");
	ok(owner_container_log("cart_shop_app-" ID ".txt", id, sizeof(id), name,
	    sizeof(name)) < 0, "not a .log");
}

static void
test_table_and_groups(void)
{
	struct ranking r;
	struct rank_groups g = { 0 };
	struct task tasks[4];
	struct rank_entry e[4];
	const char *paths[4] = {
		"/system.slice/docker-" ID ".scope",
		"/system.slice/nginx.service",
		"/system.slice/docker-" ID ".scope",
		"/",
	};
	size_t i;

	memset(&r, 0, sizeof(r));
	memset(tasks, 0, sizeof(tasks));
	memset(e, 0, sizeof(e));
	for (i = 0; i < 4; i++) {
		tasks[i].pid = (int)(100 + i);
		tasks[i].rss_kb = 1000 * (i + 1);
		tasks[i].cgroup = (int32_t)cgroup_table_intern(&r.cgroups, paths[i],
		    strlen(paths[i]));
		e[i].task = i;
		e[i].score.eligible = i < 3;
	}
	is_int(r.cgroups.n, 3, "three distinct cgroups");
	is_int(tasks[0].cgroup, tasks[2].cgroup, "the same path interned once");
	for (i = 0; i < 200; i++) {
		char p[32];

		snprintf(p, sizeof(p), "/many/%zu", i);
		cgroup_table_intern(&r.cgroups, p, strlen(p));
	}
	is_int(cgroup_table_intern(&r.cgroups, paths[1], strlen(paths[1])), tasks[1].cgroup,
	    "found again after the table grew");
	r.tasks.v = tasks;
	r.tasks.n = 4;
	r.entries = e;
	r.n = 4;

	rank_groups_build(&r, GROUP_CONTAINER, &g);
	is_int(g.n, 2, "container groups: docker and the host");
	is_str(rank_group_key(&g, &g.v[0]), "docker:3f2a9c1d7b4e", "first: the container");
	is_int(g.v[0].ntasks, 2, "its two tasks");
	is_int(g.v[0].size_kb, 4000, "their summed size");
	is_int(g.v[0].first, 0, "its first victim is rank 1");
	is_str(rank_group_key(&g, &g.v[1]), GROUP_OUTSIDE_CONTAINER, "the rest: host");
	is_int(g.v[1].first, 1, "the host's first victim is rank 2");
	is_int(g.v[1].ncandidates, 1, "root's task is not killable here");

	rank_groups_build(&r, GROUP_UNIT, &g);
	is_int(g.n, 3, "unit groups: the docker scope, nginx, and no unit");
	is_str(rank_group_key(&g, &g.v[1]), "nginx.service", "nginx second");
	is_str(rank_group_key(&g, &g.v[2]), GROUP_OUTSIDE_UNIT, "root: no unit, last");
	ok(g.v[2].first == GROUP_NONE_FIRST, "no killable task there");

	rank_groups_build(&r, GROUP_CGROUP, &g);
	is_int(g.n, 3, "cgroup groups");
	is_str(cgroup_table_path(&r.cgroups, (uint32_t)g.v[0].cgroup), paths[0],
	    "a cgroup group names its cgroup");
	rank_groups_free(&g);
	cgroup_table_free(&r.cgroups);
}

int
main(void)
{
	test_parse();
	test_names();
	test_table_and_groups();
	return tap_done();
}
