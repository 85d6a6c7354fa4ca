package io.kubensbench.bench.campaign;

import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLReadFeature;
import tools.jackson.dataformat.yaml.YAMLSchema;

/**
 * Reads a campaign file (docs/design.md, Campaign file) into a {@link CampaignSpec}, or refuses it with
 * one line that says where and what: {@code c.yaml: levels[1].pods: must be at least 1 (got 0)}.
 * A campaign can run for hours; a typo must cost a second, before anything touches a node.
 *
 * <p>The YAML is read into a tree and checked by hand rather than bound to classes, so that
 * every message uses the file's own field names and paths, names the type it wanted, and
 * refuses unknown fields (a misspelt field silently left at its default would measure the
 * wrong thing). Problems are reported one at a time, in the order of the file's sections.
 *
 * <p>YAML is read with the YAML 1.2 core schema's booleans: {@code off} and {@code on} are the
 * words {@code off} and {@code on}, not false and true.
 */
public final class CampaignReader {

    public static final String API_VERSION = "kubens-bench/v1";
    public static final String KIND = "Campaign";
    /** Far above any campaign file; a bigger one is the wrong file. */
    static final long MAX_FILE_BYTES = 1L << 20;

    static final List<String> FIELDS = List.of("apiVersion", "kind", "name", "target", "workload", "levels",
            "arms", "schedule", "sampling", "prometheus", "indexing");
    static final List<String> ARM_FIELDS = List.of("name", "encapsulation");
    static final List<String> SCHEDULE_FIELDS = List.of("warmup", "measure", "repetitions", "order", "seed");
    static final List<String> SAMPLING_FIELDS = List.of("interval");

    /** Jackson 3's words for a key given twice; messages keep the ones campaign files have always had. */
    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate Object property \"(.*)\"");

    private static final String ARM_HINT = "use off, on, or {name: ..., encapsulation: off|on}";

    private final ObjectMapper yaml;
    private final LabCapacity labCapacity;
    private final WorkloadReader workloads = new WorkloadReader();

    /** A reader that checks lab levels against this machine's mount limit. */
    public CampaignReader() {
        this(LabCapacity.ofThisMachine());
    }

    public CampaignReader(LabCapacity labCapacity) {
        this.labCapacity = Objects.requireNonNull(labCapacity, "labCapacity");
        this.yaml = YAMLMapper.builder(YAMLFactory.builder()
                        .yamlSchema(YAMLSchema.CORE)
                        .enable(YAMLReadFeature.EMPTY_STRING_AS_NULL)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // a second document is looked for by hand below, to say so in the file's words
                .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /**
     * Reads and checks {@code file}; messages name it as given.
     *
     * @throws InvalidCampaignException when the file is not a valid campaign
     * @throws IllegalArgumentException when it cannot be read (missing, a directory, too big,
     *     not UTF-8), with a one-line message
     */
    public CampaignSpec read(Path file) {
        String source = file.toString();
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException(source + ": is a directory, not a campaign file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(source + ": is larger than " + MAX_FILE_BYTES / 1024
                        + " KiB, too big for a campaign file");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(source + ": no such file");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(source + ": permission denied");
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(source + ": is not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": cannot be read ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
        return parse(text, source);
    }

    /**
     * Checks the campaign in {@code text}.
     *
     * @param source what messages call the file, e.g. its name
     * @throws InvalidCampaignException with the first problem found
     */
    public CampaignSpec parse(String text, String source) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        JsonNode root = tree(text, source);
        try {
            return campaign(YamlField.root(root));
        } catch (InvalidCampaignException e) {
            throw e.in(source);
        }
    }

    /**
     * The {@code indexing} block of the campaign in {@code text}, which {@link #parse} has checked
     * with the rest; {@link IndexingSpec#none()} when the file has none.
     */
    public IndexingSpec indexing(String text, String source) {
        try {
            return IndexingReader.indexing(YamlField.root(tree(text, source)).get("indexing"));
        } catch (InvalidCampaignException e) {
            throw e.in(source);
        }
    }

    private JsonNode tree(String text, String source) {
        try (JsonParser parser = yaml.createParser(text)) {
            JsonNode root = yaml.readTree(parser);
            if (root == null || root.isMissingNode()) {
                throw new InvalidCampaignException(source, "(top level)",
                        "is empty; a campaign file starts with apiVersion: " + API_VERSION);
            }
            if (parser.nextToken() != null) {
                throw new InvalidCampaignException(source, at(parser.currentTokenLocation()),
                        "starts a second YAML document; a campaign file holds one");
            }
            return root;
        } catch (JacksonException e) {
            throw new InvalidCampaignException(source, at(e.getLocation()), "not valid YAML: " + shortMessage(e));
        }
    }

    private CampaignSpec campaign(YamlField root) {
        if (root.node() == null || !root.node().isObject()) {
            throw root.problem("must be a map of fields, starting with apiVersion: " + API_VERSION
                    + " (got " + root.got() + ")");
        }
        root.map(FIELDS);
        constant(root.get("apiVersion"), API_VERSION);
        constant(root.get("kind"), KIND);
        String name = name(root.get("name"));
        TargetSpec target = TargetReader.target(root.get("target").required());
        WorkloadSpec workload = workloads.base(root.get("workload").required());
        List<Level> levels = workloads.levels(root.get("levels"), workload);
        List<ArmSpec> arms = arms(root.get("arms").required());
        Schedule schedule = schedule(root.get("schedule"), Order.defaultFor(target.traits().armSwitching()));
        SamplingSpec sampling = sampling(root.get("sampling"));
        PrometheusSpec prometheus = PrometheusReader.prometheus(root.get("prometheus"));
        IndexingReader.indexing(root.get("indexing"));
        CampaignSpec spec = new CampaignSpec(name, target, workload, levels, arms, schedule, sampling, prometheus);
        if (target.isLab()) {
            checkLabCapacity(spec, root.get("levels"));
        }
        return spec;
    }

    private static void constant(YamlField f, String expected) {
        if (!f.hasValue()) {
            throw f.problem("is required (write " + f.path() + ": " + expected + ")");
        }
        if (!f.node().isString() || !f.node().stringValue().equals(expected)) {
            throw f.problem("must be " + expected + " (got " + f.got() + ")");
        }
    }

    private static String name(YamlField f) {
        f.required();
        if (!f.node().isString()) {
            throw f.problem("must be a string (got " + f.got() + "; quote it: \"" + f.got() + "\")");
        }
        String name = f.text();
        // CampaignSpec checks it again; here so that a bad name is reported before problems
        // further down the file.
        CampaignSpec.checkName(name);
        return name;
    }

    private static List<ArmSpec> arms(YamlField f) {
        if (f.node().isString()) {
            throw f.problem("must be a list such as [off, on] (got " + f.got() + ")");
        }
        List<YamlField> items = f.list();
        if (items.size() != CampaignSpec.ARMS) {
            throw CampaignSpec.wrongArmCount(items.size());
        }
        List<ArmSpec> arms = new ArrayList<>(items.size());
        for (YamlField item : items) {
            arms.add(arm(item));
        }
        return arms;
    }

    private static ArmSpec arm(YamlField f) {
        if (f.node().isObject()) {
            f.map(ARM_FIELDS);
            String name = f.get("name").required().text();
            Encapsulation state = encapsulation(f.get("encapsulation").required());
            try {
                return new ArmSpec(name, state);
            } catch (InvalidCampaignException e) {
                throw e.under(f.path());
            }
        }
        if (f.node().isValueNode() && !f.node().isNull()) {
            String word = f.node().asString();
            String shown = word.length() > Shown.MAX_SHOWN ? word.substring(0, Shown.MAX_SHOWN) + "..." : word;
            return stateNamed(word).map(ArmSpec::of)
                    .orElseThrow(() -> f.problem("unknown arm '" + shown + "' (" + ARM_HINT + ")"));
        }
        throw f.problem("must be off, on, or a map {name: ..., encapsulation: off|on} (got " + f.got() + ")");
    }

    private static Encapsulation encapsulation(YamlField f) {
        Optional<Encapsulation> state = f.node().isString() ? stateNamed(f.node().stringValue()) : Optional.empty();
        return state.orElseThrow(() -> f.problem("must be off or on (got " + f.got() + ")"));
    }

    private static Optional<Encapsulation> stateNamed(String word) {
        return Arrays.stream(Encapsulation.values()).filter(e -> e.label().equals(word)).findFirst();
    }

    /** @param byDefault the target's order, for a file that names none */
    private static Schedule schedule(YamlField f, Order byDefault) {
        if (!f.present()) {
            return Schedule.defaults(byDefault);
        }
        f.map(SCHEDULE_FIELDS);
        Duration warmup = orDefault(f.get("warmup"), Schedule.DEFAULT_WARMUP);
        Duration measure = orDefault(f.get("measure"), Schedule.DEFAULT_MEASURE);
        YamlField repetitions = f.get("repetitions");
        YamlField order = f.get("order");
        YamlField seed = f.get("seed");
        int count = repetitions.present() ? repetitions.integer() : Schedule.DEFAULT_REPETITIONS;
        Order chosen = order.present() ? order(order) : byDefault;
        if (chosen == Order.ABA && count >= 1 && count < Schedule.MIN_ABA_REPETITIONS) {
            throw repetitions.problem("must be at least " + Schedule.MIN_ABA_REPETITIONS + " with order aba"
                    + (order.present() ? "" : " (the default where arms switch by a rollout)") + ", which runs the"
                    + " baseline before and after the candidate, each level at least once in each segment (got " + count
                    + "); or set schedule.order: blocked (one switch, but then a drift over time passes for the effect)");
        }
        return new Schedule(warmup, measure, count, chosen,
                seed.present() ? seed.longInteger() : Schedule.DEFAULT_SEED);
    }

    private static Order order(YamlField f) {
        Optional<Order> order = f.node().isString() ? Order.fromLabel(f.node().stringValue()) : Optional.empty();
        return order.orElseThrow(() -> f.problem("must be " + Order.labels() + " (got " + f.got() + ")"));
    }

    private static SamplingSpec sampling(YamlField f) {
        if (!f.present()) {
            return SamplingSpec.defaults();
        }
        f.map(SAMPLING_FIELDS);
        return new SamplingSpec(orDefault(f.get("interval"), SamplingSpec.DEFAULT_INTERVAL));
    }

    private static Duration orDefault(YamlField f, Duration fallback) {
        return f.present() ? f.duration() : fallback;
    }

    /**
     * Refuses a level the lab node cannot hold, at the field to change: the level's
     * {@code pods} when it sets them, else the level, else {@code workload.pods}.
     */
    private void checkLabCapacity(CampaignSpec spec, YamlField levelsField) {
        for (int i = 0; i < spec.levels().size(); i++) {
            Optional<String> refusal = labCapacity.refusal(spec.levels().get(i).workload());
            if (refusal.isPresent()) {
                String path;
                if (!levelsField.present()) {
                    path = "workload.pods";
                } else {
                    YamlField level = levelsField.list().get(i);
                    path = level.get("pods").present() ? level.get("pods").path() : level.path();
                }
                throw new InvalidCampaignException(path, refusal.get());
            }
        }
    }

    private static String at(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "(top level)";
        }
        return "(line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /**
     * The parser's complaint without the snippet and caret lines snakeyaml adds: its problem,
     * then what it was doing, e.g. {@code expected ',' or ']', but got : (while parsing a flow
     * sequence)}.
     */
    static String shortMessage(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        List<String> said = message.lines().filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .map(String::strip).toList();
        if (said.isEmpty()) {
            return message.strip().replaceAll("\\s+", " ");
        }
        String problem = said.get(said.size() - 1);
        Matcher duplicate = DUPLICATE_KEY.matcher(problem);
        if (duplicate.matches()) {
            problem = "Duplicate field '" + duplicate.group(1) + "'";
        }
        return said.size() == 1 ? problem : problem + " (" + said.get(0) + ")";
    }
}
