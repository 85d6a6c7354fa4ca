package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.stats.Interval;
import io.kubensbench.analysis.stats.LinearFit;
import java.util.Arrays;
import java.util.Optional;

/**
 * systemd's CPU as a linear function of its load, fitted across levels for one arm: the
 * figure that carries over to another node ("x % of a core per 1,000 mounts"), where a
 * reduction at one level does not.
 *
 * @param predictor {@value #MOUNTS} (mounts in systemd's view) or {@value #EVENTS}
 * @param fit       systemd cores against the predictor, one point per valid run
 */
public record CostModel(String arm, String predictor, LinearFit fit) {

    public static final String MOUNTS = "mounts";
    public static final String EVENTS = "mount events/s";
    /** Fewer runs, or a single x value, give no line worth reporting. */
    public static final int MIN_RUNS = 3;
    /**
     * Nor do x values that barely differ (every level churning at the same rate gives mount
     * events/s of 139 to 140): the range must be at least this share of the mean.
     */
    public static final double MIN_SPREAD = 0.1;

    private static double spread(double[] x) {
        double min = Arrays.stream(x).min().orElse(0);
        double max = Arrays.stream(x).max().orElse(0);
        double mean = Arrays.stream(x).average().orElse(0);
        return mean == 0 ? (max > min ? Double.POSITIVE_INFINITY : 0) : (max - min) / Math.abs(mean);
    }

    /**
     * The model when there are at least {@value #MIN_RUNS} points with at least 2 distinct x
     * values; empty otherwise.
     */
    public static Optional<CostModel> fit(String arm, String predictor, double[] x, double[] y) {
        if (x.length < MIN_RUNS || Arrays.stream(x).distinct().count() < 2 || spread(x) < MIN_SPREAD) {
            return Optional.empty();
        }
        return Optional.of(new CostModel(arm, predictor, LinearFit.of(x, y)));
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

    /** The 95% interval of {@link #rate()}. */
    public Interval rateCi() {
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
