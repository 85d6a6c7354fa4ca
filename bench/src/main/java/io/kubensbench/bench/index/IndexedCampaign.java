package io.kubensbench.bench.index;

import io.kubensbench.analysis.results.CampaignRecord;
import io.kubensbench.analysis.results.Environment;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.results.SchemaVersion;
import io.kubensbench.reports.Identifiers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A campaign as its documents name it: its {@code uuid}, {@code jobName} and {@code metadata},
 * each derived from what its results directory recorded, so that indexing the same directory
 * today or in a year gives the same documents with the same ids.
 *
 * <p>The uuid is a name-based UUID of the campaign's name and of its {@code environment.json}
 * (the instant the directory was created, the host and its boot id): one per campaign, kept
 * across {@code --resume}, which appends to the same directory.
 *
 * @param uuid          the campaign's run id (kube-burner's {@code uuid})
 * @param jobName       the campaign's name
 * @param metadata      where it ran
 * @param lastTimestamp when its last run ended (RFC 3339, UTC): the timestamp of its summary documents
 */
public record IndexedCampaign(String uuid, String jobName, IndexMetadata metadata, String lastTimestamp) {

    public IndexedCampaign {
        Objects.requireNonNull(uuid, "uuid");
    }

    /** The campaign of a results directory. */
    public static IndexedCampaign of(ResultsDir dir) throws IOException {
        CampaignRecord campaign = dir.campaign();
        Environment env = dir.environment();
        List<RunRecord> runs = dir.runs();
        String yaml = dir.campaignYaml();
        String context = campaign.target() != null && campaign.target().equals("lab") ? null
                : Identifiers.of(env, runs, yaml).context();
        String identity = env != null
                ? String.join("\n", "kubens-bench", campaign.name(), String.valueOf(env.createdAt()),
                        String.valueOf(env.hostname()), String.valueOf(env.bootId()))
                : String.join("\n", "kubens-bench", campaign.name(), yaml);
        String last = runs.stream().map(RunRecord::endedAt).filter(Objects::nonNull).map(IndexedCampaign::timestamp)
                .filter(Objects::nonNull).max(String::compareTo)
                .orElse(env == null ? null : timestamp(env.createdAt()));
        return new IndexedCampaign(nameUuid(identity), campaign.name(),
                IndexMetadata.of(campaign.target(), context, env), last);
    }

    /**
     * The campaign of an analysis pooled over several directories (arms run by hand, one
     * directory each): the first directory's name and metadata, a uuid of all of theirs, and
     * the latest of their last runs. One directory is that directory's campaign.
     */
    public static IndexedCampaign pooled(List<IndexedCampaign> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        IndexedCampaign first = parts.get(0);
        String uuid = nameUuid("kubens-bench pooled\n" + String.join("\n",
                parts.stream().map(IndexedCampaign::uuid).toList()));
        String last = parts.stream().map(IndexedCampaign::lastTimestamp).filter(Objects::nonNull)
                .max(String::compareTo).orElse(null);
        return new IndexedCampaign(uuid, first.jobName(), first.metadata(), last);
    }

    /**
     * A document of this campaign: the common fields first, the figures to be added by the
     * caller.
     *
     * @param key       what tells this document from the others of its metric in the campaign
     * @param timestamp RFC 3339 UTC, or null for the campaign's last run's end
     * @param node      the node the figures are of, or null for a document over the campaign
     */
    public IndexDocument document(JsonMapper json, String metricName, String key, String timestamp, String node) {
        ObjectNode d = json.createObjectNode();
        d.put("uuid", uuid);
        putText(d, "timestamp", timestamp != null ? timestamp : lastTimestamp);
        d.put("metricName", metricName);
        d.put("jobName", jobName);
        d.put(SchemaVersion.FIELD, SchemaVersion.CURRENT);
        ObjectNode m = d.putObject("metadata");
        putText(m, "targetKind", metadata.targetKind());
        putText(m, "clusterName", metadata.clusterName());
        putText(m, "clusterVersion", metadata.clusterVersion());
        putText(m, "node", node);
        putText(m, "kernel", metadata.kernel());
        putText(m, "systemdVersion", metadata.systemdVersion());
        putText(m, "cpuModel", metadata.cpuModel());
        if (metadata.cpus() != null) {
            m.put("cpus", metadata.cpus());
        }
        putText(m, "tool", metadata.tool());
        if (!metadata.nodes().isEmpty()) {
            ArrayNode nodes = m.putArray("nodes");
            metadata.nodes().forEach(nodes::add);
        }
        return new IndexDocument(id(metricName, key), metricName, d);
    }

    /** The id of this campaign's document of {@code metricName} and {@code key}. */
    public String id(String metricName, String key) {
        return nameUuid(uuid + "\n" + metricName + "\n" + key);
    }

    /** An instant as the documents write it: RFC 3339 in UTC to the millisecond; null when it does not parse. */
    static String timestamp(String instant) {
        if (instant == null) {
            return null;
        }
        try {
            return DateTimeFormatter.ISO_INSTANT.format(Instant.parse(instant).truncatedTo(ChronoUnit.MILLIS));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String nameUuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
