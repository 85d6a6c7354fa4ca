package io.kubensbench.analysis.compare;

import java.util.List;
import java.util.Optional;

/**
 * One node of a campaign that measured several, analysed on its own exactly as a single-node
 * campaign would be: a node whose result disagrees with the others is visible here, where
 * the pooled and blocked figures would only average it in.
 *
 * @param node  the node's name as the runs record it
 * @param runs  runs of the two arms on this node, valid or not
 * @param valid of which valid
 * @param cells one per level the node has runs for, in the order levels first appear
 */
public record NodeResult(String node, int runs, int valid, List<CellResult> cells) {

    public Optional<CellResult> cell(String level) {
        return cells.stream().filter(c -> c.level().equals(level)).findFirst();
    }
}
