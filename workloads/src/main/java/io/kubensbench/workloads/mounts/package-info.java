/**
 * What a pod puts into a node's mount table. The lab's kubelet stand-in creates exactly
 * these mounts, and a cluster probe expects to observe them, so both targets count the same
 * thing. See {@link io.kubensbench.workloads.mounts.MountPlan} for the sources.
 */
package io.kubensbench.workloads.mounts;
