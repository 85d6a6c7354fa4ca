package io.kubensbench.workloads.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URL;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The one line a user reads when an API call fails, for each kind of failure. */
class ApiErrorsTest {

    private static final String MACHINE_CONFIGS = "machineconfigs.machineconfiguration.openshift.io (cluster-scoped)";
    private static final URL SERVER = url("https://api.lab.example:6443/");

    @Test
    void rejectedCredentialsAskToLogInAgain() {
        assertThat(explain(status(401, "Unauthorized"), "list", "pods").getMessage())
                .isEqualTo("unauthorized: the kubeconfig's credentials were rejected (log in again)");
    }

    @Test
    void aMissingPermissionIsNamedWithItsVerbAndResourceAndWhoLacksIt() {
        String denial = "machineconfigs.machineconfiguration.openshift.io is forbidden:"
                + " User \"dev\" cannot create resource \"machineconfigs\" in API group"
                + " \"machineconfiguration.openshift.io\" at the cluster scope";
        IOException explained = explain(status(403, denial), "create", MACHINE_CONFIGS);

        assertThat(explained).isInstanceOf(ClusterAccessException.class);
        assertThat(explained.getMessage()).isEqualTo(
                "forbidden: you need permission to create machineconfigs.machineconfiguration.openshift.io"
                        + " (cluster-scoped): " + denial);
        assertThat(explain(status(403, "Forbidden"), "delete", "pods in namespace kubens-bench").getMessage())
                .as("a message that only repeats the status adds nothing")
                .isEqualTo("forbidden: you need permission to delete pods in namespace kubens-bench");
    }

    @Test
    void anAdmissionDenialKeepsTheServersReason() {
        IOException explained = explain(status(403, "admission webhook \"no-pods.example.com\" denied the"
                + " request: no pods on Fridays"), "create", "Pod bench/kb-r1-0");

        assertThat(explained).isInstanceOf(ClusterAccessException.class);
        assertThat(explained.getMessage()).isEqualTo("forbidden: the cluster refused to create Pod bench/kb-r1-0:"
                + " admission webhook \"no-pods.example.com\" denied the request: no pods on Fridays");
    }

    @Test
    void notFoundNamesTheResourceAndWhatTheServerAddsToIt() {
        assertThat(explain(status(404, "the server could not find the requested resource"), "get",
                "namespaces/kubens-bench").getMessage())
                .isEqualTo("namespaces/kubens-bench not found: the server could not find the requested resource");
        assertThat(explain(status(404, "namespaces \"kubens-bench\" not found"), "get", "namespaces/kubens-bench")
                .getMessage()).isEqualTo("namespaces/kubens-bench not found");
    }

    @Test
    void failuresOtherThanAccessAreFailedRuns() {
        assertThat(explain(status(409, "exists"), "create", "nodes")).isNotInstanceOf(ClusterAccessException.class);
        assertThat(explain(status(500, "boom"), "create", "nodes")).isNotInstanceOf(ClusterAccessException.class);
        assertThat(explain(status(401, "Unauthorized"), "list", "pods")).isInstanceOf(ClusterAccessException.class);
    }

    @Test
    void anInterruptedCallIsAnInterruptNotAFailure() {
        KubernetesClientException e = new KubernetesClientException("interrupted", new InterruptedException());

        assertThat(explain(e, "list", "pods")).isInstanceOf(java.io.InterruptedIOException.class)
                .hasMessage("list pods interrupted");
        assertThatThrownBy(() -> ApiErrors.failure(e, "list", "pods")).isInstanceOf(InterruptedException.class)
                .hasMessage("list pods interrupted");
    }

    @Test
    void otherErrorsGiveCodeVerbResourceAndTheServersMessage() {
        assertThat(explain(status(409, "MachineConfig '99-kubens-worker' already exists"), "create", MACHINE_CONFIGS)
                .getMessage()).isEqualTo("API error 409 on create " + MACHINE_CONFIGS
                + ": MachineConfig '99-kubens-worker' already exists");
        assertThat(explain(new KubernetesClientException("Internal error", 500, null), "list", "nodes").getMessage())
                .isEqualTo("API error 500 on list nodes: Internal error");
    }

    @Test
    void aRefusedConnectionNamesTheServer() {
        // What fabric8 over the JDK's HTTP client throws: code -1, no message anywhere in the chain.
        KubernetesClientException e = network(new IOException(null, new ConnectException(null) {
            {
                initCause(new ClosedChannelException());
            }
        }));
        assertThat(ApiErrors.explain(e, "get", MACHINE_CONFIGS, SERVER)).isInstanceOf(ClusterAccessException.class);
        assertThat(ApiErrors.explain(e, "get", MACHINE_CONFIGS, SERVER).getMessage())
                .isEqualTo("cannot reach the API server at https://api.lab.example:6443: connection refused");
        assertThat(explain(e, "get", MACHINE_CONFIGS).getMessage())
                .isEqualTo("cannot reach the API server: connection refused");
    }

    @Test
    void anUnknownHostATimeoutAndABadCertificateAreConnectionFailuresToo() {
        KubernetesClientException unresolved = network(new IOException(null, new ConnectException(null) {
            {
                initCause(new UnresolvedAddressException());
            }
        }));
        assertThat(ApiErrors.explain(unresolved, "get", "nodes", SERVER).getMessage())
                .isEqualTo("cannot reach the API server at https://api.lab.example:6443: unknown host api.lab.example");
        assertThat(ApiErrors.explain(network(new UnknownHostException("api.lab.example")), "get", "nodes", SERVER)
                .getMessage()).endsWith(": unknown host api.lab.example");
        assertThat(ApiErrors.explain(network(new HttpTimeoutException("request timed out")), "get", "nodes", SERVER)
                .getMessage()).isEqualTo("cannot reach the API server at https://api.lab.example:6443: timed out");
        assertThat(ApiErrors.explain(network(new IOException("x", new SSLHandshakeException("PKIX path building"
                + " failed"))), "get", "nodes", SERVER).getMessage()).isEqualTo("cannot reach the API server at"
                + " https://api.lab.example:6443: TLS handshake failed (PKIX path building failed)");
    }

    @Test
    void aCodeZeroFailureThatIsNotAboutTheNetworkIsReportedAsIs() {
        KubernetesClientException e = new KubernetesClientException("could not parse the response", null, 0, null, null);
        assertThat(explain(e, "list", "nodes").getMessage()).isEqualTo("list nodes failed: could not parse the response");
    }

    @Test
    void theOriginalFailureIsKeptForVerboseOutput() {
        KubernetesClientException e = status(403, "no");
        assertThat(explain(e, "get", "nodes")).hasCause(e).hasMessageNotContaining("\n");
    }

    private static IOException explain(KubernetesClientException e, String verb, String resource) {
        return ApiErrors.explain(e, verb, resource);
    }

    private static KubernetesClientException status(int code, String message) {
        Status status = new StatusBuilder().withCode(code).withMessage(message).withStatus("Failure").build();
        return new KubernetesClientException("Failure executing: GET. Message: " + message, code, status);
    }

    private static KubernetesClientException network(Throwable cause) {
        return new KubernetesClientException("Operation: [get]  for kind: [Node]  failed.", cause, -1, null, null);
    }

    private static URL url(String text) {
        try {
            return java.net.URI.create(text).toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
