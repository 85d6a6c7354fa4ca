package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.stats.SatterthwaiteInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The change of the reduction at one level from the baseline campaign to the current one,
 * current minus baseline (negative when the saving shrank), with an interval that carries both
 * campaigns' uncertainty: the variance parts of both reductions summed, Welch-Satterthwaite
 * degrees of freedom over all of them. Judging the current campaign against the baseline's
 * point estimate, as if the baseline were known exactly, made about half of the gate's false
 * alarms.
 */
record ReductionChange(ReductionEstimate before, ReductionEstimate now, SatterthwaiteInterval interval) {

    /** The most runs per arm (or nodes) {@link #toDecide} considers; a rerun asks for no more. */
    static final int MAX_RUNS = 1000;

    static ReductionChange of(ReductionEstimate before, ReductionEstimate now, double confidence) {
        return new ReductionChange(before, now, interval(before, now, confidence, 0, false));
    }

    double change() {
        return interval.estimate();
    }

    /**
     * How many runs per arm (or nodes) would place the interval on one side of {@code limit}
     * if the change stayed at this estimate and the spread at this one: first with the
     * baseline as it is and the current campaign rerun with that many, else with both
     * campaigns at that many. Empty when even {@value #MAX_RUNS} would not (the estimate sits
     * on the limit).
     */
    Runs toDecide(double limit) {
        for (boolean both : new boolean[] {false, true}) {
            OptionalInt n = smallestDeciding(limit, both);
            if (n.isPresent()) {
                return new Runs(n.getAsInt(), both, now.unit());
            }
        }
        return new Runs(-1, true, now.unit());
    }

    /**
     * @param n    runs per arm (or nodes) that would decide; -1 when no count up to
     *             {@value #MAX_RUNS} would
     * @param both whether the baseline campaign needs them too
     */
    record Runs(int n, boolean both, String unit) {

        String sentence() {
            if (n < 0) {
                return "not even " + MAX_RUNS + " " + unit + " in both campaigns would decide it at this estimate:"
                        + " the change sits at the limit";
            }
            return "about " + n + " " + unit + (both ? " in both campaigns" : " in the current campaign")
                    + " would decide it at this estimate";
        }
    }

    private OptionalInt smallestDeciding(double limit, boolean both) {
        if (!decides(MAX_RUNS, both, limit)) {
            return OptionalInt.empty();
        }
        int low = 1;
        int high = MAX_RUNS;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (decides(mid, both, limit)) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return OptionalInt.of(low);
    }

    private boolean decides(int n, boolean both, double limit) {
        SatterthwaiteInterval resized = interval(before, now, interval.confidence(), n, both);
        return resized.low() >= limit || resized.high() < limit;
    }

    private static SatterthwaiteInterval interval(ReductionEstimate before, ReductionEstimate now, double confidence,
                                                  int atLeast, boolean both) {
        List<SatterthwaiteInterval.Part> parts = new ArrayList<>();
        Stream.concat(before.spreads().stream(), now.spreads().stream())
                .forEach(s -> parts.add(s.part(s.current() || both ? atLeast : 0)));
        return SatterthwaiteInterval.of(now.reduction() - before.reduction(), parts, confidence);
    }
}
