package io.jenkins.plugins.grayrelease.core.cluster;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.grayrelease.core.RouteKind;

/**
 * The resource context of each kind of routing object, for {@link IstioResources}' generic reads
 * and patches: group, version, kind and plural are explicit, so no API discovery request is needed
 * and no typed model drops a field it does not know.
 */
public final class RouteResources {

    private RouteResources() {
    }

    public static ResourceDefinitionContext of(RouteKind kind) {
        return switch (kind) {
            case VIRTUAL_SERVICE -> IstioResources.VIRTUAL_SERVICE;
            case HTTP_ROUTE -> new ResourceDefinitionContext.Builder().withGroup(kind.group()).withVersion(kind.version())
                    .withKind(kind.kind()).withPlural(kind.plural()).withNamespaced(true).build();
        };
    }
}
