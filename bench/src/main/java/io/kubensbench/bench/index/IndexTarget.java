package io.kubensbench.bench.index;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a command's documents go, once the options and the campaign file are settled: a server
 * and index, a directory, or both; {@link #none()} when indexing was not asked for.
 *
 * @param server the server, or null
 * @param index  the index name the documents go into (also in the directory's action lines)
 * @param dir    the NDJSON directory, or null
 * @param auth   how to authenticate to the server
 * @param tls    the TLS of an https server, or null for the JDK's default
 */
public record IndexTarget(EsServer server, String index, Path dir, EsAuth auth, SSLContext tls) {

    /** The index kube-burner users would look for kubens-bench's documents in unless told otherwise. */
    public static final String DEFAULT_INDEX = "kubens-bench";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** OpenSearch's and Elasticsearch's rule for index names, checked before a campaign of hours rather than after. */
    private static final Pattern INDEX_NAME = Pattern.compile("[a-z0-9][a-z0-9._+-]{0,254}");

    /** What is wrong with an index name, in words for a message; null when nothing is. */
    public static String indexNameProblem(String name) {
        return INDEX_NAME.matcher(name).matches() ? null : "must be an index name: lowercase letters, digits and"
                + " . _ + -, starting with a letter or digit, at most 255";
    }

    public static IndexTarget none() {
        return new IndexTarget(null, DEFAULT_INDEX, null, new EsAuth.None(), null);
    }

    public boolean enabled() {
        return server != null || dir != null;
    }

    /** The sinks, the directory first: it cannot be refused, so it holds the documents whatever the server says. */
    public List<DocumentSink> sinks(JsonMapper json, BulkSink.Backoff backoff) {
        List<DocumentSink> sinks = new ArrayList<>();
        if (dir != null) {
            sinks.add(new NdjsonDirSink(dir, index, json));
        }
        if (server != null) {
            HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER);
            if (tls != null) {
                http.sslContext(tls);
            }
            sinks.add(new BulkSink(server, index, auth, http.build(), backoff, json));
        }
        return sinks;
    }
}
