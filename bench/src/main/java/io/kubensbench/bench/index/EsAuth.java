package io.kubensbench.bench.index;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How requests to the server authenticate: HTTP basic (a user and password), a bearer token,
 * or nothing (a client certificate, or an open server). Its string form never shows a secret.
 */
public sealed interface EsAuth {

    /** The {@code Authorization} header, when there is one. */
    Optional<String> header();

    /** No header: an open server, or a client certificate. */
    record None() implements EsAuth {
        @Override
        public Optional<String> header() {
            return Optional.empty();
        }
    }

    /** HTTP basic authentication, as kube-burner sends the user info of its URL. */
    record Basic(String user, String password) implements EsAuth {
        @Override
        public Optional<String> header() {
            return Optional.of("Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String toString() {
            return "Basic[user=" + user + "]";
        }
    }

    /** A bearer token (an OpenSearch JWT, an Elasticsearch service token). */
    record Bearer(String token) implements EsAuth {
        @Override
        public Optional<String> header() {
            return Optional.of("Bearer " + token);
        }

        @Override
        public String toString() {
            return "Bearer[***]";
        }
    }
}
