package io.kubensbench.reports.exports;

import io.kubensbench.analysis.compare.Check;
import io.kubensbench.analysis.compare.Comparison;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.text.Numbers;
import java.io.StringWriter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML, which every CI system can show: one test case per level and metric, a failure
 * for each check that calls for a non-zero exit, with the check's message. The JDK's XML
 * writer does the escaping, so a level name or a path with markup in it still gives a file a
 * CI server can read; the line breaks and indentation are ours, for people reading the file.
 */
public final class JunitXmlExport implements ComparisonExport {

    @Override
    public String render(Comparison comparison, Summary baseline, Summary current) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(text);
            write(x, comparison, baseline, current);
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing JUnit XML to a string failed", e);
        }
        return text.toString();
    }

    private static void write(XMLStreamWriter x, Comparison comparison, Summary baseline, Summary current)
            throws XMLStreamException {
        List<Check> checks = comparison.checks();
        long failures = checks.stream().filter(c -> comparison.exitCodeOf(c) != Comparison.PASS).count();
        x.writeStartDocument("UTF-8", "1.0");
        x.writeCharacters("\n");
        x.writeStartElement("testsuites");
        attribute(x, "name", "kubens-bench compare");
        attribute(x, "tests", Integer.toString(checks.size()));
        attribute(x, "failures", Long.toString(failures));
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        attribute(x, "name", "kubens-bench compare: " + current.campaign());
        attribute(x, "tests", Integer.toString(checks.size()));
        attribute(x, "failures", Long.toString(failures));
        x.writeCharacters("\n    ");
        x.writeStartElement("properties");
        property(x, "baseline", String.join(", ", baseline.sources()));
        property(x, "current", String.join(", ", current.sources()));
        property(x, "max-regression", Numbers.plain(comparison.maxRegressionPoints()));
        property(x, "exit-code", Integer.toString(comparison.exitCode()));
        x.writeCharacters("\n    ");
        x.writeEndElement();
        for (Check c : checks) {
            x.writeCharacters("\n    ");
            x.writeStartElement("testcase");
            attribute(x, "classname", "level " + c.level());
            attribute(x, "name", c.metric());
            int code = comparison.exitCodeOf(c);
            if (code != Comparison.PASS) {
                x.writeCharacters("\n      ");
                x.writeStartElement("failure");
                attribute(x, "type", Comparison.title(code));
                attribute(x, "message", c.message());
                x.writeCharacters(xmlChars(c.message()));
                x.writeEndElement();
                x.writeCharacters("\n    ");
            } else {
                x.writeStartElement("system-out");
                x.writeCharacters(xmlChars(c.message()));
                x.writeEndElement();
            }
            x.writeEndElement();
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
        x.writeCharacters("\n");
        x.writeEndElement();
        x.writeCharacters("\n");
        x.writeEndDocument();
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeCharacters("\n      ");
        x.writeEmptyElement("property");
        attribute(x, "name", name);
        attribute(x, "value", value);
    }

    private static void attribute(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeAttribute(name, xmlChars(value));
    }

    /** The text without the control characters XML 1.0 cannot carry, which the writer would pass through. */
    static String xmlChars(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= 0x20 || ch == '\n' || ch == '\t' || ch == '\r') {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
