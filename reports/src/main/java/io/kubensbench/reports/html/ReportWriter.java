package io.kubensbench.reports.html;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.kubensbench.analysis.compare.BlockedResult;
import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.NodeEffect;
import io.kubensbench.analysis.compare.NodeResult;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.compare.Verdict;
import io.kubensbench.analysis.results.Environment;
import io.kubensbench.analysis.results.ResultsManifest;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.text.Numbers;
import io.kubensbench.analysis.text.SystemdVersion;
import io.kubensbench.analysis.text.Wording;
import io.kubensbench.reports.Identifiers;
import io.kubensbench.reports.ReportData;
import io.kubensbench.reports.ResultsDirText;
import io.kubensbench.reports.charts.ChartRenderer;
import io.kubensbench.reports.charts.Figure;
import io.kubensbench.reports.charts.RenderedChart;
import io.kubensbench.reports.charts.ReportChart;
import io.kubensbench.reports.exports.CellsCsvExport;
import io.kubensbench.reports.exports.NodesCsvExport;
import io.kubensbench.reports.exports.RunsCsvExport;
import io.kubensbench.reports.exports.SummaryExport;
import io.kubensbench.reports.exports.SummaryMarkdownExport;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a campaign's report: {@code report/index.html}, one self-contained file (charts as
 * inline SVG, CSS inline, no external URL; a Content-Security-Policy forbids scripts and
 * remote loads), the charts' PNGs beside it, and {@code summary.md} and the CSV exports in
 * the results directory. Every value from the data goes through the template's HTML
 * escaping; only the SVG the chart library drew is inserted raw. A campaign over several nodes
 * also gets a Nodes section and {@code nodes.csv}, and its levels show the figures with nodes
 * as blocks that their verdicts rest on; one compared with Prometheus, a section on the
 * agreement and Prometheus's figure beside each run's; one whose levels let a load model be
 * fitted, a section on it with its chart.
 */
public final class ReportWriter {

    public static final String DIR = "report";
    public static final String INDEX = "index.html";
    private static final String TEMPLATE = "report.mustache";

    private final List<ReportChart> charts;
    private final List<SummaryExport> exports;
    private final ChartRenderer renderer = new ChartRenderer();

    public ReportWriter() {
        this(ReportChart.all(), List.of(new SummaryMarkdownExport(), new RunsCsvExport(), new CellsCsvExport(),
                new NodesCsvExport()));
    }

    public ReportWriter(List<ReportChart> charts, List<SummaryExport> exports) {
        this.charts = List.copyOf(charts);
        this.exports = List.copyOf(exports);
    }

    /** Writes the report of {@code resultsDir} and returns the path of its {@code index.html}. */
    public Path write(Path resultsDir, Summary summary) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ReportData data = ReportData.load(resultsDir, summary);
        Path dir = resultsDir.resolve(DIR);
        Files.createDirectories(dir);
        List<RenderedChart> rendered = render(data);
        for (RenderedChart c : rendered) {
            Files.write(dir.resolve(c.pngFileName()), c.png());
        }
        for (SummaryExport e : exports.stream().filter(e -> e.appliesTo(data)).toList()) {
            Files.writeString(resultsDir.resolve(e.fileName()), e.render(data), StandardCharsets.UTF_8);
        }
        Path index = dir.resolve(INDEX);
        Files.writeString(index, html(data, rendered), StandardCharsets.UTF_8);
        return index;
    }

    private List<RenderedChart> render(ReportData data) {
        List<Figure> figures = new ArrayList<>();
        for (ReportChart chart : charts) {
            figures.addAll(chart.figures(data));
        }
        // charts render independently; XChart keeps no shared state between charts
        return figures.parallelStream().map(renderer::render).toList();
    }

    /** The page as a string: the template filled with the data, escaped by the engine. */
    public String html(ReportData data, List<RenderedChart> rendered) {
        Template template;
        try (InputStream in = Objects.requireNonNull(ReportWriter.class.getResourceAsStream(TEMPLATE), TEMPLATE);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            template = Mustache.compiler().escapeHTML(true).defaultValue("-").nullValue("-").compile(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return template.execute(model(data, rendered));
    }

    private static Map<String, Object> model(ReportData data, List<RenderedChart> rendered) {
        Summary s = data.summary();
        Environment env = data.environment();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("campaign", s.campaign());
        m.put("baselineArm", s.baselineArm());
        m.put("candidateArm", s.candidateArm());
        m.put("runs", s.runs());
        m.put("valid", s.valid());
        m.put("generatedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        m.put("campaignYaml", data.campaignYaml());
        m.put("resultsDir", ResultsDirText.description(data.manifest()));
        m.put("skipped", s.unreadable().isEmpty() ? false : ResultsDirText.skipped(s.unreadable()));
        m.put("env", environment(env));
        m.put("identifying", Identifiers.of(env, data.runs(), data.campaignYaml()).sentence());
        m.put("rateLimit", SystemdVersion.rateLimit(env).strip());
        m.put("cells", s.cells().stream().map(c -> cell(s, c, env)).toList());
        m.put("observation", !s.observed() ? false : Map.of("notes", Wording.observation(s.observation()),
                "nodes", s.observation().nodes().stream().map(Wording::observedNode).toList()));
        m.put("design", Wording.design(s).map(Object.class::cast).orElse(false));
        m.put("rollouts", data.rollouts().stream().map(Wording::rollout).toList());
        m.put("hasRollouts", !data.rollouts().isEmpty());
        m.put("hasDesign", Wording.design(s).isPresent() || !data.rollouts().isEmpty());
        m.put("runRows", data.runs().stream().map(ReportWriter::run).toList());
        m.put("severalNodes", data.severalNodes());
        m.put("multiNode", s.multiNode());
        m.put("prometheus", PrometheusSection.model(s.prometheus()));
        m.put("hasPrometheus", s.prometheus() != null);
        m.put("loadModel", LoadModelSection.model(s.loadModels(), rendered.stream()
                .filter(c -> c.figure().section() == Figure.Section.LOAD_MODEL).map(ReportWriter::chart).toList()));
        m.put("nodeRows", s.nodes().stream().flatMap(n -> n.cells().stream().map(c -> nodeRow(n, c))).toList());
        List<String> models = s.costModels().stream().map(Wording::costModel).toList();
        m.put("costModels", models);
        m.put("hasCostModels", !models.isEmpty());
        m.put("excludedText", excluded(s));
        m.put("overviewCharts", rendered.stream()
                .filter(c -> c.figure().level() == null && c.figure().section() == Figure.Section.RESULTS)
                .map(ReportWriter::chart).toList());
        m.put("nodeCharts", rendered.stream().filter(c -> c.figure().section() == Figure.Section.NODES)
                .map(ReportWriter::chart).toList());
        List<Map<String, Object>> levels = new ArrayList<>();
        for (String level : data.levels()) {
            List<Map<String, Object>> charts = rendered.stream()
                    .filter(c -> level.equals(c.figure().level()) && c.figure().section() == Figure.Section.RESULTS)
                    .map(ReportWriter::chart).toList();
            if (!charts.isEmpty()) {
                levels.add(Map.of("level", level, "charts", charts));
            }
        }
        m.put("levelCharts", levels);
        List<Map<String, Object>> files = new ArrayList<>(List.of(
                file("../campaign.yaml", "campaign.yaml", "the campaign as run"),
                file("../environment.json", "environment.json", "where it ran"),
                file("../runs.jsonl", "runs.jsonl", "one line per run"),
                file("../samples.jsonl", "samples.jsonl", "the samples within runs"),
                file("../summary.json", "summary.json", "the analysis"),
                file("../summary.md", "summary.md", "the verdict in Markdown"),
                file("../runs.csv", "runs.csv", "runs as CSV"),
                file("../cells.csv", "cells.csv", "per-level figures as CSV")));
        if (s.multiNode()) {
            files.add(file("../nodes.csv", "nodes.csv", "per-node figures as CSV"));
        }
        if (!data.rollouts().isEmpty()) {
            files.add(file("../rollouts.jsonl", "rollouts.jsonl", "one line per rollout of encapsulation"));
        }
        if (data.manifest().schemaVersion() > ResultsManifest.FIRST_VERSION) {
            files.add(1, file("../results.json", "results.json",
                    "the directory's description: schema version, campaign, target traits, field meanings"));
        }
        m.put("files", files);
        return m;
    }

    private static Map<String, Object> environment(Environment env) {
        Map<String, Object> e = new LinkedHashMap<>();
        if (env == null) {
            return e;
        }
        e.put("kernel", env.kernel());
        e.put("systemd", SystemdVersion.of(env));
        e.put("cpu", env.cpuModel() + ", " + env.cpus() + " CPUs");
        e.put("memory", String.format(Locale.ROOT, "%.1f GiB", env.memoryBytes() / (double) (1L << 30)));
        e.put("hostname", env.hostname());
        e.put("nodes", env.nodes() == null ? null : String.join(", ", env.nodes()));
        e.put("cluster", env.clusterVersion());
        e.put("target", env.target());
        e.put("tool", env.tool());
        e.put("java", env.java());
        e.put("createdAt", env.createdAt());
        return e;
    }

    private static Map<String, Object> cell(Summary s, CellResult c, Environment env) {
        Map<String, Object> m = new LinkedHashMap<>();
        BlockedResult blocked = c.blocked();
        m.put("level", c.level());
        m.put("rowLevel", blocked == null ? c.level() : c.level() + ", runs pooled");
        m.put("sentence", Wording.verdict(s, c, env));
        m.put("caveat", Wording.caveat(s, c).map(Object.class::cast).orElse(false));
        m.put("drift", s.design() == null ? false
                : s.design().drift(c.level()).map(d -> (Object) Wording.drift(s, d)).orElse(false));
        m.put("verdictClass", c.verdict() == Verdict.REDUCED ? "reduced" : "other");
        m.put("verdict", c.verdict().label());
        m.put("nBaseline", c.baseline().n());
        m.put("nCandidate", c.candidate().n());
        m.put("excluded", c.baseline().excluded() + c.candidate().excluded());
        m.put("baselineMean", Wording.armMeanBracketed(c.baseline()));
        m.put("candidateMean", Wording.armMeanBracketed(c.candidate()));
        m.put("reduction", Wording.reduction(c));
        m.put("difference", Numbers.coresBracketed(c.difference(), c.differenceCi()));
        m.put("welchP", Numbers.p(c.welch() == null ? Double.NaN : c.welch().p()));
        m.put("holmP", blocked == null ? Numbers.p(c.holmP()) : "-");
        m.put("mwP", Numbers.p(c.mannWhitney() == null ? Double.NaN : c.mannWhitney().p()));
        m.put("hedges", Numbers.fixed(c.hedgesG(), 2));
        m.put("mde", Numbers.cores(c.minimalDetectableEffect()));
        m.put("rowVerdict", blocked == null ? Wording.label(c) : "for reference");
        m.put("restsOn", c.restsOn());
        m.put("blocked", blocked == null ? false : blocked(c, blocked));
        return m;
    }

    /** The level's line with nodes as blocks: the figures its verdict rests on. */
    private static Map<String, Object> blocked(CellResult c, BlockedResult b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", c.level() + ", " + b.k() + " nodes as blocks");
        m.put("nBaseline", b.blocks().stream().mapToInt(NodeEffect::baselineRuns).sum());
        m.put("nCandidate", b.blocks().stream().mapToInt(NodeEffect::candidateRuns).sum());
        m.put("dropped", b.dropped().isEmpty() ? "-" : "nodes left out: " + String.join(", ", b.dropped()));
        m.put("reduction", Wording.reduction(b));
        m.put("difference", Numbers.coresBracketed(b.difference(), b.differenceCi()) + " per node");
        m.put("pairedP", "paired t " + Numbers.p(b.pairedT().p()));
        m.put("holmP", Numbers.p(c.holmP()));
        m.put("wilcoxonP", "Wilcoxon " + Numbers.p(b.wilcoxon().p()));
        m.put("verdict", Wording.label(c));
        return m;
    }

    private static Map<String, Object> nodeRow(NodeResult node, CellResult c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node", node.node());
        m.put("level", c.level());
        m.put("nBaseline", c.baseline().n());
        m.put("baselineMean", Numbers.cores(c.baseline().cores().mean()));
        m.put("nCandidate", c.candidate().n());
        m.put("candidateMean", Numbers.cores(c.candidate().cores().mean()));
        m.put("difference", Numbers.cores(c.difference()));
        m.put("reduction", Wording.reduction(c));
        m.put("verdict", Wording.label(c));
        return m;
    }

    private static Map<String, Object> run(RunRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", r.index());
        m.put("node", r.node());
        m.put("arm", r.arm());
        m.put("encapsulation", r.encapsulation());
        m.put("level", r.level());
        m.put("status", r.valid() ? "valid" : "invalid: " + r.invalidReason());
        m.put("rowClass", r.valid() ? "" : "invalid");
        m.put("systemdNs", r.systemdMntNs());
        m.put("kubeletNs", r.kubeletMntNs());
        m.put("runtimeNs", r.runtimeMntNs());
        boolean separate = r.systemdMntNs() != null && r.kubeletMntNs() != null && !r.systemdMntNs().equals(r.kubeletMntNs());
        m.put("separate", r.kubeletMntNs() == null ? "-" : separate ? "yes" : "no");
        m.put("cpu", Numbers.cores(r.systemdCores()));
        m.put("prometheusCpu", r.prometheusCores() != null ? Numbers.cores(r.prometheusCores())
                : r.prometheusMissing() == null ? "-" : "none: " + r.prometheusMissing());
        m.put("mounts", r.systemdMounts() + " / " + r.kubeletMounts());
        return m;
    }

    private static String excluded(Summary s) {
        if (s.invalidReasons().isEmpty()) {
            return "none; all " + s.runs() + " runs were valid.";
        }
        StringBuilder b = new StringBuilder().append(s.runs() - s.valid()).append(" of ").append(s.runs()).append(" runs:");
        s.invalidReasons().forEach((reason, n) -> b.append(' ').append(n).append(" \u00d7 ").append(reason).append(';'));
        b.setLength(b.length() - 1);
        return b.append(". Invalid runs are shown in the evidence table and left out of every statistic.").toString();
    }

    private static Map<String, Object> chart(RenderedChart c) {
        return Map.of("id", c.figure().id(), "svg", c.svg(), "caption", c.figure().caption(), "png", c.pngFileName());
    }

    private static Map<String, Object> file(String href, String name, String what) {
        return Map.of("href", href, "name", name, "what", what);
    }
}
