package io.kubensbench.bench.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The field names of a JSON document as paths ({@code /levels[]/reductionChange/low}), array
 * elements as {@code []} (over every element), for golden files: a field renamed or
 * dropped fails the test that compares them; a new one is added to the file.
 */
final class JsonFields {

    private JsonFields() {
    }

    /** Every field's path; below {@code maps} (fields whose keys are data, not names) nothing. */
    static String of(JsonNode document, Set<String> maps) {
        TreeSet<String> paths = new TreeSet<>();
        paths("", document, maps, paths);
        return String.join("\n", paths) + "\n";
    }

    static String golden(String resource) throws IOException {
        try (InputStream in = JsonFields.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void paths(String at, JsonNode node, Set<String> maps, TreeSet<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String path = at + "/" + e.getKey();
                out.add(path);
                if (!maps.contains(e.getKey())) {
                    paths(path, e.getValue(), maps, out);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                paths(at + "[]", element, maps, out);
            }
        }
    }
}
