package io.kubensbench.reports.exports;

import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.reports.ReportData;

/** {@code runs.csv}: one row per run (its current attempt), valid or not, for a spreadsheet. */
public final class RunsCsvExport implements SummaryExport {

    @Override
    public String fileName() {
        return "runs.csv";
    }

    @Override
    public String render(ReportData data) {
        StringBuilder b = new StringBuilder(Csv.row("index", "attempt", "repetition", "level", "pods", "arm",
                "encapsulation", "node", "started_at", "measure_s", "systemd_cores", "systemd_stat_cores",
                "kubelet_cores", "harness_cores", "mount_events", "mount_events_per_s", "systemd_mounts",
                "kubelet_mounts", "systemd_mnt_ns", "kubelet_mnt_ns", "runtime_mnt_ns", "samples", "resets", "valid",
                "invalid_reason"));
        for (RunRecord r : data.runs()) {
            b.append(Csv.row(r.index(), r.attempt(), r.repetition(), r.level(), r.pods(), r.arm(), r.encapsulation(),
                    r.node(), r.startedAt(), r.measureNs() / 1e9, r.systemdCores(), r.systemdStatCores(),
                    r.kubeletCores(), r.harnessCores(), r.mountEvents(), r.mountEventsPerSecond(), r.systemdMounts(),
                    r.kubeletMounts(), r.systemdMntNs(), r.kubeletMntNs(), r.runtimeMntNs(), r.samples(), r.resets(),
                    r.valid(), r.invalidReason()));
        }
        return b.toString();
    }
}
