package io.kubensbench.reports.charts;

import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One chart ready to render.
 *
 * @param id      file-name-safe identifier, unique within a report ({@code cpu-time-pods-200})
 * @param level   the level it shows, or null for a chart over the whole campaign
 * @param caption one sentence on how to read it
 * @param section the part of the report it belongs in
 */
public record Figure(String id, String level, String title, String caption, Chart<?, ?> chart, Section section) {

    /**
     * Where a figure goes: with the results, with the nodes of a campaign that measured
     * several, or with the load model it draws.
     */
    public enum Section { RESULTS, NODES, LOAD_MODEL }

    /** A figure of the results. */
    public Figure(String id, String level, String title, String caption, Chart<?, ?> chart) {
        this(id, level, title, caption, chart, Section.RESULTS);
    }
}
