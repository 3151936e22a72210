package io.jenkins.plugins.grayrelease.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.errors.ReleaseStoppedException;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.sandbox.SandboxKinds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Issue #19, part 1, on a real API server: writers shifting a release forward race one rollback.
 * Every stored version is watched: once the rollback is stored, no later version may send the
 * canary traffic again, and each writer's next forward move is refused naming who rolled back.
 */
@ApiServerTest
class RollbackRaceTest {

    private static final int WRITERS = 4;

    @Test
    void noWriterRePlansOverARollbackStoredWhileItWasShifting(RealApiServer server) throws Exception {
        SampleRelease release = SampleRelease.install(server, "rollback-race");
        GrayRelease alice = new GrayRelease(server.client(), new Actor("alice", "build 41"));
        alice.setWeight(release.target(), 1, WriteOptions.defaults());
        String from = release.stored().resourceVersion();
        List<StoredRoutes> versions = new CopyOnWriteArrayList<>();
        Watch watch = server.client().genericKubernetesResources(SandboxKinds.VIRTUAL_SERVICE).inNamespace(release.namespace())
                .withName("reviews").watch(new ListOptionsBuilder().withResourceVersion(from).build(), new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, GenericKubernetesResource vs) {
                        versions.add(StoredRoutes.of(server.client(), vs));
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                });
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        CountDownLatch someShifted = new CountDownLatch(WRITERS * 3);
        List<Future<String>> writers = new ArrayList<>();
        try {
            for (int w = 0; w < WRITERS; w++) {
                // Each writer a session of its own (a build, a grayctl rollout), each read the release before the rollback.
                GrayRelease session = new GrayRelease(server.client(), new Actor("writer-" + w, "build " + (42 + w))).session();
                session.status(release.target());
                writers.add(pool.submit(() -> shiftUntilRefused(session, release, someShifted)));
            }
            someShifted.await();
            GrayRelease bob = new GrayRelease(server.client(), new Actor("bob", "grayctl"));
            pool.submit(() -> bob.rollback(release.target(), WriteOptions.defaults())).get();

            for (Future<String> writer : writers) {
                assertThat(writer.get()).startsWith(release.target().routingRef() + ": rolled back by bob at ")
                        .contains("(grayctl) after this session read the release; refusing setWeight");
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> !versions.isEmpty()
                    && versions.get(versions.size() - 1).resourceVersion().equals(release.stored().resourceVersion()));
        } finally {
            pool.shutdownNow();
            watch.close();
        }
        int rolledBackAt = -1;
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).weight("primary", "v2") == 0 && rolledBackAt < 0) {
                rolledBackAt = i;
            }
        }
        assertThat(rolledBackAt).as("the rollback is among the stored versions").isPositive();
        List<StoredRoutes> after = versions.subList(rolledBackAt, versions.size());
        assertThat(after).as("versions stored after the rollback").allSatisfy(v -> assertThat(v.weight("primary", "v2")).isZero());
        assertThat(release.engine().status(release.target()).phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(release.engine().status(release.target()).lastChange().by()).isEqualTo("bob");
        System.out.printf("%d writers racing one rollback: %d versions stored before it, %d after (all at stable)%n",
                WRITERS, rolledBackAt, after.size() - 1);
    }

    /** Shifts 2, 3, … until the engine refuses; returns the refusal's message. */
    private static String shiftUntilRefused(GrayRelease session, SampleRelease release, CountDownLatch shifted) {
        for (int weight = 2; weight < 100; weight++) {
            try {
                session.setWeight(release.target(), weight, WriteOptions.defaults());
                shifted.countDown();
                // Leaves the rollback room among the writers' queued patches; the race stays (nothing waits for it).
                Thread.sleep(20);
            } catch (ReleaseStoppedException e) {
                return e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("the writer reached 99 % without meeting the rollback");
    }
}
