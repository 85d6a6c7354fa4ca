package io.kubensbench.analysis.model;

/**
 * The forms a load model can take, M the mounts in systemd's view and E the mount events a
 * second. systemd re-reads the whole of {@code /proc/self/mountinfo} each time its mount
 * event source fires (src/core/mount.c, {@code mount_dispatch_io} ->
 * {@code mount_process_proc_self_mountinfo}), so one re-read costs in proportion to M; the
 * source is coalesced (every change since the last dispatch is handled by one re-read) and
 * rate-limited ({@code sd_event_source_set_ratelimit}, 5 dispatches a second by default), so
 * the re-reads a second grow with E at first and then stop growing. {@link #SATURATING} is
 * that mechanism; the others are what one would fit without it.
 */
public enum ModelForm {
    /** a + b·M: today's straight line in mounts; blind to churn. */
    MOUNTS("mounts", "a + b·M", 2),
    /** a + b·M + c·E: a table cost and a separate per-event cost. */
    MOUNTS_PLUS_EVENTS("mounts + events/s", "a + b·M + c·E", 3),
    /** a + b·M·E: every event re-reads the whole table. */
    MOUNTS_TIMES_EVENTS("mounts × events/s", "a + b·M·E", 2),
    /** a + b·M·E/(E+K): re-reads grow with the events until coalescing and the rate limit cap them. */
    SATURATING("mounts × saturating events/s", "a + b·M·E/(E+K)", 3);

    private final String label;
    private final String formula;
    private final int parameters;

    ModelForm(String label, String formula, int parameters) {
        this.label = label;
        this.formula = formula;
        this.parameters = parameters;
    }

    public String label() {
        return label;
    }

    public String formula() {
        return formula;
    }

    /** Parameters fitted, K included: what the degrees of freedom are reduced by. */
    public int parameters() {
        return parameters;
    }

    /** Whether the form needs the events a second to vary across levels (all but {@link #MOUNTS}). */
    boolean usesEvents() {
        return this != MOUNTS;
    }

    /** The design row of a load: the columns the linear coefficients multiply, K fixed. */
    double[] row(Load load, double k) {
        double m = load.mounts();
        double e = load.eventsPerSecond();
        return switch (this) {
            case MOUNTS -> new double[] {1, m};
            case MOUNTS_PLUS_EVENTS -> new double[] {1, m, e};
            case MOUNTS_TIMES_EVENTS -> new double[] {1, m * e};
            case SATURATING -> new double[] {1, e + k == 0 ? 0 : m * e / (e + k)};
        };
    }

    /**
     * The prediction's gradient in the fitted parameters at a load: the design row for the
     * linear forms; for {@link #SATURATING} the row and the derivative in K, -b·M·E/(E+K)²,
     * so that K's uncertainty enters the prediction's.
     */
    double[] gradient(Load load, double[] coefficients, double k) {
        double[] row = row(load, k);
        if (this != SATURATING) {
            return row;
        }
        double e = load.eventsPerSecond();
        double dk = e + k == 0 ? 0 : -coefficients[1] * load.mounts() * e / ((e + k) * (e + k));
        return new double[] {row[0], row[1], dk};
    }
}
