/**
 * Prometheus beside the probe: systemd's CPU over a run's window as the cluster's own
 * monitoring reports it, asked through Prometheus's HTTP API, so kubens-bench's figures can be
 * laid beside the dashboards a performance team already reads. {@link
 * io.kubensbench.bench.prometheus.PrometheusCheck} is the one entry for whoever has a window
 * (the runner per run and node); {@link io.kubensbench.bench.prometheus.PrometheusChecks} finds
 * the server (a URL given, or OpenShift's monitoring stack).
 */
package io.kubensbench.bench.prometheus;
