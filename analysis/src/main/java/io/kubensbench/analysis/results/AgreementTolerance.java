package io.kubensbench.analysis.results;

/**
 * How far Prometheus's figure for systemd's CPU may lie from the harness's own over the same
 * run before the two are said to disagree: the larger of a share of the harness's figure and
 * a floor in cores. The share covers what {@code rate()} cannot see of a window (up to a
 * scrape interval at each end, extrapolated from the samples inside), which scales with the
 * load; the floor covers a nearly idle systemd, where a single burst at a window's edge is
 * the whole figure and no share of ~0 would hold.
 *
 * @param relative a fraction of the harness's figure (0.10 = 10%)
 * @param cores    an absolute floor, in cores (0.005 = 0.5% of a core)
 */
public record AgreementTolerance(double relative, double cores) {

    /**
     * 10% or 0.5% of a core: a window of at least 10 scrape intervals, in which systemd's
     * CPU from one scrape to the next moves by up to half its mean, lets rate() miss at most
     * 2/10 x 0.5 = 10%; 0.005 of a core is one 50 ms burst of an otherwise idle systemd in a
     * 10 s window.
     */
    public static final AgreementTolerance DEFAULT = new AgreementTolerance(0.10, 0.005);

    public AgreementTolerance {
        if (!(relative >= 0) || !Double.isFinite(relative)) {
            throw new IllegalArgumentException("relative tolerance must be a finite fraction of at least 0 (got "
                    + relative + ")");
        }
        if (!(cores >= 0) || !Double.isFinite(cores)) {
            throw new IllegalArgumentException("tolerance in cores must be finite and at least 0 (got " + cores + ")");
        }
        if (relative == 0 && cores == 0) {
            throw new IllegalArgumentException("a tolerance of 0 and 0 cores flags every difference, however small");
        }
    }

    /** The largest difference that still agrees with a harness figure of {@code harnessCores}. */
    public double allowed(double harnessCores) {
        return Math.max(cores, relative * Math.abs(harnessCores));
    }

    /** Whether Prometheus's figure lies further from the harness's than {@link #allowed}. */
    public boolean exceeded(double harnessCores, double prometheusCores) {
        return Math.abs(prometheusCores - harnessCores) > allowed(harnessCores);
    }
}
