/**
 * Whether the harness's figure for systemd's CPU agrees with what the cluster's own monitoring
 * (Prometheus) says over the same runs: per node and arm, the two means, their difference, and
 * the runs where it goes beyond the campaign's tolerance. A performance team reads kubens-bench
 * beside its dashboards; this says whether the two can be read as one.
 */
package io.kubensbench.analysis.agreement;
