package io.kubensbench.bench.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Picocli's help with its synopsis, description, option and parameter lists, command list and
 * footer wrapped at spaces only ({@link WordWrappedTable}), so no path or command in them is split
 * over two lines. A '%' in a help text is a format specifier, as in picocli: write "%%" for one.
 */
final class WordWrappedHelp extends Help {

    WordWrappedHelp(CommandSpec spec, ColorScheme colors) {
        super(spec, colors);
    }

    @Override
    public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
            ColorScheme colors) {
        Layout picocli = super.createDefaultLayout(options, positionals, colors);
        return new Layout(colors, new WordWrappedTable(colors, picocli.textTable().columns()),
                createDefaultOptionRenderer(), createDefaultParameterRenderer());
    }

    @Override
    public String commandList(Map<String, Help> subcommands) {
        List<Help> shown = subcommands.values().stream()
                .filter(help -> !help.commandSpec().usageMessage().hidden()).toList();
        if (shown.isEmpty()) {
            return "";
        }
        int names = shown.stream().mapToInt(help -> help.commandNamesText(", ").plainString().length()).max()
                .orElse(0) + 2;
        int width = commandSpec().usageMessage().width();
        TextTable table = new WordWrappedTable(colorScheme(), new Column(names, 2, Column.Overflow.SPAN),
                new Column(width - names, 2, Column.Overflow.WRAP));
        for (Help help : shown) {
            Ansi.Text[] lines = colorScheme().text(summary(help.commandSpec().usageMessage())).splitLines();
            for (int i = 0; i < lines.length; i++) {
                table.addRowValues(i == 0 ? help.commandNamesText(", ") : Ansi.OFF.text(""), lines[i]);
            }
        }
        return table.toString();
    }

    /** A command's line in its parent's command list: its header, else its description's first line. */
    private static String summary(UsageMessageSpec usage) {
        String[] text = usage.header().length > 0 ? usage.header() : usage.description();
        if (text.length == 0) {
            return "";
        }
        return String.format(text[0]);
    }

    @Override
    public String header(Object... params) {
        return paragraphs(commandSpec().usageMessage().header(), params);
    }

    @Override
    public String description(Object... params) {
        return paragraphs(commandSpec().usageMessage().description(), params);
    }

    @Override
    public String footer(Object... params) {
        return paragraphs(commandSpec().usageMessage().footer(), params);
    }

    private String paragraphs(String[] text, Object... params) {
        TextTable table = new WordWrappedTable(colorScheme(),
                new Column(commandSpec().usageMessage().width(), 0, Column.Overflow.WRAP));
        table.indentWrappedLines = 0;
        for (String paragraph : text) {
            for (Ansi.Text line : colorScheme().text(String.format(paragraph, params)).splitLines()) {
                table.addRowValues(line);
            }
        }
        return table.toString();
    }

    @Override
    protected String insertSynopsisCommandName(int headingLength, Ansi.Text optionText) {
        UsageMessageSpec usage = commandSpec().usageMessage();
        int width = usage.width();
        int afterName = headingLength + commandSpec().qualifiedName().length() + 1;
        int indent = afterName <= usage.synopsisAutoIndentThreshold() * width ? afterName
                : Math.min(usage.synopsisIndent() < 0 ? headingLength : usage.synopsisIndent(), (int) (0.9 * width));
        TextTable table = new WordWrappedTable(colorScheme(), new Column(width, 0, Column.Overflow.WRAP));
        table.indentWrappedLines = indent;
        Ansi.Text heading = optionText.substring(0, 0).concat("X".repeat(headingLength));
        table.addRowValues(heading.concat(colorScheme().commandText(commandSpec().qualifiedName())).concat(optionText));
        return table.toString().substring(headingLength);
    }
}
