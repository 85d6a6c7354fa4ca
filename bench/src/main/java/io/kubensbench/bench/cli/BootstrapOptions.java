package io.kubensbench.bench.cli;

import picocli.CommandLine.Option;

/**
 * {@code --seed} and {@code --resamples}, from when the reduction's interval was a bootstrap.
 * Nothing is resampled any more (every figure is a function of the runs alone), so they have
 * no effect; they are still accepted, hidden, so a CI job written for an earlier version does
 * not fail on an unknown option.
 */
final class BootstrapOptions {

    @Option(names = "--seed", hidden = true, defaultValue = "1", description = "No effect: nothing is resampled.")
    long seed;

    @Option(names = "--resamples", hidden = true, defaultValue = "10000", description = "No effect: nothing is resampled.")
    int resamples;
}
