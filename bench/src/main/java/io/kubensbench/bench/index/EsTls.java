package io.kubensbench.bench.index;

import io.kubensbench.bench.http.TrustedCertificates;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS a server is reached with: verification on, against the JDK's authorities plus a
 * private CA ({@code --es-ca-cert}); a client certificate ({@code --es-cert}, {@code --es-key},
 * PEM) when the server authenticates by certificate; or, only when asked with
 * {@code --es-insecure}, no verification at all (neither the chain nor the host name).
 */
public final class EsTls {

    private EsTls() {
    }

    /**
     * @param caCert PEM certificates to trust besides the JDK's, or null
     * @param cert   PEM client certificate chain, or null
     * @param key    its PEM (PKCS#8) private key; required with {@code cert}
     * @param insecure verify nothing
     * @throws IllegalArgumentException with one line naming the option, for a file that cannot be used
     */
    public static SSLContext context(Path caCert, Path cert, Path key, boolean insecure) {
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException(cert == null ? "--es-key needs --es-cert" : "--es-cert needs --es-key");
        }
        if (insecure && caCert != null) {
            throw new IllegalArgumentException("--es-insecure does not go with --es-ca-cert: either verify against"
                    + " the CA or not at all");
        }
        KeyManager[] keys = cert == null ? null : keyManagers(cert, key);
        if (insecure) {
            try {
                SSLContext ssl = SSLContext.getInstance("TLS");
                ssl.init(keys, new TrustManager[] {new TrustingEverything()}, null);
                return ssl;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
            }
        }
        List<X509Certificate> added = caCert == null ? List.of() : TrustedCertificates.file(caCert, "--es-ca-cert");
        return TrustedCertificates.context(added, keys);
    }

    private static KeyManager[] keyManagers(Path cert, Path key) {
        List<X509Certificate> chain = TrustedCertificates.file(cert, "--es-cert");
        PrivateKey privateKey = privateKey(key);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", privateKey, new char[0], chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, new char[0]);
            return kmf.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("--es-key " + key + ": does not go with --es-cert " + cert + " ("
                    + e.getMessage() + ")");
        }
    }

    private static PrivateKey privateKey(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--es-key " + file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("--es-key " + file + ": cannot be read (" + e.getMessage() + ")");
        }
        String begin = "-----BEGIN PRIVATE KEY-----";
        int start = pem.indexOf(begin);
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < start) {
            String hint = pem.contains("-----BEGIN RSA PRIVATE KEY-----") || pem.contains("-----BEGIN EC PRIVATE KEY-----")
                    || pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")
                    ? "; convert it with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem" : "";
            throw new IllegalArgumentException("--es-key " + file + ": holds no unencrypted PKCS#8 PEM key (BEGIN"
                    + " PRIVATE KEY)" + hint);
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new IllegalArgumentException("--es-key " + file + ": not an RSA, EC or Ed25519 key");
    }

    /** What {@code --es-insecure} asks for: every chain accepted, and with it every host name. */
    private static final class TrustingEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
