package io.kubensbench.bench.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run creates, counted per kind and namespace, with the commands that print the YAML:
 * what {@code plan --manifests} shows at a terminal, where an administrator first wants to see
 * how much a run creates and where, then reads the objects that grant privileges.
 */
final class ManifestSummary implements ManifestFormat {

    /** The kinds an administrator reviews before granting a run access: privileges and reboots. */
    static final List<String> REVIEWED = List.of("SecurityContextConstraints", "ClusterRole", "RoleBinding",
            "MachineConfig");
    /** Up to this many names are listed in a row; more are only counted. */
    private static final int NAMED = 3;

    private final String command;

    /** @param command the invocation to suggest, up to {@code --manifests} ({@code kubens-bench plan F.yaml}) */
    ManifestSummary(String command) {
        this.command = command;
    }

    private record Row(String kind, String namespace, List<String> names) {
    }

    @Override
    public void write(PlanManifests manifests, PrintWriter out) {
        manifests.header().forEach(out::println);
        Map<String, Row> rows = new LinkedHashMap<>();
        for (PlanManifests.Entry e : manifests.entries()) {
            String namespace = e.namespace() == null ? "-" : e.namespace();
            rows.computeIfAbsent(e.kind() + "\n" + namespace, k -> new Row(e.kind(), namespace, new ArrayList<>()))
                    .names().add(e.object().getMetadata().getName());
        }
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"kind", "namespace", "objects", "names"});
        for (Row row : rows.values()) {
            table.add(new String[] {row.kind(), row.namespace(), Integer.toString(row.names().size()),
                row.names().size() <= NAMED ? String.join(", ", row.names()) : ""});
        }
        out.println();
        PlanText.table(out, "", table, 2);
        out.println();
        List<String> reviewed = REVIEWED.stream().filter(manifests.kinds()::contains).toList();
        out.println("a summary, as the output is a terminal; the objects as YAML:");
        if (!reviewed.isEmpty()) {
            out.println("  " + command + " --manifests --kind " + String.join(",", reviewed) + "   # the privileges"
                    + (reviewed.contains("MachineConfig") ? " and the switches" : "") + ", to review");
        }
        out.println("  " + command + " --manifests --kind all   # every object, here");
        out.println("  " + command + " --manifests > manifests.yaml   # every object, into a file");
    }
}
