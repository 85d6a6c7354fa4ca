package io.kubensbench.bench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code kubens-bench jmh [JMH options]}: the microbenchmarks, with JMH's own options. */
@Command(name = "jmh", description = "Run the JMH microbenchmarks; every argument goes to JMH (try -h, -l).")
final class JmhCommand implements Callable<Integer> {

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        org.openjdk.jmh.Main.main(args.toArray(String[]::new));
        return Main.OK;
    }
}
