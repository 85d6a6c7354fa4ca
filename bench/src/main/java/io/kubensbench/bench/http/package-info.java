/** What the HTTP clients to users' own servers (Prometheus, OpenSearch) share. */
package io.kubensbench.bench.http;
