package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The node probe of a campaign or an observation, deployed on its selected nodes with the
 * privileges the spec grants it, and its readings not yet opened: one way in for both, so
 * they grant, announce and follow the probe alike.
 */
record DeployedProbe(NodeProbe probe, ProbeReadings readings) {

    static DeployedProbe deploy(KubernetesClient client, ClusterTargetSpec spec, String namespace, String runId,
                                Duration interval, ProbeLogs logs, SelectedNodes selected,
                                ClusterTarget.Timeouts timeouts, Consumer<String> log) throws IOException {
        ProbePrivileges privileges = new ProbePrivileges(spec.probeAsRoot());
        log.accept(privileges.summary() + "; image " + spec.image() + " (" + spec.imageReference().pinning() + ")");
        NodeProbe probe = NodeProbe.forCluster(client, namespace, spec.image(), runId, interval, spec.nodeSelector(),
                privileges);
        probe.deploy();
        return new DeployedProbe(probe, new ProbeReadings(probe, logs, selected.names(), interval,
                timeouts.probeReady()));
    }
}
