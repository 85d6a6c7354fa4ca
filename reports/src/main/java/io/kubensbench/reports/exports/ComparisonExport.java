package io.kubensbench.reports.exports;

import io.kubensbench.analysis.compare.Comparison;
import io.kubensbench.analysis.compare.Summary;

/** One file format for a CI gate's comparison; one class per format. */
public interface ComparisonExport {

    String render(Comparison comparison, Summary baseline, Summary current);
}
