/**
 * {@code kubens-bench estimate}: what encapsulation would save on a live cluster's nodes,
 * read through the API alone (nodes and pods, listed, nothing written), each node's load
 * counted by the mount plan's table and predicted with a calibration's load models.
 */
package io.kubensbench.bench.estimate;
