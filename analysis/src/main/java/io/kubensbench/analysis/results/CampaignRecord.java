package io.kubensbench.analysis.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The campaign as it ran, normalised: what {@code results.json} keeps so that a results
 * directory is read without the campaign file's reader, which checks a campaign against the
 * machine that would run it. A directory analysed elsewhere (a lab run copied to a laptop, a
 * cluster campaign analysed where no cluster is) must read the same as where it was written.
 *
 * <p>Fields a version-1 directory's {@code campaign.yaml} does not give are null:
 * {@code schedule}, {@code samplingIntervalSeconds} and each level's {@code mountsPerPod}.
 *
 * @param name                    the campaign's name
 * @param target                  the target's kind, {@code lab} or {@code cluster}
 * @param arms                    the two arms in the file's order: the baseline, then the candidate
 * @param levels                  the levels in the file's order
 * @param schedule                warm-up, measure window and order of the runs
 * @param samplingIntervalSeconds how often the runs were sampled
 * @param prometheus              how the runs were compared with a Prometheus; null when they were not
 */
public record CampaignRecord(String name, String target, List<Arm> arms, List<Level> levels, Schedule schedule,
                             Double samplingIntervalSeconds, Prometheus prometheus) {

    public static final String BASELINE = "baseline";
    public static final String CANDIDATE = "candidate";

    public CampaignRecord {
        arms = arms == null ? List.of() : List.copyOf(arms);
        levels = levels == null ? List.of() : List.copyOf(levels);
    }

    /** A campaign whose runs were not compared with a Prometheus. */
    public CampaignRecord(String name, String target, List<Arm> arms, List<Level> levels, Schedule schedule,
                          Double samplingIntervalSeconds) {
        this(name, target, arms, levels, schedule, samplingIntervalSeconds, null);
    }

    /**
     * One arm.
     *
     * @param encapsulation the state its runs were measured in, {@code off} or {@code on}
     * @param role          {@link #BASELINE} for the first arm, {@link #CANDIDATE} for the second
     */
    public record Arm(String name, String encapsulation, String role) {
    }

    /**
     * One level, named as the run records name it ({@code pods=200}).
     *
     * @param mountsPerPod       the host mounts of one pod by the workload's mount plan
     * @param churnPodsPerSecond pods replaced per second while measuring
     * @param workload           whose load the nodes carried: null for the campaign's own pods,
     *                           {@value #EXTERNAL} for the nodes' own workload, observed with no
     *                           pods of kubens-bench ({@code pods} 0, no mount plan, no churn)
     */
    public record Level(String name, int pods, Integer mountsPerPod, Double churnPodsPerSecond,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String workload) {

        /** A level of the campaign's own pods. */
        public Level(String name, int pods, Integer mountsPerPod, Double churnPodsPerSecond) {
            this(name, pods, mountsPerPod, churnPodsPerSecond, null);
        }

        /** The level of an observation: whatever the nodes ran on their own, none of it ours. */
        public static Level external() {
            return new Level(EXTERNAL_LEVEL, 0, null, null, EXTERNAL);
        }

        /** Whether the load was the nodes' own, observed, rather than pods kubens-bench deployed. */
        @JsonIgnore
        public boolean isExternal() {
            return EXTERNAL.equals(workload);
        }
    }

    /** {@link Level#workload()} of a level whose load was the nodes' own workload, observed. */
    public static final String EXTERNAL = "external";
    /** The name of that level, as its records name it. */
    public static final String EXTERNAL_LEVEL = "workload=external";

    /** Whether the campaign observed the nodes' own workload ({@code kubens-bench observe}) instead of deploying one. */
    public boolean observed() {
        return levels.stream().anyMatch(Level::isExternal);
    }

    /**
     * How long and in what order the runs went; {@code order} is {@code interleaved},
     * {@code random}, {@code blocked} or {@code aba}: the design, which says what the analysis can
     * tell apart (an arm from a drift over time).
     */
    public record Schedule(double warmupSeconds, double measureSeconds, int repetitions, String order, long seed) {
    }

    /**
     * The Prometheus the runs were compared with: what was asked and how far apart the two
     * figures may be. Where Prometheus was (its URL) is not kept: it names a host.
     *
     * @param query     the query template, its {@code {{node}}} and {@code {{window}}} filled in per run and node
     * @param tolerance when the harness's and Prometheus's figures are said to disagree
     */
    public record Prometheus(String query, AgreementTolerance tolerance) {
    }

    /** The arm the other is compared against. */
    public Arm baseline() {
        return arm(BASELINE, 0);
    }

    /** The arm compared against the baseline. */
    public Arm candidate() {
        return arm(CANDIDATE, 1);
    }

    private Arm arm(String role, int position) {
        return arms.stream().filter(a -> role.equals(a.role())).findFirst().orElseGet(() -> {
            if (arms.size() != 2) {
                throw new IllegalArgumentException("campaign '" + name + "' lists " + arms.size()
                        + " arms; a campaign compares exactly two");
            }
            return arms.get(position);
        });
    }
}
