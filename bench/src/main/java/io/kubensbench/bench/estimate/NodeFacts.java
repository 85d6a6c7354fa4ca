package io.kubensbench.bench.estimate;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * What the API says about a node that bears on systemd's cost there, to lay beside the
 * calibration's machine: its OS image, kernel, architecture, container runtime and CPUs
 * ({@code status.nodeInfo}, {@code status.capacity}). Not its systemd version: no field of the
 * Node object carries it. A field the node does not report is null.
 */
public record NodeFacts(String osImage, String kernelVersion, String architecture, String containerRuntimeVersion,
                        String cpus) {

    public static NodeFacts of(Node node) {
        NodeSystemInfo info = node.getStatus() == null ? null : node.getStatus().getNodeInfo();
        Quantity cpu = node.getStatus() == null || node.getStatus().getCapacity() == null ? null
                : node.getStatus().getCapacity().get("cpu");
        return new NodeFacts(info == null ? null : blankToNull(info.getOsImage()),
                info == null ? null : blankToNull(info.getKernelVersion()),
                info == null ? null : blankToNull(info.getArchitecture()),
                info == null ? null : blankToNull(info.getContainerRuntimeVersion()),
                cpu == null ? null : cpu.toString());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
