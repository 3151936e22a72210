package io.jenkins.plugins.grayrelease.core.cluster;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Why a request got no HTTP answer at all, read from the types in the exception's cause chain
 * (each HTTP client wraps them differently: the JDK's, vert.x, OkHttp), never from message text.
 */
public enum ConnectionFault {
    REFUSED("connection refused", "Is the API server running at that address? Check the context and the kubeconfig that name it"),
    UNKNOWN_HOST("host name not found", "Check the server address in the kubeconfig, and this machine's DNS or VPN"),
    UNREACHABLE_NETWORK("no route to the host", "Check the server address in the kubeconfig, and this machine's network or VPN"),
    TLS_UNTRUSTED("its TLS certificate is not trusted", "Check the kubeconfig's certificate-authority-data: it must hold the"
            + " certificate authority that signed the API server's certificate"),
    TLS_HOST_NAME("its TLS certificate is not issued for this host name", "Connect by a name the certificate lists (its subject"
            + " alternative names), or set tls-server-name in the kubeconfig"),
    TLS_EXPIRED("its TLS certificate has expired or is not valid yet", "Renew the API server's certificate, or correct this machine's clock"),
    TLS_HANDSHAKE("the TLS handshake failed", "Check that the address is the API server's HTTPS port, and the kubeconfig's client certificate"),
    TIMEOUT("no answer", "The server took the connection but did not answer: check the API server's health and that the address is its port"),
    DROPPED("the connection closed without an HTTP answer", "Check that the address is the API server's port, and http:// against https://");

    private final String problem;
    private final String hint;

    ConnectionFault(String problem, String hint) {
        this.problem = problem;
        this.hint = hint;
    }

    /** What went wrong, e.g. {@code connection refused}; a timeout names how long was waited. */
    public String describe(Duration waited) {
        return this == TIMEOUT && waited != null && !waited.isZero() ? "no answer within " + format(waited) : problem;
    }

    /** What the user can do about it. */
    public String hint() {
        return hint;
    }

    /**
     * The fault behind {@code failure}, or null when the chain holds none (the server answered, or
     * something else failed). The most telling type wins: a TLS or name problem is reported as
     * such although the client wraps it in a {@link ConnectException} or an {@link IOException}.
     */
    public static ConnectionFault of(Throwable failure) {
        ConnectionFault found = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            ConnectionFault here = ofOne(t);
            if (here != null && (found == null || PRIORITY.indexOf(here) < PRIORITY.indexOf(found))) {
                found = here;
            }
        }
        return found;
    }

    /** Most telling first: the JDK reports a refused connection as a ConnectException over a ClosedChannelException. */
    private static final List<ConnectionFault> PRIORITY = List.of(TLS_EXPIRED, TLS_UNTRUSTED, TLS_HOST_NAME, TLS_HANDSHAKE,
            UNKNOWN_HOST, UNREACHABLE_NETWORK, TIMEOUT, REFUSED, DROPPED);

    private static ConnectionFault ofOne(Throwable t) {
        if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
            return TLS_EXPIRED;
        }
        if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
            return TLS_UNTRUSTED;
        }
        // The JDK's host name check throws a plain CertificateException; OkHttp's, SSLPeerUnverifiedException.
        if (t instanceof SSLPeerUnverifiedException || t.getClass() == CertificateException.class) {
            return TLS_HOST_NAME;
        }
        if (t instanceof SSLException) {
            return TLS_HANDSHAKE;
        }
        if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
            return UNKNOWN_HOST;
        }
        if (t instanceof NoRouteToHostException) {
            return UNREACHABLE_NETWORK;
        }
        // HttpConnectTimeoutException is an HttpTimeoutException; OkHttp's is a SocketTimeoutException.
        if (t instanceof HttpTimeoutException || t instanceof InterruptedIOException || t instanceof TimeoutException) {
            return TIMEOUT;
        }
        if (t instanceof ConnectException) {
            return REFUSED;
        }
        if (t instanceof IOException) {
            return DROPPED;
        }
        return null;
    }

    private static String format(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
