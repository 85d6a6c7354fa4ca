package io.kubensbench.bench.index;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An OpenSearch or Elasticsearch server as {@code --es-server} names it, kube-burner's way:
 * {@code https://user:password@host:9200}, the credentials in the URL's user info optional.
 * Messages name {@link #shown()}, the URL without them, so a password never reaches a log.
 *
 * @param base        the URL without user info, without a trailing slash
 * @param user        the user of the URL's user info, or null
 * @param password    its password, or null
 */
public record EsServer(URI base, String user, String password) {

    /**
     * Parses {@code text}; a one-line {@link IllegalArgumentException} naming {@code option}
     * when it is not an http(s) URL with a host.
     */
    public static EsServer parse(String text, String option) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(option + ": not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(option + ": must be an http:// or https:// URL (got " + redacted(uri) + ")");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(option + ": names no host (got " + redacted(uri) + ")");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException(option + ": must not have a query or fragment (got " + redacted(uri) + ")");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        try {
            URI base = new URI(scheme + "://" + hostPort(uri) + path);
            return new EsServer(base, user, password);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(option + ": not a URL: " + e.getReason());
        }
    }

    /** Whether the URL's user info carried a password. */
    public boolean hasPassword() {
        return password != null;
    }

    /** The URL as messages show it: no user info. */
    public String shown() {
        return base.toString();
    }

    /** The URL of an endpoint of this server, such as {@code _bulk}. */
    public URI endpoint(String path) {
        return URI.create(base + "/" + path);
    }

    private static String hostPort(URI uri) {
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]"
                : uri.getHost();
        return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String redacted(URI uri) {
        return uri.getRawUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "***@");
    }
}
