package io.kubensbench.reports.html;

import io.kubensbench.analysis.agreement.NodeAgreement;
import io.kubensbench.analysis.agreement.PrometheusAgreement;
import io.kubensbench.analysis.text.AgreementWording;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's section on Prometheus beside the probe: per node and arm the harness's figure
 * and Prometheus's over the same runs, their difference and the runs beyond the tolerance,
 * worded as the terminal and summary.md word it.
 */
final class PrometheusSection {

    private PrometheusSection() {
    }

    /** The template's model of the section; false (no section) when the campaign asked no Prometheus. */
    static Object model(PrometheusAgreement a) {
        if (a == null) {
            return false;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", AgreementWording.method(a));
        m.put("sentence", AgreementWording.sentence(a));
        m.put("sentenceClass", a.compared() > 0 && !a.disagrees() ? "reduced" : "other");
        m.put("rows", a.rows().stream().map(PrometheusSection::row).toList());
        List<String> missing = a.rows().stream().filter(r -> !r.missing().isEmpty())
                .map(r -> r.node() + " " + r.arm() + ": " + AgreementWording.missing(r)).toList();
        m.put("missing", missing);
        return m;
    }

    private static Map<String, Object> row(NodeAgreement r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node", r.node());
        m.put("arm", r.arm());
        m.put("runs", r.compared() + " of " + r.runs());
        m.put("harness", AgreementWording.harness(r));
        m.put("prometheus", AgreementWording.prometheus(r));
        m.put("difference", AgreementWording.difference(r));
        m.put("largest", AgreementWording.largest(r));
        m.put("beyond", AgreementWording.beyond(r));
        m.put("flag", AgreementWording.flag(r));
        m.put("rowClass", r.disagrees() ? "disagrees" : "");
        return m;
    }
}
