package io.jenkins.plugins.grayrelease.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.cluster.ClusterAccess;
import io.jenkins.plugins.grayrelease.core.cluster.ClusterConnector;
import io.jenkins.plugins.grayrelease.core.cluster.ConnectionFault;
import io.jenkins.plugins.grayrelease.core.errors.ApiUnreachableException;
import io.jenkins.plugins.grayrelease.core.testing.LoopbackServers;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 part 2: before a server has answered anything, a failure to reach it is reported after
 * one attempt, naming the server and the real cause. These failed on main, which tried eight
 * times and said "the API server failed on 8 attempts (last: no answer in time, ...)" for all of them.
 */
class UnreachableApiServerTest {

    private static final ReleaseTarget TARGET = ReleaseTarget.builder("shop", "reviews").build();
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    @TempDir
    Path dir;

    private static GrayRelease engine(ClusterAccess access) {
        KubernetesClient client = ClusterConnector.connect(access, TIMEOUT);
        return new GrayRelease(client, new Actor("alice", "grayctl"));
    }

    private static String kubeconfig(String server, String caData) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: dev
                  cluster: {server: '%s'%s}
                users:
                - name: alice
                  user: {token: not-a-secret}
                contexts:
                - name: kind-dev
                  context: {cluster: dev, user: alice, namespace: shop}
                current-context: kind-dev
                """.formatted(server, caData == null ? "" : ", certificate-authority-data: " + caData);
    }

    @Test
    void aRefusedConnectionIsReportedAtOnceWithTheServerAndTheCause() {
        String url = "http://127.0.0.1:" + LoopbackServers.closedPort();
        GrayRelease engine = engine(ClusterAccess.kubeconfigData(kubeconfig(url, null), null, null));

        assertThatThrownBy(() -> engine.status(TARGET)).isInstanceOfSatisfying(ApiUnreachableException.class, e -> {
            assertThat(e.fault()).isEqualTo(ConnectionFault.REFUSED);
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.object()).isNull();
        }).hasMessage("cannot reach the API server " + url + " (context kind-dev): connection refused. Is the API server"
                + " running at that address? Check the context and the kubeconfig that name it");
    }

    @Test
    void aServerThatNeverAnswersIsReportedAfterOneAttempt() throws Exception {
        try (LoopbackServers.Silent silent = new LoopbackServers.Silent()) {
            GrayRelease engine = engine(ClusterAccess.token(silent.url(), "not-a-secret", "shop"));

            assertThatThrownBy(() -> engine.status(TARGET)).isInstanceOfSatisfying(ApiUnreachableException.class, e -> {
                assertThat(e.fault()).isEqualTo(ConnectionFault.TIMEOUT);
                assertThat(e.attempts()).isEqualTo(1);
            }).hasMessage("cannot reach the API server " + silent.url() + ": no answer within 500 ms. The server took the"
                    + " connection but did not answer: check the API server's health and that the address is its port");
            assertThat(silent.connections()).as("one attempt, one connection").isEqualTo(1);
        }
    }

    @Test
    void anUntrustedCertificateIsReportedAsSuch() throws Exception {
        try (LoopbackServers.Tls tls = new LoopbackServers.Tls(dir)) {
            String url = "https://localhost:" + tls.port();
            GrayRelease engine = engine(ClusterAccess.kubeconfigData(kubeconfig(url, null), null, null));

            assertThatThrownBy(() -> engine.status(TARGET))
                    .isInstanceOfSatisfying(ApiUnreachableException.class, e -> assertThat(e.fault()).isEqualTo(ConnectionFault.TLS_UNTRUSTED))
                    .hasMessage("cannot reach the API server " + url + " (context kind-dev): its TLS certificate is not trusted."
                            + " Check the kubeconfig's certificate-authority-data: it must hold the certificate authority that"
                            + " signed the API server's certificate");
        }
    }

    @Test
    void aCertificateForAnotherHostNameIsReportedAsSuch() throws Exception {
        try (LoopbackServers.Tls tls = new LoopbackServers.Tls(dir)) {
            // The certificate names localhost only; the client trusts it but connects by address.
            String url = "https://127.0.0.1:" + tls.port();
            GrayRelease engine = engine(ClusterAccess.kubeconfigData(kubeconfig(url, tls.certificateAuthorityData()), null, null));

            assertThatThrownBy(() -> engine.status(TARGET))
                    .isInstanceOfSatisfying(ApiUnreachableException.class, e -> assertThat(e.fault()).isEqualTo(ConnectionFault.TLS_HOST_NAME))
                    .hasMessage("cannot reach the API server " + url + " (context kind-dev): its TLS certificate is not issued"
                            + " for this host name. Connect by a name the certificate lists (its subject alternative names),"
                            + " or set tls-server-name in the kubeconfig");
        }
    }
}
