package io.jenkins.plugins.grayrelease.core.engine;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.concurrent.atomic.AtomicReference;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.grayrelease.core.cluster.RouteResources;
import io.jenkins.plugins.grayrelease.core.cluster.WatchRefusal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A release's status, told again whenever it changes: woken by watches on the routing object, the
 * namespace's Deployments and its pods, never by polling. Plain watches (the {@code watch} verb
 * alone), not informers: a watcher needs no right to list the routing objects of a namespace. A burst of events
 * (a rollout touches a Deployment and several pods) is read once, after a short settling time,
 * and only a status different from the last one told is told.
 */
final class StatusWatch {

    /** Events closer together than this are one change: at most a few reads a second, however busy the namespace. */
    static final Duration SETTLE = Duration.ofMillis(200);

    private final KubernetesClient client;

    StatusWatch(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Tells the status now and after every change until {@code bound} has passed (null: until the
     * thread is interrupted, e.g. by Ctrl-C).
     *
     * @param read reads the status (with workloads) from the cluster
     */
    void watch(ReleaseTarget target, Supplier<ReleaseStatus> read, Consumer<ReleaseStatus> onChange, Duration bound) {
        Semaphore changed = new Semaphore(0);
        AtomicReference<WatcherException> closed = new AtomicReference<>();
        List<Watch> watches = new ArrayList<>();
        try {
            var routing = RouteResources.of(target.routeKind());
            try {
                watches.add(client.genericKubernetesResources(routing).inNamespace(target.routingNamespace())
                        .withName(target.routingName()).watch(new Wake<>(changed, closed)));
            } catch (KubernetesClientException e) {
                throw WatchRefusal.named(e, routing.getGroup(), routing.getPlural(), target.routingNamespace());
            }
            try {
                watches.add(client.apps().deployments().inNamespace(target.namespace()).watch(new Wake<>(changed, closed)));
            } catch (KubernetesClientException e) {
                throw WatchRefusal.named(e, "apps", "deployments", target.namespace());
            }
            try {
                watches.add(client.pods().inNamespace(target.namespace()).watch(new Wake<>(changed, closed)));
            } catch (KubernetesClientException e) {
                throw WatchRefusal.named(e, "", "pods", target.namespace());
            }
            long end = bound == null ? Long.MAX_VALUE : System.nanoTime() + bound.toNanos();
            ReleaseStatus told = null;
            while (true) {
                changed.drainPermits();
                if (closed.get() != null) {
                    // The server ended a watch for good (e.g. 410 Gone after a long while): say so rather than go quiet.
                    throw closed.get().asClientException();
                }
                ReleaseStatus now = read.get();
                if (!Objects.equals(withoutVersion(now), withoutVersion(told))) {
                    onChange.accept(now);
                    told = now;
                }
                long left = end - System.nanoTime();
                if (left <= 0 || !changed.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                    return;
                }
                Thread.sleep(SETTLE.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            watches.forEach(Watch::close);
        }
    }

    /** A write that changes nothing people see (another route's annotation) still moves the resourceVersion. */
    private static ReleaseStatus withoutVersion(ReleaseStatus s) {
        return s == null ? null : new ReleaseStatus(s.namespace(), s.service(), s.routeKind(), s.routingObject(), s.route(), s.stable(),
                s.canary(), s.weights(), s.testers(), s.mirrorPercent(), s.state(), s.stateProblem(), s.drift(), null, s.workloads());
    }

    /** Any event wakes the loop, which then reads the status once; a watch closed by the server ends it. */
    private record Wake<T>(Semaphore changed, AtomicReference<WatcherException> closed) implements Watcher<T> {
        @Override
        public void eventReceived(Action action, T resource) {
            changed.release();
        }

        @Override
        public void onClose(WatcherException cause) {
            closed.compareAndSet(null, cause);
            changed.release();
        }
    }
}
