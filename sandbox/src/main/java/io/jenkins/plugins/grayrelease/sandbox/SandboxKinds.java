package io.jenkins.plugins.grayrelease.sandbox;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import java.util.List;

/**
 * The custom resource kinds the sandbox serves. They are CRDs on a real cluster; the mock
 * server must be told their plural paths and scope, or it cannot store them.
 */
public final class SandboxKinds {

    public static final CustomResourceDefinitionContext VIRTUAL_SERVICE =
            kind("networking.istio.io", "VirtualService", "virtualservices");
    public static final CustomResourceDefinitionContext DESTINATION_RULE =
            kind("networking.istio.io", "DestinationRule", "destinationrules");
    public static final CustomResourceDefinitionContext HTTP_ROUTE =
            kind("gateway.networking.k8s.io", "HTTPRoute", "httproutes");

    static final List<CustomResourceDefinitionContext> ALL = List.of(VIRTUAL_SERVICE, DESTINATION_RULE, HTTP_ROUTE);

    private SandboxKinds() {
    }

    /** The kind of {@code apiVersion}/{@code kind}, or null when it is not a custom kind of the sandbox. */
    static CustomResourceDefinitionContext of(String apiVersion, String kind) {
        for (CustomResourceDefinitionContext k : ALL) {
            if (k.getKind().equals(kind) && (k.getGroup() + "/" + k.getVersion()).equals(apiVersion)) {
                return k;
            }
        }
        return null;
    }

    private static CustomResourceDefinitionContext kind(String group, String kind, String plural) {
        return new CustomResourceDefinitionContext.Builder().withGroup(group).withVersion("v1").withKind(kind)
                .withPlural(plural).withScope("Namespaced").build();
    }
}
