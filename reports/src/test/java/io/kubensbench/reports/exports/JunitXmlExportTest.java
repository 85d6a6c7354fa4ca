package io.kubensbench.reports.exports;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.compare.Check;
import io.kubensbench.analysis.compare.Comparison;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.compare.SummaryJson;
import io.kubensbench.reports.SyntheticResults;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A CI server reads {@code compare --junit} with an XML parser: whatever a level, a campaign or
 * a path is called, the file parses and gives back the very messages the gate wrote.
 */
class JunitXmlExportTest {

    /** Markup characters, both quotes, and a control character XML 1.0 cannot carry. */
    private static final String AWKWARD = "pods<50 & \"x\" 'y' >z\u0001";

    @TempDir
    Path dir;

    @Test
    void messagesWithMarkupAndQuotesReadBackThroughAnXmlParser() throws Exception {
        Summary baseline = SyntheticResults.write(dir.resolve("base"), "single", "vm", 4, new int[] {50, 200});
        Summary current = renamed(baseline, dir.resolve("current"));
        Comparison comparison = Comparison.of(baseline, current, 10);
        Check failed = comparison.checks().stream().filter(c -> comparison.exitCodeOf(c) != Comparison.PASS)
                .filter(c -> c.message().contains("pods<50")).findFirst().orElseThrow();

        Document xml = parse(new JunitXmlExport().render(comparison, baseline, current));

        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("kubens-bench compare: " + AWKWARD.replace("\u0001", ""));
        NodeList failures = xml.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(comparison.checks().stream()
                .filter(c -> comparison.exitCodeOf(c) != Comparison.PASS).count());
        List<Element> ours = elements(failures).stream().filter(f -> f.getTextContent().contains("pods<50")).toList();
        assertThat(ours).hasSize(1);
        String expected = failed.message().replace("\u0001", "");
        assertThat(ours.get(0).getAttribute("message")).isEqualTo(expected);
        assertThat(ours.get(0).getTextContent()).isEqualTo(expected);
        assertThat(((Element) ours.get(0).getParentNode()).getAttribute("classname")).isEqualTo("level " + failed.level());
    }

    /** The same results under other level and campaign names, through summary.json as a user's would come. */
    private static Summary renamed(Summary summary, Path dir) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve(SummaryJson.FILE);
        SummaryJson.write(summary, file);
        String awkward = SummaryJson.mapper().writeValueAsString(AWKWARD);
        Files.writeString(file, Files.readString(file).replace("\"pods=50\"", awkward)
                .replace("\"pods=200\"", awkward.replace("pods<50", "pods<200"))
                .replace("\"campaign\" : \"single\"", "\"campaign\" : " + awkward));
        return SummaryJson.read(file);
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(NodeList nodes) {
        return IntStream.range(0, nodes.getLength()).mapToObj(i -> (Element) nodes.item(i)).toList();
    }
}
