package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.results.ResultsStore;
import io.kubensbench.analysis.results.TargetTraits;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.observe.ObservationFile;
import io.kubensbench.bench.observe.ObservePlan;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code observe} refuses what it cannot do with one line and exit code 2 before it reaches
 * any cluster, and an observation's directory is not mistaken for a campaign to resume.
 */
class ObserveCommandTest {

    private final Cli cli = new Cli();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--arm maybe|--arm maybe: write off or on",
        "--arm off --switch-to on|--switch-to on needs --duration: how long to observe each arm before and after the"
                + " switch",
        "--arm off --duration 90s|--duration 1m30s is not a whole number of 1m windows (--window): give e.g."
                + " --duration 2m",
        "--arm off --window 1s|--window 1s must be at least twice --interval (2s): a window needs two probe lines",
        "--arm off --selector worker|--selector worker: write KEY=VALUE (KEY= for a label with an empty value, as"
                + " node-role.kubernetes.io/worker=)",
        "--arm off --selector a=b --selector a=c|--selector a=c: a is given twice",
        "--arm off --selector bad@key=x|--selector bad@key=x: is not a valid label key",
        "--arm off --interval 50ms|--interval 50ms must be between 100ms and 1m, as a campaign's sampling.interval",
        "--arm off --restore|--restore goes with --switch-to only: without it nothing is switched",
        "--arm off --image ubi@sha256:abc|--image: must be NAME[:TAG]@sha256:<64 lowercase hex digits> when it has"
                + " a digest (got \"ubi@sha256:abc\")",
    })
    void badInputIsOneLineAndExit2(String args, String message) {
        int code = cli.run(("observe " + args).split(" "));

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err().strip()).doesNotContain("\n").isEqualTo("kubens-bench: " + message);
    }

    @Test
    void theArmIsRequired() {
        assertThat(cli.run("observe", "--duration", "20m")).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err().strip()).doesNotContain("\n").contains("--arm");
    }

    @Test
    void anObservationIsNotResumedAsACampaign(@TempDir Path dir) throws Exception {
        ObservePlan plan = new ObservePlan("nd", Encapsulation.OFF, null, null, Duration.ofMinutes(1), null,
                Duration.ofSeconds(1));
        ResultsStore.create(dir, ObservationFile.yaml(plan, ClusterTargetSpec.of(ClusterTargetSpec.MANUAL)),
                plan.campaign(), new TargetTraits("cluster", TargetTraits.ArmSwitching.BY_HAND, 0, 0.05, 180,
                        TargetTraits.MountEvents.TABLE_CHANGES, "the node probe", 600, "cleanup"), null);

        assertThat(cli.run("run", "--resume", dir.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err().strip()).isEqualTo("kubens-bench: " + dir + " holds an observation (kubens-bench observe),"
                + " not a campaign: it is not resumed; observe again into a new directory");
    }
}
