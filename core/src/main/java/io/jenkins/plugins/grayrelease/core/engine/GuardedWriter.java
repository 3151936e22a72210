package io.jenkins.plugins.grayrelease.core.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.SessionCache;
import io.jenkins.plugins.grayrelease.core.cluster.GuardRefusedException;
import io.jenkins.plugins.grayrelease.core.cluster.GuardedPatch;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;

/**
 * Builds and sends the guarded PATCH of a release's VirtualService, and keeps the session's
 * memory in step: what the server stored on success, nothing stale after a failure.
 */
final class GuardedWriter {

    private static final int HTTP_UNPROCESSABLE = 422;

    private final IstioResources istio;

    GuardedWriter(IstioResources istio) {
        this.istio = istio;
    }

    /**
     * The patch from {@code before} to {@code after}: guarded by the managed route and what it
     * changes when the target names its route; by the whole object's resourceVersion when the
     * route is found by the default rule (which looks at every route, so the plan depends on all of them).
     */
    static ArrayNode patch(ReleaseTarget target, ObjectNode before, ObjectNode after) {
        int managed = target.route() == null ? -1 : GuardedPatch.routeIndex(before, target.route());
        return GuardedPatch.routeScoped(before, after, managed);
    }

    /**
     * Sends {@code patch}. A 422 answer to a route-scoped patch is checked against a fresh read:
     * when a guard no longer holds, it is a {@link GuardRefusedException} (re-plan and retry);
     * otherwise the server refused the change itself and the 422 stands.
     *
     * @param cache the session's memory, or null
     * @return the object as stored
     */
    ObjectNode write(ReleaseTarget target, ArrayNode patch, SessionCache cache) {
        ObjectRef ref = target.virtualServiceRef();
        try {
            ObjectNode stored = istio.patch(IstioResources.VIRTUAL_SERVICE, target.namespace(), target.virtualService(), patch.toString());
            if (cache != null) {
                cache.stored(ref, stored);
            }
            return stored;
        } catch (KubernetesClientException e) {
            if (cache != null) {
                cache.forget(ref);
            }
            if (e.getCode() == HTTP_UNPROCESSABLE && GuardedPatch.isRouteScoped(patch)) {
                ObjectNode fresh = istio.get(IstioResources.VIRTUAL_SERVICE, target.namespace(), target.virtualService());
                if (fresh != null && !GuardedPatch.testsHold(patch, fresh)) {
                    if (cache != null) {
                        cache.refused(ref, fresh);
                    }
                    throw new GuardRefusedException(e);
                }
            }
            throw e;
        }
    }
}
