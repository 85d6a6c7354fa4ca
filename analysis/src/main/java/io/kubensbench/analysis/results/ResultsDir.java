package io.kubensbench.analysis.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A campaign's results directory, read back: the contract between the runner that writes it
 * ({@link ResultsStore}) and the analysis and reports that read it. A run redone by a resume
 * supersedes its earlier attempt, so a killed and resumed campaign reads as if it had run
 * straight through; a line that cannot be read is skipped and named ({@link #unreadable()}),
 * except one a kill cut short at the end of a file.
 *
 * <p>{@code results.json} (version 2 on) describes the directory; a directory without it is
 * version 1 and its campaign is derived from {@code campaign.yaml}. Neither way depends on the
 * machine that reads.
 */
public final class ResultsDir {

    public static final String CAMPAIGN = "campaign.yaml";
    public static final String ENVIRONMENT = "environment.json";
    public static final String MANIFEST = "results.json";
    public static final String RUNS = "runs.jsonl";
    public static final String SAMPLES = "samples.jsonl";
    /** Switches of encapsulation that took time (MachineConfig rollouts), one line each; absent where none did. */
    public static final String ROLLOUTS = "rollouts.jsonl";

    /** A node's part of a run measured on several nodes: the attempt's id and {@code -<node number>}. */
    private static final Pattern NODE_SUFFIX = Pattern.compile("-\\d+$");

    private final Path dir;
    private final ObjectMapper json = mapper();
    private final JsonLines lines = new JsonLines(json);

    public ResultsDir(Path dir) {
        this.dir = dir;
    }

    /** The JSON mapping every file of the directory uses. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                // fields in the order the records declare them, as every file has had them
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
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

    /** The campaign file as the user wrote it; what {@code run --resume} re-reads. */
    public String campaignYaml() throws IOException {
        return Files.readString(dir.resolve(CAMPAIGN));
    }

    public Environment environment() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve(ENVIRONMENT));
        } catch (NoSuchFileException e) {
            return null;
        }
        return json.readValue(bytes, Environment.class);
    }

    /**
     * What the directory says about itself: {@code results.json}, or for a version-1 directory
     * the campaign derived from {@code campaign.yaml}, with unknown (null) traits.
     *
     * @throws IllegalArgumentException with one line when the directory is of a newer version
     *     than this reader, or its description cannot be read
     */
    public ResultsManifest manifest() throws IOException {
        Path file = dir.resolve(MANIFEST);
        if (!Files.exists(file)) {
            return new ResultsManifest(ResultsManifest.FIRST_VERSION,
                    V1Campaign.read(campaignYaml(), dir.resolve(CAMPAIGN).toString()), null, null);
        }
        try {
            JsonNode tree = json.readTree(Files.readAllBytes(file));
            int version = tree == null ? 0 : tree.path("schemaVersion").asInt(0);
            if (version > ResultsManifest.SCHEMA_VERSION) {
                throw new IllegalArgumentException(dir + ": results of schema version " + version
                        + ", newer than this kubens-bench reads (up to " + ResultsManifest.SCHEMA_VERSION
                        + "); use a newer kubens-bench");
            }
            ResultsManifest manifest = json.treeToValue(tree, ResultsManifest.class);
            if (version < ResultsManifest.SCHEMA_VERSION || manifest.campaign() == null) {
                throw new IllegalArgumentException(file + ": not a results description (no "
                        + (manifest.campaign() == null ? "campaign" : "schemaVersion") + ")");
            }
            return manifest;
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + ": cannot be read: "
                    + String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""));
        }
    }

    /** The campaign as run, normalised; see {@link #manifest()}. */
    public CampaignRecord campaign() throws IOException {
        return manifest().campaign();
    }

    /** Every run record in file order, superseded attempts included. */
    public List<RunRecord> allRuns() throws IOException {
        List<RunRecord> out = new ArrayList<>();
        lines.read(dir.resolve(RUNS), RunRecord.class, out::add, u -> { });
        return out;
    }

    /**
     * The current records, by index and then node: for each run index, the records of the last
     * attempt written (one per node a run measures). A resumed run supersedes its earlier
     * attempt even when it measured under another node name, or on fewer nodes.
     */
    public List<RunRecord> runs() throws IOException {
        Map<Integer, List<RunRecord>> latest = new LinkedHashMap<>();
        for (RunRecord r : allRuns()) {
            List<RunRecord> current = latest.get(r.index());
            if (current == null || !attemptOf(current.get(0)).equals(attemptOf(r))) {
                current = new ArrayList<>();
                latest.put(r.index(), current);
            }
            current.removeIf(earlier -> Objects.equals(earlier.node(), r.node()));
            current.add(r);
        }
        return latest.values().stream().flatMap(List::stream)
                .sorted(Comparator.comparingInt(RunRecord::index)
                        .thenComparing(RunRecord::node, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    /** Which attempt at its run a record belongs to, whichever node it is of. */
    private static String attemptOf(RunRecord r) {
        return r.attempt() == null ? "" : NODE_SUFFIX.matcher(r.attempt()).replaceFirst("");
    }

    /** Samples of the current attempts only, streamed to the consumer in file order. */
    public void samples(Consumer<SampleRecord> consumer) throws IOException {
        Set<String> current = runs().stream().map(RunRecord::attempt).collect(Collectors.toSet());
        lines.read(dir.resolve(SAMPLES), SampleRecord.class, s -> {
            if (current.contains(s.attempt())) {
                consumer.accept(s);
            }
        }, u -> { });
    }

    /**
     * Every line of {@code runs.jsonl}, {@code samples.jsonl} and {@code rollouts.jsonl} that
     * cannot be read, in file order, runs first; reading them is left to the callers that show
     * them. A last line cut short by a kill (no newline after it) is not among them.
     */
    public List<Unreadable> unreadable() throws IOException {
        List<Unreadable> out = new ArrayList<>();
        lines.read(dir.resolve(RUNS), RunRecord.class, r -> { }, out::add);
        lines.read(dir.resolve(SAMPLES), SampleRecord.class, s -> { }, out::add);
        lines.read(dir.resolve(ROLLOUTS), RolloutRecord.class, r -> { }, out::add);
        return out;
    }

    /** The campaign's rollouts in the order they happened, over every invocation of it; empty when none. */
    public List<RolloutRecord> rollouts() throws IOException {
        List<RolloutRecord> out = new ArrayList<>();
        lines.read(dir.resolve(ROLLOUTS), RolloutRecord.class, out::add, u -> { });
        return out;
    }

    /** Run indexes that have a valid current record. */
    public static Set<Integer> validIndexes(Collection<RunRecord> runs) {
        return runs.stream().filter(RunRecord::valid).map(RunRecord::index).collect(Collectors.toSet());
    }
}
