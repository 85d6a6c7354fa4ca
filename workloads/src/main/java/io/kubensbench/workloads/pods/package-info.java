/**
 * The workload as Kubernetes objects, for the cluster target. Every object carries the run
 * label, and the attempt label of its deployment when there is one, so a run or one
 * deployment of it can be listed, waited on and cleaned up by label alone.
 */
package io.kubensbench.workloads.pods;
