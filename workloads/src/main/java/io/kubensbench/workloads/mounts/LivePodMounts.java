package io.kubensbench.workloads.mounts;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The host mounts a pod has in PID 1's table now, with encapsulation off, as its status says:
 * what an estimate of a live node adds up. Counted by {@link PodSpecMounts}' table, with the
 * pod's state deciding what is there:
 * <ul>
 * <li>only a {@code Running} pod has mounts. A {@code Pending} one has not been set up (or is
 *     still pulling images); one that {@code Succeeded} or {@code Failed} has had its
 *     containers removed and its volumes torn down by kubelet (the pod's sandbox is stopped
 *     and its volumes unmounted once no container runs), so each counts 0;</li>
 * <li>of a running pod: its volumes and sandbox, and one overlay rootfs per container whose
 *     status is running, ephemeral containers and restartable init containers (sidecars)
 *     included. A terminated init container's rootfs is gone (CRI-O unmounts a container's
 *     storage when it stops), and a container waiting to restart has none.</li>
 * </ul>
 */
public final class LivePodMounts {

    public static final String RUNNING = "Running";

    private LivePodMounts() {
    }

    /** The pod's mounts in PID 1's table now; {@link PodMountCount#NONE} unless it is Running. */
    public static PodMountCount count(Pod pod) {
        if (pod.getSpec() == null || pod.getStatus() == null || !RUNNING.equals(pod.getStatus().getPhase())) {
            return PodMountCount.NONE;
        }
        int running = (int) statuses(pod).stream().filter(LivePodMounts::running).count();
        return PodSpecMounts.withoutContainers(pod.getSpec()).plus(new PodMountCount(0, 0, running, Map.of()));
    }

    /** Every container status of the pod: init containers', containers', ephemeral containers'. */
    public static List<ContainerStatus> statuses(Pod pod) {
        if (pod.getStatus() == null) {
            return List.of();
        }
        return Stream.of(pod.getStatus().getInitContainerStatuses(), pod.getStatus().getContainerStatuses(),
                        pod.getStatus().getEphemeralContainerStatuses())
                .flatMap(list -> list == null ? Stream.<ContainerStatus>empty() : list.stream())
                .toList();
    }

    private static boolean running(ContainerStatus status) {
        return status.getState() != null && status.getState().getRunning() != null;
    }
}
