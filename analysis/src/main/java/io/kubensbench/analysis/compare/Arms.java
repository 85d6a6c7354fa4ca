package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.stats.Descriptive;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** An arm's runs described: {@link ArmStats} from run records, and the exclusions by reason. */
final class Arms {

    private Arms() {
    }

    /** The arm {@code name} over its runs at one level, valid or not. */
    static ArmStats of(String name, List<RunRecord> runs) {
        List<RunRecord> valid = runs.stream().filter(RunRecord::valid).toList();
        double[] cores = validCores(runs);
        Map<String, Integer> exclusions = reasons(runs);
        String encapsulation = runs.isEmpty() ? null
                : runs.stream().map(RunRecord::encapsulation).filter(Objects::nonNull).distinct()
                        .collect(Collectors.joining(","));
        int excluded = exclusions.values().stream().mapToInt(Integer::intValue).sum();
        int zeroRuns = (int) valid.stream().filter(r -> r.systemdSchedNs() == 0).count();
        double resolution = valid.stream().mapToDouble(RunRecord::systemdResolution).filter(r -> !Double.isNaN(r))
                .max().orElse(Double.NaN);
        double spread = valid.stream().mapToDouble(RunRecord::systemdCores).max().orElse(Double.NaN)
                - valid.stream().mapToDouble(RunRecord::systemdCores).min().orElse(Double.NaN);
        boolean constant = valid.size() >= 2 && spread <= resolution;
        return new ArmStats(name, encapsulation, cores.length, excluded, exclusions, Descriptive.of(cores),
                zeroRuns, resolution, constant);
    }

    /** systemd's CPU in cores of the valid runs, in their order. */
    static double[] validCores(List<RunRecord> runs) {
        return runs.stream().filter(RunRecord::valid).mapToDouble(RunRecord::systemdCores).toArray();
    }

    /** Invalid runs by reason, in order of first appearance. */
    static Map<String, Integer> reasons(List<RunRecord> runs) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            if (!r.valid()) {
                String reason = r.invalidReason() == null || r.invalidReason().isBlank()
                        ? "no reason given" : r.invalidReason();
                out.merge(reason, 1, Integer::sum);
            }
        }
        return out;
    }
}
