package io.kubensbench.workloads.cluster;

import io.kubensbench.workloads.pods.PodFactory;
import java.util.regex.Pattern;

/**
 * How kubens-bench names what it creates outside a namespace of its own, and so what cleanup
 * may delete: {@code <prefix>-<run id>}, such as the namespaces {@code kubens-bench-1a2b3c4d}
 * and {@code kubens-bench-probe-1a2b3c4d} or the probe's ClusterRole. Labels alone are not
 * enough to delete by: anyone can copy them onto a namespace of their own, and deleting a
 * namespace deletes everything in it. A name of this shape, with the labels, is ours.
 */
public final class RunNames {

    /** A DNS-1123 label: what a namespace prefix is. */
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private RunNames() {
    }

    /** {@code <prefix>-<run id>}. */
    public static String of(String prefix, String runId) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("name prefix \"" + prefix + "\" must be a DNS-1123 label");
        }
        return prefix + "-" + PodFactory.checkedRunId(runId);
    }

    /** Whether {@code name} is {@code <prefix>-<run id>} for some prefix: a name made for run {@code runId}. */
    public static boolean isFor(String name, String runId) {
        String suffix = "-" + runId;
        return name != null && name.length() <= 63 && name.endsWith(suffix)
                && PREFIX.matcher(name.substring(0, name.length() - suffix.length())).matches();
    }
}
