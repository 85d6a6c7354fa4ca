package io.kubensbench.reports.exports;

import java.util.Locale;

/** RFC 4180 fields: quoted when they hold a comma, quote or line break; numbers in a fixed locale. */
final class Csv {

    private Csv() {
    }

    static String field(Object v) {
        if (v == null) {
            return "";
        }
        String s = v instanceof Double d ? num(d) : v.toString();
        // a leading =, +, - or @ would be a formula to a spreadsheet: keep text text
        if (!(v instanceof Number) && !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    static String row(Object... fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(field(fields[i]));
        }
        return b.append("\r\n").toString();
    }
}
