package io.kubensbench.bench.cli;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;

/**
 * The objects as multi-document YAML, each as fabric8 serialises it for the API server, with
 * the plan's notes as comments above them: what {@code kubectl apply -f} and {@code yq} read.
 */
final class ManifestYaml implements ManifestFormat {

    @Override
    public void write(PlanManifests manifests, PrintWriter out) {
        manifests.header().forEach(line -> comment(out, line));
        Set<String> introduced = new HashSet<>();
        for (PlanManifests.Entry entry : manifests.entries()) {
            if (introduced.add(entry.group())) {
                manifests.intro(entry.group()).forEach(line -> comment(out, line));
            }
            entry.notes().forEach(line -> comment(out, line));
            String yaml = Serialization.asYaml(entry.object());
            out.print(yaml.startsWith("---") ? yaml : "---\n" + yaml);
            if (!yaml.endsWith("\n")) {
                out.println();
            }
        }
    }

    private static void comment(PrintWriter out, String line) {
        out.println("# " + line);
    }
}
