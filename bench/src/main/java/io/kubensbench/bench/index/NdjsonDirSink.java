package io.kubensbench.bench.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --index-dir DIR}: the documents a server would get, as {@code _bulk} NDJSON, one file
 * per metric ({@code DIR/systemdCpu.ndjson}, ...): each document its {@code index} action line
 * (index and id) and its body line. A file is sent later as it is, with
 * {@code curl -H 'Content-Type: application/x-ndjson' --data-binary @DIR/systemdCpu.ndjson
 * SERVER/_bulk}. Like a server, the directory keeps one document per index and id: writing a
 * campaign again replaces its documents in place, and other campaigns' stay.
 */
public final class NdjsonDirSink implements DocumentSink {

    public static final String SUFFIX = ".ndjson";

    private final Path dir;
    private final String index;
    private final BulkLines lines;
    private final JsonMapper json;

    public NdjsonDirSink(Path dir, String index, JsonMapper json) {
        this.dir = dir;
        this.index = index;
        this.json = json;
        this.lines = new BulkLines(json);
    }

    /** The file of a metric's documents. */
    public Path file(String metricName) {
        return dir.resolve(metricName + SUFFIX);
    }

    @Override
    public String describe() {
        return dir.toString();
    }

    @Override
    public void write(List<IndexDocument> documents) throws IOException {
        Map<String, List<IndexDocument>> byMetric = new LinkedHashMap<>();
        documents.forEach(d -> byMetric.computeIfAbsent(d.metricName(), m -> new ArrayList<>()).add(d));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IndexingException("--index-dir " + dir + ": cannot be created (" + e.getMessage() + ")", e);
        }
        for (Map.Entry<String, List<IndexDocument>> e : byMetric.entrySet()) {
            merge(file(e.getKey()), e.getValue());
        }
    }

    /** Rewrites {@code file} with {@code documents} in place of those of the same index and id, new ones at the end. */
    private void merge(Path file, List<IndexDocument> documents) throws IOException {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (Files.exists(file)) {
            List<String> existing = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i + 1 < existing.size(); i += 2) {
                pairs.put(key(file, existing.get(i), i + 1), existing.get(i) + "\n" + existing.get(i + 1) + "\n");
            }
        }
        for (IndexDocument d : documents) {
            String action = lines.action(index, d);
            pairs.put(index + "\n" + d.id(), action + "\n" + lines.source(d) + "\n");
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, String.join("", pairs.values()), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new IndexingException("--index-dir: cannot write " + file + " (" + e.getMessage() + ")", e);
        }
    }

    private String key(Path file, String actionLine, int lineNumber) throws IndexingException {
        try {
            JsonNode action = json.readTree(actionLine).path("index");
            return action.path("_index").asString("") + "\n" + action.path("_id").asString("");
        } catch (JacksonException e) {
            throw new IndexingException(file + ":" + lineNumber + ": not a bulk action line; is --index-dir a"
                    + " directory of kubens-bench's documents?");
        }
    }
}
