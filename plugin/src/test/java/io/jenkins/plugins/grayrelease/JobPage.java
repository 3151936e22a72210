package io.jenkins.plugins.grayrelease;

import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jvnet.hudson.test.JenkinsRule;

/** The job's Gray Release page as tests read it, and an API server that never answers. */
final class JobPage {

    static final String READING = "Reading the cluster…";

    private JobPage() {
    }

    /** The page's text once the cluster was read (the page reads in the background; this reloads until then). */
    static String afterReading(JenkinsRule.WebClient wc, WorkflowJob job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            String text = now(wc, job);
            if (!text.contains(READING) || System.nanoTime() > deadline) {
                return text;
            }
            Thread.sleep(100);
        }
    }

    /**
     * The page's text as rendered now, by the server alone: JavaScript is switched off, so the
     * page's own reload and HtmlUnit's trouble with Jenkins' header script do not interfere.
     */
    static String now(JenkinsRule.WebClient wc, WorkflowJob job) throws Exception {
        wc.getOptions().setJavaScriptEnabled(false);
        return wc.goTo(job.getUrl() + GrayReleaseAction.URL_NAME + "/").asNormalizedText();
    }

    /** A port on 127.0.0.1 that accepts connections and never answers: a hanging API server. */
    static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        SilentServer() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(socket.accept());
                    }
                } catch (IOException closed) {
                    // close() ends the loop
                }
            }, "silent API server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + socket.getLocalPort();
        }

        /** Connections accepted so far; none is ever answered or closed by this side. */
        int connections() {
            return accepted.size();
        }

        /** Connections the client has not closed yet (a read still waiting for its answer). */
        long openConnections() {
            return accepted.stream().filter(SilentServer::isOpen).count();
        }

        private static boolean isOpen(Socket s) {
            try {
                s.setSoTimeout(1);
                return s.getInputStream().read() != -1; // a byte of the unanswered request, or end of stream
            } catch (SocketTimeoutException nothingToRead) {
                return true;
            } catch (IOException closed) {
                return false;
            }
        }

        void awaitConnections(int n, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (accepted.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}
