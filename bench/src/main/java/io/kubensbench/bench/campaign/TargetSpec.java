package io.kubensbench.bench.campaign;

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

    public boolean isLab() {
        return lab != null;
    }
}
