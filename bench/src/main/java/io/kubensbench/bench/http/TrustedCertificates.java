package io.kubensbench.bench.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities a user's https server (Prometheus, OpenSearch) is checked
 * against: the JDK's own and any added (a CA file the user names, the kubeconfig's cluster CA). Verification stays on: an
 * OpenShift route is served with the ingress certificate, which only its cluster's CA signs.
 */
public final class TrustedCertificates {

    private TrustedCertificates() {
    }

    /** A TLS context trusting the JDK's authorities and {@code added}. */
    public static SSLContext context(List<X509Certificate> added) {
        return context(added, null);
    }

    /** The same, presenting the client certificate of {@code keys} (null for none) when the server asks for one. */
    public static SSLContext context(List<X509Certificate> added, KeyManager[] keys) {
        try {
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (TrustManager tm : jdk.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) {
                        store.setCertificateEntry("jdk-" + i++, c);
                    }
                }
            }
            for (X509Certificate c : added) {
                store.setCertificateEntry("added-" + i++, c);
            }
            TrustManagerFactory all = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            all.init(store);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(keys, all.getTrustManagers(), null);
            return ssl;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * The certificates of a PEM file; a missing, unreadable or certificate-less file is a
     * one-line {@link IllegalArgumentException} naming {@code what} (the option or field).
     */
    public static List<X509Certificate> file(Path file, String what) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(what + " " + file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " " + file + ": cannot be read (" + e.getMessage() + ")");
        }
        List<X509Certificate> certs = parse(bytes);
        if (certs.isEmpty()) {
            throw new IllegalArgumentException(what + " " + file + ": holds no PEM certificate");
        }
        return certs;
    }

    /** The certificates of base64-encoded PEM data (a kubeconfig's certificate-authority-data); empty when none. */
    public static List<X509Certificate> base64(String data) {
        try {
            return parse(Base64.getMimeDecoder().decode(data));
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** The certificates in PEM bytes; empty when there are none or they do not parse. */
    public static List<X509Certificate> parse(byte[] pem) {
        try (InputStream in = new ByteArrayInputStream(pem)) {
            Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            read.forEach(c -> out.add((X509Certificate) c));
            return out;
        } catch (CertificateException | IOException e) {
            return List.of();
        }
    }
}
