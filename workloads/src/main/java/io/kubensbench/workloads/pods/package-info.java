/**
 * The workload as Kubernetes objects, for the cluster target. Every object carries the run
 * label, so a run can be listed, waited on and cleaned up by label alone.
 */
package io.kubensbench.workloads.pods;
