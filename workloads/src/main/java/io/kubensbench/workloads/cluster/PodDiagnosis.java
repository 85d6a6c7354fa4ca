package io.kubensbench.workloads.cluster;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a pod is not running or not ready, in the words of its status: what a timeout names for
 * each pod it waited on, the workload's pods and the probe's alike, so that a user sees at
 * once an image that cannot be pulled, a pod no node can take, or a container that exits,
 * and does not have to go and ask {@code kubectl describe}.
 */
public final class PodDiagnosis {

    private PodDiagnosis() {
    }

    /**
     * {@code Pending (ImagePullBackOff: Back-off pulling image "busybox:nope")}: the phase, and
     * in parentheses what the status says about why, when it says anything: each container that
     * waits or has exited, one that runs but is not ready, a pod the scheduler cannot place, or
     * else the pod's own reason ({@code Evicted}).
     */
    public static String of(Pod pod) {
        if (pod == null) {
            return "not found";
        }
        PodStatus status = pod.getStatus();
        // The API server sets Pending on create; only a bare mock leaves the phase empty.
        String phase = status == null || status.getPhase() == null ? "Pending" : status.getPhase();
        List<String> why = status == null ? List.of() : reasons(status);
        return why.isEmpty() ? phase : phase + " (" + String.join(", ", why) + ")";
    }

    private static List<String> reasons(PodStatus status) {
        List<String> why = new ArrayList<>();
        for (ContainerStatus c : status.getContainerStatuses()) {
            ContainerStateWaiting waiting = c.getState() == null ? null : c.getState().getWaiting();
            ContainerStateTerminated done = c.getState() == null ? null : c.getState().getTerminated();
            if (waiting != null && waiting.getReason() != null) {
                why.add(waiting.getReason() + message(waiting.getMessage()));
            } else if (done != null) {
                why.add("exited " + done.getExitCode() + (done.getReason() == null ? "" : " " + done.getReason())
                        + message(done.getMessage()));
            } else if (c.getState() != null && c.getState().getRunning() != null
                    && !Boolean.TRUE.equals(c.getReady())) {
                why.add("container " + c.getName() + " not ready");
            }
        }
        for (PodCondition c : status.getConditions()) {
            if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()) && c.getReason() != null) {
                why.add(c.getReason() + message(c.getMessage()));
            }
        }
        if (why.isEmpty() && status.getReason() != null) {
            why.add(status.getReason() + message(status.getMessage()));
        }
        return why;
    }

    private static String message(String m) {
        return m == null || m.isBlank() ? "" : ": " + m.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
