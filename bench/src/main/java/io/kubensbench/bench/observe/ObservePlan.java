package io.kubensbench.bench.observe;

import io.kubensbench.analysis.results.CampaignRecord;
import io.kubensbench.bench.campaign.ArmSpec;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.campaign.SamplingSpec;
import io.kubensbench.workloads.time.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an observation of the nodes' own workload is to measure: the arm the nodes are in, and
 * optionally the arm to switch them to after it; how long each arm is observed (or until
 * Ctrl-C), cut into equal windows, each window one record per node. Checked when made, each
 * problem one line naming the option, so nothing starts on a plan that cannot be kept.
 *
 * @param name     names the observation in its results
 * @param first    the arm the nodes are in, observed first
 * @param then     the arm switched to and observed second; null to observe {@code first} only
 * @param duration how long each arm is observed; null for until Ctrl-C (one arm only)
 * @param window   the length of one window, the unit of analysis
 * @param warmup   waited after the arm is checked or switched, before the first window; not recorded
 * @param interval how often the node probe prints a line
 */
public record ObservePlan(String name, Encapsulation first, Encapsulation then, Duration duration, Duration window,
                          Duration warmup, Duration interval) {

    public static final String DEFAULT_NAME = "observe";
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    /** A window needs two probe lines at least, or it has no counter delta. */
    public static final int MIN_LINES_PER_WINDOW = 2;
    public static final Duration MAX = Duration.ofHours(24 * 7);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    public ObservePlan {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(interval, "interval");
        warmup = warmup == null ? Duration.ZERO : warmup;
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("--name " + name + ": 1 to 63 letters, digits or '._-', starting with a"
                    + " letter or digit");
        }
        if (interval.compareTo(SamplingSpec.MIN_INTERVAL) < 0 || interval.compareTo(SamplingSpec.MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("--interval " + Durations.exact(interval) + " must be between "
                    + Durations.exact(SamplingSpec.MIN_INTERVAL) + " and " + Durations.exact(SamplingSpec.MAX_INTERVAL)
                    + ", as a campaign's sampling.interval");
        }
        positive("--window", window);
        if (window.compareTo(interval.multipliedBy(MIN_LINES_PER_WINDOW)) < 0) {
            throw new IllegalArgumentException("--window " + Durations.exact(window) + " must be at least twice --interval"
                    + " (" + Durations.exact(interval.multipliedBy(MIN_LINES_PER_WINDOW)) + "): a window needs two probe"
                    + " lines");
        }
        if (warmup.isNegative() || warmup.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("--warmup " + Durations.exact(warmup) + " must be between 0s and "
                    + Durations.exact(MAX));
        }
        if (duration != null) {
            positive("--duration", duration);
            if (duration.compareTo(window) < 0 || duration.toNanos() % window.toNanos() != 0) {
                long windows = Math.max(1, Math.round((double) duration.toNanos() / window.toNanos()));
                throw new IllegalArgumentException("--duration " + Durations.exact(duration) + " is not a whole number of "
                        + Durations.exact(window) + " windows (--window): give e.g. --duration "
                        + Durations.exact(window.multipliedBy(windows)));
            }
        }
        if (then != null && then == first) {
            throw new IllegalArgumentException("--switch-to " + then.label() + " is the arm the nodes are already in"
                    + " (--arm " + first.label() + "): switch to the other one, or leave --switch-to out");
        }
        if (then != null && duration == null) {
            throw new IllegalArgumentException("--switch-to " + then.label() + " needs --duration: how long to observe"
                    + " each arm before and after the switch");
        }
    }

    private static void positive(String option, Duration d) {
        if (d.isNegative() || d.isZero() || d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(option + " " + Durations.exact(d) + " must be more than 0s and at most "
                    + Durations.exact(MAX));
        }
    }

    /** The arms in the order they are observed: one, or the first and the one switched to. */
    public List<ArmSpec> arms() {
        List<ArmSpec> arms = new ArrayList<>(List.of(ArmSpec.of(first)));
        if (then != null) {
            arms.add(ArmSpec.of(then));
        }
        return List.copyOf(arms);
    }

    /** Windows per arm; 0 when the arm is observed until Ctrl-C. */
    public int windowsPerArm() {
        return duration == null ? 0 : (int) (duration.toNanos() / window.toNanos());
    }

    /** Whether kubens-bench switches the nodes between arms (a MachineConfig rollout). */
    public boolean switches() {
        return then != null;
    }

    /**
     * The observation as its results directory describes it, in the shape every campaign has,
     * so analysis and reports read it as one: the arms off (baseline) and on (candidate)
     * whichever is observed, so that two directories of one arm each pool; one level, the
     * nodes' own workload; windows as runs, in a blocked order (one arm, then the other).
     */
    public CampaignRecord campaign() {
        return campaign(null);
    }

    /** As {@link #campaign()}, with the Prometheus its windows are compared with (null for none). */
    public CampaignRecord campaign(CampaignRecord.Prometheus prometheus) {
        List<CampaignRecord.Arm> arms = List.of(
                new CampaignRecord.Arm(Encapsulation.OFF.label(), Encapsulation.OFF.label(), CampaignRecord.BASELINE),
                new CampaignRecord.Arm(Encapsulation.ON.label(), Encapsulation.ON.label(), CampaignRecord.CANDIDATE));
        return new CampaignRecord(name, "cluster", arms, List.of(CampaignRecord.Level.external()),
                new CampaignRecord.Schedule(seconds(warmup), seconds(window), windowsPerArm(), "blocked", 0),
                seconds(interval), prometheus);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
