package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.results.CampaignRecord;
import io.kubensbench.analysis.results.TargetTraits;
import java.util.List;
import java.util.Optional;

/**
 * The campaign's design, and what it lets the analysis tell apart. Arms interleaved (or in a
 * random order) spread a drift over time over both arms; arms blocked (each run once, one
 * after the other, or each arm its own invocation) confound the arm with time, which the
 * analysis can only say; {@code aba} runs the baseline before and after the candidate, so
 * the drift is estimated per level ({@link Drift}) and set against the effect.
 *
 * @param order  {@code interleaved}, {@code random}, {@code blocked} or {@code aba}; null when
 *               the results do not say (a directory of schema version 1)
 * @param drifts for {@code aba}, one per level in the summary's order; otherwise empty
 */
public record Design(String order, List<Drift> drifts) {

    public static final String INTERLEAVED = "interleaved";
    public static final String RANDOM = "random";
    public static final String BLOCKED = "blocked";
    public static final String ABA = "aba";

    public Design {
        drifts = drifts == null ? List.of() : List.copyOf(drifts);
    }

    /**
     * The order the runs really went in: the campaign's, except that arms switched by hand
     * are run one invocation each, blocked whatever the file said; null when unknown.
     */
    public static String orderOf(CampaignRecord campaign, TargetTraits traits) {
        if (traits != null && traits.armSwitching() == TargetTraits.ArmSwitching.BY_HAND) {
            return BLOCKED;
        }
        return campaign == null || campaign.schedule() == null ? null : campaign.schedule().order();
    }

    /** Whether arm and time are confounded: the verdict carries the caveat. */
    public boolean confounded() {
        return BLOCKED.equals(order);
    }

    public Optional<Drift> drift(String level) {
        return drifts.stream().filter(d -> d.level().equals(level)).findFirst();
    }
}
