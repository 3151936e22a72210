package io.jenkins.plugins.grayrelease.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.grayrelease.core.errors.PrometheusQueryException.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import io.jenkins.plugins.grayrelease.core.errors.PrometheusQueryException;

/**
 * Transport behaviour a real Prometheus cannot be made to show on demand (a hung server, a
 * proxy answering HTML, the token header); a plain loopback HTTP server stands in.
 */
class PrometheusClientFailureTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(int status, String body, long delayMillis, AtomicReference<String> authorization) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void bearerTokenIsSentButNeverShownInMessages() throws IOException {
        AtomicReference<String> authorization = new AtomicReference<>();
        URI url = serve(401, "Unauthorized", 0, authorization);
        PrometheusClient client = new PrometheusClient(new PrometheusEndpoint(url, Duration.ofSeconds(5),
                Optional.of("s3cret")));

        assertThatThrownBy(() -> client.instantQuery("up", Instant.now()))
                .isInstanceOfSatisfying(PrometheusQueryException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
                    assertThat(e.getMessage()).contains("check the bearer token").doesNotContain("s3cret");
                });
        assertThat(authorization.get()).isEqualTo("Bearer s3cret");
    }

    @Test
    void slowServerTimesOutNamingTheQueryAndTheTimeout() throws IOException {
        URI url = serve(200, "{}", 3000, new AtomicReference<>());
        PrometheusClient client = new PrometheusClient(new PrometheusEndpoint(url, Duration.ofMillis(300),
                Optional.empty()));

        assertThatThrownBy(() -> client.instantQuery("up", Instant.now()))
                .isInstanceOfSatisfying(PrometheusQueryException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
                    assertThat(e.getMessage()).contains("`up`", url.toString(), "300ms");
                });
    }

    @Test
    void answerThatIsNotThePrometheusApiNamesTheUrlToCheckWithoutQuotingIt() throws IOException {
        URI url = serve(200, "<html>login</html>", 0, new AtomicReference<>());
        PrometheusClient client = new PrometheusClient(PrometheusEndpoint.of(url.toString()));

        assertThatThrownBy(() -> client.instantQuery("up", Instant.now()))
                .isInstanceOfSatisfying(PrometheusQueryException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE);
                    assertThat(e.getMessage()).contains("not a Prometheus API answer (18 characters, not shown)", "check that the url")
                            .doesNotContain("login");
                });
    }

    @Test
    void unreachableServerIsReportedAsSuchAndCountsAsInconclusive() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        PrometheusClient client = new PrometheusClient(PrometheusEndpoint.of("http://127.0.0.1:" + closedPort));

        assertThatThrownBy(() -> client.instantQuery("up", Instant.now()))
                .isInstanceOfSatisfying(PrometheusQueryException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE));
        MetricResult result = new MetricEvaluator(client).evaluate(new MetricCheck("up",
                new MetricQuery.Custom("up"), Duration.ofMinutes(1), Threshold.atLeast(1)),
                CanaryMetrics.context("v2"), Instant.now());
        assertThat(result.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(result.reason()).contains("cannot connect");
    }

    @Test
    void aRedirectIsNeverFollowedSoTheTokenStaysAndNothingIsReadBack() throws IOException {
        AtomicReference<String> elsewhere = new AtomicReference<>();
        URI target = serve(200, "{\"status\":\"error\",\"error\":\"AKIA-metadata-credentials\"}", 0, elsewhere);
        HttpServer redirecting = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        redirecting.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location", target + "/latest/meta-data");
            exchange.sendResponseHeaders(303, -1);
            exchange.close();
        });
        redirecting.start();
        try {
            PrometheusClient client = new PrometheusClient(new PrometheusEndpoint(
                    URI.create("http://127.0.0.1:" + redirecting.getAddress().getPort()), Duration.ofSeconds(5), Optional.of("s3cret")));

            assertThatThrownBy(() -> client.instantQuery("up", Instant.now()))
                    .isInstanceOfSatisfying(PrometheusQueryException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE);
                        assertThat(e.getMessage()).contains("HTTP 303, a redirect, which is never followed")
                                .doesNotContain("AKIA");
                    });
            assertThat(elsewhere.get()).isNull();
        } finally {
            redirecting.stop(0);
        }
    }

    @Test
    void anErrorFieldOutsideAPrometheusErrorEnvelopeIsNotQuoted() throws IOException {
        URI url = serve(500, "{\"error\":\"internal-secret\"}", 0, new AtomicReference<>());
        PrometheusClient client = new PrometheusClient(PrometheusEndpoint.of(url.toString()));

        assertThatThrownBy(() -> client.instantQuery("up", Instant.now()))
                .isInstanceOfSatisfying(PrometheusQueryException.class,
                        e -> assertThat(e.getMessage()).contains("HTTP 500").doesNotContain("internal-secret"));
    }

    @Test
    void aUrlWithUserAndPasswordIsRefusedWithoutQuotingThem() {
        assertThatThrownBy(() -> PrometheusEndpoint.of("http://admin:hunter2@127.0.0.1:9090"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not carry a user name or password")
                .hasMessageNotContaining("hunter2");
    }
}
