package io.kubensbench.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.results.Environment;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.ResultsStore;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.results.TargetTraits;
import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.plan.Plan;
import io.kubensbench.bench.run.CampaignRecords;
import io.kubensbench.bench.run.Progress;
import io.kubensbench.bench.run.Runner;
import io.kubensbench.bench.sampling.SampleSource;
import io.kubensbench.bench.target.MountBase;
import io.kubensbench.bench.target.NamespaceIdentities;
import io.kubensbench.bench.target.Settled;
import io.kubensbench.bench.target.Target;
import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lab node's mount tables hold exactly what the mount plan says in every run, whatever ran
 * before: an arm never inherits the other arm's state, and a leftover is caught.
 */
class LabFidelityTest {

    /** {@code order: random} with seed 4097 runs off, on, off, on: each off run follows an on run but the first. */
    private static final String ALTERNATING = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: lab-fidelity
            target: {lab: {}}
            workload:
              pods: 200
              containersPerPod: 2
              churn: {podsPerSecond: 5}
            arms: [off, on]
            schedule: {warmup: 1s, measure: 2s, repetitions: 2, order: random, seed: 4097}
            sampling: {interval: 500ms}
            """;

    private static final String STEADY_AA = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: lab-leftover
            target: {lab: {}}
            workload: {pods: 20, containersPerPod: 2}
            arms: [{name: off-a, encapsulation: off}, {name: off-b, encapsulation: off}]
            schedule: {warmup: 0s, measure: 1s, repetitions: 1}
            sampling: {interval: 500ms}
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void requireLab() {
        LabAssumptions.assumeLab();
    }

    @Test
    void offRunsHoldTheSameMountsWhetherOrNotAnOnRunCameBefore() throws Exception {
        CampaignSpec spec = new CampaignReader().parse(ALTERNATING, "fidelity.yaml");
        assertThat(Plan.of(spec).runs()).extracting(r -> r.arm().name()).containsExactly("off", "on", "off", "on");
        HostSnapshot host = HostSnapshot.take();
        List<RunRecord> runs = run(spec, ALTERNATING, new LabTarget("test"));

        assertThat(runs).hasSize(4).allSatisfy(r -> assertThat(r.valid()).as(r.invalidReason()).isTrue());
        RunRecord first = runs.get(0);
        RunRecord afterOn = runs.get(2);
        long tolerance = first.mountTolerance();
        // a second's churn (5 pods) by the mount plan
        assertThat(tolerance).isEqualTo(5L * new MountPlan(spec.workload()).mountsPerPod());
        assertThat(afterOn.expectedSystemdMounts()).isEqualTo(first.expectedSystemdMounts());
        assertThat(afterOn.systemdMounts()).isCloseTo(first.systemdMounts(), org.assertj.core.data.Offset.offset(tolerance));
        assertThat(afterOn.systemdMounts()).isCloseTo(afterOn.expectedSystemdMounts(),
                org.assertj.core.data.Offset.offset(tolerance));
        for (RunRecord on : List.of(runs.get(1), runs.get(3))) {
            // encapsulated: systemd holds the node's own mounts only, the same in each on run
            assertThat(on.systemdMounts()).isEqualTo(on.expectedSystemdMounts()).isLessThan(100);
            assertThat(on.kubeletMounts()).isCloseTo(on.expectedKubeletMounts(),
                    org.assertj.core.data.Offset.offset(tolerance));
        }
        assertThat(HostSnapshot.take()).isEqualTo(host);
    }

    @Test
    void aLeftoverMountInTheNodesTableMakesTheNextRunInvalid() throws Exception {
        CampaignSpec spec = new CampaignReader().parse(STEADY_AA, "leftover.yaml");
        HostSnapshot host = HostSnapshot.take();
        LabTarget lab = new LabTarget("test");
        List<RunRecord> runs = run(spec, STEADY_AA, new Planting(lab));

        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).valid()).as(runs.get(0).invalidReason()).isTrue();
        assertThat(runs.get(0).systemdMounts()).isEqualTo(runs.get(0).expectedSystemdMounts());
        RunRecord second = runs.get(1);
        assertThat(second.valid()).isFalse();
        assertThat(second.invalidReason()).isEqualTo("systemd sees " + (second.expectedSystemdMounts() + 1)
                + " mounts, expected " + second.expectedSystemdMounts() + " +- 0");
        assertThat(HostSnapshot.take()).isEqualTo(host);
    }

    private List<RunRecord> run(CampaignSpec spec, String yaml, Target target) throws IOException {
        Path results = dir.resolve("results");
        try (target) {
            target.prepare();
            ResultsStore store = ResultsStore.create(results, yaml, CampaignRecords.of(spec), target.traits(),
                    target.describe());
            new Runner(target, spec, Plan.of(spec), store, Progress.forConsole(new PrintWriter(new StringWriter())),
                    new AtomicBoolean()).run();
        }
        return new ResultsDir(results).runs();
    }

    /** The lab, with a tmpfs left mounted in its root namespace after the first run, as a leak would leave it. */
    private static final class Planting implements Target {
        private final LabTarget lab;
        private int entered;

        Planting(LabTarget lab) {
            this.lab = lab;
        }

        @Override
        public Map<String, NamespaceIdentities> enter(Encapsulation state, WorkloadSpec shape) throws IOException {
            Map<String, NamespaceIdentities> ids = lab.enter(state, shape);
            if (++entered == 2) {
                LabNode node = lab.labNode();
                assertThat(node.exec(Duration.ofSeconds(10), "mkdir", "-p", "/run/leftover").exitCode()).isZero();
                assertThat(node.exec(Duration.ofSeconds(10), "mount", "-t", "tmpfs", "leftover", "/run/leftover")
                        .exitCode()).isZero();
            }
            return ids;
        }

        @Override
        public TargetTraits traits() {
            return lab.traits();
        }

        @Override
        public void prepare() throws IOException {
            lab.prepare();
        }

        @Override
        public List<String> nodes() {
            return lab.nodes();
        }

        @Override
        public Environment describe() throws IOException {
            return lab.describe();
        }

        @Override
        public Settled settle() throws IOException {
            return lab.settle();
        }

        @Override
        public void requireArm(String arm, Encapsulation state) {
        }

        @Override
        public Map<String, MountBase> mountBase() {
            return lab.mountBase();
        }

        @Override
        public void deploy(WorkloadSpec workload, String tag) throws IOException {
            lab.deploy(workload, tag);
        }

        @Override
        public Churn startChurn(WorkloadSpec workload) throws IOException {
            return lab.startChurn(workload);
        }

        @Override
        public Map<String, SampleSource> sources() throws IOException {
            return lab.sources();
        }

        @Override
        public void undeploy() throws IOException {
            lab.undeploy();
        }

        @Override
        public void close() {
            lab.close();
        }
    }
}
