package io.kubensbench.reports.charts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;

/** Renders figures to SVG (for inlining) and PNG (for the file beside the report), headless. */
public final class ChartRenderer {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Pattern PROLOG = Pattern.compile("<\\?xml[^>]*\\?>|<!DOCTYPE[^>]*>");
    private static final Pattern NAMESPACE = Pattern.compile("\\s+xmlns(:\\w+)?=\"[^\"]*\"");
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]*)\"");
    private static final Pattern REF = Pattern.compile("url\\(#([^)]*)\\)|href=\"#([^\"]*)\"");
    private static final Pattern SIZE = Pattern.compile("<svg([^>]*?)\\swidth=\"([\\d.]+)(\\w*)\"\\s+height=\"([\\d.]+)(\\w*)\"");

    public RenderedChart render(Figure figure) {
        try {
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(figure.chart(), svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            byte[] png = BitmapEncoder.getBitmapBytes(figure.chart(), BitmapEncoder.BitmapFormat.PNG);
            return new RenderedChart(figure, inlineable(svg.toString(StandardCharsets.UTF_8), figure.id()), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SVG markup fit for an HTML page: without XML prolog and doctype, without namespace
     * attributes (the HTML parser puts {@code <svg>} in the SVG namespace; they only carry
     * URLs), ids and references to them prefixed, and scaling with the page.
     */
    static String inlineable(String svg, String prefix) {
        String s = PROLOG.matcher(svg).replaceAll("");
        s = NAMESPACE.matcher(s).replaceAll("");
        s = s.replace("xlink:href=", "href=");
        s = ID.matcher(s).replaceAll(m -> Matcher.quoteReplacement("id=\"" + prefix + "-" + m.group(1) + "\""));
        s = REF.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) != null
                ? "url(#" + prefix + "-" + m.group(1) + ")"
                : "href=\"#" + prefix + "-" + m.group(2) + "\""));
        Matcher size = SIZE.matcher(s);
        if (size.find() && !s.substring(0, size.end() + 200 > s.length() ? s.length() : size.end() + 200).contains("viewBox")) {
            s = s.substring(0, size.start()) + "<svg" + size.group(1) + " viewBox=\"0 0 " + size.group(2) + " "
                    + size.group(4) + "\" width=\"" + size.group(2) + size.group(3) + "\" height=\"" + size.group(4)
                    + size.group(5) + "\"" + s.substring(size.end());
        }
        return s.strip();
    }
}
