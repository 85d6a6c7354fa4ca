package io.kubensbench.bench.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;

/**
 * A help table that wraps text at spaces only. Picocli wraps with the JDK's line
 * {@link java.text.BreakIterator}, which breaks after a '.', ',', ':' or '(' inside a word, so
 * {@code ~/.kube/config} or {@code CAMPAIGN.yaml} came out split over two lines of {@code --help}, and
 * a user copying a path or a command from there got half of it. Here every line is cut at a space
 * before picocli sees it; only a single word wider than its column is still cut by picocli.
 */
final class WordWrappedTable extends TextTable {

    WordWrappedTable(ColorScheme colors, Column... columns) {
        super(colors, columns);
    }

    @Override
    public Cell putValue(int row, int col, Text value) {
        Column column = columns()[col];
        if (column.overflow != Column.Overflow.WRAP || value == null || value.plainString().contains("\n")) {
            return super.putValue(row, col, value);
        }
        int first = column.width - column.indent - 1; // as picocli: the last column stays free
        List<Text> lines = lines(value, first, first - indentWrappedLines);
        Cell cell = super.putValue(row, col, lines.get(0));
        Text indent = value.substring(0, 0).concat(" ".repeat(indentWrappedLines));
        for (Text line : lines.subList(1, lines.size())) {
            addEmptyRow();
            cell = super.putValue(rowCount() - 1, col, indent.concat(line));
        }
        return cell;
    }

    /** {@code text} cut at spaces into lines of at most {@code first}, then {@code rest} characters. */
    static List<Text> lines(Text text, int first, int rest) {
        String plain = text.plainString();
        List<Text> lines = new ArrayList<>();
        int start = 0;
        int width = first;
        while (start < plain.length()) {
            int end = start;
            int next = start;
            while (next < plain.length()) {
                int space = plain.indexOf(' ', next);
                int wordEnd = space < 0 ? plain.length() : space;
                if (wordEnd - start > width && end > start) {
                    break;
                }
                end = wordEnd;
                next = space < 0 ? plain.length() : space + 1;
            }
            lines.add(text.substring(start, end));
            start = next;
            while (start < plain.length() && plain.charAt(start) == ' ') {
                start++;
            }
            width = rest;
        }
        if (lines.isEmpty()) {
            lines.add(text);
        }
        return lines;
    }
}
