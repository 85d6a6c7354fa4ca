package io.kubensbench.bench.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.RunRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The documents of a recorded lab campaign: every figure as the record has it, one id per
 * document that the same directory always gives again.
 */
class CampaignDocumentsTest {

    private static final ResultsDir DIR = new ResultsDir(Path.of("src/test/resources/calibration/lab-cost-model"));
    private final CampaignDocuments documents = new CampaignDocuments(CampaignDocuments.mapper());

    @Test
    void aRunDocumentCarriesTheRecordsFiguresUnderTheCampaignsUuid() throws Exception {
        List<IndexDocument> runs = documents.runs(DIR);
        RunRecord first = DIR.runs().get(0);
        JsonNode d = runs.get(0).source();

        assertThat(runs).hasSize(36);
        assertThat(d.path("uuid").asString()).isEqualTo(IndexedCampaign.of(DIR).uuid());
        assertThat(d.path("timestamp").asString()).isEqualTo("2026-11-29T17:06:32.414Z");
        assertThat(d.path("metricName").asString()).isEqualTo("systemdCpu");
        assertThat(d.path("jobName").asString()).isEqualTo("lab-cost-model");
        assertThat(d.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(d.path("metadata").path("node").asString()).isEqualTo("lab-vm");
        assertThat(d.path("metadata").path("kernel").asString()).isEqualTo("6.18.44-fc-v595");
        assertThat(d.path("metadata").path("cpuModel").asString()).isEqualTo("AMD EPYC");
        assertThat(d.path("metadata").has("clusterName")).isFalse();
        assertThat(d.path("level").asString()).isEqualTo(first.level());
        assertThat(d.path("arm").asString()).isEqualTo("off");
        assertThat(d.path("role").asString()).isEqualTo("baseline");
        assertThat(d.path("systemdCpuNs").asLong()).isEqualTo(262164905L);
        assertThat(d.path("systemdCpuPercent").asDouble()).isCloseTo(100.0 * 262164905 / 8000457054L, within(1e-12));
        assertThat(d.path("systemdMounts").asLong()).isEqualTo(936);
        assertThat(d.path("mountEvents").asLong()).isEqualTo(270);
        assertThat(d.path("valid").asBoolean()).isTrue();
        assertThat(d.path("invalidReason").isNull()).isTrue();
    }

    @Test
    void idsAreTheSameEveryTimeAndDifferentForEachDocument() throws Exception {
        List<String> once = documents.runs(DIR).stream().map(IndexDocument::id).toList();
        List<String> again = documents.runs(DIR).stream().map(IndexDocument::id).toList();
        Set<String> distinct = once.stream().collect(Collectors.toSet());

        assertThat(again).isEqualTo(once);
        assertThat(distinct).hasSize(once.size());
        assertThat(IndexedCampaign.of(DIR).uuid()).isEqualTo(IndexedCampaign.of(DIR).uuid());
    }
}
