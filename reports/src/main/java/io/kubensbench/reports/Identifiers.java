package io.kubensbench.reports;

import io.kubensbench.analysis.results.Environment;
import io.kubensbench.analysis.results.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLSchema;

/**
 * What in a results directory, and so in its report, points at a machine or a cluster: the
 * harness's host name, the nodes' names (on some clouds their internal IP addresses), the
 * kube context the campaign named, and the boot id. A report is made to be attached to a
 * ticket; it says which of these it carries, and {@code report --redact} writes one with each
 * replaced by a neutral name ({@link Redaction}).
 *
 * @param hostname the harness's host, null when unknown
 * @param nodes    the nodes' names, sorted
 * @param context  the kube context of {@code target.cluster.context}, null when none is named
 * @param bootId   the harness host's boot id, null when unknown
 */
public record Identifiers(String hostname, List<String> nodes, String context, String bootId) {

    /** The host's neutral name in a redacted copy. */
    static final String HOST = "harness-host";
    static final String CONTEXT = "kube-context";
    static final String BOOT = "boot-id";
    private static final Pattern NEUTRAL_NODE = Pattern.compile("node-[0-9]+");

    public Identifiers {
        nodes = List.copyOf(nodes);
    }

    /** The identifiers of a results directory's environment, runs and campaign file. */
    public static Identifiers of(Environment environment, List<RunRecord> runs, String campaignYaml) {
        TreeSet<String> nodes = new TreeSet<>();
        if (environment != null && environment.nodes() != null) {
            environment.nodes().stream().filter(Identifiers::named).forEach(nodes::add);
        }
        runs.stream().map(RunRecord::node).filter(Identifiers::named).forEach(nodes::add);
        return new Identifiers(environment == null || !named(environment.hostname()) ? null : environment.hostname(),
                new ArrayList<>(nodes), context(campaignYaml),
                environment == null || !named(environment.bootId()) ? null : environment.bootId());
    }

    /** A value that names something: not blank, and not one of the neutral names a redacted copy uses. */
    private static boolean named(String value) {
        return value != null && !value.isBlank() && !value.equals(HOST) && !value.equals(CONTEXT)
                && !value.equals(BOOT) && !NEUTRAL_NODE.matcher(value).matches();
    }

    private static String context(String campaignYaml) {
        if (campaignYaml == null) {
            return null;
        }
        try {
            JsonNode context = new YAMLMapper(YAMLFactory.builder().yamlSchema(YAMLSchema.CORE).build())
                    .readTree(campaignYaml).path("target").path("cluster").path("context");
            return context.isString() && named(context.asString()) ? context.asString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Whether nothing identifying is left (a redacted copy's report). */
    public boolean isEmpty() {
        return hostname == null && nodes.isEmpty() && context == null && bootId == null;
    }

    /**
     * The sentence a report carries about them: what it names, and how to get a copy that
     * does not, or that it names none of them.
     */
    public String sentence() {
        if (isEmpty()) {
            return "This report names no host, node or kube context.";
        }
        List<String> parts = new ArrayList<>();
        if (hostname != null) {
            parts.add("the harness's host (" + hostname + ")");
        }
        if (!nodes.isEmpty()) {
            parts.add(nodes.size() == 1 ? "the node " + nodes.get(0) : nodes.size() + " node names ("
                    + String.join(", ", nodes) + ")");
        }
        if (context != null) {
            parts.add("the kube context " + context);
        }
        if (bootId != null) {
            parts.add("the host's boot id");
        }
        String list = parts.size() == 1 ? parts.get(0) : String.join(", ", parts.subList(0, parts.size() - 1))
                + " and " + parts.get(parts.size() - 1);
        return "This report names " + list + "; node names can be internal IP addresses. Before attaching it"
                + " anywhere, kubens-bench report --redact DIR writes a copy without them.";
    }

    /** Each identifier and the neutral name that replaces it, longest first, so none is cut inside another. */
    Map<String, String> aliases() {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            aliases.put(nodes.get(i), "node-" + (i + 1));
        }
        if (hostname != null) {
            aliases.putIfAbsent(hostname, HOST);
        }
        if (context != null) {
            aliases.putIfAbsent(context, CONTEXT);
        }
        if (bootId != null) {
            aliases.putIfAbsent(bootId, BOOT);
        }
        Map<String, String> longestFirst = new LinkedHashMap<>();
        aliases.entrySet().stream().sorted((a, b) -> Integer.compare(b.getKey().length(), a.getKey().length()))
                .forEach(e -> longestFirst.put(e.getKey(), e.getValue()));
        return longestFirst;
    }
}
