package io.kubensbench.reports.charts;

/**
 * A figure rendered: SVG markup ready to inline into HTML (no XML prolog, no namespace
 * URLs, ids prefixed with the figure's id so several charts share a page) and PNG bytes.
 */
public record RenderedChart(Figure figure, String svg, byte[] png) {

    public String pngFileName() {
        return figure.id() + ".png";
    }
}
