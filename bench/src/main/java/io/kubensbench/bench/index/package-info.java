/**
 * Results as OpenSearch / Elasticsearch documents, in kube-burner's conventions ({@code uuid},
 * {@code timestamp}, {@code metricName}, {@code jobName}, {@code metadata}), so that a campaign
 * joins the history teams already read in Grafana and check with Orion; and the sinks that take
 * them: a server's {@code _bulk} API, or NDJSON files to send later.
 */
package io.kubensbench.bench.index;
