package io.kubensbench.bench.prometheus;

/**
 * What Prometheus said about systemd's CPU over one window: cores, or why there is no figure.
 *
 * @param cores   CPU over the window in cores (1.0 = one core busy); null when there is none
 * @param missing why there is none, in a few words naming no host or node; null when there is one
 */
public record PrometheusFigure(Double cores, String missing) {

    public static PrometheusFigure of(double cores) {
        return new PrometheusFigure(cores, null);
    }

    public static PrometheusFigure missing(String why) {
        return new PrometheusFigure(null, why);
    }
}
