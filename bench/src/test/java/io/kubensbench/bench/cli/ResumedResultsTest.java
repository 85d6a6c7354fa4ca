package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.ResultsStore;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.bench.campaign.ArmSpec;
import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.LabCapacity;
import io.kubensbench.bench.campaign.Level;
import io.kubensbench.bench.run.CampaignRecords;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign stopped with Ctrl-C and finished with {@code run --resume}: the interrupted
 * attempt is superseded by its redo, so no count anywhere calls it an invalid run.
 */
class ResumedResultsTest {

    private static final String CAMPAIGN = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: resumed
            target: {lab: {}}
            workload: {pods: 200}
            arms: [off, on]
            schedule: {warmup: 3s, measure: 12s, repetitions: 3}
            """;

    @TempDir
    Path tmp;

    private final Cli cli = new Cli();

    /**
     * Six runs; run 2 interrupted by the user, then the rest by a resume, which redid run 2 first.
     * The resume's lab node is named {@code redoNode}.
     */
    private Path resumed(CampaignSpec spec, String redoNode) throws Exception {
        Path dir = tmp.resolve("r-" + redoNode);
        ResultsStore store = ResultsStore.create(dir, CAMPAIGN, CampaignRecords.of(spec), spec.target().traits(),
                ResultsFixture.environment("lab", List.of("h")));
        Level level = spec.levels().get(0);
        for (int index = 0; index < 6; index++) {
            ArmSpec arm = spec.arms().get(index % 2);
            double cores = index % 2 == 0 ? 0.25 : 0.02;
            RunRecord r = ResultsFixture.record(index, "a" + index, index / 2 + 1, level, arm, "lab-h",
                    cores * (1 + 0.01 * index));
            if (index == 2) {
                store.append(r.toBuilder().attempt("x2").valid(false).invalidReason(RunRecord.INTERRUPTED + " by the user")
                        .build(), List.of());
                store = ResultsStore.resume(dir);
                r = r.toBuilder().node(redoNode).build();
            } else if (index > 2) {
                r = r.toBuilder().node(redoNode).build();
            }
            store.append(r, List.of());
        }
        return dir;
    }

    @Test
    void theTableAtTheEndOfTheCampaignCountsNoInvalidRun() throws Exception {
        CampaignSpec spec = new CampaignReader(new LabCapacity(LabCapacity.DEFAULT_MOUNT_MAX)).parse(CAMPAIGN, "r.yaml");
        for (String redoNode : List.of("lab-h", "lab-other")) {
            Path dir = resumed(spec, redoNode);
            assertThat(new ResultsDir(dir).allRuns()).hasSize(7);
            StringWriter table = new StringWriter();
            new ArmTable(new PrintWriter(table, true)).print(spec, new ResultsDir(dir).runs());
            assertThat(table.toString().lines().filter(l -> l.startsWith("pods=200")))
                    .as(table.toString()).hasSize(2).allMatch(l -> l.matches(".* 3 .* 0$"));
        }
    }

    @Test
    void analyzeAndTheReportCountEveryRunValid() throws Exception {
        CampaignSpec spec = new CampaignReader(new LabCapacity(LabCapacity.DEFAULT_MOUNT_MAX)).parse(CAMPAIGN, "r.yaml");
        Path dir = resumed(spec, "lab-h");
        int code = cli.run("report", dir.toString());
        assertThat(code).as(cli.err()).isZero();
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("6 of 6 runs valid.")
                .doesNotContain("interrupted");
        code = cli.run("analyze", dir.toString());
        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.out()).contains("campaign resumed: 6 runs, 6 valid").doesNotContain("excluded");
    }
}
