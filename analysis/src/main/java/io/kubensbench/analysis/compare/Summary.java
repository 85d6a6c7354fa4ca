package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.agreement.PrometheusAgreement;
import io.kubensbench.analysis.model.LoadModel;
import io.kubensbench.analysis.results.Unreadable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The analysis of a campaign, {@code summary.json}: everything the report and the CI gate
 * need, so neither has to re-read the runs. Every figure is a function of the runs alone
 * (nothing is resampled), so the same runs always give the same summary.
 *
 * @param sources        the results directories whose runs were pooled
 * @param runs           runs of the two arms, valid or not
 * @param valid          of which valid
 * @param invalidReasons invalid runs by reason, over all levels
 * @param cells          one per level, in the order levels first appear in the runs; with
 *                       several nodes, over the runs of all of them (see {@link CellResult#blocked()})
 * @param nodes          when the valid runs come from more than one node, each node analysed
 *                       on its own, in the order nodes first appear in the runs; otherwise
 *                       empty (also when read from a summary written before nodes existed)
 * @param costModels     per arm and predictor, where a line could be fitted
 * @param unreadable     lines of the directories' runs and samples that could not be read and
 *                       were left out, each named; empty when none (also when read from a
 *                       summary written before they were named)
 * @param design         the order the runs went in and what it lets the analysis separate, with
 *                       the drift per level for {@code aba}; null when the runs' order was not
 *                       given (also when read from a summary written before designs were kept)
 * @param observation    for runs that observed the nodes' own workload ({@code kubens-bench
 *                       observe}), each node's figures per arm and which arms there are; null for
 *                       a campaign of kubens-bench's own pods
 * @param prometheus     the harness's figures against Prometheus's, per node and arm; null when
 *                       the campaign involved no Prometheus
 * @param loadModels     systemd's CPU against the load, per encapsulation state, where the
 *                       levels let one be fitted ({@link LoadModel}); empty otherwise (also
 *                       when read from a summary written before load models)
 */
public record Summary(String campaign, List<String> sources, String baselineArm, String candidateArm,
                      int runs, int valid, Map<String, Integer> invalidReasons, List<CellResult> cells,
                      List<NodeResult> nodes, List<CostModel> costModels, List<Unreadable> unreadable,
                      Design design, Observation observation, PrometheusAgreement prometheus,
                      List<LoadModel> loadModels) {

    public Summary {
        loadModels = loadModels == null ? List.of() : List.copyOf(loadModels);
        nodes = nodes == null ? List.of() : nodes;
        unreadable = unreadable == null ? List.of() : List.copyOf(unreadable);
    }

    /** A summary whose design is not known. */
    public Summary(String campaign, List<String> sources, String baselineArm, String candidateArm, int runs, int valid,
                   Map<String, Integer> invalidReasons, List<CellResult> cells, List<NodeResult> nodes,
                   List<CostModel> costModels, List<Unreadable> unreadable) {
        this(campaign, sources, baselineArm, candidateArm, runs, valid, invalidReasons, cells, nodes, costModels,
                unreadable, null, null, null, List.of());
    }

    /** A summary without load models. */
    public Summary(String campaign, List<String> sources, String baselineArm, String candidateArm, int runs, int valid,
                   Map<String, Integer> invalidReasons, List<CellResult> cells, List<NodeResult> nodes,
                   List<CostModel> costModels, List<Unreadable> unreadable, Design design, Observation observation,
                   PrometheusAgreement prometheus) {
        this(campaign, sources, baselineArm, candidateArm, runs, valid, invalidReasons, cells, nodes, costModels,
                unreadable, design, observation, prometheus, List.of());
    }

    /** The same summary with these load models. */
    public Summary withLoadModels(List<LoadModel> models) {
        return new Summary(campaign, sources, baselineArm, candidateArm, runs, valid, invalidReasons, cells, nodes,
                costModels, unreadable, design, observation, prometheus, models);
    }

    /** The same summary, of runs that observed the nodes' own workload as {@code observation} says. */
    public Summary withObservation(Observation observation) {
        return new Summary(campaign, sources, baselineArm, candidateArm, runs, valid, invalidReasons, cells, nodes,
                costModels, unreadable, design, observation, prometheus, loadModels);
    }

    /** Whether the runs observed the nodes' own workload rather than pods kubens-bench deployed. */
    public boolean observed() {
        return observation != null;
    }

    /** This summary with the comparison of its runs with Prometheus. */
    public Summary withPrometheus(PrometheusAgreement agreement) {
        return new Summary(campaign, sources, baselineArm, candidateArm, runs, valid, invalidReasons, cells, nodes,
                costModels, unreadable, design, observation, agreement, loadModels);
    }

    /** Whether the runs came from several nodes, and so the levels were compared with nodes as blocks. */
    public boolean multiNode() {
        return !nodes.isEmpty();
    }

    public Optional<CellResult> cell(String level) {
        return cells.stream().filter(c -> c.level().equals(level)).findFirst();
    }
}
