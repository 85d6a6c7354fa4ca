package io.kubensbench.analysis.text;

import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.Design;
import io.kubensbench.analysis.compare.Drift;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.results.RolloutRecord;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The sentences about a campaign's design and its rollouts, for {@link Wording}: what the
 * order of the runs lets the analysis separate, the caveat a blocked design or a sizeable
 * drift puts next to a verdict, a level's drift, and a rollout in one line.
 */
final class Designs {

    private Designs() {
    }

    static Optional<String> design(Summary s) {
        Design d = s.design();
        if (d == null || d.order() == null) {
            return Optional.empty();
        }
        String b = s.baselineArm();
        String c = s.candidateArm();
        String spread = ", so a drift over time falls on both arms alike: it is spread over them, not separated from"
                + " the effect.";
        return Optional.of(switch (d.order()) {
            case Design.INTERLEAVED -> "design: interleaved, each level's " + b + " and " + c + " runs back to back"
                    + " with the first arm alternating" + spread;
            case Design.RANDOM -> "design: random, each level's " + b + " and " + c + " runs back to back in an order"
                    + " drawn with the campaign's seed" + spread;
            case Design.BLOCKED -> "design: blocked, every " + b + " run and then every " + c + " run (or each arm its"
                    + " own invocation), so the arm is confounded with time: a change of the nodes between the blocks"
                    + " would read as an effect of encapsulation, and these runs cannot tell the two apart.";
            case Design.ABA -> "design: aba, " + b + " runs before and after the " + c + " runs, so a drift over time"
                    + " is estimated per level as the mean of " + b + "'s second segment minus its first, with a 95%"
                    + " interval, and set against the effect (flagged at " + Numbers.plain(100 * Drift.SIZEABLE_SHARE)
                    + "% of it or more).";
            default -> "design: " + d.order() + ", an order this version does not know: what it separates is not said.";
        });
    }

    static Optional<String> caveat(Summary s, CellResult c) {
        Design d = s.design();
        if (d == null) {
            return Optional.empty();
        }
        if (d.confounded()) {
            return Optional.of("caveat: the arms ran in blocks, one after the other, so the arm is confounded with"
                    + " time; a drift between the blocks would read as this effect.");
        }
        return d.drift(c.level()).filter(Drift::flagged).map(x -> "caveat: " + s.baselineArm() + " drifted "
                + signed(x.drift()) + " between its segments, " + share(x) + "; part of the difference may be time,"
                + " not encapsulation.");
    }

    static String drift(Summary s, Drift d) {
        String c = s.candidateArm();
        return switch (d.kind()) {
            case MISSING -> "no drift estimate: " + d.arm() + " has no valid run " + (d.nFirst() == 0 ? "before "
                    : "after ") + c;
            case CONSTANT -> d.arm() + " did not move between its runs before and after " + c + " beyond the"
                    + " counters' resolution: no drift to estimate";
            case NO_INTERVAL -> d.arm() + " drifted " + signed(d.drift()) + " from its run before " + c
                    + " to its run after (one run each: no interval), " + share(d) + flag(d);
            case UNIFORM -> d.arm() + " drifted " + signed(d.drift()) + " on each of " + d.nodes() + " nodes alike"
                    + " (within the counters' resolution: no spread, no interval), " + share(d) + flag(d);
            case ESTIMATED -> d.arm() + " drifted " + signed(d.drift()) + " (95% CI " + Numbers.coreShare(d.ciLow())
                    + " to " + Numbers.coreShare(d.ciHigh()) + (d.nodes() > 0 ? ", " + d.nodes() + " nodes as blocks"
                    : ", " + d.nFirst() + (d.nFirst() == 1 ? " run" : " runs") + " before " + c + " and "
                    + d.nSecond() + " after") + "), " + share(d) + flag(d);
        };
    }

    static String rollout(RolloutRecord r) {
        String took = Numbers.elapsed(r.duration());
        String outcome = switch (r.outcome() == null ? "" : r.outcome()) {
            case RolloutRecord.OK -> took;
            case RolloutRecord.TIMEOUT -> "timed out after " + took;
            case RolloutRecord.STOPPED -> "stopped after " + took;
            default -> "failed after " + took + (r.detail() == null ? "" : " (" + r.detail() + ")");
        };
        String pools = r.pools().isEmpty() ? "no pool" : (r.pools().size() == 1 ? "pool " : "pools ")
                + r.pools().stream().map(p -> p.name() + " " + p.nodes()).collect(Collectors.joining(", "));
        return "rollout " + r.from() + " to " + r.to() + (r.run() == null ? " after the runs" : " before run #" + r.run())
                + ": " + outcome + ", " + pools + " (" + r.nodes() + (r.nodes() == 1 ? " node" : " nodes")
                + (r.machineConfigs().isEmpty() ? "; a rollout already under way" : "; " + String.join(", ",
                r.machineConfigs())) + ")";
    }

    /** The drift with its sign: {@code +0.40% of a core}. */
    private static String signed(double cores) {
        return (cores > 0 ? "+" : "") + Numbers.cores(cores);
    }

    private static String share(Drift d) {
        if (Double.isNaN(d.share())) {
            return "the effect undefined";
        }
        return Double.isInfinite(d.share()) ? "beside an effect of 0" : Numbers.percent(d.share()) + " of the effect";
    }

    private static String flag(Drift d) {
        return d.flagged() ? " (sizeable: part of the difference may be time, not encapsulation)" : "";
    }
}
