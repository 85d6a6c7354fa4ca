package io.kubensbench.bench.cli;

import io.kubensbench.analysis.compare.Analyzer;
import io.kubensbench.bench.campaign.CampaignSpec;
import java.util.Optional;

/**
 * Whether a campaign's repetitions can give the analysis enough runs for a verdict. With
 * fewer runs per arm and level than {@link Analyzer#MIN_RUNS_PER_ARM} every level ends in
 * "insufficient data", which a user should learn before the runs, not after them; so
 * {@code plan} says it, and {@code run} and {@code lab} say it once as they start.
 */
final class VerdictReach {

    private VerdictReach() {
    }

    /**
     * The warning for a campaign whose repetitions are too few, empty when they suffice. A
     * lab is one node; a cluster's runs are counted over all its nodes, so there enough nodes
     * can make up for them.
     */
    static Optional<String> warning(CampaignSpec campaign) {
        int repetitions = campaign.schedule().repetitions();
        int needed = Analyzer.MIN_RUNS_PER_ARM;
        if (repetitions >= needed) {
            return Optional.empty();
        }
        String given = repetitions + (repetitions == 1 ? " repetition gives" : " repetitions give") + " each arm "
                + repetitions + (repetitions == 1 ? " run" : " runs") + " per level";
        String reach = campaign.target().isLab()
                ? given + ", and a verdict needs at least " + needed + " valid runs per arm: this campaign can only"
                        + " end in 'insufficient data'"
                : given + " and node, and a verdict needs at least " + needed + " valid runs per arm over all"
                        + " nodes: on fewer than " + nodesNeeded(repetitions, needed) + " nodes this campaign can"
                        + " only end in 'insufficient data'";
        return Optional.of("warning: " + reach + "; set schedule.repetitions: " + needed);
    }

    private static int nodesNeeded(int repetitions, int needed) {
        return (needed + repetitions - 1) / repetitions;
    }
}
