package io.kubensbench.bench.observe;

import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.workloads.time.Durations;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The observation as run, in the results directory's {@code campaign.yaml}: what a campaign
 * directory keeps there is the file the user wrote, and an observation has none, so its
 * command's settings are kept in the same shape ({@code target.cluster}, which reports read
 * for the kube context they name). It says it is not a campaign: {@code run} neither runs
 * nor resumes it.
 */
public final class ObservationFile {

    public static final String KIND = "Observation";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ObservationFile() {
    }

    /** The YAML text for {@code plan} on {@code target}. */
    public static String yaml(ObservePlan plan, ClusterTargetSpec target) {
        StringBuilder y = new StringBuilder()
                .append("# kubens-bench observe, as run: the nodes' own workload, read by the node probe alone.\n")
                .append("# Not a campaign file: kubens-bench run neither runs nor resumes it.\n")
                .append("apiVersion: kubens-bench/v1\n")
                .append("kind: ").append(KIND).append('\n')
                .append("name: ").append(quoted(plan.name())).append('\n')
                .append("target:\n  cluster:\n");
        if (target.context() != null) {
            y.append("    context: ").append(quoted(target.context())).append('\n');
        }
        y.append("    nodeSelector: {");
        String sep = "";
        for (Map.Entry<String, String> e : target.nodeSelector().entrySet()) {
            y.append(sep).append(quoted(e.getKey())).append(": ").append(quoted(e.getValue()));
            sep = ", ";
        }
        y.append("}\n")
                .append("    encapsulation: ").append(target.encapsulation()).append('\n')
                .append("    image: ").append(quoted(target.image())).append('\n')
                .append("    probeAsRoot: ").append(target.probeAsRoot()).append('\n')
                .append("observe:\n")
                .append("  arm: ").append(plan.first().label()).append('\n');
        if (plan.then() != null) {
            y.append("  switchTo: ").append(plan.then().label()).append('\n');
        }
        y.append("  duration: ").append(plan.duration() == null ? "until stopped" : Durations.exact(plan.duration()))
                .append('\n')
                .append("  window: ").append(Durations.exact(plan.window())).append('\n')
                .append("  warmup: ").append(Durations.exact(plan.warmup())).append('\n')
                .append("  interval: ").append(Durations.exact(plan.interval())).append('\n');
        return y.toString();
    }

    /** A YAML double-quoted scalar: JSON's string syntax, which YAML reads as is. */
    private static String quoted(String text) {
        return JSON.writeValueAsString(text);
    }
}
