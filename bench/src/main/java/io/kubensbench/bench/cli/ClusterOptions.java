package io.kubensbench.bench.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubensbench.bench.cluster.ClusterConnection;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --kubeconfig} and {@code --context}, as kubectl and oc take them, for every cluster command. */
final class ClusterOptions {

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Kubeconfig file (default: $KUBECONFIG, then ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME",
            description = "Kubeconfig context (default: the campaign's target.cluster.context, if run with one, then the"
                    + " current context).")
    String context;

    /** A client for the chosen cluster, once its API server has answered. */
    KubernetesClient connect(String campaignContext) throws IOException {
        return new ClusterConnection().open(kubeconfig, context, campaignContext);
    }
}
