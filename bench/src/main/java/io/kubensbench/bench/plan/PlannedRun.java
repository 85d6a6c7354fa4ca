package io.kubensbench.bench.plan;

import io.kubensbench.bench.campaign.ArmSpec;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.campaign.Level;
import java.util.Objects;

/**
 * One run of a campaign: a level measured in one arm, in one repetition. The index is the
 * run's position in the plan and its identity within the campaign (0-based; {@code plan}
 * prints it and the results record it), so that a resumed campaign can tell which runs it
 * already has. Repetitions count from 1, as people count them.
 *
 * @param segment the design segment: the stretch of consecutive runs of one arm this run is
 *                in, counted from 0 in plan order, so the analysis can tell the baseline's
 *                runs before the candidate (segment 0 of {@code aba}) from those after it
 *                (segment 2)
 */
public record PlannedRun(int index, int repetition, Level level, ArmSpec arm, int segment) {

    public PlannedRun {
        if (index < 0) {
            throw new IllegalArgumentException("run index must be at least 0 (got " + index + ")");
        }
        if (repetition < 1) {
            throw new IllegalArgumentException("repetition must be at least 1 (got " + repetition + ")");
        }
        if (segment < 0) {
            throw new IllegalArgumentException("segment must be at least 0 (got " + segment + ")");
        }
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(arm, "arm");
    }

    /** The state the node must be in for this run. */
    public Encapsulation encapsulation() {
        return arm.state();
    }
}
