package io.kubensbench.bench.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's table of contents lists every section and subsection, in order, with the anchor
 * GitHub gives its heading, so a section added, renamed or moved cannot leave the contents
 * pointing nowhere; and the quick start stays on the first screen.
 */
class ReadmeContentsTest {

    private static final Pattern HEADING = Pattern.compile("^(##|###) (.+)$");
    private static final Pattern ENTRY = Pattern.compile("^( *)- \\[(.+)]\\(#([^)]+)\\)$");

    @Test
    void theContentsListEverySectionWithItsAnchor() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
        List<String> headings = new ArrayList<>();
        boolean fenced = false;
        for (String line : lines) {
            if (line.startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (!fenced && m.matches() && !m.group(2).equals("Contents")) {
                headings.add(entry(m.group(1).length() == 2 ? "" : "  ", m.group(2)));
            }
        }
        int start = lines.indexOf("## Contents");
        assertThat(start).as("the README has a Contents section").isPositive();
        List<String> contents = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (ENTRY.matcher(line).matches()) {
                contents.add(line);
            }
        }
        assertThat(contents).containsExactlyElementsOf(withAnchors(headings));
    }

    @Test
    void theQuickStartIsOnTheFirstScreen() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
        assertThat(lines.indexOf("## Quick start")).isBetween(1, 20);
        assertThat(lines.indexOf("## Contents")).isGreaterThan(lines.indexOf("## Quick start"));
    }

    private static String entry(String indent, String title) {
        return indent + "- [" + title + "]";
    }

    /** GitHub's anchors: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
    private static List<String> withAnchors(List<String> entries) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (String e : entries) {
            String title = e.substring(e.indexOf('[') + 1, e.length() - 1);
            String anchor = title.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
            int n = seen.merge(anchor, 1, Integer::sum) - 1;
            out.add(e + "(#" + (n == 0 ? anchor : anchor + "-" + n) + ")");
        }
        return out;
    }
}
