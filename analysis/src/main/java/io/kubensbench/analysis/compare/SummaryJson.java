package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.results.JsonDocument;
import io.kubensbench.analysis.results.SchemaVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code summary.json} on disk. Undefined figures are part of the data (a CI of one run, a
 * reduction of a zero baseline), and plain JSON has no NaN: they are written as the strings
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}, which keep the sign of an
 * infinity (null would not) and read back as the same doubles. The document starts with
 * {@code schemaVersion} and {@code kind} ({@value #KIND}), as {@code analyze -o json} prints it;
 * a newer version is refused, a file written before it had one still reads.
 */
public final class SummaryJson {

    public static final String FILE = "summary.json";

    public static final String KIND = "analysis";

    private SummaryJson() {
    }

    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                // fields in the order the records declare them, as every summary.json has had them
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** Writes the document and returns it, so {@code analyze -o json} prints what it wrote. */
    public static String write(Summary summary, Path file) throws IOException {
        String document = text(summary);
        Files.writeString(file, document);
        return document;
    }

    /** The document: schemaVersion and kind, then the summary's fields. */
    public static String text(Summary summary) {
        ObjectMapper mapper = mapper();
        ObjectNode document = mapper.createObjectNode().put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
                .put(JsonDocument.KIND, KIND);
        document.setAll((ObjectNode) mapper.valueToTree(summary));
        return mapper.writeValueAsString(document) + System.lineSeparator();
    }

    public static Summary read(Path file) throws IOException {
        ObjectMapper mapper = mapper();
        JsonNode document = mapper.readTree(Files.readAllBytes(file));
        SchemaVersion.requireReadable(document.path(SchemaVersion.FIELD).asInt(0), file.toString());
        return mapper.treeToValue(document, Summary.class);
    }
}
