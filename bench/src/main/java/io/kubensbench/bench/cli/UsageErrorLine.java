package io.kubensbench.bench.cli;

import java.util.List;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one line on stderr for a command line that does not parse: what is wrong, picocli's
 * "did you mean" for a mistyped command or option, and where the help is, e.g.
 * {@code kubens-bench: unknown command 'anlyze': did you mean 'analyze'? (see 'kubens-bench --help')}.
 */
final class UsageErrorLine {

    private UsageErrorLine() {
    }

    static String of(ParameterException ex) {
        return "kubens-bench: " + what(ex) + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                + " --help')";
    }

    private static String what(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String arg = unmatched.getUnmatched().get(0);
            boolean command = !unmatched.isUnknownOption()
                    && !ex.getCommandLine().getCommandSpec().subcommands().isEmpty();
            if (unmatched.isUnknownOption() || command) {
                return (command ? "unknown command '" : "unknown option '") + arg + "'"
                        + didYouMean(unmatched.getSuggestions());
            }
        }
        return Main.oneLine(ex);
    }

    /** Picocli's first suggestion: the most similar command, or an option that starts alike. */
    private static String didYouMean(List<String> suggestions) {
        if (suggestions.isEmpty()) {
            return "";
        }
        return ": did you mean '" + suggestions.get(0) + "'?";
    }
}
