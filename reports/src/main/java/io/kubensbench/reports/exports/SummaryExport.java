package io.kubensbench.reports.exports;

import io.kubensbench.reports.ReportData;

/** One file written beside a campaign's results from its summary and runs; one class per format. */
public interface SummaryExport {

    /** The file's name in the results directory. */
    String fileName();

    /** Whether the file belongs beside these results; a format for some campaigns only says no to the rest. */
    default boolean appliesTo(ReportData data) {
        return true;
    }

    String render(ReportData data);
}
