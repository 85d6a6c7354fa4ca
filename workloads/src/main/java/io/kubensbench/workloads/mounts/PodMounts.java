package io.kubensbench.workloads.mounts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Every host mount of one pod, in the order kubelet and CRI-O create them. The order
 * matters to whoever realises the plan: tearing down in reverse is what kubelet and CRI-O
 * do, and it never unmounts a parent before a child.
 *
 * @param podUid       the pod's uid, the key of its kubelet directory
 * @param sandboxId    64-hex id of the pod sandbox
 * @param containerIds 64-hex ids of the containers, in pod order
 * @param mounts       the mounts in creation order
 */
public record PodMounts(String podUid, String sandboxId, List<String> containerIds,
        List<PlannedMount> mounts) {

    public PodMounts {
        Objects.requireNonNull(podUid, "podUid");
        Objects.requireNonNull(sandboxId, "sandboxId");
        containerIds = List.copyOf(containerIds);
        mounts = List.copyOf(mounts);
    }

    /** The mounts in the order to take them down: the reverse of creation. */
    public List<PlannedMount> inUnmountOrder() {
        List<PlannedMount> reversed = new ArrayList<>(mounts);
        Collections.reverse(reversed);
        return Collections.unmodifiableList(reversed);
    }
}
