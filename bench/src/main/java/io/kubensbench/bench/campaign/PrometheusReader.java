package io.kubensbench.bench.campaign;

import io.kubensbench.analysis.results.AgreementTolerance;
import java.net.URI;
import java.util.List;

/** Reads the campaign file's {@code prometheus} block, every problem named by its field. */
final class PrometheusReader {

    static final List<String> FIELDS = List.of("url", "query", "tolerance", "caFile", "bearerTokenFile");
    static final List<String> TOLERANCE_FIELDS = List.of("relative", "cores");

    private PrometheusReader() {
    }

    /** The block, or null when the file has none. */
    static PrometheusSpec prometheus(YamlField f) {
        if (!f.present()) {
            return null;
        }
        if (f.node().isNull()) {
            return PrometheusSpec.defaults();
        }
        f.map(FIELDS);
        YamlField url = f.get("url");
        YamlField query = f.get("query");
        YamlField ca = f.get("caFile");
        YamlField token = f.get("bearerTokenFile");
        return new PrometheusSpec(url.present() ? url(url) : null, query.present() ? query(query) : null,
                tolerance(f.get("tolerance")), ca.present() ? ca.path("file") : null, token.present() ? token.path("file") : null);
    }

    private static URI url(YamlField f) {
        URI uri = f.uri();
        PrometheusSpec.checkUrl(f.where(), uri);
        return uri;
    }

    private static String query(YamlField f) {
        String query = f.required().text();
        PrometheusSpec.checkQuery(f.where(), query);
        return query;
    }

    private static AgreementTolerance tolerance(YamlField f) {
        if (!f.present() || f.node().isNull()) {
            return null;
        }
        f.map(TOLERANCE_FIELDS);
        YamlField relative = f.get("relative");
        YamlField cores = f.get("cores");
        double r = relative.present() ? share(relative) : AgreementTolerance.DEFAULT.relative();
        double c = cores.present() ? nonNegative(cores, "in cores, such as 0.005 for 0.5% of a core")
                : AgreementTolerance.DEFAULT.cores();
        if (r == 0 && c == 0) {
            throw f.problem("relative and cores are both 0: every difference would disagree, however small");
        }
        return new AgreementTolerance(r, c);
    }

    private static double share(YamlField f) {
        if (f.node() != null && f.node().isString() && f.node().stringValue().strip().endsWith("%")) {
            throw f.problem("must be a fraction of the harness's figure, such as 0.1 for 10% (got " + f.got() + ")");
        }
        return nonNegative(f, "a fraction of the harness's figure, such as 0.1 for 10%");
    }

    private static double nonNegative(YamlField f, String what) {
        if (f.node() == null || !f.node().isNumber()) {
            throw f.problem("must be a number, " + what + " (got " + f.got() + ")");
        }
        double v = f.number();
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw f.problem("must be at least 0 (got " + f.got() + ")");
        }
        return v;
    }
}
