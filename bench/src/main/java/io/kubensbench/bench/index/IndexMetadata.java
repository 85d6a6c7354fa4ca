package io.kubensbench.bench.index;

import io.kubensbench.analysis.results.Environment;
import java.util.List;

/**
 * What a document says about where its figures were measured, as the results directory
 * recorded it (kube-burner's {@code metadata}): what Grafana variables and Orion's filters
 * select on. Unknown values are null and left out of the document.
 *
 * @param targetKind     {@code lab} or {@code cluster}
 * @param clusterName    the kube context the campaign file named; null on the lab or when none was named
 * @param clusterVersion the API server's version, as recorded
 * @param kernel         the node's kernel (on a cluster, the nodes' kernels joined)
 * @param systemdVersion systemd's version as recorded
 * @param cpuModel       the CPU model as recorded
 * @param cpus           CPUs of the machine (the largest node on a cluster)
 * @param tool           the kubens-bench that measured
 * @param nodes          the nodes the campaign measured
 */
public record IndexMetadata(String targetKind, String clusterName, String clusterVersion, String kernel,
                            String systemdVersion, String cpuModel, Integer cpus, String tool, List<String> nodes) {

    public IndexMetadata {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** The metadata of a results directory's environment ({@code environment.json}; null when it has none). */
    static IndexMetadata of(String targetKind, String clusterName, Environment env) {
        if (env == null) {
            return new IndexMetadata(targetKind, clusterName, null, null, null, null, null, null, List.of());
        }
        return new IndexMetadata(targetKind != null ? targetKind : env.target(), clusterName, env.clusterVersion(),
                env.kernel(), env.systemdVersion(), env.cpuModel(), env.cpus() > 0 ? env.cpus() : null, env.tool(),
                env.nodes());
    }
}
