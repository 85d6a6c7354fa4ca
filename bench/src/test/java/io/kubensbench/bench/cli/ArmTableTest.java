package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.LabCapacity;
import io.kubensbench.bench.campaign.Level;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table at the end of an unanalysed campaign says an arm at 0 ns as 0 ns. */
class ArmTableTest {

    private static final String CAMPAIGN = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: idle
            target: {lab: {}}
            workload: {pods: 200}
            arms: [off, on]
            schedule: {warmup: 3s, measure: 12s, repetitions: 3}
            """;

    @Test
    void anArmWhoseCounterNeverMovedReadsZeroNanoseconds() throws Exception {
        CampaignSpec spec = new CampaignReader(new LabCapacity(LabCapacity.DEFAULT_MOUNT_MAX)).parse(CAMPAIGN, "c.yaml");
        Level level = spec.levels().get(0);
        List<RunRecord> runs = new ArrayList<>();
        for (int index = 0; index < 6; index++) {
            runs.add(ResultsFixture.record(index, "a" + index, index / 2 + 1, level, spec.arms().get(index % 2), "lab-h",
                    index % 2 == 0 ? 0.24 + 0.01 * index : 0));
        }
        StringWriter table = new StringWriter();
        new ArmTable(new PrintWriter(table, true)).print(spec, runs);
        List<String> lines = table.toString().lines().filter(l -> l.startsWith("pods=200")).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains(" off ").contains("%").doesNotContain(" 0 ns ");
        assertThat(lines.get(1)).contains(" on ").contains(" 0 ns ");
    }
}
