package io.kubensbench.bench.cli;

import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.text.Numbers;
import io.kubensbench.bench.campaign.ArmSpec;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.Level;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * systemd's CPU per level and arm, from the valid runs: the plain facts of a campaign,
 * printed at its end. An arm whose counter did not move in any run reads {@code 0 ns}, as the
 * analysis says it, not as a share rounded to 0.00%.
 */
final class ArmTable {

    private final PrintWriter out;

    ArmTable(PrintWriter out) {
        this.out = out;
    }

    void print(CampaignSpec spec, List<RunRecord> runs) {
        out.println();
        out.printf(Locale.ROOT, "%-16s %-8s %3s %12s %12s %14s %12s %10s%n", "level", "arm", "n", "systemd CPU",
                "min..max", "mounts seen", "mount ev/s", "invalid");
        for (Level level : spec.levels()) {
            for (ArmSpec arm : spec.arms()) {
                List<RunRecord> cell = runs.stream()
                        .filter(r -> r.level().equals(level.name()) && r.arm().equals(arm.name())).toList();
                List<RunRecord> valid = cell.stream().filter(RunRecord::valid).toList();
                if (valid.isEmpty()) {
                    out.printf(Locale.ROOT, "%-16s %-8s %3d %12s %12s %14s %12s %10d%n", level.name(), arm.name(), 0,
                            "-", "-", "-", "-", cell.size());
                    continue;
                }
                double mean = valid.stream().mapToDouble(RunRecord::systemdCores).average().orElse(0);
                boolean idle = valid.stream().allMatch(r -> r.systemdSchedNs() == 0);
                double min = valid.stream().mapToDouble(RunRecord::systemdCores).min().orElse(0);
                double max = valid.stream().mapToDouble(RunRecord::systemdCores).max().orElse(0);
                double mounts = valid.stream().mapToLong(RunRecord::systemdMounts).average().orElse(0);
                double events = valid.stream().mapToDouble(RunRecord::mountEventsPerSecond).filter(Double::isFinite)
                        .average().orElse(Double.NaN);
                out.printf(Locale.ROOT, "%-16s %-8s %3d %12s %5s..%-5s %14.0f %12s %10d%n", level.name(),
                        arm.name(), valid.size(), idle ? "0 ns" : Numbers.coreShare(mean), Numbers.fixed(100 * min, 2),
                        Numbers.fixed(100 * max, 2), mounts, Double.isNaN(events) ? "-" : Numbers.fixed(events, 0),
                        cell.size() - valid.size());
            }
        }
        out.println("systemd CPU: % of one core over the measure window (schedstat), mean of the valid runs");
    }
}
