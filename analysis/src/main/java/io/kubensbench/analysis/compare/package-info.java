/**
 * From runs to verdicts: per-level comparison of a baseline arm (encapsulation off) with a
 * candidate arm (on), per node and with nodes as blocks when a campaign measured several
 * nodes, the cost model across levels, the stored summary, and the CI gate
 * that compares two summaries. Each verdict carries the sentence it rests on.
 */
package io.kubensbench.analysis.compare;
