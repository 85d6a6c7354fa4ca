package io.kubensbench.analysis.model;

/**
 * A fitted parameter with its 95% confidence interval (t on the fit's degrees of freedom);
 * the bounds are NaN where the fit leaves none (a saturation constant chosen on a grid).
 *
 * @param name  as the form's formula writes it ({@code a}, {@code b}, {@code c}, {@code K})
 * @param unit  what it is in, in words ("cores", "cores per mount", "events/s", ...)
 */
public record Parameter(String name, double value, double low, double high, String unit) {
}
