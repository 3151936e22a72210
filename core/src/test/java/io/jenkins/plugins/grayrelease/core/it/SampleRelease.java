package io.jenkins.plugins.grayrelease.core.it;

import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;

/** The sample app installed in a fresh namespace, and the engine pointed at its v1 → v2 release. */
public record SampleRelease(RealApiServer server, String namespace, ReleaseTarget target, GrayRelease engine) {

    public static final Actor ACTOR = new Actor("integration-test", "core/it");

    public static SampleRelease install(RealApiServer server, String namespacePrefix) {
        String namespace = server.createNamespace(namespacePrefix);
        Variant.ADMIN_ROUTE.install(server.client(), namespace);
        ReleaseTarget target = ReleaseTarget.builder(namespace, Variant.ADMIN_ROUTE.service())
                .stableSubset("v1").canarySubset("v2").build();
        return new SampleRelease(server, namespace, target, new GrayRelease(server.client(), ACTOR));
    }

    public StoredRoutes stored() {
        return StoredRoutes.read(server.client(), namespace, Variant.ADMIN_ROUTE.service());
    }
}
