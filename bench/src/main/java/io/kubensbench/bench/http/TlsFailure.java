package io.kubensbench.bench.http;

/**
 * Why a TLS handshake with a user's server (Prometheus, OpenSearch) failed, in words that name no
 * host and say which option fixes it: the JDK's messages name neither, and a private CA is the
 * usual cause on a lab or cluster network.
 */
public final class TlsFailure {

    private TlsFailure() {
    }

    /** The reason, without a "TLS:" prefix; {@code caOption} is the option that trusts a CA. */
    public static String explain(Throwable e, String caOption) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(' ').append(t.getMessage());
        }
        String said = all.toString();
        if (said.contains("PKIX") || said.contains("certification path")) {
            return "its certificate is not signed by an authority trusted here (trust its CA with " + caOption
                    + " FILE)";
        }
        if (said.contains("subject alternative") || said.contains("No name matching")) {
            return "its certificate does not name the host of the URL";
        }
        return "handshake failed (is it https? trust its CA with " + caOption + " FILE)";
    }
}
