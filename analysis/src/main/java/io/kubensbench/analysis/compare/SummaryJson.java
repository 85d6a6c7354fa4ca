package io.kubensbench.analysis.compare;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
                .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    public static void write(Summary summary, Path file) throws IOException {
        Files.writeString(file, mapper().writeValueAsString(summary) + System.lineSeparator());
    }

    public static Summary read(Path file) throws IOException {
        return mapper().readValue(file.toFile(), Summary.class);
    }
}
