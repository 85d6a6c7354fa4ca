package io.kubensbench.bench.campaign;

import io.kubensbench.workloads.spec.Churn;
import io.kubensbench.workloads.spec.InvalidSpecException;
import io.kubensbench.workloads.spec.VolumeCounts;
import io.kubensbench.workloads.spec.VolumeKind;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads a campaign's {@code workload} and its {@code levels}. The ranges are
 * {@link WorkloadSpec}'s own: its errors name {@code workload.*} paths, which this class
 * re-roots onto the level that caused them ({@code levels[1].pods}), so the workload model
 * stays the single place that knows what a valid workload is.
 *
 * <p>In the base workload a missing field takes {@link WorkloadSpec#defaults()}'s value, and
 * a {@code volumesPerPod} map lists the pod's volumes: kinds it does not name are 0. A level
 * changes only what it names, and its {@code volumesPerPod} merges over the base counts.
 */
final class WorkloadReader {

    static final List<String> FIELDS = List.of("pods", "containersPerPod", "volumesPerPod", "churn");
    static final List<String> LEVEL_FIELDS = List.of("name", "pods", "containersPerPod", "volumesPerPod", "churn");
    static final List<String> CHURN_FIELDS = List.of("podsPerSecond");
    /** The YAML key of each volume kind, in {@link VolumeKind} order. */
    static final List<String> VOLUME_FIELDS = Arrays.stream(VolumeKind.values()).map(WorkloadReader::key).toList();

    private static final String WORKLOAD = "workload";
    private static final VolumeCounts NO_VOLUMES = new VolumeCounts(0, 0, 0, 0, 0, 0);

    /** The {@code workload} map. */
    WorkloadSpec base(YamlField f) {
        f.map(FIELDS);
        WorkloadSpec defaults = WorkloadSpec.defaults();
        YamlField pods = f.get("pods");
        YamlField containers = f.get("containersPerPod");
        YamlField volumes = f.get("volumesPerPod");
        YamlField churn = f.get("churn");
        int podCount = pods.present() ? pods.integer() : defaults.pods();
        int containerCount = containers.present() ? containers.integer() : defaults.containersPerPod();
        int[] volumeCounts = volumes.present() ? volumes(volumes, NO_VOLUMES) : counts(defaults.volumesPerPod());
        Double podsPerSecond = churn.present() ? podsPerSecond(churn) : null;
        return checked(WORKLOAD, () -> new WorkloadSpec(podCount, containerCount, volumeCounts(volumeCounts),
                podsPerSecond == null ? defaults.churn() : new Churn(podsPerSecond)));
    }

    /** The {@code levels} list, or the base workload as the only level when there is none. */
    List<Level> levels(YamlField f, WorkloadSpec base) {
        if (!f.present()) {
            return List.of(Level.base(base));
        }
        List<YamlField> items = f.list();
        if (items.isEmpty()) {
            throw f.problem("must list at least one level, or be left out");
        }
        List<Level> levels = new ArrayList<>(items.size());
        for (YamlField item : items) {
            levels.add(level(item, base));
        }
        return levels;
    }

    private Level level(YamlField f, WorkloadSpec base) {
        if (f.node() == null || !f.node().isObject()) {
            throw f.problem("must be a map such as {pods: 50} (got " + f.got() + ")");
        }
        f.map(LEVEL_FIELDS);
        List<String> changes = new ArrayList<>();
        YamlField pods = f.get("pods");
        YamlField containers = f.get("containersPerPod");
        YamlField volumes = f.get("volumesPerPod");
        YamlField churn = f.get("churn");
        YamlField name = f.get("name");
        int podCount = base.pods();
        if (pods.present()) {
            podCount = pods.integer();
            changes.add("pods=" + podCount);
        }
        int containerCount = base.containersPerPod();
        if (containers.present()) {
            containerCount = containers.integer();
            changes.add("containersPerPod=" + containerCount);
        }
        int[] volumeCounts = counts(base.volumesPerPod());
        if (volumes.present()) {
            volumeCounts = volumes(volumes, base.volumesPerPod());
            for (int k = 0; k < VOLUME_FIELDS.size(); k++) {
                if (volumes.get(VOLUME_FIELDS.get(k)).present()) {
                    changes.add(VOLUME_FIELDS.get(k) + "=" + volumeCounts[k]);
                }
            }
        }
        Churn levelChurn = base.churn();
        if (churn.present()) {
            double rate = podsPerSecond(churn);
            levelChurn = checked(f.path(), () -> new Churn(rate));
            changes.add("churn=" + plain(rate));
        }
        int finalPods = podCount;
        int finalContainers = containerCount;
        int[] finalVolumes = volumeCounts;
        Churn finalChurn = levelChurn;
        WorkloadSpec workload = checked(f.path(), () -> new WorkloadSpec(finalPods, finalContainers,
                volumeCounts(finalVolumes), finalChurn));
        String levelName;
        if (name.present()) {
            levelName = name.text();
        } else if (changes.isEmpty()) {
            throw f.problem("must change at least one of " + String.join(", ", FIELDS)
                    + ", or give a name");
        } else {
            levelName = String.join(",", changes);
        }
        try {
            return new Level(levelName, workload);
        } catch (InvalidCampaignException e) {
            throw e.under(f.path());
        }
    }

    /** A {@code volumesPerPod} map merged over {@code over}, in {@link #VOLUME_FIELDS} order. */
    private static int[] volumes(YamlField f, VolumeCounts over) {
        f.map(VOLUME_FIELDS);
        int[] counts = counts(over);
        for (int k = 0; k < VOLUME_FIELDS.size(); k++) {
            YamlField count = f.get(VOLUME_FIELDS.get(k));
            if (count.present()) {
                counts[k] = count.integer();
            }
        }
        return counts;
    }

    private static double podsPerSecond(YamlField churn) {
        churn.map(CHURN_FIELDS);
        return churn.get("podsPerSecond").required().number();
    }

    private static int[] counts(VolumeCounts v) {
        VolumeKind[] kinds = VolumeKind.values();
        int[] counts = new int[kinds.length];
        for (int k = 0; k < kinds.length; k++) {
            counts[k] = v.count(kinds[k]);
        }
        return counts;
    }

    private static VolumeCounts volumeCounts(int[] c) {
        return new VolumeCounts(c[VolumeKind.SECRET.ordinal()], c[VolumeKind.PROJECTED.ordinal()],
                c[VolumeKind.CONFIG_MAP.ordinal()], c[VolumeKind.EMPTY_DIR_MEMORY.ordinal()],
                c[VolumeKind.DOWNWARD_API.ordinal()], c[VolumeKind.EMPTY_DIR_DISK.ordinal()]);
    }

    /** The campaign file's name for a volume kind: {@link VolumeCounts}'s component name. */
    static String key(VolumeKind kind) {
        return switch (kind) {
            case SECRET -> "secret";
            case PROJECTED -> "projected";
            case CONFIG_MAP -> "configMap";
            case EMPTY_DIR_MEMORY -> "emptyDirMemory";
            case DOWNWARD_API -> "downwardAPI";
            case EMPTY_DIR_DISK -> "emptyDirDisk";
        };
    }

    /** {@code 5} for 5.0, {@code 0.5} for 0.5: how a person writes the rate in a level's name. */
    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * Builds a workload value, turning {@link WorkloadSpec}'s errors into campaign errors under
     * {@code root}: {@code workload.pods} stays as is for the base and becomes
     * {@code levels[1].pods} for a level.
     */
    private static <T> T checked(String root, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidSpecException e) {
            String path = e.path();
            String rest = path.equals(WORKLOAD) ? "" : path.startsWith(WORKLOAD + ".")
                    ? path.substring(WORKLOAD.length()) : "." + path;
            throw new InvalidCampaignException(root + rest, e.problem());
        }
    }
}
