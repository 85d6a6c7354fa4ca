package io.kubensbench.bench.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes what a packager installs beside the jar, from the same command tree the jar runs: the
 * bash/zsh completion script ({@code completion/kubens-bench_completion}) and one AsciiDoc man
 * page per command ({@code man-adoc/kubens-bench-CMD.adoc}, turned into troff {@code man/*.1} by
 * the build). Run by the build after the jar is made: {@code CliDocs TARGET_DIR}.
 */
public final class CliDocs {

    private CliDocs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CliDocs TARGET_DIR");
        }
        write(Path.of(args[0]));
    }

    /** Writes the completion script and the AsciiDoc man pages under {@code target}. */
    static void write(Path target) throws IOException {
        CommandLine cli = Main.commandLine();
        Path completion = Files.createDirectories(target.resolve("completion"));
        Files.writeString(completion.resolve("kubens-bench_completion"), CompletionCommand.script(cli),
                StandardCharsets.UTF_8);
        File man = Files.createDirectories(target.resolve("man-adoc")).toFile();
        int exit = ManPageGenerator.generateManPage(man, null, new boolean[0], true, cli.getCommandSpec());
        if (exit != 0) {
            throw new IOException("the man page generator failed (exit " + exit + ")");
        }
        // picocli-codegen 4.7.7 writes exit code descriptions unformatted: "P%%" where help prints "P%".
        try (Stream<Path> pages = Files.list(man.toPath())) {
            for (Path page : pages.toList()) {
                Files.writeString(page, Files.readString(page).replace("%%", "%"));
            }
        }
    }
}
