package io.jenkins.plugins.grayrelease.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Servers on the loopback interface that fail the way an unreachable API server does: a closed
 * port, a server that accepts connections and never answers, a TLS server whose certificate the
 * client must refuse. Nothing leaves the machine.
 */
public final class LoopbackServers {

    private LoopbackServers() {
    }

    /** A loopback port nothing listens on (bound, then closed again). */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Accepts connections, reads what comes and never answers; counts the connections. */
    public static final class Silent implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger connections = new AtomicInteger();
        private final List<Socket> open = new CopyOnWriteArrayList<>();

        public Silent() {
            try {
                socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread accepting = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        connections.incrementAndGet();
                        open.add(s);
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-api-server");
            accepting.setDaemon(true);
            accepting.start();
        }

        public String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        /** Connections accepted so far: one per attempt of a client that does not retry underneath. */
        public int connections() {
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }

    /**
     * A TLS server with a fresh self-signed certificate for {@code localhost} only (made by the
     * JDK's keytool), which completes handshakes and never answers requests.
     */
    public static final class Tls implements AutoCloseable {
        private final SSLServerSocket socket;
        private final String certificatePem;

        public Tls(Path dir) {
            try {
                Path store = dir.resolve("server.p12");
                keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                        "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                        "-storepass", "changeit", "-keypass", "changeit");
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(store)) {
                    keys.load(in, "changeit".toCharArray());
                }
                certificatePem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(
                        keys.getCertificate("server").getEncoded()) + "\n-----END CERTIFICATE-----\n";
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, "changeit".toCharArray());
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(kmf.getKeyManagers(), null, null);
                socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            Thread accepting = new Thread(this::serve, "tls-api-server");
            accepting.setDaemon(true);
            accepting.start();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try {
                    SSLSocket s = (SSLSocket) socket.accept();
                    Thread handshake = new Thread(() -> {
                        try (s) {
                            s.startHandshake();
                            s.getInputStream().read();
                        } catch (IOException refusedByTheClient) {
                            // The client is expected to refuse the certificate.
                        }
                    });
                    handshake.setDaemon(true);
                    handshake.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        public int port() {
            return socket.getLocalPort();
        }

        /** The certificate, base64 of its PEM form, as a kubeconfig's {@code certificate-authority-data}. */
        public String certificateAuthorityData() {
            return Base64.getEncoder().encodeToString(certificatePem.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }

        private static void keytool(String... args) throws IOException {
            List<String> command = new java.util.ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    throw new IOException("keytool failed: " + out);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while keytool ran", e);
            }
        }
    }
}
