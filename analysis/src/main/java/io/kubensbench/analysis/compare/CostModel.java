package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.stats.Interval;
import io.kubensbench.analysis.stats.LinearFit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * systemd's CPU as a linear function of its load, fitted across levels for one arm: the
 * figure that carries over to another node ("x % of a core per 1,000 mounts"), where a
 * reduction at one level does not. Its interval is the fit's HC3 interval, robust to the
 * spread growing with the load ({@link LinearFit}), and each level is checked for a mean
 * residual its runs' spread does not explain ({@link LevelResidual}): a per-mount cost is
 * only worth carrying over if the line goes through every level.
 *
 * @param predictor {@value #MOUNTS} (mounts in systemd's view) or {@value #EVENTS}
 * @param fit       systemd cores against the predictor, one point per valid run
 * @param residuals per level, in the order levels first appear in the runs; empty when fewer
 *                  than {@value #MIN_LEVELS_CHECKED} levels have 2 runs (nothing to check), and
 *                  when read from a summary written before levels were checked
 */
public record CostModel(String arm, String predictor, LinearFit fit, List<LevelResidual> residuals) {

    public CostModel {
        residuals = residuals == null ? List.of() : List.copyOf(residuals);
    }

    public static final String MOUNTS = "mounts";
    public static final String EVENTS = "mount events/s";
    /** Fewer runs, or a single x value, give no line worth reporting. */
    public static final int MIN_RUNS = 3;
    /**
     * Nor do x values that barely differ (every level churning at the same rate gives mount
     * events/s of 139 to 140): the range must be at least this share of the mean.
     */
    public static final double MIN_SPREAD = 0.1;
    /** A line goes through any two levels' means: the residual check needs 3 levels of 2 runs or more. */
    public static final int MIN_LEVELS_CHECKED = 3;

    private static double spread(double[] x) {
        double min = Arrays.stream(x).min().orElse(0);
        double max = Arrays.stream(x).max().orElse(0);
        double mean = Arrays.stream(x).average().orElse(0);
        return mean == 0 ? (max > min ? Double.POSITIVE_INFINITY : 0) : (max - min) / Math.abs(mean);
    }

    /**
     * The model when there are at least {@value #MIN_RUNS} points with at least 2 distinct x
     * values; empty otherwise.
     *
     * @param levels the level of each point, for the residual check
     */
    public static Optional<CostModel> fit(String arm, String predictor, double[] x, double[] y, List<String> levels) {
        if (levels.size() != x.length) {
            throw new IllegalArgumentException(levels.size() + " levels for " + x.length + " points");
        }
        if (x.length < MIN_RUNS || Arrays.stream(x).distinct().count() < 2 || spread(x) < MIN_SPREAD) {
            return Optional.empty();
        }
        LinearFit fit = LinearFit.of(x, y);
        double[] e = fit.residuals(x, y);
        Map<String, List<Double>> byLevel = new LinkedHashMap<>();
        for (int i = 0; i < e.length; i++) {
            byLevel.computeIfAbsent(levels.get(i), k -> new ArrayList<>()).add(e[i]);
        }
        int checked = (int) byLevel.values().stream().filter(r -> r.size() >= 2).count();
        if (checked < MIN_LEVELS_CHECKED) {
            return Optional.of(new CostModel(arm, predictor, fit, List.of()));
        }
        List<LevelResidual> residuals = byLevel.entrySet().stream()
                .map(r -> LevelResidual.of(r.getKey(), r.getValue().stream().mapToDouble(Double::doubleValue).toArray(),
                        Math.max(checked, 1)))
                .toList();
        return Optional.of(new CostModel(arm, predictor, fit, residuals));
    }

    /** The levels the line misses, in order; empty when it goes through every level checked. */
    public List<LevelResidual> missed() {
        return residuals.stream().filter(LevelResidual::missed).toList();
    }

    /** Percent of a core per 1,000 mounts in systemd's view; NaN for the events model. */
    public double perThousandMounts() {
        return MOUNTS.equals(predictor) ? fit.slope() * scale() : Double.NaN;
    }

    /** Percent of a core per 100 mount events per second; NaN for the mounts model. */
    public double perHundredEventsPerSecond() {
        return EVENTS.equals(predictor) ? fit.slope() * scale() : Double.NaN;
    }

    /** The slope in percent of a core per {@link #unit()}: whichever of the two above applies. */
    public double rate() {
        return fit.slope() * scale();
    }

    /** The 95% interval of {@link #rate()}, HC3: robust to a spread that grows with the load. */
    public Interval rateCi() {
        return new Interval(fit.robustCiLow() * scale(), fit.robustCiHigh() * scale());
    }

    /** The equal-variance 95% interval of {@link #rate()}, for reference: it holds only if every level is as noisy. */
    public Interval equalVarianceRateCi() {
        return new Interval(fit.slopeCiLow() * scale(), fit.slopeCiHigh() * scale());
    }

    public String unit() {
        return MOUNTS.equals(predictor) ? "1,000 mounts" : "100 mount events/s";
    }

    private double scale() {
        // cores -> percent of a core, per 1,000 mounts or per 100 events/s
        return 100 * (MOUNTS.equals(predictor) ? 1000 : 100);
    }
}
