package io.jenkins.plugins.grayrelease.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.jenkins.plugins.grayrelease.core.cluster.ClusterAccess;
import io.jenkins.plugins.grayrelease.core.cluster.ClusterConnector;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutListener;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutRunner;
import io.jenkins.plugins.grayrelease.core.rollout.ScriptedGate;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import io.jenkins.plugins.grayrelease.core.rollout.plan.Step;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A rollout while the API server or etcd goes away: kube-apiserver killed between two steps and
 * during a write, then started again on the same etcd; etcd killed for a few seconds. The runner
 * either rides it out within its retry bound or stops with an error naming the step and the
 * object; running the plan again resumes and completes it; the VirtualService is then valid and
 * the recorded state matches it. Its own server (not the shared one): the test kills processes.
 */
@Tag("apiserver")
class ApiServerRestartTest {

    private static final Duration DOWN = Duration.ofSeconds(3);

    static RealApiServer server;
    static ServerProcesses processes;

    @BeforeAll
    static void startOwnServer() {
        server = RealApiServer.start();
        processes = server.processes();
    }

    @AfterAll
    static void stopOwnServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static RolloutPlan plan(String namespace) {
        return new PlanParser().parse("""
                name: restart
                target: {namespace: %s, service: %s, stable: v1, canary: v2}
                steps:
                  - setWeight: 10
                  - setWeight: 30
                  - setWeight: 60
                """.formatted(namespace, Variant.ADMIN_ROUTE.service()), "plan.yaml");
    }

    /** A client configured as grayctl and Jenkins configure theirs (fabric8's own retries off), with an optional interceptor. */
    private static KubernetesClient client(Interceptor interceptor) {
        Config config = ClusterConnector.config(ClusterAccess.local(server.kubeconfig().toString(), null, null));
        return new KubernetesClientBuilder().withConfig(config).withHttpClientBuilderConsumer(h -> {
            if (interceptor != null) {
                h.addOrReplaceInterceptor("restart", interceptor);
            }
        }).build();
    }

    @Test
    void apiServerKilledBetweenTwoSteps() throws Exception {
        String namespace = server.createNamespace("restart-between");
        Variant.ADMIN_ROUTE.install(server.client(), namespace);
        RolloutListener killAfterFirstStep = new RolloutListener() {
            @Override
            public void stepFinished(int index, Step step) {
                if (index == 0) {
                    restartLater(processes.killApiServer(), true);
                }
            }
        };
        runThroughOutage(namespace, killAfterFirstStep, null, "kube-apiserver killed after step 1");
    }

    @Test
    void apiServerKilledDuringAWrite() throws Exception {
        String namespace = server.createNamespace("restart-during");
        Variant.ADMIN_ROUTE.install(server.client(), namespace);
        AtomicInteger patches = new AtomicInteger();
        Interceptor killOnSecondShift = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                // PATCHes: step 1 running, weight 10, step 1 done, step 2 running, weight 30 <- cut this one
                if ("PATCH".equals(request.method()) && patches.incrementAndGet() == 5) {
                    CompletableFuture.runAsync(() -> {
                        sleep(Duration.ofMillis(5)); // the request is on its way (or just stored) when the server dies
                        restartLater(processes.killApiServer(), true);
                    });
                }
            }
        };
        runThroughOutage(namespace, null, killOnSecondShift, "kube-apiserver killed during the second shift");
    }

    @Test
    void etcdStoppedForAFewSeconds() throws Exception {
        String namespace = server.createNamespace("restart-etcd");
        Variant.ADMIN_ROUTE.install(server.client(), namespace);
        RolloutListener killAfterFirstStep = new RolloutListener() {
            @Override
            public void stepFinished(int index, Step step) {
                if (index == 0) {
                    restartLater(processes.killEtcd(), false);
                }
            }
        };
        runThroughOutage(namespace, killAfterFirstStep, null, "etcd killed after step 1");
    }

    private void runThroughOutage(String namespace, RolloutListener listener, Interceptor interceptor, String what) {
        RolloutPlan plan = plan(namespace);
        RolloutResult first;
        try (KubernetesClient client = client(interceptor)) {
            GrayRelease engine = new GrayRelease(client, SampleRelease.ACTOR);
            first = new RolloutRunner(engine, new ScriptedGate(), listener == null ? new RolloutListener() { } : listener,
                    RolloutRunner.Settings.defaults()).run(plan);
        }
        System.out.printf("%s: first run %s: %s%n", what, first.outcome(), first.message());
        awaitReady();
        if (first.outcome() != RolloutResult.Outcome.PROMOTED) {
            assertThat(first.outcome()).isEqualTo(RolloutResult.Outcome.FAILED);
            assertThat(first.message()).as("names the step and the object")
                    .containsPattern("step [23]").contains(namespace + "/VirtualService/" + Variant.ADMIN_ROUTE.service());
            try (KubernetesClient client = client(null)) {
                RolloutResult resumed = new RolloutRunner(new GrayRelease(client, SampleRelease.ACTOR), new ScriptedGate(),
                        new RolloutListener() { }, RolloutRunner.Settings.defaults()).run(plan);
                System.out.printf("%s: resumed run %s: %s%n", what, resumed.outcome(), resumed.message());
                assertThat(resumed.outcome()).isEqualTo(RolloutResult.Outcome.PROMOTED);
            }
        }
        ReleaseStatus status = new GrayRelease(server.client(), SampleRelease.ACTOR)
                .status(ReleaseTarget.builder(namespace, Variant.ADMIN_ROUTE.service()).build());
        assertThat(status.phase()).isEqualTo(Phase.PROMOTED);
        assertThat(status.drift()).as("recorded state matches the routes").isEmpty();
        assertThat(status.weights().stable()).isEqualTo(100);
        assertThat(status.stable().subset()).isEqualTo("v2");
        IstioValidator.IstioValidation validation = new IstioValidator(server.binaries().istioValidator(), server.client())
                .validateStored(namespace);
        assertThat(validation.errors()).as(validation.output()).isEmpty();
    }

    private static void restartLater(List<String> command, boolean apiServer) {
        Instant killed = Instant.now();
        CompletableFuture.runAsync(() -> {
            sleep(DOWN);
            if (apiServer) {
                processes.startApiServer(command);
            } else {
                processes.startEtcd(command);
            }
            System.out.printf("%s started again after %d ms%n", apiServer ? "kube-apiserver" : "etcd",
                    Duration.between(killed, Instant.now()).toMillis());
        });
    }

    /** Until the API server answers a read again (kube-apiserver starts in seconds; etcd is reconnected to). */
    private static void awaitReady() {
        Awaitility.await("the API server answering reads again").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> server.client().namespaces().withName("default").get() != null);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
