package io.kubensbench.bench.cli;

import java.io.PrintWriter;

/**
 * One way {@code plan --manifests} prints a run's objects: the YAML itself for a file, a pipe
 * or {@code kubectl}, or a summary for a person at a terminal, where 70,000 lines of YAML
 * would only scroll past.
 */
interface ManifestFormat {

    void write(PlanManifests manifests, PrintWriter out);
}
