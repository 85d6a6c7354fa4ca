package io.kubensbench.reports.charts;

import io.kubensbench.reports.ReportData;
import java.util.List;

/** One kind of chart of the report; one class per kind. It draws, it computes no statistic. */
public interface ReportChart {

    /** The figures of this kind: one for the campaign, or one per level; none when there is nothing to draw. */
    List<Figure> figures(ReportData data);

    /** Every chart of the report, in the order the report shows them. */
    static List<ReportChart> all() {
        return List.of(new SystemdCpuOverTimeChart(), new RunCpuByLevelChart(), new DoseResponseChart(),
                new ReductionChart(), new MountsOverTimeChart(), new HarnessCpuOverTimeChart(),
                new NodeCpuByLevelChart(), new LoadModelChart());
    }
}
