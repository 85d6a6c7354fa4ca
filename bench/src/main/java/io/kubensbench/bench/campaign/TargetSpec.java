package io.kubensbench.bench.campaign;

import io.kubensbench.analysis.results.TargetTraits;

/**
 * Where a campaign runs: exactly one of a lab node or a cluster. It is a pair of nullable
 * fields, not an interface, because it mirrors the file ({@code target: {lab: {}}} or
 * {@code target: {cluster: {...}}}) and a future target is a new field beside them.
 */
public record TargetSpec(LabTargetSpec lab, ClusterTargetSpec cluster) {

    public TargetSpec {
        if ((lab == null) == (cluster == null)) {
            throw new InvalidCampaignException("target", "give exactly one of lab, cluster");
        }
    }

    /** The lab node. */
    public static TargetSpec onLab() {
        return new TargetSpec(new LabTargetSpec(), null);
    }

    /** A cluster's nodes. */
    public static TargetSpec onCluster(ClusterTargetSpec cluster) {
        return new TargetSpec(null, cluster);
    }

    /** What the target can do and how it measures, as far as the file says; before any run id exists. */
    public TargetTraits traits() {
        return lab != null ? lab.traits() : cluster.traits(null);
    }

    public boolean isLab() {
        return lab != null;
    }
}
