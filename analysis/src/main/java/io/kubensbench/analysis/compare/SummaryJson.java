package io.kubensbench.analysis.compare;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubensbench.analysis.results.JsonDocument;
import io.kubensbench.analysis.results.SchemaVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
                .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    public static void write(Summary summary, Path file) throws IOException {
        Files.writeString(file, text(summary));
    }

    /** The document: schemaVersion and kind, then the summary's fields. */
    public static String text(Summary summary) throws IOException {
        ObjectNode document = mapper().createObjectNode().put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
                .put(JsonDocument.KIND, KIND);
        document.setAll((ObjectNode) mapper().valueToTree(summary));
        return mapper().writeValueAsString(document) + System.lineSeparator();
    }

    public static Summary read(Path file) throws IOException {
        JsonNode document = mapper().readTree(file.toFile());
        SchemaVersion.requireReadable(document.path(SchemaVersion.FIELD).asInt(0), file.toString());
        return mapper().treeToValue(document, Summary.class);
    }
}
