package io.kubensbench.analysis.results;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLSchema;

/**
 * The normalised campaign of a version-1 results directory (one without {@code results.json}),
 * derived from its {@code campaign.yaml}. The file was checked when the campaign ran, so it is
 * read leniently here: only what the analysis needs, nothing checked against this machine
 * (a lab level bigger than this machine's mount limit still reads). Level names are made the
 * way the tool that wrote version 1 made them, so they match the run records.
 */
final class V1Campaign {

    /** What version 1 used for a workload without {@code pods} or {@code churn}. */
    static final int DEFAULT_PODS = 50;
    static final double DEFAULT_CHURN = 0;
    /** The campaign file's volume keys, in the order a version-1 level name lists them. */
    private static final List<String> VOLUMES = List.of("secret", "projected", "configMap", "emptyDirMemory",
            "downwardAPI", "emptyDirDisk");

    private V1Campaign() {
    }

    /**
     * @param source what messages call the file
     * @throws IllegalArgumentException with one line when the file gives no name or no two arms
     */
    static CampaignRecord read(String yaml, String source) {
        JsonNode root;
        try {
            root = mapper().readTree(yaml);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + ": not YAML: "
                    + String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": not a campaign (expected a map)");
        }
        String name = text(root.get("name"));
        if (name == null) {
            throw new IllegalArgumentException(source + ": name: missing");
        }
        return new CampaignRecord(name, target(root.get("target")), arms(root.get("arms"), source),
                levels(root.get("levels"), root.path("workload")), null, null);
    }

    /** The YAML 1.2 core schema, as the campaign reader has it: {@code off} and {@code on} are words. */
    private static ObjectMapper mapper() {
        return new YAMLMapper(YAMLFactory.builder().yamlSchema(YAMLSchema.CORE).build());
    }

    private static String target(JsonNode target) {
        if (target == null) {
            return null;
        }
        if (target.isObject() && target.size() > 0) {
            return target.propertyNames().iterator().next();
        }
        return text(target);
    }

    private static List<CampaignRecord.Arm> arms(JsonNode arms, String source) {
        if (arms == null || !arms.isArray() || arms.size() != 2) {
            throw new IllegalArgumentException(source + ": arms: expected two arms (got "
                    + (arms == null ? "none" : arms.isArray() ? arms.size() : arms.getNodeType().toString()) + ")");
        }
        List<CampaignRecord.Arm> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            JsonNode arm = arms.get(i);
            String name = arm.isObject() ? text(arm.get("name")) : state(arm);
            String state = arm.isObject() ? state(arm.get("encapsulation")) : name;
            if (name == null) {
                throw new IllegalArgumentException(source + ": arms[" + i + "]: no name");
            }
            if (state == null && (name.equals("off") || name.equals("on"))) {
                state = name;
            }
            out.add(new CampaignRecord.Arm(name, state, i == 0 ? CampaignRecord.BASELINE : CampaignRecord.CANDIDATE));
        }
        return out;
    }

    /** {@code off} or {@code on}; a YAML 1.1 reader's false and true are the same words. */
    private static String state(JsonNode node) {
        if (node != null && node.isBoolean()) {
            return node.booleanValue() ? "on" : "off";
        }
        return text(node);
    }

    private static List<CampaignRecord.Level> levels(JsonNode levels, JsonNode workload) {
        int pods = workload.path("pods").canConvertToInt() ? workload.path("pods").asInt() : DEFAULT_PODS;
        JsonNode rate = workload.path("churn").path("podsPerSecond");
        double churn = rate.isNumber() ? rate.asDouble() : DEFAULT_CHURN;
        if (levels == null || !levels.isArray()) {
            return List.of(new CampaignRecord.Level("pods=" + pods, pods, null, churn));
        }
        List<CampaignRecord.Level> out = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            out.add(level(levels.get(i), i, pods, churn));
        }
        return out;
    }

    /** A level as version 1 named it: its own name, else the fields it changes ({@code pods=50,churn=5}). */
    private static CampaignRecord.Level level(JsonNode level, int i, int basePods, double baseChurn) {
        List<String> changes = new ArrayList<>();
        int pods = basePods;
        if (level.path("pods").canConvertToInt()) {
            pods = level.path("pods").asInt();
            changes.add("pods=" + pods);
        }
        if (level.path("containersPerPod").canConvertToInt()) {
            changes.add("containersPerPod=" + level.path("containersPerPod").asInt());
        }
        for (String kind : VOLUMES) {
            if (level.path("volumesPerPod").path(kind).canConvertToInt()) {
                changes.add(kind + "=" + level.path("volumesPerPod").path(kind).asInt());
            }
        }
        double churn = baseChurn;
        JsonNode rate = level.path("churn").path("podsPerSecond");
        if (rate.isNumber()) {
            churn = rate.asDouble();
            changes.add("churn=" + BigDecimal.valueOf(churn).stripTrailingZeros().toPlainString());
        }
        String name = text(level.get("name"));
        if (name == null) {
            name = changes.isEmpty() ? "levels[" + i + "]" : String.join(",", changes);
        }
        return new CampaignRecord.Level(name, pods, null, churn);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isContainer() ? null : node.asString();
    }
}
