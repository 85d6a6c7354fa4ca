package io.kubensbench.bench.cli;

import io.kubensbench.analysis.results.CampaignRecord;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.Order;
import io.kubensbench.bench.index.IndexTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kubens-bench run CAMPAIGN.yaml [--out DIR] [--resume DIR] [--arm NAME] [--kubeconfig F] [--context C]
 * [--yes] [--restore] [--rollout-timeout D] [--prometheus URL] [--prometheus-ca FILE] [--no-prometheus]
 * [--es-server URL] [--index-dir DIR] ...}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a campaign on the target its file names; --resume finishes an interrupted one.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "CAMPAIGN.yaml", description = "The campaign file (not needed with --resume).")
    Path campaign;

    @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default results/<name>-<time>).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Finish the runs missing from this results directory.")
    Path resume;

    @Option(names = "--arm", paramLabel = "NAME",
            description = "Run only this arm (a cluster with encapsulation: manual needs it: switch the nodes by hand,"
                    + " run each arm, then analyze both directories together).")
    String arm;

    @Mixin
    ClusterOptions.CampaignContext cluster;

    @Mixin
    RolloutOptions rollouts;

    @Mixin
    PrometheusOptions prometheus;

    @Mixin
    IndexOptions indexing;

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        CampaignSession session = new CampaignSession(spec.commandLine().getOut(), spec.commandLine().getErr(),
                cluster, arm, rollouts, main.prompt, prometheus);
        if (resume != null) {
            if (out != null) {
                throw new IllegalArgumentException("--resume and --out do not go together: a resume writes to its own directory");
            }
            ResultsDir results = new ResultsDir(resume).requireExisting();
            if (results.campaign().observed()) {
                throw new IllegalArgumentException(resume + " holds an observation (kubens-bench observe), not a"
                        + " campaign: it is not resumed; observe again into a new directory");
            }
            String yaml = results.campaignYaml();
            CampaignSpec stored = sameOrder(new CampaignReader().parse(yaml, resume.resolve(ResultsDir.CAMPAIGN)
                    .toString()), results.campaign());
            if (campaign != null && !Files.readString(campaign).equals(yaml)) {
                throw new IllegalArgumentException(campaign + " differs from the campaign in " + resume
                        + ": resume without the file, or start a new campaign");
            }
            IndexTarget index = indexing.target(new CampaignReader().indexing(yaml, resume.resolve(ResultsDir.CAMPAIGN)
                    .toString()), System.getenv(), spec.commandLine().getErr());
            return indexed(session.execute(stored, yaml, resume, true), index, resume);
        }
        if (campaign == null) {
            throw new IllegalArgumentException("name a campaign file, or --resume DIR");
        }
        if (!Files.isRegularFile(campaign)) {
            throw new IllegalArgumentException(campaign + ": no such file");
        }
        String yaml = Files.readString(campaign);
        CampaignSpec parsed = new CampaignReader().parse(yaml, campaign.getFileName().toString());
        IndexTarget index = indexing.target(new CampaignReader().indexing(yaml, campaign.getFileName().toString()),
                System.getenv(), spec.commandLine().getErr());
        Path dir = out == null ? CampaignSession.defaultOut(parsed) : out;
        return indexed(session.execute(parsed, yaml, dir, false), index, dir);
    }

    /** Indexes the campaign's runs once it has ended; an interrupted one is indexed when its resume ends it. */
    private int indexed(int code, IndexTarget index, Path dir) {
        return IndexOptions.indexRuns(code, index, dir, spec.commandLine().getErr());
    }

    /**
     * The campaign in the order its runs were planned when it started: a file that names no
     * order gets its target's default, and a directory begun under another default must not
     * change its plan half-way (the run indexes would no longer match).
     */
    static CampaignSpec sameOrder(CampaignSpec spec, CampaignRecord started) {
        if (started.schedule() == null) {
            return spec;
        }
        return Order.fromLabel(started.schedule().order()).filter(o -> o != spec.schedule().order())
                .map(spec::withOrder).orElse(spec);
    }
}
