package io.kubensbench.reports;

import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.RunRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A copy of a results directory without what points at a machine or a cluster
 * ({@link Identifiers}): each host name, node name, kube context and boot id is replaced by a
 * neutral name ({@code node-1}, {@code harness-host}, ...) in every raw file, the same name
 * everywhere, so the copy analyses to the same figures and its report can go where the
 * original should not. Only whole names are replaced: {@code worker-1} is not touched inside
 * {@code worker-12}, nor {@code h} inside {@code 1h}. A name that is also an arm or level
 * name (or a JSON literal) cannot be told apart from what the report must keep, and is refused.
 */
public final class Redaction {

    /** Where the copy goes, inside the results directory. */
    public static final String DIR = "redacted";
    /** The raw files a report is made from. */
    private static final List<String> FILES = List.of(ResultsDir.CAMPAIGN, ResultsDir.ENVIRONMENT,
            ResultsDir.MANIFEST, ResultsDir.RUNS, ResultsDir.SAMPLES, ResultsDir.ROLLOUTS);
    /** What a name may be made of; a match must not be preceded or followed by one of these. */
    private static final String NAME_CHAR = "[A-Za-z0-9._-]";

    private Redaction() {
    }

    /**
     * Writes the copy of results directory {@code dir} to {@code <dir>/redacted}, replacing
     * what was there, and returns its path.
     */
    public static Path copy(Path dir) throws IOException {
        ResultsDir results = new ResultsDir(dir);
        List<RunRecord> runs = results.runs();
        Identifiers ids = Identifiers.of(results.environment(), runs, results.campaignYaml());
        Set<String> words = new HashSet<>(Set.of("true", "false", "null"));
        runs.forEach(r -> {
            words.add(r.arm());
            words.add(r.level());
        });
        for (String name : ids.aliases().keySet()) {
            if (words.contains(name)) {
                throw new IllegalArgumentException("cannot redact '" + name + "': it is also an arm or level name,"
                        + " which the report must keep");
            }
        }
        Path to = dir.resolve(DIR);
        Files.createDirectories(to);
        for (String file : FILES) {
            Path from = dir.resolve(file);
            if (Files.exists(from)) {
                Files.writeString(to.resolve(file), redact(Files.readString(from, StandardCharsets.UTF_8),
                        ids.aliases()), StandardCharsets.UTF_8);
            }
        }
        return to;
    }

    /** {@code text} with every whole occurrence of each name replaced by its alias. */
    static String redact(String text, Map<String, String> aliases) {
        String out = text;
        for (Map.Entry<String, String> alias : aliases.entrySet()) {
            Pattern name = Pattern.compile("(?<!" + NAME_CHAR + ")" + Pattern.quote(alias.getKey()) + "(?!" + NAME_CHAR
                    + ")");
            out = name.matcher(out).replaceAll(Matcher.quoteReplacement(alias.getValue()));
        }
        return out;
    }
}
