package io.kubensbench.bench.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Hands a command's documents to every sink and says what went where. A sink that fails does
 * not keep the others from their documents; the first failure is raised once all were tried.
 */
public final class Indexer {

    private final List<DocumentSink> sinks;

    public Indexer(List<DocumentSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    /**
     * @param say where a line per sink goes: {@code indexed 36 documents (systemdCpu 36) into ...}
     * @throws IndexingException the first sink's failure, after every sink was tried
     */
    public void index(List<IndexDocument> documents, Consumer<String> say) throws IndexingException {
        IndexingException first = null;
        for (DocumentSink sink : sinks) {
            try {
                sink.write(documents);
                say.accept("indexed " + documents.size() + " document" + (documents.size() == 1 ? "" : "s") + " ("
                        + counts(documents) + ") into " + sink.describe());
            } catch (IndexingException e) {
                first = first == null ? e : first;
            } catch (IOException e) {
                first = first == null ? new IndexingException("indexing into " + sink.describe() + " failed: "
                        + e.getMessage(), e) : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Documents per metric, by name: {@code systemdCpu 36, systemdCpuVerdict 6}. */
    static String counts(List<IndexDocument> documents) {
        Map<String, Integer> n = new TreeMap<>();
        documents.forEach(d -> n.merge(d.metricName(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        n.forEach((metric, count) -> parts.add(metric + " " + count));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
