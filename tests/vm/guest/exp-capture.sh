# capture: the container-shaped cgroups of tests/fixtures/container-workload.sh
# on cgroup v2 (systemd unit, docker, podman and its conmon, kubepods with
# both drivers, a user unit; the kubelet's and the runtimes' name files in
# the guest's /var), checked live and saved with capture-procroot.sh into
# /out/capture/vm-containers: tests/fixtures/procroot/vm-containers.tar.xz
# is that tree (tests/fixtures/README.md).

exp_capture() {
	D=$OUT/capture
	rm -rf "$W/ctr"
	mkdir -p "$W/ctr"
	. /oomrisk/tests/fixtures/container-workload.sh
	ctr_setup "$CG" 2 memhog "$W/ctr" -997
	tap $? "capture: the container-shaped cgroups exist"
	ctr_wait
	tap $? "capture: their nine hogs are ready"
	ctr_names /
	oomrisk rank --group-by container -n 20 --format=json >"$D/groups.json"
	oomrisk rank --group-by container -n 20 >"$D/groups.txt"
	is "$(jq -r '[.groups[].group] | map(select(startswith("(") | not)) | sort | join(" ")' "$D/groups.json")" \
		"docker:web-1 k8s:jobs/nightly-x2k/batch k8s:kube-system/legacy-0/legacy k8s:shop/cart-7d9f/app podman:db podman:db conmon" \
		"capture: rank --group-by container names each container from the runtimes' files"
	is "$(jq -r '.groups[] | select(.group == "docker:web-1") | "\(.tasks) \(.limit_kb) \(.first_victim.comm)"' "$D/groups.json")" \
		"2 262144 webworker" "capture: docker:web-1 has its 2 tasks, its 256M limit, webworker first"
	is "$(jq -r '.tasks[] | select(.comm == "legacy") | .container.pod.qos + " " + (.oom_score_adj | tostring)' \
		"$(oomrisk rank --all --format=json >"$D/all.json"; echo "$D/all.json")")" \
		"guaranteed -997" "capture: the cgroupfs-driver pod is guaranteed (adj -997 here)"
	sh /oomrisk/tests/fixtures/capture-procroot.sh "$D/vm-containers" --kmsg 200 >/dev/null
	tap $? "capture: capture-procroot.sh saved the tree"
	oomrisk rank --group-by container -n 20 --proc-root="$D/vm-containers/proc" >"$D/groups-capture.txt"
	# The host's group differs (this shell and oomrisk come and go); the containers do not.
	# The host's group differs (this shell and oomrisk come and go), and so
	# the ranks after it; the containers' groups do not.
	is "$(grep -v '(host)' "$D/groups-capture.txt" | sed -n '/^RANK /,/^would-be/p' | cut -c5-)" \
		"$(grep -v '(host)' "$D/groups.txt" | sed -n '/^RANK /,/^would-be/p' | cut -c5-)" \
		"capture: the saved tree groups the containers as the live guest did"
	ctr_cleanup
}
