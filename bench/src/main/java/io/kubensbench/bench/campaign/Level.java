package io.kubensbench.bench.campaign;

import io.kubensbench.workloads.spec.WorkloadSpec;
import java.util.regex.Pattern;

/**
 * One dose of a dose-response campaign: the base workload with a few fields changed. systemd's
 * cost is expected to grow with the number of mounts, and only several levels show how; a
 * single level answers "how much at this size".
 *
 * <p>The name identifies the level in results and reports. A campaign file either gives one
 * or gets one made of the fields the level changes ({@code pods=50},
 * {@code pods=200,churn=5}). Invalid names fail with an {@link InvalidCampaignException} whose
 * path is relative to the level ({@code name}); the reader re-roots it onto {@code levels[i]}.
 */
public record Level(String name, WorkloadSpec workload) {

    /** Letters, digits and the characters a derived name uses; safe in a file name and a CSV cell. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9=,._-]{0,159}");

    public Level {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidCampaignException("name", "must be 1 to 160 letters, digits or '=,._-',"
                    + " starting with a letter or digit (got " + Shown.text(name) + ")");
        }
        if (workload == null) {
            throw new InvalidCampaignException("workload", "is required");
        }
    }

    /** The only level of a campaign without {@code levels}: the base workload, named by its pods. */
    public static Level base(WorkloadSpec workload) {
        return new Level("pods=" + workload.pods(), workload);
    }
}
