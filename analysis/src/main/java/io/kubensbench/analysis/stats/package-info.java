/**
 * The statistics of a two-arm comparison, as pure functions of arrays of per-run values.
 * Kept apart from runs, verdicts and formatting so each figure can be checked against an
 * independent implementation (the golden tests compare them with scipy).
 * commons-math3 supplies the distributions and the regression; the bootstrap and the power
 * calculation are small code of ours on top of them.
 */
package io.kubensbench.analysis.stats;
