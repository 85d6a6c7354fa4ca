/**
 * Pure computation over a results directory: the on-disk schema, statistics and comparisons.
 * Nothing here starts a process or touches a node, so every figure is reproducible from the
 * files a campaign wrote.
 */
package io.kubensbench.analysis;
