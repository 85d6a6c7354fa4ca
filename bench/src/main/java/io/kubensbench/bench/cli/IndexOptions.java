package io.kubensbench.bench.cli;

import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.bench.campaign.IndexingSpec;
import io.kubensbench.bench.http.SecretFile;
import io.kubensbench.bench.index.BulkSink;
import io.kubensbench.bench.index.CampaignDocuments;
import io.kubensbench.bench.index.EsAuth;
import io.kubensbench.bench.index.EsServer;
import io.kubensbench.bench.index.EsTls;
import io.kubensbench.bench.index.IndexDocument;
import io.kubensbench.bench.index.IndexTarget;
import io.kubensbench.bench.index.Indexer;
import io.kubensbench.bench.index.IndexingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --es-server}, {@code --es-index}, their credentials and TLS, and {@code --index-dir}:
 * where {@code run}, {@code observe}, {@code analyze} and {@code compare} index their documents
 * (kube-burner's {@code uuid}/{@code metricName} documents), over the campaign file's
 * {@code indexing} block. Indexing comes after everything else a command writes: a refusal
 * never costs a result, and ends the command with {@value #INDEXING_FAILED}.
 */
final class IndexOptions {

    /** The exit code of a command whose results are written but whose documents were not all indexed. */
    static final int INDEXING_FAILED = 4;
    static final String PASSWORD_ENV = "KUBENS_BENCH_ES_PASSWORD";
    static final String TOKEN_ENV = "KUBENS_BENCH_ES_TOKEN";

    @Option(names = "--es-server", paramLabel = "URL",
            description = "Index the results into this OpenSearch or Elasticsearch (over indexing.esServer);"
                    + " https://user:password@host:9200 as kube-burner takes it, or the user with --es-user.")
    String server;

    @Option(names = "--es-index", paramLabel = "NAME",
            description = "The index (over indexing.esIndex; default " + IndexTarget.DEFAULT_INDEX + ").")
    String index;

    @Option(names = "--es-user", paramLabel = "USER",
            description = "Basic authentication as USER, the password from $" + PASSWORD_ENV
                    + " or --es-password-file.")
    String user;

    @Option(names = "--es-password-file", paramLabel = "FILE", description = "The password of --es-user, in a file.")
    Path passwordFile;

    @Option(names = "--es-token-file", paramLabel = "FILE",
            description = "Bearer token authentication, the token in a file (or in $" + TOKEN_ENV + ").")
    Path tokenFile;

    @Option(names = "--es-cert", paramLabel = "FILE", description = "Client certificate (PEM), with --es-key.")
    Path cert;

    @Option(names = "--es-key", paramLabel = "FILE", description = "The client certificate's key (PEM, PKCS#8).")
    Path key;

    @Option(names = "--es-ca-cert", paramLabel = "FILE",
            description = "PEM certificate authorities to trust for an https server, besides the JDK's.")
    Path caCert;

    @Option(names = "--es-insecure", description = "Do not verify the server's TLS certificate (said on every use).")
    boolean insecure;

    @Option(names = "--index-dir", paramLabel = "DIR",
            description = "Write the documents as _bulk NDJSON, one file per metricName, into DIR (over"
                    + " indexing.indexDir).")
    Path dir;

    /** Where documents go by these options alone (commands without a campaign file). */
    IndexTarget target(PrintWriter err) {
        return target(IndexingSpec.none(), System.getenv(), err);
    }

    /**
     * Where documents go: each option over the campaign file's {@code indexing} block. Checked
     * before anything runs: a missing password file must not surface after a campaign of hours.
     *
     * @throws IllegalArgumentException with one line, for options that do not go together or
     *     files that cannot be read
     */
    IndexTarget target(IndexingSpec campaign, Map<String, String> env, PrintWriter err) {
        String url = server != null ? server : campaign.esServer();
        String name = index != null ? index : campaign.esIndex() != null ? campaign.esIndex() : IndexTarget.DEFAULT_INDEX;
        Path directory = dir != null ? dir : campaign.indexDir();
        String problem = IndexTarget.indexNameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException("--es-index: " + problem + " (got '" + name + "')");
        }
        if (url == null) {
            if (user != null || passwordFile != null || tokenFile != null || cert != null || key != null
                    || caCert != null || insecure) {
                throw new IllegalArgumentException("the --es-* credentials and TLS options go with --es-server (or"
                        + " indexing.esServer in the campaign file)");
            }
            return new IndexTarget(null, name, directory, new EsAuth.None(), null);
        }
        EsServer es = EsServer.parse(url, "--es-server");
        EsAuth auth = auth(es, env, err);
        boolean https = es.base().getScheme().equals("https");
        if (!https && (cert != null || caCert != null || insecure)) {
            throw new IllegalArgumentException("--es-cert, --es-ca-cert and --es-insecure go with an https:// server"
                    + " (got " + es.shown() + ")");
        }
        SSLContext tls = https ? EsTls.context(caCert, cert, key, insecure) : null;
        if (insecure) {
            err.println("kubens-bench: warning: --es-insecure: the certificate of " + es.shown() + " is not verified;"
                    + " anyone between here and there can read the documents and the credentials");
            err.flush();
        }
        return new IndexTarget(es, name, directory, auth, tls);
    }

    private EsAuth auth(EsServer es, Map<String, String> env, PrintWriter err) {
        String envToken = env.get(TOKEN_ENV);
        boolean token = tokenFile != null || envToken != null && !envToken.isEmpty() && user == null && es.user() == null;
        if (es.user() != null && user != null) {
            throw new IllegalArgumentException("--es-user does not go with a user in --es-server's URL: give one");
        }
        if (tokenFile != null && (user != null || es.user() != null)) {
            throw new IllegalArgumentException("--es-token-file does not go with a user (--es-user or the URL's):"
                    + " the server takes one or the other");
        }
        if (passwordFile != null && user == null) {
            throw new IllegalArgumentException("--es-password-file goes with --es-user");
        }
        if (es.user() != null) {
            if (es.hasPassword()) {
                err.println("kubens-bench: warning: the password in --es-server can be read by other users of this"
                        + " machine (ps); prefer --es-user with $" + PASSWORD_ENV + " or --es-password-file");
                err.flush();
                return new EsAuth.Basic(es.user(), es.password());
            }
            return new EsAuth.Basic(es.user(), password(env, "--es-server's user " + es.user()));
        }
        if (user != null) {
            return new EsAuth.Basic(user, password(env, "--es-user"));
        }
        if (token) {
            String t = tokenFile != null ? SecretFile.read(tokenFile, "--es-token-file") : envToken.strip();
            return new EsAuth.Bearer(t);
        }
        return new EsAuth.None();
    }

    private String password(Map<String, String> env, String who) {
        if (passwordFile != null) {
            return SecretFile.read(passwordFile, "--es-password-file");
        }
        String fromEnv = env.get(PASSWORD_ENV);
        if (fromEnv == null || fromEnv.isEmpty()) {
            throw new IllegalArgumentException(who + " needs a password: set $" + PASSWORD_ENV
                    + " or give --es-password-file FILE (never on the command line)");
        }
        return fromEnv;
    }

    /** What a command does to index once its results are written. */
    @FunctionalInterface
    interface Documents {
        List<IndexDocument> get() throws IOException;
    }

    /**
     * Indexes what {@code documents} gives into {@code target}, after the command wrote everything
     * else, and returns the command's exit code: {@code code} itself, or
     * {@value #INDEXING_FAILED} when indexing failed and the command had otherwise succeeded.
     * A failure is one line on stderr; the results directory is untouched.
     *
     * @param again how to index the same documents later, for the failure's line
     */
    /**
     * {@code run} and {@code observe}: the runs of a campaign that ended well (an interrupted one
     * is indexed when its resume ends it); {@code code} as it is otherwise.
     */
    static int indexRuns(int code, IndexTarget target, Path dir, PrintWriter err) {
        if (code != Main.OK) {
            return code;
        }
        return indexAfter(code, target, () -> new CampaignDocuments(CampaignDocuments.mapper()).runs(new ResultsDir(dir)),
                "index them with kubens-bench analyze " + dir + " and the same --es-* options", err);
    }

    static int indexAfter(int code, IndexTarget target, Documents documents, String again, PrintWriter err) {
        if (!target.enabled()) {
            return code;
        }
        JsonMapper json = CampaignDocuments.mapper();
        try {
            new Indexer(target.sinks(json, BulkSink.Backoff.standard())).index(documents.get(),
                    line -> err.println("kubens-bench: " + line));
            err.flush();
            return code;
        } catch (IndexingException e) {
            err.println("kubens-bench: error: " + Main.oneLine(e) + "; the results are written: " + again);
        } catch (IOException e) {
            err.println("kubens-bench: error: indexing failed: " + Main.oneLine(e));
        }
        err.flush();
        return code == Main.OK ? INDEXING_FAILED : code;
    }
}
