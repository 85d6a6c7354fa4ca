package io.kubensbench.bench.estimate;

import io.kubensbench.analysis.model.LoadModel;

/**
 * Mounts a node has in PID 1's table without any pod (the OS's own: /proc, /sys, cgroups,
 * /boot, ...), added to what its pods imply, and where the figure came from: the user's
 * {@code --base-mounts}, else the calibration's estimate from its levels, else 0, said so.
 *
 * @param value  the mounts
 * @param source where they came from, in words
 * @param known  false when neither the user nor the calibration said, and 0 stands in
 */
public record BaseMounts(double value, String source, boolean known) {

    public static BaseMounts of(Integer given, LoadModel off) {
        if (given != null) {
            if (given < 0) {
                throw new IllegalArgumentException("--base-mounts must be at least 0 (got " + given + ")");
            }
            return new BaseMounts(given, "given with --base-mounts", true);
        }
        if (Double.isFinite(off.baseMounts())) {
            return new BaseMounts(off.baseMounts(), "the calibration's, estimated from its levels (mounts against pods, at"
                    + " no pods)", true);
        }
        return new BaseMounts(0, "unknown: the calibration's levels do not tell and --base-mounts was not given;"
                + " 0 stands in, which understates every node's mounts (count a node's with"
                + " `wc -l /proc/1/mountinfo` and pass --base-mounts)", false);
    }
}
