package io.jenkins.plugins.grayrelease.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.RetryPolicy;
import io.jenkins.plugins.grayrelease.core.cluster.ConnectionFault;
import io.jenkins.plugins.grayrelease.core.errors.ApiUnreachableException;
import io.jenkins.plugins.grayrelease.core.errors.ClusterApiException;
import io.jenkins.plugins.grayrelease.core.errors.ConflictException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** The waits between attempts, with a scripted random source and a sleeper that only records. */
class RetryLoopTest {

    private static final ObjectRef VS = new ObjectRef("shop", "VirtualService", "reviews");
    private static final RetryPolicy POLICY = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(1000));

    private final List<Duration> slept = new ArrayList<>();

    @Test
    void eachWaitIsDrawnFromZeroToTheDoublingWindowCappedByMaxBackoff() {
        RetryLoop loop = new RetryLoop(POLICY, draws(0.0, 0.5, 0.9999999, 0.5, 0.5, 0.9999999), slept::add);

        assertThat(loop.backoff(1)).isEqualTo(Duration.ZERO);
        assertThat(loop.backoff(1)).isEqualTo(Duration.ofMillis(50));
        assertThat(loop.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(loop.backoff(3)).isEqualTo(Duration.ofMillis(200)); // window 400 ms
        assertThat(loop.backoff(5)).isEqualTo(Duration.ofMillis(500)); // window 1600 ms, capped at 1000
        assertThat(loop.backoff(30)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void writersThatCollidedTogetherWaitDifferentTimes() {
        RetryLoop loop = new RetryLoop(POLICY, new Random(42)::nextDouble, slept::add);
        Set<Duration> waits = new HashSet<>();
        for (int writer = 0; writer < 20; writer++) {
            waits.add(loop.backoff(3));
        }

        // Without jitter all 20 would wait exactly 400 ms and meet again.
        assertThat(waits).hasSizeGreaterThan(15)
                .allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(400)));
    }

    @Test
    void conflictsAreRetriedAfterJitteredWaitsAndReportedAfterTheBound() {
        RetryLoop loop = new RetryLoop(POLICY, draws(0.5, 0.5, 0.5, 0.5, 0.5), slept::add);
        int[] attempts = {0};

        assertThatThrownBy(() -> loop.run(VS, p -> {
            attempts[0]++;
            throw new KubernetesClientException("the object has been modified", 409, null);
        })).isInstanceOf(ConflictException.class).hasMessageContaining("shop/VirtualService/reviews");

        assertThat(attempts[0]).isEqualTo(6);
        assertThat(slept).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(400), Duration.ofMillis(500));
    }

    @Test
    void serverFaultsAreReportedAfterTheirOwnSmallerBoundWhileConflictsKeepTheirs() {
        RetryPolicy policy = new RetryPolicy(50, 3, Duration.ofMillis(10), Duration.ofMillis(100));
        RetryLoop loop = new RetryLoop(policy, () -> 0.5, slept::add);
        int[] attempts = {0};

        // Two conflicts first (others are making progress), then the server fails every time.
        assertThatThrownBy(() -> loop.run(VS, p -> {
            attempts[0]++;
            int code = attempts[0] <= 2 ? 409 : 503;
            throw new KubernetesClientException("failure " + attempts[0], code, null);
        })).isInstanceOf(ClusterApiException.class).isNotInstanceOf(ConflictException.class)
                .hasMessageContaining("shop/VirtualService/reviews")
                .hasMessageContaining("the API server failed on 3 attempts (last: 503");

        assertThat(attempts[0]).isEqualTo(5);
    }

    private final List<String> notices = new ArrayList<>();
    private final ServerContact contact = new ServerContact("https://127.0.0.1:6443", "kind-dev", Duration.ofSeconds(10), notices::add);

    /** What fabric8 throws when the HTTP client failed with {@code cause}: code -1, the cause wrapped in an IOException. */
    private static KubernetesClientException clientFailure(Throwable cause) {
        return new KubernetesClientException("Operation: [get]  for kind: [VirtualService]  failed.", new IOException(cause.getMessage(), cause));
    }

    @Test
    void anUnknownHostNameIsReportedAtOnceWhicheverWayTheHttpClientWrapsIt() {
        // No name is looked up: the failures are what the JDK client (UnresolvedAddressException
        // under a ConnectException) and vert.x or OkHttp (UnknownHostException) throw.
        ServerContact dev = new ServerContact("https://api.dev.invalid:6443", "dev", Duration.ofSeconds(10), notices::add);
        for (Throwable dns : List.of(new UnknownHostException("api.dev.invalid"),
                new ConnectException().initCause(new UnresolvedAddressException()))) {
            RetryLoop loop = new RetryLoop(POLICY, () -> 0.5, slept::add, dev);
            int[] attempts = {0};

            assertThatThrownBy(() -> loop.run(VS, p -> {
                attempts[0]++;
                throw clientFailure(dns);
            })).isInstanceOfSatisfying(ApiUnreachableException.class, e -> assertThat(e.fault()).isEqualTo(ConnectionFault.UNKNOWN_HOST))
                    .hasMessage("cannot reach the API server https://api.dev.invalid:6443 (context dev): host name not found."
                            + " Check the server address in the kubeconfig, and this machine's DNS or VPN");
            assertThat(attempts[0]).isEqualTo(1);
        }
        assertThat(notices).isEmpty();
    }

    @Test
    void onceTheServerHasAnsweredFaultsAreRetriedAndEachRetryIsAnnounced() {
        RetryLoop loop = new RetryLoop(POLICY, () -> 0.5, slept::add, contact);
        loop.run(VS, p -> "read");
        int[] attempts = {0};

        String result = loop.run(VS, p -> {
            if (++attempts[0] < 3) {
                throw clientFailure(new HttpTimeoutException("request timed out"));
            }
            return "written";
        });

        assertThat(result).isEqualTo("written");
        assertThat(notices).containsExactly(
                "the API server https://127.0.0.1:6443 (context kind-dev): no answer within 10 s; retrying (attempt 2 of 6)",
                "the API server https://127.0.0.1:6443 (context kind-dev): no answer within 10 s; retrying (attempt 3 of 6)");
    }

    @Test
    void anOperationThatPlannedAWriteKeepsRetryingARefusedConnectionAndSaysWhereItGaveUp() {
        RetryLoop loop = new RetryLoop(POLICY, () -> 0.5, slept::add, contact);
        int[] attempts = {0};

        assertThatThrownBy(() -> loop.run(VS, p -> {
            attempts[0]++;
            p.planned();
            throw clientFailure(new ConnectException("Connection refused"));
        })).isInstanceOf(ClusterApiException.class).isNotInstanceOf(ApiUnreachableException.class)
                .hasMessage("shop/VirtualService/reviews: the API server failed on 6 attempts (last: https://127.0.0.1:6443"
                        + " (context kind-dev): connection refused); the object is as the server last stored it."
                        + " Check the API server's health and run the operation again; it is safe to repeat");
        assertThat(attempts[0]).isEqualTo(6);
        assertThat(notices).hasSize(5).first().isEqualTo(
                "the API server https://127.0.0.1:6443 (context kind-dev): connection refused; retrying (attempt 2 of 6)");
    }

    @Test
    void aServerErrorIsAnnouncedWithTheAnswer() {
        RetryLoop loop = new RetryLoop(POLICY, () -> 0.5, slept::add, contact);
        int[] attempts = {0};

        loop.run(VS, p -> {
            if (++attempts[0] == 1) {
                throw new KubernetesClientException("etcdserver: request timed out", 500, null);
            }
            return "read";
        });

        assertThat(notices).containsExactly(
                "the API server https://127.0.0.1:6443 (context kind-dev) answered 500 (etcdserver: request timed out); retrying (attempt 2 of 6)");
    }

    private static DoubleSupplier draws(double... values) {
        Iterator<Double> it = java.util.Arrays.stream(values).iterator();
        return it::next;
    }
}
