package io.kubensbench.bench.campaign;

import io.kubensbench.workloads.spec.WorkloadSpec;
import io.kubensbench.workloads.time.Durations;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A campaign file (docs/design.md, Campaign file) once read and checked: what to put on which node, the
 * two arms to compare, and how to schedule and sample the runs. Everything the runner, the
 * plan and the report need is here, so nothing downstream reads the file again.
 *
 * <p>The first arm is the baseline and the second is compared against it, so the order of
 * {@code arms} carries meaning. {@code levels} always holds at least one level: without
 * {@code levels} in the file, the base workload is the only one ({@link Level#base}).
 *
 * <p>Invalid values fail with an {@link InvalidCampaignException} naming the field. For
 * building a campaign in code, a null {@code levels}, {@code schedule} or {@code sampling}
 * means the default. {@code prometheus} is null when the file has no {@code prometheus} block.
 */
public record CampaignSpec(String name, TargetSpec target, WorkloadSpec workload, List<Level> levels,
        List<ArmSpec> arms, Schedule schedule, SamplingSpec sampling, PrometheusSpec prometheus) {

    public static final int MAX_NAME_LENGTH = 63;
    /** A campaign compares exactly two arms: a baseline and a candidate. */
    public static final int ARMS = 2;
    /** More would take days at the default schedule; surely a generated file gone wrong. */
    public static final int MAX_LEVELS = 100;
    /** Fewer samples in a window leave no rate to check the edge counters against. */
    public static final int MIN_SAMPLES_PER_WINDOW = 2;

    public CampaignSpec {
        checkName(name);
        if (target == null) {
            throw new InvalidCampaignException("target", "is required");
        }
        if (workload == null) {
            throw new InvalidCampaignException("workload", "is required");
        }
        levels = levels == null ? List.of(Level.base(workload)) : List.copyOf(levels);
        if (levels.isEmpty() || levels.size() > MAX_LEVELS) {
            throw new InvalidCampaignException("levels", "must list 1 to " + MAX_LEVELS
                    + " levels, or be left out (got " + levels.size() + ")");
        }
        checkUnique("levels", levels.stream().map(Level::name).toList(), "level", "");
        if (arms == null) {
            throw new InvalidCampaignException("arms", "is required");
        }
        if (arms.size() != ARMS) {
            throw wrongArmCount(arms.size());
        }
        arms = List.copyOf(arms);
        checkUnique("arms", arms.stream().map(ArmSpec::name).toList(), "arm",
                "; to measure one state twice, name the arms: [{name: off-a, encapsulation: off},"
                        + " {name: off-b, encapsulation: off}]");
        schedule = schedule == null ? Schedule.defaults(Order.defaultFor(target.traits().armSwitching())) : schedule;
        if (schedule.order() == Order.ABA && !target.traits().switchesItself()) {
            throw new InvalidCampaignException("schedule.order", "aba needs a target that switches the arms itself;"
                    + " with encapsulation: manual each arm is its own invocation: use blocked (the default there)");
        }
        sampling = sampling == null ? SamplingSpec.defaults() : sampling;
        Duration shortest = sampling.interval().multipliedBy(MIN_SAMPLES_PER_WINDOW);
        if (schedule.measure().compareTo(shortest) < 0) {
            throw new InvalidCampaignException("schedule.measure", "must be at least twice sampling.interval, "
                    + Durations.exact(shortest) + " (got " + Durations.exact(schedule.measure()) + ")");
        }
    }

    /** This campaign with another order of its runs (a resumed campaign keeps the order it started with). */
    public CampaignSpec withOrder(Order order) {
        return new CampaignSpec(name, target, workload, levels, arms, schedule.withOrder(order), sampling, prometheus);
    }

    /** A campaign without a {@code prometheus} block. */
    public CampaignSpec(String name, TargetSpec target, WorkloadSpec workload, List<Level> levels,
            List<ArmSpec> arms, Schedule schedule, SamplingSpec sampling) {
        this(name, target, workload, levels, arms, schedule, sampling, null);
    }

    /** The arm every other is compared against: the first in the file. */
    public ArmSpec baseline() {
        return arms.get(0);
    }

    /** The arm compared against the baseline: the second in the file. */
    public ArmSpec candidate() {
        return arms.get(1);
    }

    static InvalidCampaignException wrongArmCount(int got) {
        return new InvalidCampaignException("arms", "must list exactly two arms (got " + got + ")");
    }

    static void checkName(String name) {
        if (name == null) {
            throw new InvalidCampaignException("name", "is required");
        }
        if (name.isBlank()) {
            throw new InvalidCampaignException("name", "must not be blank");
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_NAME_LENGTH) {
            throw new InvalidCampaignException("name",
                    "must be at most " + MAX_NAME_LENGTH + " characters (got " + length + ")");
        }
        int[] codePoints = name.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            if (!printable(codePoints[i])) {
                throw new InvalidCampaignException("name", String.format(
                        "must be printable text (character %d is U+%04X)", i + 1, codePoints[i]));
            }
        }
    }

    /**
     * Anything a terminal and a report can show as text: no control or format characters (a
     * bidi override would make the name read differently than it is), except the zero-width
     * joiner that emoji sequences need.
     */
    private static boolean printable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE,
                    Character.UNASSIGNED, Character.PRIVATE_USE -> false;
            case Character.FORMAT -> c == 0x200D;
            default -> true;
        };
    }

    private static void checkUnique(String path, List<String> names, String what, String hint) {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Integer earlier = first.putIfAbsent(names.get(i), i);
            if (earlier != null) {
                throw new InvalidCampaignException(path + "[" + i + "]", "duplicate " + what + " name '"
                        + names.get(i) + "' (" + path + "[" + earlier + "] has it too" + hint + ")");
            }
        }
    }
}
