package io.jenkins.plugins.grayrelease.core.state;

import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.RouteKind;

/**
 * One release record as found on a routing object, for listing what a namespace (or the cluster)
 * has under way or has finished: which object and route, and the record itself.
 *
 * @param kind    the routing object's kind (VirtualService or HTTPRoute)
 * @param namespace the routing object's namespace
 * @param name    the routing object's name (by default the service's)
 * @param route   the managed route's name, or null for an unnamed route
 * @param state   the record, or null when the annotation cannot be read
 * @param problem why there is no usable record, or null
 */
public record RecordedRelease(RouteKind kind, String namespace, String name, String route, ReleaseState state, String problem) {

    public ObjectRef ref() {
        return kind.ref(namespace, name);
    }
}
