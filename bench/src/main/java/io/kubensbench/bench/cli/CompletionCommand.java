package io.kubensbench.bench.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code kubens-bench completion}: prints the completion script for bash and zsh, kubectl's way
 * ({@code source <(kubens-bench completion)}), so it always matches the jar that runs it.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print the bash and zsh completion script: source <(kubens-bench completion)")
final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(script(spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return Main.OK;
    }

    static String script(picocli.CommandLine root) {
        return AutoComplete.bash(root.getCommandName(), root);
    }
}
