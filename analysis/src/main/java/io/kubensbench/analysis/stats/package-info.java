/**
 * The statistics of a two-arm comparison, as pure functions of arrays of per-run values (or
 * of per-block means, for runs nested in nodes: the paired t-test, the signed-rank test and
 * the block bootstrap). Kept apart from runs, verdicts and formatting so each figure can be checked against an
 * independent implementation (the golden tests compare them with scipy; the block
 * statistics are checked against closed forms, commons-math3's own tests and enumeration).
 * commons-math3 supplies the distributions and the regression; the bootstrap and the power
 * calculation are small code of ours on top of them.
 */
package io.kubensbench.analysis.stats;
