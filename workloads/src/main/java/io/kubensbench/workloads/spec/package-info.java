/**
 * The workload a node is given, as a performance engineer writes it in a campaign file.
 * Values are validated when built, so a bad field is reported once, with its path, before
 * anything touches a node or a cluster.
 */
package io.kubensbench.workloads.spec;
