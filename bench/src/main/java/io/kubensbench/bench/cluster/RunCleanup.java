package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubensbench.workloads.cluster.CleanupReport;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The end of everything a campaign or an observation created on a cluster: stop reading the
 * probes, settle the MachineConfigs ({@link MachineConfigSwitch#release}), remove what carries
 * the run id, and wait for a restore. An interrupt that ended the run counts as a stop and is
 * held back until the clean-up is done, so that it does not cut the clean-up short.
 */
final class RunCleanup {

    private RunCleanup() {
    }

    /**
     * @param readings       the probes' streams, or null when none were opened
     * @param machineConfigs the run's MachineConfig switch, or null when it switches nothing
     * @param stopped        whether the user asked to stop (then a restore is not waited for)
     */
    static void close(KubernetesClient client, String runId, Duration wait, ProbeReadings readings,
            MachineConfigSwitch machineConfigs, BooleanSupplier stopped, Consumer<String> log) {
        boolean interrupted = Thread.interrupted();
        try {
            if (readings != null) {
                readings.close();
            }
            if (machineConfigs != null) {
                machineConfigs.release(interrupted || stopped.getAsBoolean());
            }
            try {
                CleanupReport report = ClusterCleanups.forCluster(client).cleanup(runId, wait);
                log.accept("cleanup: " + report.summary() + (report.failures().isEmpty() ? ""
                        : "; finish with: kubens-bench cleanup --run-id " + runId));
            } catch (RuntimeException e) {
                log.accept("cleanup failed: " + e.getMessage() + "; finish with: kubens-bench cleanup --run-id "
                        + runId);
            } catch (InterruptedException e) {
                interrupted = true;
                log.accept("cleanup interrupted; finish with: kubens-bench cleanup --run-id " + runId);
            }
            if (machineConfigs != null && !interrupted) {
                machineConfigs.awaitRestored();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
