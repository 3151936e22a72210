package io.jenkins.plugins.grayrelease.core.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.SessionCache;
import io.jenkins.plugins.grayrelease.core.errors.GuardRefusedException;
import io.jenkins.plugins.grayrelease.core.cluster.GuardedPatch;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.core.cluster.RouteResources;
import io.jenkins.plugins.grayrelease.core.routing.TrafficRouter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Builds and sends the guarded PATCH of a release's routing object (VirtualService or HTTPRoute), and keeps the session's
 * memory in step: what the server stored on success, nothing stale after a failure.
 */
final class GuardedWriter {

    private static final int HTTP_UNPROCESSABLE = 422;
    /** What the fabric8 mock server answers to a JSON Patch it cannot apply. */
    private static final int HTTP_SERVER_ERROR = 500;

    /** Per API server and routing object (a handful in any JVM). */
    private static final Map<String, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final IstioResources istio;

    GuardedWriter(IstioResources istio) {
        this.istio = istio;
    }

    /**
     * The patch from {@code before} to {@code after}: guarded by the managed rule and what it
     * changes when the target names its rule; by the whole object's resourceVersion when the
     * rule is found by the default rule (which looks at every rule, so the plan depends on all of them).
     */
    static ArrayNode patch(ReleaseTarget target, ObjectNode before, ObjectNode after) {
        int managed = TrafficRouter.forKind(target.routeKind()).guardIndex(before, target.route());
        return GuardedPatch.routeScoped(before, after, managed, target.routeKind().rulesField());
    }

    /** A stored write: the object as the server stored it and the patch that did it. */
    record Written(ObjectNode stored, ArrayNode patch) {
    }

    /**
     * Sends the guarded patch from {@code before} to {@code after}. A 422 answer to a
     * route-scoped patch is checked against a fresh read: when a guard no longer holds, it is a
     * {@link GuardRefusedException} (re-plan and retry). When the guards hold, the server refused
     * either the change itself (the 422 stands) or a test for absence it does not understand
     * (the fabric8 mock server): a patch with such a test is sent once more with the
     * resourceVersion guard, which answers either way.
     *
     * @param cache the session's memory, or null
     */
    Written write(ReleaseTarget target, ObjectNode before, ObjectNode after, SessionCache cache) {
        ObjectRef ref = target.routingRef();
        ArrayNode patch = patch(target, before, after);
        try {
            return new Written(send(target, patch, cache), patch);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HTTP_UNPROCESSABLE && e.getCode() != HTTP_SERVER_ERROR) {
                throw e;
            }
            ObjectNode fresh = istio.get(RouteResources.of(target.routeKind()), target.routingNamespace(), target.routingName());
            if (!GuardedPatch.isRouteScoped(patch)) {
                // Planned from a copy that is no longer stored (a session's, or someone wrote in between): its operations
                // may not even apply to the stored object (a destination the other write removed), which the server
                // answers with 422 before it gets to the resourceVersion. A newer version means re-read and re-plan.
                if (fresh != null && !fresh.path("metadata").path("resourceVersion").equals(before.path("metadata").path("resourceVersion"))) {
                    if (cache != null) {
                        cache.refused(ref, fresh);
                    }
                    throw new GuardRefusedException(e);
                }
                throw e;
            }
            if (fresh != null && !GuardedPatch.testsHold(patch, fresh)) {
                if (cache != null) {
                    cache.refused(ref, fresh);
                }
                throw new GuardRefusedException(e);
            }
            if (!GuardedPatch.testsAbsence(patch)) {
                throw e;
            }
            ArrayNode whole = GuardedPatch.guarded(before, GuardedPatch.routeDiff(before, after, target.routeKind().rulesField()));
            return new Written(send(target, whole, cache), whole);
        }
    }

    private ObjectNode send(ReleaseTarget target, ArrayNode patch, SessionCache cache) {
        ObjectRef ref = target.routingRef();
        // One write per object at a time from this JVM: the API server applies concurrent patches of one
        // object by re-applying the losers to the newest version until their compare-and-swap wins, with no
        // backoff, so 20 local writers of one VirtualService would make it redo (admission, validation)
        // up to 20 times per stored write. Queued here, each write is applied once. Fair: no writer starves.
        ReentrantLock lock = LOCKS.computeIfAbsent(istio.server() + "|" + ref, k -> new ReentrantLock(true));
        lock.lock();
        try {
            // Strict for HTTPRoutes: the Gateway API grows fields by release, and an older CRD would drop ours in silence.
            ObjectNode stored = istio.patch(RouteResources.of(target.routeKind()), target.routingNamespace(), target.routingName(),
                    patch.toString(), target.routeKind() == io.jenkins.plugins.grayrelease.core.RouteKind.HTTP_ROUTE);
            if (cache != null) {
                cache.stored(ref, stored);
            }
            return stored;
        } catch (KubernetesClientException e) {
            if (cache != null) {
                cache.forget(ref);
            }
            throw e;
        } finally {
            lock.unlock();
        }
    }
}
