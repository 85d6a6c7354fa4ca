package io.kubensbench.reports.charts;

import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One chart ready to render.
 *
 * @param id      file-name-safe identifier, unique within a report ({@code cpu-time-pods-200})
 * @param level   the level it shows, or null for a chart over the whole campaign
 * @param caption one sentence on how to read it
 */
public record Figure(String id, String level, String title, String caption, Chart<?, ?> chart) {
}
