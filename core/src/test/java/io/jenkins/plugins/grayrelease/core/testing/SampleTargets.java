package io.jenkins.plugins.grayrelease.core.testing;

import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;

/**
 * The releases of the sandbox's sample application ({@link Variant}) in the engine's terms: the
 * sandbox holds only the objects, since it must not depend on the engine.
 */
public final class SampleTargets {

    /** The stable side of {@link Variant#HTTP_ROUTE}: Service {@code reviews-stable}. */
    public static final Destination HTTP_ROUTE_STABLE = Destination.host("reviews-stable");
    /** The canary side of {@link Variant#HTTP_ROUTE}: Service {@code reviews-canary}. */
    public static final Destination HTTP_ROUTE_CANARY = Destination.host("reviews-canary");

    private SampleTargets() {
    }

    /** {@link Variant#SUBSETS}: reviews in shop, stable subset v1, canary subset v2. */
    public static ReleaseTarget reviews() {
        return ReleaseTarget.builder(Variant.SUBSETS.namespace(), Variant.SUBSETS.service())
                .stableSubset("v1").canarySubset("v2").build();
    }

    /**
     * A rollout plan's YAML releasing {@link #reviews()} on its managed route {@code primary}:
     * the {@code target} line, then {@code steps} as given (the {@code steps:} section and
     * anything after it).
     */
    public static String plan(String steps) {
        return "target: {namespace: shop, service: reviews, route: primary, stable: v1, canary: v2}\n" + steps;
    }

    /** {@link Variant#TWO_HOSTS}: checkout in shop, stable and canary as two hosts. */
    public static ReleaseTarget checkout() {
        return ReleaseTarget.builder(Variant.TWO_HOSTS.namespace(), Variant.TWO_HOSTS.service())
                .stable(Destination.host("checkout-stable.shop.svc.cluster.local"))
                .canary(Destination.host("checkout-canary.shop.svc.cluster.local")).build();
    }

    /** {@link Variant#HTTP_ROUTE} installed in {@code namespace}: the release of its {@code main} rule. */
    public static ReleaseTarget httpRoute(String namespace) {
        return ReleaseTarget.builder(namespace, Variant.HTTP_ROUTE.service()).httpRoute(Variant.HTTP_ROUTE.service()).route("main")
                .stable(HTTP_ROUTE_STABLE).canary(HTTP_ROUTE_CANARY).build();
    }
}
