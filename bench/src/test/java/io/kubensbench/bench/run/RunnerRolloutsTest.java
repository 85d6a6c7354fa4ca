package io.kubensbench.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.ResultsStore;
import io.kubensbench.analysis.results.RolloutRecord;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.plan.Plan;
import io.kubensbench.bench.plan.PlannedRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner on a target whose changes of arm are rollouts: each recorded, and counted in the time left. */
class RunnerRolloutsTest {

    /** Tells what the runner said was left at the start of each run. */
    static final class Remaining implements Progress {
        final List<Duration> left = new ArrayList<>();
        final List<String> messages = new ArrayList<>();

        @Override
        public void runStarted(int position, int total, PlannedRun run, Duration remaining) {
            left.add(remaining);
        }

        @Override
        public void phase(String phase, Duration length) {
        }

        @Override
        public void tick(Duration elapsedInPhase) {
        }

        @Override
        public void runFinished(RunRecord record) {
        }

        @Override
        public void message(String line) {
            messages.add(line);
        }
    }

    @Test
    void rolloutsAreRecordedWithTheirRunAndTheTimeLeftCountsThemAtTheMeasuredDurationOnceThereIsOne(
            @TempDir Path dir) throws Exception {
        String yaml = RunnerTest.CAMPAIGN.replace("order: interleaved", "order: aba");
        CampaignSpec spec = new CampaignReader().parse(yaml, "runner-test.yaml");
        RunnerTest.FakeTarget t = new RunnerTest.FakeTarget();
        t.rollout = Duration.ofMinutes(10);
        ResultsStore store = ResultsStore.create(dir, yaml, CampaignRecords.of(spec), t.traits(), t.describe());
        Remaining progress = new Remaining();
        Plan plan = Plan.of(spec);

        new Runner(t, spec, plan, store, progress, new AtomicBoolean()).run();

        Duration overhead = t.traits().runOverhead();
        List<Duration> switching = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            switching.add(progress.left.get(i).minus(Plan.estimate(spec, plan.runs().subList(i, 4), overhead)));
        }
        // off | on on | off: before the first run the state is unknown, so 2 switches at the rule of thumb;
        // after run 0 still none measured; then the measured 10 minutes, one switch left
        assertThat(switching).containsExactly(Duration.ofMinutes(60), Duration.ofMinutes(60),
                Duration.ofMinutes(10), Duration.ofMinutes(10));
        List<RolloutRecord> rollouts = new ResultsDir(dir).rollouts();
        assertThat(rollouts).extracting(RolloutRecord::run).containsExactly(1, 3);
        assertThat(rollouts).extracting(RolloutRecord::to).containsExactly("on", "off");
        assertThat(progress.messages).contains("rollout off to on before run #1: 10m00s, pool worker 2 (2 nodes;"
                + " 99-kubens-worker)");
        assertThat(new ResultsDir(dir).runs()).extracting(RunRecord::segment).containsExactly(0, 1, 1, 2);
    }
}
