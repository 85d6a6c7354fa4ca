package io.kubensbench.bench.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed campaign under {@code campaigns/bad/} is refused with exactly the one-line
 * message {@code expected-messages.txt} gives for it. The messages are the product here: a
 * user fixes the file from them alone.
 */
class CampaignReaderBadFilesTest {

    /** A fixed limit, so the capacity messages do not depend on the machine's sysctl. */
    private final CampaignReader reader = new CampaignReader(new LabCapacity(LabCapacity.DEFAULT_MOUNT_MAX));

    static Path badDir() throws URISyntaxException {
        return Path.of(CampaignReaderBadFilesTest.class.getResource("/campaigns/bad").toURI());
    }

    static Stream<Path> badFiles() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(badDir())) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    static Map<String, String> expectedMessages() throws IOException, URISyntaxException {
        List<String> lines = Files.readAllLines(badDir().resolve("expected-messages.txt"), StandardCharsets.UTF_8);
        return lines.stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf(": ")), Function.identity()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void isRefusedWithItsExactMessage(Path file) throws Exception {
        String name = file.getFileName().toString();
        String expected = expectedMessages().get(name);
        assertThat(expected).as("expected-messages.txt has a line for " + name).isNotNull();

        InvalidCampaignException e = catchThrowableOfType(InvalidCampaignException.class,
                () -> reader.parse(Files.readString(file), name));

        assertThat(e).as(name + " must be refused").isNotNull();
        assertThat(e.getMessage()).isEqualTo(expected).doesNotContain("\n");
        assertThat(e.source()).contains(name);
        assertThat(e.getMessage()).isEqualTo(name + ": " + e.path() + ": " + e.problem());
    }

    @Test
    void thereAreEnoughCasesAndEveryExpectedMessageHasItsFile() throws Exception {
        List<String> files = badFiles().map(f -> f.getFileName().toString()).toList();

        assertThat(files).hasSizeGreaterThanOrEqualTo(15);
        assertThat(expectedMessages().keySet()).containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void readNamesTheFileAsGiven() throws Exception {
        Path file = badDir().resolve("07-empty-arms.yaml");

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(InvalidCampaignException.class)
                .hasMessage(file + ": arms: must list exactly two arms (got 0)");
    }
}
