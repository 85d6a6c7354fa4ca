package io.kubensbench.analysis.model;

/**
 * The loads a model was fitted on, as the smallest and largest level means: how far a
 * prediction reaches outside them is what makes it an extrapolation.
 */
public record LoadRange(double minMounts, double maxMounts, double minEvents, double maxEvents) {
}
