package io.kubensbench.bench.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubensbench.bench.cluster.ClusterConnection;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --kubeconfig} and {@code --context}, as kubectl and oc take them, for every cluster
 * command. Which context is the default depends on the command, and its help says so: the
 * kubeconfig's current one ({@link CurrentContext}), or first the one a campaign file names
 * ({@link CampaignContext}, for {@code run} and {@code plan}).
 */
abstract class ClusterOptions {

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Kubeconfig file (default: $KUBECONFIG, then ~/.kube/config).")
    Path kubeconfig;

    String context;

    /** A client for the chosen cluster, once its API server has answered. */
    KubernetesClient connect(String campaignContext) throws IOException {
        return new ClusterConnection().open(kubeconfig, context, campaignContext);
    }

    /** The options of a cluster command that takes no campaign file. */
    static final class CurrentContext extends ClusterOptions {
        @Option(names = "--context", paramLabel = "NAME",
                description = "Kubeconfig context (default: the kubeconfig's current context).")
        void context(String name) {
            context = name;
        }
    }

    /** The options of a command that reads a campaign file, whose target may name a context. */
    static final class CampaignContext extends ClusterOptions {
        @Option(names = "--context", paramLabel = "NAME",
                description = "Kubeconfig context (default: the campaign's target.cluster.context if it names one,"
                        + " then the kubeconfig's current context).")
        void context(String name) {
            context = name;
        }
    }
}
