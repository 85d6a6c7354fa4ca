package io.kubensbench.analysis.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code summary.json} on disk. Undefined figures are part of the data (a CI of one run, a
 * reduction of a zero baseline), and plain JSON has no NaN: they are written as the strings
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}, which keep the sign of an
 * infinity (null would not) and read back as the same doubles.
 */
public final class SummaryJson {

    public static final String FILE = "summary.json";

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

    public static void write(Summary summary, Path file) throws IOException {
        Files.writeString(file, mapper().writeValueAsString(summary) + System.lineSeparator());
    }

    public static Summary read(Path file) throws IOException {
        return mapper().readValue(Files.readAllBytes(file), Summary.class);
    }
}
