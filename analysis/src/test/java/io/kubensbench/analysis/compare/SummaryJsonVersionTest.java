package io.kubensbench.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubensbench.analysis.results.SchemaVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code summary.json}'s schema version: written first, so a script checks it before any field;
 * a newer one refused in one line naming both versions; a file from before it existed still read.
 */
class SummaryJsonVersionTest {

    private final Summary summary = new Analyzer().analyze("versioned", List.of("d"),
            new Runs().add("pods=1", "off", 0.2, 0.3, 0.25).add("pods=1", "on", 0.1, 0.11, 0.09).list(), "off", "on");

    @Test
    void theDocumentStartsWithSchemaVersionAndKind(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(SummaryJson.FILE);
        SummaryJson.write(summary, file);

        JsonNode doc = JsonMapper.builder().build().readTree(Files.readString(file));
        assertThat(doc.propertyNames()).startsWith(SchemaVersion.FIELD, "kind");
        assertThat(doc.get(SchemaVersion.FIELD).asInt()).isEqualTo(SchemaVersion.CURRENT);
        assertThat(doc.get("kind").asString()).isEqualTo(SummaryJson.KIND);
        assertThat(Files.readString(file)).isEqualTo(SummaryJson.text(summary));
        assertThat(SummaryJson.read(file)).isEqualTo(summary);
    }

    @Test
    void aNewerVersionIsRefusedNamingBoth(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(SummaryJson.FILE);
        int newer = SchemaVersion.CURRENT + 1;
        Files.writeString(file, SummaryJson.text(summary).replaceFirst("\"schemaVersion\" : \\d+",
                "\"schemaVersion\" : " + newer));

        assertThatThrownBy(() -> SummaryJson.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": schemaVersion " + newer + " is newer than this kubens-bench reads ("
                        + SchemaVersion.CURRENT + "); use a newer kubens-bench");
    }

    @Test
    void aFileWrittenBeforeItHadOneStillReads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(SummaryJson.FILE);
        String text = SummaryJson.text(summary);
        Files.writeString(file, text.replaceFirst("\"schemaVersion\" : \\d+,\\s*\"kind\" : \"analysis\",\\s*", ""));
        assertThat(Files.readString(file)).doesNotContain("schemaVersion").startsWith("{\n  \"campaign\"");

        assertThat(SummaryJson.read(file)).isEqualTo(summary);
    }
}
