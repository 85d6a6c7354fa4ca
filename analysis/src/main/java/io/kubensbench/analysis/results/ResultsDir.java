package io.kubensbench.analysis.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A campaign's results directory, read back: the contract between the runner that writes it
 * and the analysis and reports that read it. A line cut short by a crash is skipped, and a
 * run redone by a resume supersedes its earlier attempt, so a killed and resumed campaign
 * reads as if it had run straight through.
 */
public final class ResultsDir {

    public static final String CAMPAIGN = "campaign.yaml";
    public static final String ENVIRONMENT = "environment.json";
    public static final String RUNS = "runs.jsonl";
    public static final String SAMPLES = "samples.jsonl";

    private final Path dir;
    private final ObjectMapper json = mapper();

    public ResultsDir(Path dir) {
        this.dir = dir;
    }

    /** The JSON mapping every file of the directory uses. */
    public static ObjectMapper mapper() {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public Path path() {
        return dir;
    }

    /** Fails with a one-line message unless this looks like a results directory. */
    public ResultsDir requireExisting() {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": no such directory");
        }
        if (!Files.exists(dir.resolve(CAMPAIGN))) {
            throw new IllegalArgumentException(dir + ": not a kubens-bench results directory (no " + CAMPAIGN + ")");
        }
        return this;
    }

    public String campaignYaml() throws IOException {
        return Files.readString(dir.resolve(CAMPAIGN));
    }

    public Environment environment() throws IOException {
        try {
            return json.readValue(dir.resolve(ENVIRONMENT).toFile(), Environment.class);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Every run record in file order, superseded attempts included. */
    public List<RunRecord> allRuns() throws IOException {
        return readLines(RUNS, RunRecord.class);
    }

    /**
     * The current record of each run index on each node (the last attempt written), by index
     * and then node: a cluster run measures every selected node at once, one record each.
     */
    public List<RunRecord> runs() throws IOException {
        Map<List<Object>, RunRecord> latest = new LinkedHashMap<>();
        for (RunRecord r : allRuns()) {
            List<Object> key = Arrays.asList(r.index(), r.node());
            latest.remove(key);
            latest.put(key, r);
        }
        return latest.values().stream()
                .sorted(Comparator.comparingInt(RunRecord::index)
                        .thenComparing(RunRecord::node, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    /** Samples of the current attempts only, streamed to the consumer in file order. */
    public void samples(Consumer<SampleRecord> consumer) throws IOException {
        Set<String> current = runs().stream().map(RunRecord::attempt).collect(Collectors.toSet());
        forEachLine(SAMPLES, SampleRecord.class, s -> {
            if (current.contains(s.attempt())) {
                consumer.accept(s);
            }
        });
    }

    private <T> List<T> readLines(String file, Class<T> type) throws IOException {
        List<T> out = new ArrayList<>();
        forEachLine(file, type, out::add);
        return out;
    }

    private <T> void forEachLine(String file, Class<T> type, Consumer<T> consumer) throws IOException {
        Path p = dir.resolve(file);
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<String> lines = Files.lines(p)) {
            lines.filter(l -> !l.isBlank()).forEach(l -> {
                try {
                    consumer.accept(json.readValue(l, type));
                } catch (JsonProcessingException e) {
                    // a line cut short by a crash: the run it belonged to is redone on resume
                }
            });
        }
    }

    /** Run indexes that have a valid current record. */
    public static Set<Integer> validIndexes(Collection<RunRecord> runs) {
        return runs.stream().filter(RunRecord::valid).map(RunRecord::index).collect(Collectors.toSet());
    }
}
