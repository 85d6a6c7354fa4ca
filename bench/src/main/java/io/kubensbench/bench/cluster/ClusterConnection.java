package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubensbench.workloads.cluster.ApiErrors;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Opens a client the way kubectl and oc would: {@code --kubeconfig} first, then the files in
 * {@code KUBECONFIG}, then {@code ~/.kube/config}, then the pod's service account when run in
 * a cluster; {@code --context} over the campaign's {@code target.cluster.context} over the
 * current context. Problems a user can fix (no kubeconfig, an unknown context, an API server
 * that does not answer, rejected credentials) are one-line {@link ClusterAccessException}s,
 * found before anything is created. A kubeconfig holds credentials, so no message quotes a
 * line or a value of it: a broken file is named with the line and column at fault.
 */
public final class ClusterConnection {

    private static final String SERVICE_ACCOUNT_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    private final Map<String, String> env;
    private final Path home;

    /** Reads the process's environment and home directory. */
    public ClusterConnection() {
        this(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** For tests: another environment and home. */
    public ClusterConnection(Map<String, String> env, Path home) {
        this.env = Map.copyOf(env);
        this.home = home;
    }

    /**
     * A client for the chosen context, after checking that the API server answers.
     *
     * @param kubeconfig      {@code --kubeconfig}, or null
     * @param context         {@code --context}, or null
     * @param campaignContext the campaign's {@code target.cluster.context}, or null
     */
    public KubernetesClient open(Path kubeconfig, String context, String campaignContext) throws IOException {
        String chosen = context != null ? context : campaignContext;
        List<Path> files = kubeconfigFiles(kubeconfig);
        Config config;
        if (files.isEmpty()) {
            if (!env.containsKey("KUBERNETES_SERVICE_HOST") || !Files.exists(Path.of(SERVICE_ACCOUNT_TOKEN))) {
                throw new ClusterAccessException("no kubeconfig: set KUBECONFIG, pass --kubeconfig FILE, or log in"
                        + " (oc login / kubectl config) so that " + home.resolve(".kube/config") + " exists");
            }
            config = Config.autoConfigure(null);
        } else {
            checkContext(files, chosen);
            config = load(files, kubeconfig != null || files.size() == 1, chosen);
        }
        // A dead API server should say so in seconds, not after ten backed-off retries.
        config.setRequestRetryBackoffLimit(2);
        config.setConnectionTimeout(10_000);
        // HTTP/1.1: a campaign keeps one followed probe log per node open, and kube-apiserver lets
        // a client have 100 concurrent streams on an HTTP/2 connection, a limit the JDK's client
        // does not work around: it fails the 101st request ("too many concurrent streams")
        // instead of opening another connection. Over HTTP/1.1 each log has a connection of its own.
        config.setHttp2Disable(true);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        try {
            client.getKubernetesVersion();
        } catch (KubernetesClientException e) {
            client.close();
            throw ApiErrors.explain(e, "get", "the API server's /version", client.getMasterUrl());
        }
        return client;
    }

    /**
     * fabric8's reading of the files. A file of the wrong shape (a list where a mapping
     * belongs) fails there with a message that quotes the value, which may be a token:
     * the user learns where, never what.
     */
    private static Config load(List<Path> files, boolean single, String context) throws ClusterAccessException {
        try {
            return single ? Config.fromKubeconfig(context, files.get(0).toFile()) : Config.autoConfigure(context);
        } catch (RuntimeException e) {
            throw new ClusterAccessException(String.join(", ", files.stream().map(Path::toString).toList())
                    + ": not a kubeconfig: " + where(e, "a field has the wrong type"));
        }
    }

    /**
     * Where in the file {@code e} found a problem, as line and column only: YAML parsers quote
     * the offending lines, and in a kubeconfig those may hold a token or a client key.
     */
    private static String where(Throwable e, String what) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JacksonException j && j.getLocation() != null && j.getLocation().getLineNr() > 0) {
                return what + " at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr();
            }
        }
        return what;
    }

    /** The kubeconfig files in the order kubectl reads them; only those that exist. */
    List<Path> kubeconfigFiles(Path option) throws ClusterAccessException {
        if (option != null) {
            if (!Files.isRegularFile(option)) {
                throw new ClusterAccessException(option + ": no such kubeconfig file");
            }
            return List.of(option);
        }
        String list = env.get("KUBECONFIG");
        List<Path> files = new ArrayList<>();
        if (list != null && !list.isBlank()) {
            for (String part : list.split(File.pathSeparator)) {
                if (!part.isBlank() && Files.isRegularFile(Path.of(part))) {
                    files.add(Path.of(part));
                }
            }
            if (files.isEmpty()) {
                throw new ClusterAccessException("KUBECONFIG=" + list + " names no existing file");
            }
            return files;
        }
        Path standard = home.resolve(".kube").resolve("config");
        return Files.isRegularFile(standard) ? List.of(standard) : List.of();
    }

    /** Fails with the contexts there are when {@code context} is not one of them. */
    static void checkContext(List<Path> files, String context) throws ClusterAccessException {
        Set<String> contexts = new LinkedHashSet<>();
        String current = null;
        ObjectMapper yaml = YAMLMapper.builder().build();
        for (Path file : files) {
            JsonNode root;
            try {
                root = yaml.readTree(Files.readAllBytes(file));
            } catch (JacksonException e) {
                throw new ClusterAccessException(file + ": not a kubeconfig: " + where(e, "YAML syntax error"));
            } catch (IOException e) {
                throw new ClusterAccessException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
            }
            if (root == null || !root.isObject()) {
                throw new ClusterAccessException(file + ": not a kubeconfig (empty or not a mapping)");
            }
            root.path("contexts").forEach(c -> contexts.add(c.path("name").asString("")));
            if (current == null && root.hasNonNull("current-context") && !root.get("current-context").asString("").isEmpty()) {
                current = root.get("current-context").asString("");
            }
        }
        String wanted = context != null ? context : current;
        if (wanted == null) {
            throw new ClusterAccessException(String.join(", ", files.stream().map(Path::toString).toList())
                    + " has no current context: pass --context" + named(contexts));
        }
        if (!contexts.contains(wanted)) {
            throw new ClusterAccessException("context '" + wanted + "' is not in "
                    + String.join(", ", files.stream().map(Path::toString).toList()) + named(contexts));
        }
    }

    private static String named(Set<String> contexts) {
        return contexts.isEmpty() ? " (it has no contexts)" : " (contexts: " + String.join(", ", contexts) + ")";
    }
}
