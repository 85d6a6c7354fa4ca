package io.kubensbench.bench.cli;

import io.kubensbench.analysis.results.Environment;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.ResultsStore;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.results.SampleRecord;
import io.kubensbench.bench.campaign.ArmSpec;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.Level;
import io.kubensbench.bench.run.CampaignRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Results directories as the runner writes them, through the store: per repetition, level and
 * arm one run, with a record and a few samples per node (each node its own attempt, as on a
 * cluster). systemd's cores sit around {@code off} and {@code on}; each further node runs its
 * off arm a little hotter.
 */
final class ResultsFixture {

    private ResultsFixture() {
    }

    static Environment environment(String target, List<String> nodes) {
        return new Environment("kubens-bench test", target, "h", "6.18", "systemd 252", "cpu", 2, 1L << 30, "java",
                "boot", "2026-11-27T00:00:00Z", target.equals("cluster") ? "4.16" : null, List.copyOf(nodes));
    }

    /** Every arm of the campaign. */
    static Path write(Path dir, String yaml, CampaignSpec spec, List<String> nodes, int reps, double off, double on)
            throws IOException {
        return write(dir, yaml, spec, nodes, spec.arms().stream().map(ArmSpec::name).toList(), reps, off, on);
    }

    /** Only the arms named, as a campaign whose arms are switched by hand writes one directory per arm. */
    static Path write(Path dir, String yaml, CampaignSpec spec, List<String> nodes, List<String> arms, int reps,
                      double off, double on) throws IOException {
        ResultsStore store = ResultsStore.create(dir, yaml, CampaignRecords.of(spec), spec.target().traits(),
                environment(spec.target().traits().kind(), nodes));
        int index = 0;
        for (int rep = 1; rep <= reps; rep++) {
            for (Level level : spec.levels()) {
                for (ArmSpec arm : spec.arms()) {
                    if (arms.contains(arm.name())) {
                        for (int n = 0; n < nodes.size(); n++) {
                            double base = arm == spec.baseline() ? off * (1 + 0.2 * n) : on;
                            String attempt = nodes.size() == 1 ? "a" + index : "a" + index + "-" + n;
                            RunRecord r = record(index, attempt, rep, level, arm, nodes.get(n),
                                    base * (1 + 0.02 * ((rep % 3) - 1)));
                            store.append(r, samples(r));
                        }
                    }
                    index++;
                }
            }
        }
        return dir;
    }

    static RunRecord record(int index, String attempt, int rep, Level level, ArmSpec arm, String node, double cores) {
        long measureNs = 12_000_000_000L;
        boolean off = arm.state().label().equals("off");
        long mounts = 14L * level.workload().pods();
        return RunRecord.builder()
                .index(index)
                .attempt(attempt)
                .repetition(rep)
                .level(level.name())
                .pods(level.workload().pods())
                .arm(arm.name())
                .encapsulation(arm.state().label())
                .node(node)
                .startedAt("2026-11-27T00:00:00Z")
                .endedAt("2026-11-27T00:00:20Z")
                .measureNs(measureNs)
                .systemdSchedNs((long) (cores * measureNs))
                .systemdStatTicks((long) (cores * 1200))
                .ticksPerSecond(100)
                .mountEvents(1680)
                .systemdMounts(off ? mounts + 47 : 47)
                .kubeletMounts(mounts + 47)
                .systemdMntNs("mnt:[1]")
                .kubeletMntNs(off ? "mnt:[1]" : "mnt:[2]")
                .runtimeMntNs(off ? "mnt:[1]" : "mnt:[2]")
                .samples(3)
                .valid(true)
                .build();
    }

    private static List<SampleRecord> samples(RunRecord r) {
        List<SampleRecord> out = new ArrayList<>();
        for (int seq = 0; seq < 3; seq++) {
            out.add(new SampleRecord(r.index(), r.attempt(), seq, seq * 6_000_000_000L, "measure",
                    seq * r.systemdSchedNs() / 2, seq * r.systemdStatTicks() / 2, 0, 0, 0.3, r.systemdMounts(),
                    r.kubeletMounts(), r.systemdMntNs(), r.kubeletMntNs(), null));
        }
        return out;
    }

    /** The same directory as the tool wrote it before results.json existed: schema version 1. */
    static Path asVersionOne(Path dir) throws IOException {
        Files.delete(dir.resolve(ResultsDir.MANIFEST));
        return dir;
    }
}
