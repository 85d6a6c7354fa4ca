/**
 * The statistics of a two-arm comparison, as pure functions of arrays of per-run values (or
 * of per-block means, for runs nested in nodes: the paired t-test and the signed-rank test),
 * and of a campaign's p-values together (Holm). Kept apart from runs, verdicts and formatting
 * so each figure can be checked against an independent implementation: the golden tests
 * compare them with scipy (golden/golden.py and golden/campaigns.py), the rank tests are also
 * checked against enumeration. commons-math3 supplies the distributions and the regression;
 * Fieller's interval, the exact rank test with ties, the noncentral t and the power
 * calculation are small code of ours on top of them.
 */
package io.kubensbench.analysis.stats;
