package io.kubensbench.bench.cli;

import picocli.CommandLine.Option;

/** The bootstrap settings every analysing command takes, so their analyses agree. */
final class BootstrapOptions {

    @Option(names = "--seed", defaultValue = "1", description = "Bootstrap seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resamples", defaultValue = "10000", description = "Bootstrap resamples (default ${DEFAULT-VALUE}).")
    int resamples;
}
