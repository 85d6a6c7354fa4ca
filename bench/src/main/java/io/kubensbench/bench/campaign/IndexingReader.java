package io.kubensbench.bench.campaign;

import io.kubensbench.bench.index.IndexTarget;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/** Reads the campaign file's {@code indexing} block, every problem named by its field. */
final class IndexingReader {

    static final List<String> FIELDS = List.of("esServer", "esIndex", "indexDir");

    private IndexingReader() {
    }

    static IndexingSpec indexing(YamlField f) {
        if (!f.present() || f.node().isNull()) {
            return IndexingSpec.none();
        }
        f.map(FIELDS);
        YamlField server = f.get("esServer");
        YamlField index = f.get("esIndex");
        YamlField dir = f.get("indexDir");
        return new IndexingSpec(server.present() ? server(server) : null, index.present() ? index(index) : null,
                dir.present() ? dir.path("directory") : null);
    }

    private static String server(YamlField f) {
        String text = f.required().text().strip();
        URI uri = f.uri();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw f.problem("must be an http:// or https:// URL with a host, such as https://opensearch.example:9200"
                    + " (got " + f.got() + ")");
        }
        if (uri.getRawUserInfo() != null) {
            throw f.problem("must not carry credentials (a campaign file is copied into its results): give the user"
                    + " with --es-user and the password in KUBENS_BENCH_ES_PASSWORD or --es-password-file");
        }
        return text;
    }

    private static String index(YamlField f) {
        String text = f.required().text();
        String problem = IndexTarget.indexNameProblem(text);
        if (problem != null) {
            throw f.problem(problem + " (got " + f.got() + ")");
        }
        return text;
    }
}
