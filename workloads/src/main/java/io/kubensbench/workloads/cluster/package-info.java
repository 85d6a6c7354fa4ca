/**
 * The workload realised as real pods on a Kubernetes or OpenShift cluster through fabric8:
 * created under a QPS/burst budget so a campaign never floods the API server, waited on until
 * Running, churned, and deleted by label, so that nothing a run created outlives it. The same
 * code runs against a real cluster and against fabric8's mock API server in tests.
 */
package io.kubensbench.workloads.cluster;
