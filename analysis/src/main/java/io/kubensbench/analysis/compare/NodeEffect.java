package io.kubensbench.analysis.compare;

/**
 * One node as a block at one level: its own baseline, and what encapsulation changed on it.
 * The node's difference is the unit the blocked comparison averages and tests, so a node
 * that already runs hot weighs no more in the test than a quiet one.
 *
 * @param baselineRuns  valid baseline runs on the node (at least 1)
 * @param candidateRuns valid candidate runs on the node (at least 1)
 * @param baselineMean  mean systemd CPU of those baseline runs, in cores
 * @param candidateMean likewise for the candidate runs
 * @param difference    candidateMean - baselineMean: negative when encapsulation saves
 * @param reduction     1 - candidateMean / baselineMean; NaN when the baseline mean is 0
 */
public record NodeEffect(String node, int baselineRuns, int candidateRuns, double baselineMean,
                         double candidateMean, double difference, double reduction) {
}
