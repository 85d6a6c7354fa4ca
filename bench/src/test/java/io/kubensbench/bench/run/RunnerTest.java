package io.kubensbench.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.results.Environment;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.ResultsStore;
import io.kubensbench.analysis.results.RolloutRecord;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.results.TargetTraits;
import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.campaign.LabTargetSpec;
import io.kubensbench.bench.plan.Plan;
import io.kubensbench.bench.sampling.MountCounter;
import io.kubensbench.bench.sampling.ProcfsSampler;
import io.kubensbench.bench.sampling.SampleSource;
import io.kubensbench.bench.sampling.Sampler;
import io.kubensbench.bench.sampling.Watched;
import io.kubensbench.bench.target.MountBase;
import io.kubensbench.bench.target.NamespaceIdentities;
import io.kubensbench.bench.target.Settled;
import io.kubensbench.bench.target.Target;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.spec.Churn;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner against a target that only records what it is asked, sampling this JVM. */
class RunnerTest {

    static final String CAMPAIGN = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: runner-test
            target: {lab: {}}
            workload: {pods: 3, containersPerPod: 1, churn: {podsPerSecond: 0}}
            arms: [off, on]
            schedule: {warmup: 0s, measure: 300ms, repetitions: 2, order: interleaved, seed: 1}
            sampling: {interval: 100ms}
            """;

    /** Records calls; can be told to put the kubelet in the wrong namespace, on every node or one. */
    static final class FakeTarget implements Target {
        final List<String> calls = new ArrayList<>();
        List<String> nodes = List.of("fake");
        boolean lie;
        /** How many of the next settles end with systemd still busy. */
        int busyRuns;
        String lyingNode;
        Runnable onDeploy = () -> { };
        /** Thrown by every deploy when set, as a cluster that refuses the pods does. */
        IOException deployFailure;
        /** When set, every change of state is a rollout of this long, told to the listener as a cluster target does. */
        java.time.Duration rollout;
        private Encapsulation state = Encapsulation.OFF;
        private java.util.function.Consumer<RolloutRecord> rollouts = r -> { };
        final ProcfsSampler procfs;

        FakeTarget() throws IOException {
            procfs = ProcfsSampler.system();
        }

        @Override
        public void prepare() {
            calls.add("prepare");
        }

        @Override
        public List<String> nodes() {
            return nodes;
        }

        @Override
        public Environment describe() {
            return new Environment("t", "lab", "h", "k", "systemd 0", "cpu", 1, 1, "java", "b", "now", null, List.of());
        }

        @Override
        public TargetTraits traits() {
            return new LabTargetSpec().traits();
        }

        @Override
        public Settled settle() {
            calls.add("settle");
            boolean busy = busyRuns-- > 0;
            return new Settled(java.time.Duration.ofSeconds(busy ? 120 : 1), !busy, busy ? 0.3 : 0, nodes.get(0));
        }

        @Override
        public void requireArm(String arm, Encapsulation state) {
        }

        /** The base the target vouches for; none by default, so counts go unchecked. */
        Map<String, MountBase> bases = Map.of();
        /** Whether systemd's and the kubelet's mounts are counted (this JVM's namespace stands in for both). */
        boolean countMounts;

        @Override
        public Map<String, MountBase> mountBase() {
            return bases;
        }

        @Override
        public java.time.Duration switchEstimate() {
            return rollout == null ? java.time.Duration.ZERO : java.time.Duration.ofMinutes(30);
        }

        @Override
        public void onSwitch(java.util.function.Consumer<RolloutRecord> listener) {
            rollouts = listener;
        }

        @Override
        public Map<String, NamespaceIdentities> enter(Encapsulation state, WorkloadSpec shape) throws IOException {
            calls.add("enter " + state.label());
            if (rollout != null && state != this.state) {
                rollouts.accept(new RolloutRecord(null, this.state.label(), state.label(), "t0", "t1",
                        rollout.toNanos(), List.of("99-kubens-worker"), List.of(new RolloutRecord.Pool("worker", 2)), 2,
                        RolloutRecord.OK, null));
            }
            this.state = state;
            Map<String, NamespaceIdentities> ids = new LinkedHashMap<>();
            if (countMounts) {
                // every role is this JVM: the off arm's identities, in this JVM's real namespace
                String self = new MountCounter(Path.of("/proc")).mntNs(ProcessHandle.current().pid());
                nodes.forEach(node -> ids.put(node, new NamespaceIdentities(self, self, self)));
                return ids;
            }
            for (String node : nodes) {
                boolean on = (state == Encapsulation.ON) != (lie || node.equals(lyingNode));
                ids.put(node, on ? new NamespaceIdentities("mnt:[1]", "mnt:[2]", "mnt:[2]")
                        : new NamespaceIdentities("mnt:[1]", "mnt:[1]", "mnt:[1]"));
            }
            return ids;
        }

        @Override
        public void deploy(WorkloadSpec workload, String tag) throws IOException {
            calls.add("deploy " + workload.pods());
            onDeploy.run();
            if (deployFailure != null) {
                throw deployFailure;
            }
        }

        @Override
        public Churn startChurn(WorkloadSpec workload) {
            long started = System.nanoTime();
            return new Churn() {
                @Override
                public long events(String node) {
                    // 42 events a second of measuring: enough to tell warm-up from measure
                    return (System.nanoTime() - started) * 42 / 1_000_000_000L;
                }

                @Override
                public void stop() {
                }
            };
        }

        @Override
        public Map<String, SampleSource> sources() throws IOException {
            long self = ProcessHandle.current().pid();
            List<Watched> watched = List.of(new Watched(Watched.SYSTEMD, self, countMounts),
                    new Watched(Watched.KUBELET, self, countMounts), new Watched(Watched.HARNESS, self, false));
            Map<String, SampleSource> sources = new LinkedHashMap<>();
            for (String node : nodes) {
                // One ProcfsSampler per node: a sampler keeps its buffers, and the nodes are sampled at once.
                sources.put(node, new Sampler(ProcfsSampler.system(), new MountCounter(Path.of("/proc")), watched, 1, 0));
            }
            return sources;
        }

        @Override
        public void undeploy() {
            calls.add("undeploy");
        }

        @Override
        public void close() {
            calls.add("close");
            procfs.close();
        }
    }

    private static Runner runner(FakeTarget target, ResultsStore store, AtomicBoolean stop) {
        CampaignSpec spec = new CampaignReader().parse(CAMPAIGN, "runner-test.yaml");
        return new Runner(target, spec, Plan.of(spec), store,
                Progress.forConsole(new PrintWriter(new StringWriter())), stop);
    }

    private static ResultsStore store(Path dir, FakeTarget t) throws IOException {
        CampaignSpec spec = new CampaignReader().parse(CAMPAIGN, "runner-test.yaml");
        return ResultsStore.create(dir, CAMPAIGN, CampaignRecords.of(spec), t.traits(), t.describe());
    }

    @Test
    void runsThePlanInterleavedAndRecordsEveryRun(@TempDir Path dir) throws Exception {
        FakeTarget t = new FakeTarget();
        Runner.Outcome o = runner(t, store(dir, t), new AtomicBoolean()).run();
        assertThat(o.ran()).isEqualTo(4);
        assertThat(o.invalid()).isZero();
        assertThat(t.calls.stream().filter(c -> c.startsWith("enter")).toList())
                .containsExactly("enter off", "enter on", "enter on", "enter off");
        List<RunRecord> runs = new ResultsDir(dir).runs();
        assertThat(runs).hasSize(4).allMatch(RunRecord::valid);
        RunRecord first = runs.get(0);
        assertThat(first.arm()).isEqualTo("off");
        assertThat(first.mountEvents()).isBetween(8L, 30L);
        assertThat(first.measureNs()).isBetween(250_000_000L, 600_000_000L);
        assertThat(first.samples()).isEqualTo(4);
        assertThat(first.systemdSchedNs()).isPositive();
        assertThat(runs.get(1).kubeletMntNs()).isEqualTo("mnt:[2]");
    }

    @Test
    void aRunWhoseNamespacesContradictItsArmIsInvalidWithTheReason(@TempDir Path dir) throws Exception {
        FakeTarget t = new FakeTarget();
        t.lie = true;
        runner(t, store(dir, t), new AtomicBoolean()).run();
        List<RunRecord> runs = new ResultsDir(dir).runs();
        assertThat(runs).hasSize(4).noneMatch(RunRecord::valid);
        assertThat(runs.get(0).invalidReason()).startsWith("the namespaces do not show encapsulation off");
    }

    @Test
    void aRunThatWouldStartOnABusySystemdIsInvalidWithHowBusyAndTheOthersRecordTheirStart(@TempDir Path dir)
            throws Exception {
        FakeTarget t = new FakeTarget();
        t.busyRuns = 1;
        Runner.Outcome o = runner(t, store(dir, t), new AtomicBoolean()).run();
        List<RunRecord> runs = new ResultsDir(dir).runs();
        assertThat(o.invalid()).isEqualTo(1);
        assertThat(runs.get(0).valid()).isFalse();
        assertThat(runs.get(0).invalidReason()).isEqualTo("systemd was still busy when the run was to start: 30.0% of"
                + " a core on fake after 2m00s of settling (idle is below 0.5%)");
        assertThat(runs.get(0).startCores()).isEqualTo(0.3);
        assertThat(runs.get(0).settleNs()).isEqualTo(120_000_000_000L);
        assertThat(t.calls).filteredOn(c -> c.startsWith("deploy")).hasSize(3);
        assertThat(runs.subList(1, 4)).allMatch(RunRecord::valid).allMatch(r -> r.startCores() == 0.0);
    }

    @Test
    void aRunWhoseMountTablesHoldOtherThanThePlanSaysIsInvalidWithTheCountsAndExpectations(@TempDir Path dir)
            throws Exception {
        FakeTarget t = new FakeTarget();
        t.bases = Map.of("fake", new MountBase(0, 0));
        t.countMounts = true;
        runner(t, store(dir, t), new AtomicBoolean()).run();
        List<RunRecord> runs = new ResultsDir(dir).runs();
        long seen = new MountCounter(Path.of("/proc")).count(ProcessHandle.current().pid());
        RunRecord off = runs.get(0);
        // the campaign's 3 pods of 1 container by the mount plan, no churn
        WorkloadSpec level = new WorkloadSpec(3, 1, WorkloadSpec.defaults().volumesPerPod(), Churn.none());
        long perLevel = new MountPlan(level).expectedMounts(3);
        assertThat(off.expectedSystemdMounts()).isEqualTo(perLevel);
        assertThat(off.expectedKubeletMounts()).isEqualTo(perLevel);
        assertThat(off.mountTolerance()).isZero();
        assertThat(off.valid()).isFalse();
        assertThat(off.invalidReason()).isEqualTo("systemd sees " + seen + " mounts, expected " + perLevel + " +- 0");
        assertThat(runs.get(3).invalidReason()).isEqualTo(off.invalidReason());
        // with encapsulation on, systemd's view is expected to hold none of the pods
        assertThat(runs.get(1).expectedSystemdMounts()).isZero();
        assertThat(runs.get(1).expectedKubeletMounts()).isEqualTo(perLevel);
    }

    @Test
    void aSystemdThatNeverSettlesStopsTheCampaign(@TempDir Path dir) throws Exception {
        FakeTarget t = new FakeTarget();
        t.busyRuns = Integer.MAX_VALUE;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner(t, store(dir, t), new AtomicBoolean()).run())
                .hasMessageStartingWith(Runner.MAX_CONSECUTIVE_FAILURES + " runs in a row failed, the last with:"
                        + " systemd was still busy");
        assertThat(new ResultsDir(dir).runs()).hasSize(Runner.MAX_CONSECUTIVE_FAILURES).noneMatch(RunRecord::valid);
    }

    @Test
    void aClusterThatRefusesEveryRunEndsTheCampaignAsARefusal(@TempDir Path dir) throws Exception {
        FakeTarget t = new FakeTarget();
        t.deployFailure = new ClusterAccessException("forbidden: you need permission to create Pod bench/kb-r1-0");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner(t, store(dir, t), new AtomicBoolean()).run())
                .isInstanceOf(ClusterAccessException.class)
                .hasMessage(Runner.MAX_CONSECUTIVE_FAILURES + " runs in a row failed, the last with: failed:"
                        + " forbidden: you need permission to create Pod bench/kb-r1-0");
    }

    @Test
    void aStopEndsTheCurrentRunAsInterruptedAndAResumeFinishesWithoutDuplicates(@TempDir Path dir) throws Exception {
        FakeTarget t = new FakeTarget();
        AtomicBoolean stop = new AtomicBoolean();
        int[] deploys = {0};
        t.onDeploy = () -> {
            if (++deploys[0] == 2) {
                stop.set(true);
            }
        };
        Runner.Outcome o = runner(t, store(dir, t), stop).run();
        assertThat(o.interrupted()).isTrue();
        List<RunRecord> partial = new ResultsDir(dir).runs();
        assertThat(partial).hasSize(2);
        assertThat(partial.get(1).invalidReason()).isEqualTo("interrupted by the user");
        assertThat(t.calls).containsSubsequence("deploy 3", "undeploy");

        FakeTarget again = new FakeTarget();
        Runner.Outcome resumed = runner(again, ResultsStore.resume(dir), new AtomicBoolean()).run();
        assertThat(resumed.alreadyDone()).isEqualTo(1);
        assertThat(resumed.ran()).isEqualTo(3);
        List<RunRecord> runs = new ResultsDir(dir).runs();
        assertThat(runs).extracting(RunRecord::index).containsExactly(0, 1, 2, 3);
        assertThat(runs).allMatch(RunRecord::valid);
    }

    @Test
    void everyRunMeasuresEveryNodeAtOnceWithOneRecordPerNode(@TempDir Path dir) throws Exception {
        FakeTarget t = new FakeTarget();
        t.nodes = List.of("worker-a", "worker-b", "worker-c");
        t.lyingNode = "worker-b";
        Runner.Outcome o = runner(t, store(dir, t), new AtomicBoolean()).run();
        assertThat(o.ran()).isEqualTo(4);
        assertThat(o.invalid()).isEqualTo(4);
        List<RunRecord> runs = new ResultsDir(dir).runs();
        assertThat(runs).hasSize(12);
        assertThat(runs).extracting(RunRecord::node).containsExactly(
                "worker-a", "worker-b", "worker-c", "worker-a", "worker-b", "worker-c",
                "worker-a", "worker-b", "worker-c", "worker-a", "worker-b", "worker-c");
        assertThat(runs).filteredOn(r -> r.node().equals("worker-b")).noneMatch(RunRecord::valid)
                .allMatch(r -> r.invalidReason().startsWith("the namespaces do not show encapsulation"));
        assertThat(runs).filteredOn(r -> !r.node().equals("worker-b")).allMatch(RunRecord::valid)
                .allMatch(r -> r.samples() == 4 && r.systemdSchedNs() > 0);
        assertThat(runs).extracting(RunRecord::attempt).doesNotHaveDuplicates();
        List<String> attempts = new ArrayList<>();
        new ResultsDir(dir).samples(sample -> attempts.add(sample.attempt()));
        assertThat(attempts).containsAll(runs.stream().filter(RunRecord::valid).map(RunRecord::attempt).toList());
    }
}
