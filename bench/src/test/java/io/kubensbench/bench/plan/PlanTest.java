package io.kubensbench.bench.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubensbench.bench.campaign.ArmSpec;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.campaign.Level;
import io.kubensbench.bench.campaign.Order;
import io.kubensbench.bench.campaign.SamplingSpec;
import io.kubensbench.bench.campaign.Schedule;
import io.kubensbench.bench.campaign.TargetSpec;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlanTest {

    private static final ArmSpec OFF = ArmSpec.of(Encapsulation.OFF);
    private static final ArmSpec ON = ArmSpec.of(Encapsulation.ON);

    private static CampaignSpec campaign(int repetitions, Order order, long seed, int... pods) {
        WorkloadSpec base = WorkloadSpec.defaults();
        List<Level> levels = Arrays.stream(pods).mapToObj(p -> Level.base(base.withPods(p))).toList();
        return new CampaignSpec("plan-test", TargetSpec.onLab(), base, levels, List.of(OFF, ON),
                new Schedule(Duration.ofSeconds(3), Duration.ofSeconds(10), repetitions, order, seed),
                SamplingSpec.defaults());
    }

    private static List<String> describe(Plan plan) {
        return plan.runs().stream()
                .map(r -> r.index() + ":" + r.repetition() + ":" + r.level().name() + ":" + r.arm().name())
                .toList();
    }

    @Test
    void interleavedAlternatesWhichArmGoesFirstEachRepetitionAndGoesRepetitionByRepetition() {
        Plan plan = Plan.of(campaign(3, Order.INTERLEAVED, 1, 10, 20));

        assertThat(describe(plan)).containsExactly(
                "0:1:pods=10:off", "1:1:pods=10:on", "2:1:pods=20:off", "3:1:pods=20:on",
                "4:2:pods=10:on", "5:2:pods=10:off", "6:2:pods=20:on", "7:2:pods=20:off",
                "8:3:pods=10:off", "9:3:pods=10:on", "10:3:pods=20:off", "11:3:pods=20:on");
    }

    @Test
    void randomIsReproducibleWithTheSeedAndDiffersWithAnother() {
        List<String> first = describe(Plan.of(campaign(10, Order.RANDOM, 42, 10, 20)));
        List<String> again = describe(Plan.of(campaign(10, Order.RANDOM, 42, 10, 20)));
        List<String> other = describe(Plan.of(campaign(10, Order.RANDOM, 43, 10, 20)));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void randomStillRunsBothArmsOncePerRepetitionAndLevelInRepetitionOrder() {
        Plan plan = Plan.of(campaign(10, Order.RANDOM, 7, 10, 20, 30));

        assertThat(plan.runs()).hasSize(60);
        for (int pair = 0; pair < 30; pair++) {
            PlannedRun a = plan.runs().get(2 * pair);
            PlannedRun b = plan.runs().get(2 * pair + 1);
            assertThat(a.index()).isEqualTo(2 * pair);
            assertThat(a.level()).isEqualTo(b.level());
            assertThat(a.repetition()).isEqualTo(b.repetition()).isEqualTo(pair / 3 + 1);
            assertThat(List.of(a.arm(), b.arm())).containsExactlyInAnyOrder(OFF, ON);
        }
        assertThat(plan.runs().stream().filter(r -> r.arm().equals(OFF) && r.index() % 2 == 0).count())
                .as("random puts each arm first sometimes").isBetween(5L, 25L);
    }

    @Test
    void randomFollowsTheSeedsDrawsInPlanOrder() {
        Random random = new Random(5);
        Plan plan = Plan.of(campaign(4, Order.RANDOM, 5, 10, 20));

        for (int pair = 0; pair < 8; pair++) {
            ArmSpec expectedFirst = random.nextBoolean() ? ON : OFF;
            assertThat(plan.runs().get(2 * pair).arm()).isEqualTo(expectedFirst);
        }
    }

    @Test
    void estimateAddsPhasesOverheadAndDeployTimePerRun() {
        Plan plan = Plan.of(campaign(2, Order.INTERLEAVED, 1, 50, 100));
        // per run 3s + 10s + 2s; deploying 50 pods x 15 mounts x 2ms = 1.5s, 100 pods = 3s; 2 runs of each per rep
        Duration expected = Duration.ofSeconds(15).multipliedBy(8)
                .plus(Duration.ofMillis(1500).multipliedBy(4)).plus(Duration.ofMillis(3000).multipliedBy(4));

        assertThat(Plan.runOverhead(plan.campaign())).isEqualTo(Duration.ofSeconds(2));
        assertThat(plan.estimate()).isEqualTo(expected);
        assertThat(Plan.estimate(plan.campaign(), plan.runs(), Duration.ZERO)).isEqualTo(expected.minusSeconds(16));
        assertThat(Plan.deployTime(WorkloadSpec.defaults().withPods(50))).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void theStaticEstimateCoversTheRunsStillToDo() {
        CampaignSpec c = campaign(2, Order.INTERLEAVED, 1, 50);
        Plan plan = Plan.of(c);

        assertThat(Plan.estimate(c, plan.runs().subList(3, 4), Duration.ofSeconds(2)))
                .isEqualTo(Duration.ofMillis(16_500));
        assertThat(Plan.estimate(c, List.of(), Duration.ofSeconds(2))).isZero();
    }

    @Test
    void switchesCountStateChangesBetweenConsecutiveRuns() {
        assertThat(Plan.of(campaign(3, Order.INTERLEAVED, 1, 10)).switches())
                .as("off on | on off | off on").isEqualTo(3);
        CampaignSpec aa = new CampaignSpec("aa", TargetSpec.onLab(), WorkloadSpec.defaults(), null,
                List.of(new ArmSpec("off-a", Encapsulation.OFF), new ArmSpec("off-b", Encapsulation.OFF)), null, null);
        assertThat(Plan.of(aa).switches()).isZero();
        assertThat(Plan.of(aa).runs()).hasSize(6);
    }

    private static List<String> withSegments(Plan plan) {
        return plan.runs().stream()
                .map(r -> r.index() + ":" + r.repetition() + ":" + r.level().name() + ":" + r.arm().name() + ":"
                        + r.segment())
                .toList();
    }

    @Test
    void blockedRunsEveryBaselineRunThenEveryCandidateRunRepetitionByRepetition() {
        Plan plan = Plan.of(campaign(2, Order.BLOCKED, 1, 10, 20));

        assertThat(withSegments(plan)).containsExactly(
                "0:1:pods=10:off:0", "1:1:pods=20:off:0", "2:2:pods=10:off:0", "3:2:pods=20:off:0",
                "4:1:pods=10:on:1", "5:1:pods=20:on:1", "6:2:pods=10:on:1", "7:2:pods=20:on:1");
        assertThat(plan.switches()).isEqualTo(1);
        assertThat(plan.switchPoints()).extracting(PlannedRun::index).containsExactly(4);
    }

    @Test
    void abaSplitsTheBaselineAroundTheCandidateTheLargerHalfFirst() {
        Plan plan = Plan.of(campaign(3, Order.ABA, 1, 10, 20));

        assertThat(withSegments(plan)).containsExactly(
                "0:1:pods=10:off:0", "1:1:pods=20:off:0", "2:2:pods=10:off:0", "3:2:pods=20:off:0",
                "4:1:pods=10:on:1", "5:1:pods=20:on:1", "6:2:pods=10:on:1", "7:2:pods=20:on:1",
                "8:3:pods=10:on:1", "9:3:pods=20:on:1",
                "10:3:pods=10:off:2", "11:3:pods=20:off:2");
        assertThat(plan.switches()).isEqualTo(2);
        assertThat(plan.switchPoints()).extracting(PlannedRun::index).containsExactly(4, 10);
    }

    @Test
    void abaMeasuresEveryLevelOfTheBaselineInBothSegmentsAndEachRepetitionOnce() {
        for (int r = 2; r <= 7; r++) {
            Plan plan = Plan.of(campaign(r, Order.ABA, 1, 10, 20, 30));
            for (String level : List.of("pods=10", "pods=20", "pods=30")) {
                List<PlannedRun> off = plan.runs().stream()
                        .filter(x -> x.arm().equals(OFF) && x.level().name().equals(level)).toList();
                assertThat(off).extracting(PlannedRun::repetition).as("r = " + r).containsExactlyElementsOf(
                        java.util.stream.IntStream.rangeClosed(1, r).boxed().toList());
                assertThat(off.stream().filter(x -> x.segment() == 0).count()).isEqualTo((r + 1) / 2);
                assertThat(off.stream().filter(x -> x.segment() == 2).count()).isEqualTo(r / 2).isPositive();
            }
            assertThat(plan.runs()).hasSize(2 * 3 * r);
            assertThat(plan.switches()).isEqualTo(2);
        }
    }

    @Test
    void interleavedSegmentsAreItsStretchesOfOneArm() {
        Plan plan = Plan.of(campaign(2, Order.INTERLEAVED, 1, 10));

        assertThat(withSegments(plan)).containsExactly("0:1:pods=10:off:0", "1:1:pods=10:on:1", "2:2:pods=10:on:1",
                "3:2:pods=10:off:2");
    }

    @Test
    void theFirstSwitchCountsOnlyWhenTheNodesStartInTheOtherState() {
        Plan plan = Plan.of(campaign(3, Order.ABA, 1, 10));

        assertThat(Plan.switches(plan.runs(), Encapsulation.OFF)).isEqualTo(2);
        assertThat(Plan.switches(plan.runs(), Encapsulation.ON)).isEqualTo(3);
        assertThat(Plan.switches(plan.runs(), null)).as("unknown: not counted").isEqualTo(2);
        assertThat(Plan.switches(plan.runs().subList(3, 6), Encapsulation.ON)).as("resumed in the candidate")
                .isEqualTo(1);
    }

    @Test
    void withoutAScheduleTheTargetChoosesTheOrder() {
        WorkloadSpec w = WorkloadSpec.defaults();
        CampaignSpec rollout = new CampaignSpec("c", TargetSpec.onCluster(ClusterTargetSpec.of(
                ClusterTargetSpec.MACHINECONFIG)), w, null, List.of(OFF, ON), null, null);
        CampaignSpec byHand = new CampaignSpec("c", TargetSpec.onCluster(ClusterTargetSpec.of(
                ClusterTargetSpec.MANUAL)), w, null, List.of(OFF, ON), null, null);
        CampaignSpec lab = new CampaignSpec("c", TargetSpec.onLab(), w, null, List.of(OFF, ON), null, null);

        assertThat(Plan.of(rollout).campaign().schedule().order()).isEqualTo(Order.ABA);
        assertThat(Plan.of(rollout).switches()).isEqualTo(2);
        assertThat(Plan.of(byHand).campaign().schedule().order()).isEqualTo(Order.BLOCKED);
        assertThat(Plan.of(byHand).switches()).isEqualTo(1);
        assertThat(Plan.of(lab).campaign().schedule().order()).isEqualTo(Order.INTERLEAVED);
    }

    @Test
    void oneArmOfABlockedPlanKeepsItsIndexesAndSegment() {
        Plan on = Plan.of(campaign(2, Order.BLOCKED, 1, 10)).onlyArm(ON);

        assertThat(withSegments(on)).containsExactly("2:1:pods=10:on:1", "3:2:pods=10:on:1");
        assertThat(on.switches()).isZero();
    }

    @Test
    void runsAreImmutable() {
        Plan plan = Plan.of(campaign(1, Order.INTERLEAVED, 1, 10));

        assertThatThrownBy(() -> plan.runs().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
